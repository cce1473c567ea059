/**
 * Names of a workshop's live documents (DESIGN.md §5): `<workshop>/content`, `<workshop>/control`
 * and one `<workshop>/private/<participant>` per participant for private drafts.
 * Shared by browser and sync server; the server refuses every other name.
 */
export const documentKinds = ['content', 'control', 'private'] as const;
export type DocumentKind = (typeof documentKinds)[number];

export interface DocumentRef {
	workshopId: string;
	kind: DocumentKind;
	/** The participant a private document belongs to; null for shared documents. */
	owner: string | null;
}

export function documentName(workshopId: string, kind: Exclude<DocumentKind, 'private'>): string {
	return `${workshopId}/${kind}`;
}

export function privateDocumentName(workshopId: string, participantId: string): string {
	return `${workshopId}/private/${participantId}`;
}

export function parseDocumentName(name: string): DocumentRef | null {
	const match = /^([a-z0-9]{1,40})\/(content|control|private\/([a-z0-9]{1,40}))$/.exec(name);
	if (!match) return null;
	if (match[3]) return { workshopId: match[1], kind: 'private', owner: match[3] };
	return { workshopId: match[1], kind: match[2] as DocumentKind, owner: null };
}

/** WebSocket close codes. 4400–4499 tell the stock client not to retry; 4500+ to retry. */
export const closeCodes = {
	malformed: 4400,
	unauthenticated: 4401,
	forbidden: 4403,
	/** The workshop was closed: nothing more is written; the page shows the results. */
	workshopClosed: 4410,
	notFound: 4404,
	/** The document would pass its size limit; the edit is not stored. */
	tooLarge: 4413,
	tooManyConnections: 4429,
	flooding: 4430,
	storeUnavailable: 4500,
	serverRestart: 4503,
	fellBehind: 4508,
	/** Content an update built on never arrived: reconnect and sync from the start. */
	resyncNeeded: 4509,
	roomFull: 4529
} as const;

/**
 * Message type of the "saved" acknowledgement: the server's stored state vector after a commit.
 * Sent only to clients that ask for it (`?saved=1`), so the stock client never sees an unknown type.
 */
export const messageSaved = 100;
