/**
 * Pages and JSON leave the server compressed. The district overview is mostly SVG path text (542
 * Planungsräume ≈ 0.5 MB of HTML) that brotli shrinks to a fraction; adapter-node compresses only
 * the prebuilt static files, never what SvelteKit renders. Each chunk is flushed as it comes, so a
 * streamed page still arrives piece by piece. Types that are streamed as progress (NDJSON) or are
 * compressed already (images, PDF, ZIP) pass through unchanged.
 */
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { constants, createBrotliCompress, createGzip } from 'node:zlib';
import type { Handle } from '@sveltejs/kit';

const compressible =
	/^(text\/(html|css|plain|csv|javascript|xml)|application\/(json|geo\+json|javascript|xml|manifest\+json)|image\/svg\+xml)\b/i;
/** Below this, the headers cost more than compression saves. */
const minBytes = 1024;

/** br when the client takes it (all current browsers), else gzip, else none; q=0 means "not this". */
export function chooseEncoding(acceptEncoding: string | null): 'br' | 'gzip' | null {
	if (!acceptEncoding) return null;
	const accepted = new Map<string, number>();
	for (const part of acceptEncoding.split(',')) {
		const [name, ...params] = part.trim().toLowerCase().split(';');
		const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
		accepted.set(name.trim(), q === undefined ? 1 : Number(q));
	}
	const wants = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
	if (wants('br')) return 'br';
	if (wants('gzip')) return 'gzip';
	return null;
}

export function shouldCompress(request: Request, response: Response): boolean {
	if (request.method === 'HEAD' || !response.body) return false;
	if ([101, 204, 206, 304].includes(response.status)) return false;
	if (response.headers.has('content-encoding')) return false;
	if (!compressible.test(response.headers.get('content-type') ?? '')) return false;
	if (/no-transform/i.test(response.headers.get('cache-control') ?? '')) return false;
	const length = Number(response.headers.get('content-length') ?? Number.NaN);
	return !(Number.isFinite(length) && length < minBytes);
}

export const compressResponses: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const encoding = chooseEncoding(event.request.headers.get('accept-encoding'));
	const vary = compressible.test(response.headers.get('content-type') ?? '');
	if (!encoding || !shouldCompress(event.request, response)) {
		if (vary && !response.headers.has('content-encoding')) {
			try {
				response.headers.append('vary', 'Accept-Encoding');
			} catch {
				// Immutable headers (a fetched response passed through): leave them.
			}
		}
		return response;
	}
	// Quality 5 is brotli's sweet spot for responses made per request: near gzip's speed, ~20 % smaller.
	const compressor =
		encoding === 'br'
			? createBrotliCompress({
					flush: constants.BROTLI_OPERATION_FLUSH,
					params: {
						[constants.BROTLI_PARAM_QUALITY]: 5,
						[constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT
					}
				})
			: createGzip({ level: 6, flush: constants.Z_SYNC_FLUSH });
	const source = Readable.fromWeb(response.body as unknown as NodeReadableStream<Uint8Array>);
	source.on('error', (error) => compressor.destroy(error));
	const headers = new Headers(response.headers);
	headers.delete('content-length');
	headers.set('content-encoding', encoding);
	headers.append('vary', 'Accept-Encoding');
	return new Response(Readable.toWeb(source.pipe(compressor)) as unknown as ReadableStream, {
		status: response.status,
		statusText: response.statusText,
		headers
	});
};
