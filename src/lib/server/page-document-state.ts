import { encodeBase64 } from '@oslojs/encoding';
import * as Y from 'yjs';
import type { LiveDocuments } from './live-documents';

/**
 * Above this a document's state stays off the page: the page would grow by a third more (base64)
 * than the connection's own sync would send, and a big wall is slow to show either way.
 */
export const maxPageStateBytes = 128 * 1024;

/**
 * A live document's state as the server has it now, to send with the page (base64 Yjs update), or
 * null when it is too big. The page shows the document with it at once; its connection then brings
 * only what changed since. Why: a browser opens one WebSocket to a host at a time (RFC 6455 §4.1),
 * each handshake a full round trip, so on a slow network (bench:join, Fast 3G: ~560 ms each) the
 * second and third document of a page waited for the first. Only for documents the person reading
 * the page may open anyway: the same access rule guards the page and the WebSocket upgrade.
 */
export function documentStateForPage(
	documents: LiveDocuments,
	name: string
): Promise<string | null> {
	return documents.read(name, (doc) => {
		const update = Y.encodeStateAsUpdate(doc);
		return update.byteLength <= maxPageStateBytes ? encodeBase64(update) : null;
	});
}
