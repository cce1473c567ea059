import fc from 'fast-check';
import { expect, test } from 'vitest';
import { safeRedirectTarget } from './redirect';

test('keeps local paths and drops everything that could leave the site', () => {
	expect(safeRedirectTarget('/workshops/abc?x=1')).toBe('/workshops/abc?x=1');
	for (const bad of [
		'//evil.example',
		'https://evil.example',
		'/\\evil.example',
		'javascript:alert(1)',
		null,
		42
	])
		expect(safeRedirectTarget(bad)).toBe('/');
});

test('whatever comes in, the target stays on this site', () => {
	fc.assert(
		fc.property(fc.oneof(fc.string(), fc.webUrl(), fc.anything()), (value) => {
			const target = safeRedirectTarget(value);
			const resolved = new URL(target, 'https://app.example');
			expect(resolved.origin).toBe('https://app.example');
		})
	);
});
