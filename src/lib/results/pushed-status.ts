import type * as Y from 'yjs';

/**
 * The workshop status the server pushes through the control document (`control.status`), read
 * tolerantly: anything but a known status string counts as not pushed. Shared by the live page and the
 * sync server (which refuses writes to a closed workshop's documents).
 */
export type PushedStatus = 'draft' | 'live' | 'closed';

export function readPushedStatus(doc: Y.Doc): PushedStatus | null {
	const status = doc.getMap('control').get('status');
	return status === 'draft' || status === 'live' || status === 'closed' ? status : null;
}

/** The server's push (server-only key: the sync policy refuses anyone else's write to it). */
export function pushStatus(doc: Y.Doc, status: PushedStatus): void {
	if (readPushedStatus(doc) !== status) doc.getMap('control').set('status', status);
}
