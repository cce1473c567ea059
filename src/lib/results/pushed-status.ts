import type * as Y from 'yjs';

/**
 * The workshop status the server pushes through the control document (`control.status`), read
 * tolerantly: anything but a known status string counts as not pushed. The full reading belongs to
 * `readControl` once it carries `status`; this keeps the live page independent of that.
 */
export type PushedStatus = 'draft' | 'live' | 'closed';

export function readPushedStatus(doc: Y.Doc): PushedStatus | null {
	const status = doc.getMap('control').get('status');
	return status === 'draft' || status === 'live' || status === 'closed' ? status : null;
}
