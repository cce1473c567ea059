import { expect, test } from 'vitest';
import { isCrossSiteForm } from './cross-site-forms';

const url = new URL('https://stadt.example/measures/abc?/report');
const request = (method: string, type: string | null, origin: string | null) =>
	new Request(url, {
		method,
		headers: {
			...(type ? { 'content-type': type } : {}),
			...(origin ? { origin } : {})
		},
		body: method === 'GET' ? undefined : 'x'
	});

test('a form sent from another site is refused, as SvelteKit refuses it', () => {
	for (const type of [
		'application/x-www-form-urlencoded',
		'multipart/form-data; boundary=x',
		'text/plain;charset=UTF-8',
		'TEXT/PLAIN'
	])
		for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'])
			expect(isCrossSiteForm(request(method, type, 'https://evil.example'), url)).toBe(true);
	expect(isCrossSiteForm(request('POST', 'text/plain', 'https://stadt.example.evil'), url)).toBe(
		true
	);
	// No Origin at all counts as another site (SvelteKit's rule too).
	expect(isCrossSiteForm(request('POST', 'text/plain', null), url)).toBe(true);
});

test('the own origin, JSON bodies and reading requests pass', () => {
	expect(
		isCrossSiteForm(request('POST', 'multipart/form-data', 'https://stadt.example'), url)
	).toBe(false);
	expect(isCrossSiteForm(request('POST', 'application/json', 'https://evil.example'), url)).toBe(
		false
	);
	expect(isCrossSiteForm(request('GET', null, 'https://evil.example'), url)).toBe(false);
});
