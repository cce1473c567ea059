import { expect, test } from 'vitest';
import { isAllowedOrigin, isSecureCookieOrigin, siteOrigin } from './origin';

test('the site origin is ORIGIN, normalised, or localhost on PORT', () => {
	expect(siteOrigin({ ORIGIN: 'https://Werkstatt.Example.org/', PORT: '8080' })).toBe(
		'https://werkstatt.example.org'
	);
	expect(siteOrigin({ ORIGIN: 'https://werkstatt.example.org:443/pfad' })).toBe(
		'https://werkstatt.example.org'
	);
	expect(siteOrigin({ ORIGIN: 'http://192.168.1.20:3000' })).toBe('http://192.168.1.20:3000');
	expect(siteOrigin({ PORT: '4173' })).toBe('http://localhost:4173');
	expect(siteOrigin({})).toBe('http://localhost:3000');
	expect(siteOrigin({ ORIGIN: '  ', PORT: '' })).toBe('http://localhost:3000');
});

test('a malformed ORIGIN stops the start with a message instead of allowing anything', () => {
	expect(() => siteOrigin({ ORIGIN: 'werkstatt.example.org' })).toThrow(/ORIGIN/);
	expect(() => siteOrigin({ ORIGIN: 'ftp://werkstatt.example.org' })).toThrow(/ORIGIN/);
});

test('only the site itself, or a client that is not a browser, passes the origin check', () => {
	const allowed = 'https://werkstatt.example.org';
	expect(isAllowedOrigin(allowed, allowed)).toBe(true);
	expect(isAllowedOrigin(undefined, allowed)).toBe(true);
	for (const other of [
		'https://evil.example',
		'https://sub.werkstatt.example.org',
		'https://werkstatt.example.org.evil.example',
		'http://werkstatt.example.org',
		'https://werkstatt.example.org:8443',
		'null',
		''
	])
		expect(isAllowedOrigin(other, allowed), other).toBe(false);
	// A same-site neighbour on another port of localhost shares cookies, but not the origin.
	expect(isAllowedOrigin('http://localhost:5173', siteOrigin({ PORT: '3000' }))).toBe(false);
	expect(isAllowedOrigin('http://localhost:3000', siteOrigin({ PORT: '3000' }))).toBe(true);
});

test('Secure cookies work on https and on loopback, not on plain http in a local network', () => {
	for (const secure of [
		'https://werkstatt.example.org',
		'http://localhost:3000',
		'http://app.localhost:3000',
		'http://127.0.0.1:41234',
		'http://[::1]:3000'
	])
		expect(isSecureCookieOrigin(secure), secure).toBe(true);
	for (const plain of ['http://192.168.1.20:3000', 'http://werkstatt.intranet', 'http://10.0.0.1'])
		expect(isSecureCookieOrigin(plain), plain).toBe(false);
});
