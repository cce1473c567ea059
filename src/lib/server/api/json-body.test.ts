import type { RequestEvent } from '@sveltejs/kit';
import { describe, expect, test } from 'vitest';
import { apiRoute } from './http';
import { jsonBodyLimit, readJsonBody } from './json-body';

/** What the reader sees of a request: the request itself and the asker's language. */
function eventFor(
	body: BodyInit | null,
	headers: Record<string, string> = { 'content-type': 'application/json' },
	actor: App.Locals['actor'] = null
): RequestEvent {
	const request = new Request('http://localhost/api/v1/measures', {
		method: 'POST',
		headers,
		body,
		...(body instanceof ReadableStream ? { duplex: 'half' } : {})
	} as RequestInit);
	return { request, locals: { locale: 'de', actor, sessionId: null } } as unknown as RequestEvent;
}

/** The refusal as SvelteKit sends it: `error(status, message)`. */
async function refusal(event: RequestEvent) {
	try {
		await readJsonBody(event);
	} catch (error) {
		const { status, body } = error as { status: number; body: { message: string } };
		return { status, message: body.message };
	}
	throw new Error('the body was accepted');
}

/** A body that arrives in pieces, without stating its length. */
function streamed(...parts: string[]): ReadableStream<Uint8Array> {
	return new ReadableStream({
		start(controller) {
			for (const part of parts) controller.enqueue(new TextEncoder().encode(part));
			controller.close();
		}
	});
}

describe('readJsonBody', () => {
	test('reads a JSON object, with or without a charset', async () => {
		expect(await readJsonBody(eventFor('{"title":"Bänke"}'))).toEqual({ title: 'Bänke' });
		const withCharset = eventFor('{"a":1}', { 'content-type': 'application/json; charset=utf-8' });
		expect(await readJsonBody(withCharset)).toEqual({ a: 1 });
	});

	test('another content type is refused with 415 before the body is read', async () => {
		for (const type of ['text/plain', 'application/jsonp', 'application/x-www-form-urlencoded'])
			expect(await refusal(eventFor('{}', { 'content-type': type }))).toEqual({
				status: 415,
				message: 'Bitte senden Sie JSON (Content-Type: application/json).'
			});
		expect((await refusal(eventFor('{}', {}))).status).toBe(415);
	});

	test('a body over the limit is refused with 413, stated or counted while reading', async () => {
		const big = JSON.stringify({ title: 'x'.repeat(jsonBodyLimit) });
		expect(await refusal(eventFor(big))).toEqual({
			status: 413,
			message: `Der Inhalt ist zu groß: höchstens ${jsonBodyLimit / 1024} KB.`
		});
		const half = 'x'.repeat(jsonBodyLimit / 2);
		expect((await refusal(eventFor(streamed(`{"a":"${half}`, `${half}"}`)))).status).toBe(413);
		const fits = 'x'.repeat(jsonBodyLimit / 4);
		expect(await readJsonBody(eventFor(streamed(`{"a":"${fits}`, `${fits}"}`)))).toEqual({
			a: fits + fits
		});
	});

	test('anything but a JSON object is refused with 400', async () => {
		const bad = ['', '{', '[]', 'null', '"text"', '42', new Uint8Array([0x7b, 0xff, 0x7d])];
		for (const body of bad)
			expect(await refusal(eventFor(body)), String(body)).toEqual({
				status: 400,
				message: 'Der Inhalt ist kein gültiges JSON-Objekt.'
			});
	});
});

test('the API answers the reader refusals in its own shape, with a stable code', async () => {
	const planner = { kind: 'staff', userId: 'u1', name: 'Pia', role: 'admin' } as const;
	const route = apiRoute('write', async (event) => Response.json(await readJsonBody(event)));
	const cases: [BodyInit, Record<string, string>, number, string][] = [
		['{}', { 'content-type': 'text/plain' }, 415, 'unsupported_media_type'],
		['[1]', { 'content-type': 'application/json' }, 400, 'invalid_json'],
		[
			JSON.stringify({ title: 'x'.repeat(jsonBodyLimit) }),
			{ 'content-type': 'application/json' },
			413,
			'body_too_large'
		]
	];
	for (const [body, headers, status, code] of cases) {
		const response = await route(eventFor(body, headers, planner));
		expect(response.status).toBe(status);
		expect(await response.json()).toEqual({ error: { code, message: expect.any(String) } });
	}
});
