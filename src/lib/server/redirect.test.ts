import fc from 'fast-check';
import { expect, test } from 'vitest';
import { safeRedirectTarget } from './redirect';

const base = 'http://localhost';

/**
 * What a browser does with a Location header: the header must be writable (Node refuses control
 * characters and anything above U+00FF), and the target is resolved against the current page.
 */
function followed(target: string, from = `${base}/login?redirectTo=x`): URL {
	new Headers({ location: target });
	return new URL(target, from);
}

test('keeps local paths with their query and fragment', () => {
	expect(safeRedirectTarget('/workshops/abc?x=1')).toBe('/workshops/abc?x=1');
	expect(safeRedirectTarget('/w/abc#karte')).toBe('/w/abc#karte');
	expect(safeRedirectTarget('/', '/workshops')).toBe('/');
});

test('drops everything that could leave the site, also hidden behind whitespace or encoding', () => {
	for (const bad of [
		'//evil.example',
		'https://evil.example',
		'/\\evil.example',
		'\\/evil.example',
		'javascript:alert(1)',
		// URL parsers drop tabs and newlines, so these become //evil.example in the browser.
		'/\t/evil.example',
		'/\n/evil.example',
		'/\r\n/evil.example',
		' //evil.example',
		'/ /evil.example',
		'/%2F/evil.example',
		'/%5C/evil.example',
		'/%252F/evil.example',
		// Dot segments collapse to //evil.example once the path is normalised.
		'/.//evil.example',
		'/x/..//evil.example',
		'/%2e//evil.example',
		'',
		null,
		42
	])
		expect(safeRedirectTarget(bad), JSON.stringify(bad)).toBe('/');
});

test('a target that cannot be a header value never reaches one (it was a 500)', () => {
	for (const bad of ['/\n', '/a\u0000b', '/%0a', '/%E0%A4%A', '/\u2028x']) {
		const target = safeRedirectTarget(bad);
		expect(() => followed(target)).not.toThrow();
		expect(target).toBe('/');
	}
	// Plain non-ASCII paths still work, sent percent-encoded.
	expect(safeRedirectTarget('/straße/€')).toBe('/stra%C3%9Fe/%E2%82%AC');
});

/** Strings built from the pieces that open redirects are made of, in any order. */
const redirectish = fc
	.array(
		fc.constantFrom(
			'/',
			'//',
			'\\',
			'.',
			'..',
			'%2f',
			'%2F',
			'%5c',
			'%2e',
			'%25',
			'%',
			'\t',
			'\n',
			'\r',
			' ',
			'\u0000',
			'\u00a0',
			'\u3000',
			':',
			'@',
			'?',
			'#',
			'evil.example',
			'http:',
			'https:',
			'javascript:',
			'ä',
			'€',
			'x'
		),
		{ maxLength: 12 }
	)
	.map((parts) => parts.join(''));

test('whatever comes in, an accepted target stays on this site and never throws', () => {
	fc.assert(
		fc.property(
			fc.oneof(redirectish, fc.string(), fc.webUrl(), fc.webPath(), fc.anything()),
			(value) => {
				const target = safeRedirectTarget(value);
				expect(followed(target).origin).toBe(base);
				// Also from a deeper page on another scheme: nothing may be protocol-relative.
				expect(followed(target, 'https://app.example/a/b?c').origin).toBe('https://app.example');
				expect(target).toMatch(/^\/(?![/\\])[\x21-\x7e]*$|^\/$/);
			}
		),
		{ numRuns: 2000 }
	);
});
