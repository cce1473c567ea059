import { error, type RequestEvent } from '@sveltejs/kit';
import { translate, type MessageKey } from '../../i18n';

/**
 * The one reader of JSON request bodies, for the API and the live workshop's endpoints alike.
 *
 * Bodies must be `application/json`. Besides being the contract, this keeps cookie-authenticated
 * writes safe from cross-site forms: a browser sends JSON cross-origin only after a CORS preflight,
 * which this server never grants, and SvelteKit's origin check covers the form content types.
 *
 * The largest body any JSON endpoint takes (a measure with every text at its limit and a hundred
 * links) is about 40 KB; 128 KB leaves room without letting a caller make the server parse a
 * megabyte (the limit every non-import route has, see hooks.server.ts).
 */
export const jsonBodyLimit = 128 * 1024;

/** Stable codes per refusal, for the API's `{ error: { code } }`. */
export const jsonBodyErrors = {
	400: 'invalid_json',
	413: 'body_too_large',
	415: 'unsupported_media_type'
} as const;
export type JsonBodyStatus = keyof typeof jsonBodyErrors;

/**
 * The body as an object, or a refusal with a plain message in the asker's language: 415 for
 * another content type, 413 above `limit` bytes (said by Content-Length or counted while
 * reading), 400 for anything that is not a JSON object. The refusal is SvelteKit's `error()`, so
 * it answers `{ message }` as JSON; the API turns it into its own error shape (see `apiRoute`).
 */
export async function readJsonBody(
	event: RequestEvent,
	{ limit = jsonBodyLimit } = {}
): Promise<Record<string, unknown>> {
	const refuse = (status: JsonBodyStatus, key: MessageKey, params?: Record<string, number>) =>
		error(status, translate(event.locals.locale, key, params, event.locals.simpleLanguage));
	const { headers } = event.request;
	if (!/^application\/json\s*(;|$)/i.test(headers.get('content-type') ?? ''))
		return refuse(415, 'api.jsonOnly');
	const tooLarge = () => refuse(413, 'api.bodyTooLarge', { kb: Math.floor(limit / 1024) });
	if (Number(headers.get('content-length') ?? 0) > limit) return tooLarge();
	const bytes = await readAtMost(event.request, limit);
	if (!bytes) return tooLarge();
	let body: unknown;
	try {
		body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
	} catch {
		return refuse(400, 'api.invalidJson');
	}
	if (!body || typeof body !== 'object' || Array.isArray(body))
		return refuse(400, 'api.invalidJson');
	return body as Record<string, unknown>;
}

/** The body's bytes, or null as soon as more than `limit` arrive: a stated length can lie. */
async function readAtMost(request: Request, limit: number): Promise<Uint8Array | null> {
	if (!request.body) return new Uint8Array(0);
	const chunks: Uint8Array[] = [];
	let size = 0;
	const reader = request.body.getReader();
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > limit) {
			await reader.cancel();
			return null;
		}
		chunks.push(value);
	}
	const bytes = new Uint8Array(size);
	let at = 0;
	for (const chunk of chunks) {
		bytes.set(chunk, at);
		at += chunk.byteLength;
	}
	return bytes;
}
