import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { expect, test } from 'vitest';
import type { RequestEvent } from '@sveltejs/kit';
import { chooseEncoding, compressResponses } from './compress-responses';

const html = `<!doctype html><svg>${'<path d="M1 2 3 4 5 6Z"/>'.repeat(2000)}</svg>`;

async function run(accept: string | null, response: Response, method = 'GET') {
	const headers = new Headers(accept === null ? {} : { 'accept-encoding': accept });
	const event = { request: new Request('http://localhost/districts', { method, headers }) };
	return compressResponses({
		event: event as unknown as RequestEvent,
		resolve: async () => response
	});
}

test('brotli is preferred, gzip next, q=0 refuses one', () => {
	expect(chooseEncoding('gzip, deflate, br, zstd')).toBe('br');
	expect(chooseEncoding('gzip, br;q=0')).toBe('gzip');
	expect(chooseEncoding('identity')).toBeNull();
	expect(chooseEncoding(null)).toBeNull();
	expect(chooseEncoding('*')).toBe('br');
});

test('an HTML page comes back brotli-compressed, much smaller, and decodes to the same text', async () => {
	const answer = await run(
		'gzip, deflate, br',
		new Response(html, { headers: { 'content-type': 'text/html', 'content-length': '99999' } })
	);
	expect(answer.headers.get('content-encoding')).toBe('br');
	expect(answer.headers.get('content-length')).toBeNull();
	expect(answer.headers.get('vary')).toContain('Accept-Encoding');
	const bytes = Buffer.from(await answer.arrayBuffer());
	expect(bytes.length).toBeLessThan(html.length / 10);
	expect(brotliDecompressSync(bytes).toString()).toBe(html);
});

test('gzip for clients without brotli; JSON and GeoJSON too', async () => {
	const answer = await run(
		'gzip',
		new Response(html, { headers: { 'content-type': 'application/geo+json; charset=utf-8' } })
	);
	expect(answer.headers.get('content-encoding')).toBe('gzip');
	expect(gunzipSync(Buffer.from(await answer.arrayBuffer())).toString()).toBe(html);
});

test('small answers, progress streams, HEAD requests and clients without compression pass through', async () => {
	const small = await run(
		'br',
		new Response('ok', { headers: { 'content-type': 'text/html', 'content-length': '2' } })
	);
	expect(small.headers.get('content-encoding')).toBeNull();
	const progress = await run(
		'br',
		new Response(html, { headers: { 'content-type': 'application/x-ndjson' } })
	);
	expect(progress.headers.get('content-encoding')).toBeNull();
	const head = await run(
		'br',
		new Response(html, { headers: { 'content-type': 'text/html' } }),
		'HEAD'
	);
	expect(head.headers.get('content-encoding')).toBeNull();
	const plain = await run(null, new Response(html, { headers: { 'content-type': 'text/html' } }));
	expect(plain.headers.get('content-encoding')).toBeNull();
	expect(await plain.text()).toBe(html);
});
