import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
	checkPasteLength,
	clipboardHasImage,
	isAllowedLinkHref,
	maxVisionTextLength,
	normaliseLinkInput
} from './paste';

describe('isAllowedLinkHref', () => {
	test('allows absolute http, https and mailto links', () => {
		expect(isAllowedLinkHref('https://berlin.de/quartier')).toBe(true);
		expect(isAllowedLinkHref('http://example.org')).toBe(true);
		expect(isAllowedLinkHref('mailto:team@example.org')).toBe(true);
		expect(isAllowedLinkHref('HTTPS://EXAMPLE.ORG')).toBe(true);
	});

	test('refuses script, data and file links, also when disguised', () => {
		for (const href of [
			'javascript:alert(1)',
			'JavaScript:alert(1)',
			'java\tscript:alert(1)',
			'java\nscript:alert(1)',
			' javascript:alert(1)',
			'\u0000javascript:alert(1)',
			'vbscript:msgbox(1)',
			'data:text/html,<script>alert(1)</script>',
			'file:///etc/passwd',
			'ftp://example.org'
		]) {
			expect(isAllowedLinkHref(href), href).toBe(false);
		}
	});

	test('refuses relative links and links without a host', () => {
		expect(isAllowedLinkHref('/admin')).toBe(false);
		expect(isAllowedLinkHref('example.org')).toBe(false);
		expect(isAllowedLinkHref('https://')).toBe(false);
		expect(isAllowedLinkHref('mailto:')).toBe(false);
		expect(isAllowedLinkHref('')).toBe(false);
	});
});

describe('normaliseLinkInput', () => {
	test('adds https to a bare address and mailto to an e-mail address', () => {
		expect(normaliseLinkInput('berlin.de')).toBe('https://berlin.de/');
		expect(normaliseLinkInput('  www.berlin.de/kiez  ')).toBe('https://www.berlin.de/kiez');
		expect(normaliseLinkInput('team@example.org')).toBe('mailto:team@example.org');
		expect(normaliseLinkInput('https://example.org/a?b=1')).toBe('https://example.org/a?b=1');
	});

	test('refuses other schemes, empty input and text with spaces', () => {
		expect(normaliseLinkInput('javascript:alert(1)')).toBeNull();
		expect(normaliseLinkInput('data:text/html,hi')).toBeNull();
		expect(normaliseLinkInput('')).toBeNull();
		expect(normaliseLinkInput('   ')).toBeNull();
		expect(normaliseLinkInput('zwei Wörter')).toBeNull();
	});

	test('no accepted link ever has a scheme other than http, https or mailto', () => {
		const schemeish = fc.oneof(
			fc.constantFrom(
				'javascript:',
				'JAVASCRIPT:',
				'java\tscript:',
				'data:',
				'vbscript:',
				'file:',
				'http:',
				'https:',
				'mailto:',
				'//',
				'',
				' ',
				'\u0000'
			),
			fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9+.\-\t]{0,10}:$/)
		);
		const rest = fc.oneof(fc.string(), fc.webUrl(), fc.emailAddress(), fc.domain());
		fc.assert(
			fc.property(schemeish, rest, (scheme, tail) => {
				const input = scheme + tail;
				const href = normaliseLinkInput(input);
				if (href === null) return;
				expect(['http:', 'https:', 'mailto:']).toContain(new URL(href).protocol);
				expect(href).toMatch(/^(https?:\/\/|mailto:)/);
				expect(isAllowedLinkHref(href)).toBe(true);
			}),
			{ numRuns: 2000 }
		);
	});

	test('every href the check allows opens as http, https or mailto', () => {
		fc.assert(
			fc.property(fc.oneof(fc.string(), fc.webUrl(), fc.string({ unit: 'binary' })), (href) => {
				if (!isAllowedLinkHref(href)) return;
				expect(['http:', 'https:', 'mailto:']).toContain(new URL(href).protocol);
			}),
			{ numRuns: 2000 }
		);
	});
});

describe('checkPasteLength', () => {
	test('allows a paste that stays within the limit', () => {
		expect(checkPasteLength({ current: 100, replaced: 0, pasted: 200 })).toEqual({ ok: true });
		expect(
			checkPasteLength({ current: maxVisionTextLength - 10, replaced: 0, pasted: 10 })
		).toEqual({ ok: true });
	});

	test('refuses a paste that would make the text longer than the limit', () => {
		expect(
			checkPasteLength({ current: maxVisionTextLength - 10, replaced: 0, pasted: 11 })
		).toEqual({ ok: false, reason: 'tooLong' });
		expect(checkPasteLength({ current: 0, replaced: 0, pasted: 1_000_000 })).toEqual({
			ok: false,
			reason: 'tooLong'
		});
	});

	test('counts the selected text that the paste replaces', () => {
		expect(checkPasteLength({ current: maxVisionTextLength, replaced: 50, pasted: 50 })).toEqual({
			ok: true
		});
	});

	test('never blocks a paste that makes an over-long text shorter', () => {
		expect(
			checkPasteLength({ current: maxVisionTextLength + 500, replaced: 400, pasted: 100 })
		).toEqual({ ok: true });
	});
});

describe('clipboardHasImage', () => {
	test('sees image files and img tags in pasted HTML', () => {
		expect(clipboardHasImage({ types: ['image/png'], html: '' })).toBe(true);
		expect(clipboardHasImage({ types: ['text/html'], html: '<p>a<IMG src="data:x"></p>' })).toBe(
			true
		);
		expect(clipboardHasImage({ types: ['text/html'], html: '<img/>' })).toBe(true);
	});

	test('ignores text that only mentions images', () => {
		expect(clipboardHasImage({ types: ['text/plain'], html: '' })).toBe(false);
		expect(clipboardHasImage({ types: ['text/html'], html: '<p>imgur</p><imgx>' })).toBe(false);
	});
});
