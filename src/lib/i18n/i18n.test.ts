import { expect, test } from 'vitest';
import { translate } from '.';
import { de, en } from './messages';

test('every German text has a non-empty English twin and the same slots', () => {
	for (const [key, text] of Object.entries(de)) {
		const english = en[key as keyof typeof de];
		expect(english, key).toBeTruthy();
		const slots = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
		expect(slots(english), key).toEqual(slots(text));
	}
});

test('fills slots, falls back to German and then to the key', () => {
	expect(translate('de', 'login.tooMany', { minutes: 3 })).toBe(
		'Zu viele Versuche. Bitte warten Sie 3 Minuten.'
	);
	expect(translate('en', 'login.tooMany', { minutes: 3 })).toBe(
		'Too many attempts. Please wait 3 minutes.'
	);
	expect(translate('en', 'does.not.exist')).toBe('does.not.exist');
});
