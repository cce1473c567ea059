import type { Awareness } from 'y-protocols/awareness';

/** What a caret shows about a person: always a name to print and a safe colour. */
export interface CaretUser {
	name: string;
	/** Validated `#rrggbb`; `color` is the spelling y-prosemirror's caret code reads. */
	color: string;
}

// Dark enough for the white caret label (5.7:1); the presence list's #888888 is not.
const fallbackColour = '#666666';
const maxNameLength = 40;

/**
 * The presence entry of one person as a caret may show it. Peers send whatever they like, so the name
 * is cut to the length the presence list uses, a missing name becomes `anonymousName`, and anything
 * but a 6-digit hex colour becomes grey (it ends up in a style attribute).
 */
export function readCaretUser(user: unknown, anonymousName: string): CaretUser {
	const u = (typeof user === 'object' && user !== null ? user : {}) as Record<string, unknown>;
	const name = typeof u.name === 'string' ? u.name.trim().slice(0, maxNameLength) : '';
	const colour = typeof u.colour === 'string' && /^#[0-9a-f]{6}$/i.test(u.colour) ? u.colour : null;
	return { name: name || anonymousName, color: colour ?? fallbackColour };
}

function isIdJson(value: unknown): boolean {
	if (value === undefined || value === null) return true;
	const id = value as Record<string, unknown>;
	return typeof id === 'object' && Number.isInteger(id.client) && Number.isInteger(id.clock);
}

/** Shape of `Y.relativePositionToJSON` output, checked before Yjs decodes it. */
function isRelativePositionJson(value: unknown): boolean {
	if (typeof value !== 'object' || value === null) return false;
	const pos = value as Record<string, unknown>;
	return (
		isIdJson(pos.type) &&
		isIdJson(pos.item) &&
		(pos.tname === undefined || pos.tname === null || typeof pos.tname === 'string') &&
		(pos.assoc === undefined || Number.isInteger(pos.assoc))
	);
}

function readCursor(cursor: unknown): unknown {
	if (typeof cursor !== 'object' || cursor === null) return null;
	const { anchor, head } = cursor as Record<string, unknown>;
	return isRelativePositionJson(anchor) && isRelativePositionJson(head) ? { anchor, head } : null;
}

type AwarenessState = Record<string, unknown>;

/**
 * The awareness as the caret plugin (y-prosemirror's cursor plugin inside Tiptap's
 * CollaborationCaret) gets to see it. Two reasons for this layer:
 *
 * - That plugin writes defaults into the peers' state objects it reads (`user.name = "User: 123"`,
 *   `user.color`). The awareness is shared with the presence list and other features, which would then
 *   show an anonymous person under a made-up name. Here it only ever gets copies.
 * - Peer data is checked before it is rendered: names and colours as above, and malformed cursor
 *   positions are dropped instead of reaching Yjs' decoder.
 *
 * Writes (`setLocalStateField` for `user` and `cursor`) go straight to the real awareness, one field at
 * a time, so fields other features set stay untouched.
 */
export function createCaretAwareness(awareness: Awareness, anonymousName: () => string) {
	const readStates = (): Map<number, AwarenessState> => {
		const copies = new Map<number, AwarenessState>();
		awareness.getStates().forEach((state, clientId) => {
			if (typeof state !== 'object' || state === null) return;
			copies.set(clientId, {
				user: readCaretUser(state.user, anonymousName()),
				cursor: readCursor(state.cursor)
			});
		});
		return copies;
	};
	return {
		get clientID(): number {
			return awareness.clientID;
		},
		get states(): Map<number, AwarenessState> {
			return readStates();
		},
		getStates: readStates,
		getLocalState: () => awareness.getLocalState(),
		setLocalStateField: (field: string, value: unknown) =>
			awareness.setLocalStateField(field, value),
		on: (name: 'change' | 'update', listener: (...args: unknown[]) => void) =>
			awareness.on(name, listener),
		off: (name: 'change' | 'update', listener: (...args: unknown[]) => void) =>
			awareness.off(name, listener)
	};
}
