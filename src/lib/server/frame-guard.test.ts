import { expect, test } from 'vitest';
import { forbidFraming } from './frame-guard';

const html = (headers: Record<string, string> = {}) =>
	new Response('<!doctype html><p>Hallo</p>', {
		headers: { 'content-type': 'text/html; charset=utf-8', ...headers }
	});

test('every HTML response forbids being framed by any site', async () => {
	const response = forbidFraming(html());
	expect(response.headers.get('content-security-policy')).toBe("frame-ancestors 'none'");
	expect(response.headers.get('x-frame-options')).toBe('DENY');
	expect(await response.text()).toContain('Hallo');
});

test('a policy already there is extended, not replaced', () => {
	const response = forbidFraming(html({ 'content-security-policy': "script-src 'self'" }));
	expect(response.headers.get('content-security-policy')).toBe(
		"script-src 'self'; frame-ancestors 'none'"
	);
	const strict = forbidFraming(html({ 'content-security-policy': "frame-ancestors 'self'" }));
	expect(strict.headers.get('content-security-policy')).toBe("frame-ancestors 'self'");
});

test('a fetched response, whose headers are immutable, is copied with its body', async () => {
	const fetched = await fetch('data:text/html,<p>x</p>');
	expect(() => fetched.headers.set('x-test', '1')).toThrow();
	const response = forbidFraming(fetched);
	expect(response.headers.get('x-frame-options')).toBe('DENY');
	expect(await response.text()).toBe('<p>x</p>');
});

test('JSON and files are left as they are', () => {
	const response = forbidFraming(Response.json({ ok: true }));
	expect(response.headers.get('content-security-policy')).toBeNull();
	expect(response.headers.get('x-frame-options')).toBeNull();
});
