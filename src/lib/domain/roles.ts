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
 * workshop. `kind` is the part of the document name after the workshop id.
 */
export function documentAccess(
	actor: Actor | null,
	workshopId: string,
	kind: string
): DocumentAccess {
	if (!actor) return null;
	if (actor.kind === 'guest' && actor.workshopId !== workshopId) return null;
	const writer =
		actor.kind === 'staff' ? can(actor, 'workshop.manage') : actor.role === 'participant';
	const reader = actor.kind === 'guest' || can(actor, 'workshop.view');
	switch (kind) {
		case 'content':
			return writer ? 'write' : reader ? 'read' : null;
		case 'control':
			return actor.kind === 'staff' && can(actor, 'workshop.manage')
				? 'write'
				: reader
					? 'read'
					: null;
		default:
			return null;
	}
}
