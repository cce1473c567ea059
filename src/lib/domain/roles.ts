/** Staff roles (accounts) and guest roles (invite links). Pure: shared by app and sync server. */
export const staffRoles = ['admin', 'facilitator', 'planner'] as const;
export type StaffRole = (typeof staffRoles)[number];

export const guestRoles = ['participant', 'observer'] as const;
export type GuestRole = (typeof guestRoles)[number];

export type Actor =
	| { kind: 'staff'; userId: string; name: string; role: StaffRole }
	| {
			kind: 'guest';
			participantId: string;
			workshopId: string;
			displayName: string | null;
			role: GuestRole;
	  };

export function isStaffRole(value: unknown): value is StaffRole {
	return staffRoles.includes(value as StaffRole);
}

export function isGuestRole(value: unknown): value is GuestRole {
	return guestRoles.includes(value as GuestRole);
}

/**
 * Everything a server action may do, and who may do it. Every action and the WebSocket upgrade ask
 * here; the UI only mirrors it.
 */
const permissions = {
	'staff.manage': ['admin'],
	'workshop.create': ['admin', 'facilitator'],
	'workshop.manage': ['admin', 'facilitator'],
	'workshop.view': ['admin', 'facilitator', 'planner'],
	/** DSGVO: removing a participant's name later (facilitators and planners alike). */
	'workshop.privacy': ['admin', 'facilitator', 'planner'],
	/** Deleting a workshop with everything it holds; leaves an audit record. */
	'workshop.delete': ['admin', 'planner'],
	/** Districts, indicators, goals, measures and the register: everyone on staff reads them. */
	'planning.view': ['admin', 'facilitator', 'planner'],
	/** Imports, goals, measures, controlling and API tokens are the planners' work. */
	'planning.manage': ['admin', 'planner'],
	/** Progress reports: planners own controlling; facilitators report on what their workshops agreed. */
	'measures.report': ['admin', 'planner', 'facilitator'],
	/** Making API tokens (a token acts as its maker, so only those who may change the register). */
	'measures.api': ['admin', 'planner']
} as const satisfies Record<string, readonly StaffRole[]>;

export type Permission = keyof typeof permissions;

export function can(actor: Actor | null, permission: Permission): boolean {
	if (actor?.kind !== 'staff') return false;
	return (permissions[permission] as readonly StaffRole[]).includes(actor.role);
}

export type DocumentAccess = 'write' | 'read' | null;

/**
 * Who may open which live document of a workshop (DESIGN.md §5). Guests reach only their own
 * workshop. A private document belongs to one participant alone: not even the facilitator reads
 * it, so anonymous drafts stay unlinkable until the server publishes them. A closed workshop is
 * read-only for everyone.
 */
export function documentAccess(
	actor: Actor | null,
	workshopId: string,
	kind: string,
	{ owner = null, closed = false }: { owner?: string | null; closed?: boolean } = {}
): DocumentAccess {
	if (!actor) return null;
	if (actor.kind === 'guest' && actor.workshopId !== workshopId) return null;
	const access = openAccess(actor, kind, owner);
	return closed && access === 'write' ? 'read' : access;
}

function openAccess(actor: Actor, kind: string, owner: string | null): DocumentAccess {
	const facilitator = actor.kind === 'staff' && can(actor, 'workshop.manage');
	const writer = facilitator || (actor.kind === 'guest' && actor.role === 'participant');
	const reader = actor.kind === 'guest' || can(actor, 'workshop.view');
	switch (kind) {
		case 'content':
			return writer ? 'write' : reader ? 'read' : null;
		case 'control':
			return facilitator ? 'write' : reader ? 'read' : null;
		case 'private':
			return actor.kind === 'guest' && actor.role === 'participant' && actor.participantId === owner
				? 'write'
				: null;
		default:
			return null;
	}
}

/**
 * Who writes, as the sync engine records it for each Yjs client id (`doc_clients.owner`): the same
 * person across sessions and devices.
 */
export function writerKey(
	actor: { kind: 'staff'; userId: string } | { kind: 'guest'; participantId: string }
): string {
	return actor.kind === 'staff' ? `user:${actor.userId}` : `participant:${actor.participantId}`;
}
