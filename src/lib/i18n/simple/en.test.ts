import { beforeAll, expect, test } from 'vitest';
import { loadAllLocales, translate } from '..';
import { en } from '../messages';
import { simpleTextProblems } from '../message-check';
import { simpleDe } from './de';
import { simpleEn } from './en';

beforeAll(loadAllLocales);

test('plain English keeps the rules of the German simple texts and their slots', () => {
	for (const [key, text] of Object.entries(simpleEn)) {
		expect(key in simpleDe, `${key} has no German simple version`).toBe(true);
		expect(simpleTextProblems(text!, en[key as keyof typeof en]), key).toEqual([]);
	}
});

test('English readers of Einfache Sprache get plain English, else the usual English text', () => {
	expect(translate('en', 'join.submit', {}, true)).toBe('Join');
	expect(translate('en', 'join.submit')).toBe("Let's go");
	expect(translate('en', 'joinCode.tooMany', { minutes: 1 }, true)).toBe(
		'This device sent too many wrong codes. Please wait 1 minute. Or use the QR code.'
	);
	// A key without a plain English version: the usual English, never German.
	expect(translate('en', 'a11y.method', {}, true)).toBe(translate('en', 'a11y.method'));
	// Turkish has no simple texts: its usual text, never the English or German simple one.
	expect(translate('tr', 'join.submit', {}, true)).toBe(translate('tr', 'join.submit'));
});
