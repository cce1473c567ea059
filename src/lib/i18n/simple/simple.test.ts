import { beforeAll, describe, expect, test } from 'vitest';
import type { Cookies } from '@sveltejs/kit';
import { loadAllLocales, translate } from '..';
import { de } from '../messages';
import { participantKeys } from '../participant-keys';
import { checkMessages, problemCount, simpleTextProblems } from '../message-check';
import { simpleOfRequest } from '$lib/server/i18n/locale';
import { speechLang } from '$lib/speech/lang';
import { alreadySimpleDe } from './already-simple';
import { simpleDe } from './de';
import { hasSimpleTexts, simpleText } from '.';

/** Einfache Sprache (issue 14 point 2): the lookup, the reader's setting and the check. */
describe('Einfache Sprache', () => {
	beforeAll(loadAllLocales);

	test('translate gives the simple version only when asked and one exists', () => {
		expect(translate('de', 'join.submit')).toBe('Los geht’s');
		expect(translate('de', 'join.submit', {}, true)).toBe('Mitmachen');
		// Simple already: the usual text.
		expect(translate('de', 'wall.add', {}, true)).toBe('Karte hinzufügen');
		// Slots are filled in the simple version as in the usual one.
		expect(translate('de', 'wall.cardTooLong', { max: 500 }, true)).toBe(
			'Die Karte ist zu lang. Sie darf höchstens 500 Zeichen haben.'
		);
		expect(translate('de', 'facilitation.bar.position', { number: 2, total: 5 }, true)).toBe(
			'Schritt 2 von 5'
		);
	});

	test('a language without simple texts keeps its usual texts, never German ones', () => {
		expect(hasSimpleTexts('de')).toBe(true);
		expect(hasSimpleTexts('tr')).toBe(false);
		expect(simpleText('tr', 'join.submit')).toBeUndefined();
		expect(translate('uk', 'join.submit', {}, true)).toBe(translate('uk', 'join.submit'));
		expect(translate('tr', 'join.submit', {}, true)).toBe(translate('tr', 'join.submit'));
	});

	test('every participant key is simplified or marked simple, once, and the texts keep the rules', () => {
		const simplified = Object.keys(simpleDe);
		const marked = new Set<string>(alreadySimpleDe);
		for (const key of participantKeys)
			expect(key in simpleDe || marked.has(key), `${key} has no Einfache Sprache`).toBe(true);
		expect(simplified.filter((key) => marked.has(key))).toEqual([]);
		for (const [key, text] of Object.entries(simpleDe))
			expect(simpleTextProblems(text!, de[key as keyof typeof de]), key).toEqual([]);
	});

	test('the check finds missing marks and texts that break the rules', () => {
		const problems = checkMessages({
			de: { 'p.a': 'A', 'p.b': 'B {n}', 'p.c': 'C', 'p.d': 'Ca. 5 %', 'p.e': 'E' },
			en: { 'p.a': 'A', 'p.b': 'B {n}', 'p.c': 'C', 'p.d': 'D', 'p.e': 'E' },
			extra: {},
			participantKeys: ['p.a', 'p.b', 'p.c', 'p.d', 'p.e'],
			files: [{ path: 'src/a.svelte', text: "'p.a' 'p.b' 'p.c' 'p.d' 'p.e'" }],
			dynamicPrefixes: [],
			simple: {
				texts: {
					'p.b':
						'Ein Satz mit sechzehn Wörtern ist für Einfache Sprache zu lang, sagt die Regel hier heute klar.',
					'p.c': 'C {max}',
					'p.e': 'E',
					'p.x': 'X'
				},
				alreadySimple: ['p.d', 'p.e']
			}
		});
		expect(problems.missingSimple).toEqual(['p.a']);
		expect(problems.badSimple.map((b) => b.key).sort()).toEqual([
			'p.b', // 17 words
			'p.b', // and {n} is gone
			'p.c', // {max} is not a slot of the usual text
			'p.d', // marked simple, but "Ca." and "%"
			'p.e', // simplified and marked
			'p.x' // no such key
		]);
		expect(problemCount(problems)).toBe(7);
	});

	test('the rules: sentence length, abbreviations, acronyms, numbers as they are', () => {
		expect(simpleTextProblems('Sie haben noch 3 Punkte. Geben Sie Punkte für gute Ideen.')).toEqual(
			[]
		);
		expect(simpleTextProblems('Bitte z. B. hier')).toEqual(['abbreviation']);
		expect(simpleTextProblems('Nach § 16 BGG')).toEqual(['abbreviation', 'acronym BGG']);
		expect(simpleTextProblems('Der QR-Code und die PDF-Datei')).toEqual([]);
	});
});

describe('the reader setting (cookie `einfach`, `?einfach=`)', () => {
	function cookieJar(initial: Record<string, string> = {}) {
		const jar = new Map(Object.entries(initial));
		const cookies = {
			get: (name: string) => jar.get(name),
			set: (name: string, value: string) => void jar.set(name, value)
		} as unknown as Cookies;
		return { jar, cookies };
	}

	test('a link switches it on or off and is remembered; garbage gives the default, off', () => {
		const on = cookieJar();
		expect(simpleOfRequest(new URL('http://x/j/ABC?einfach=1'), on.cookies)).toBe(true);
		expect(on.jar.get('einfach')).toBe('1');
		const off = cookieJar({ einfach: '1' });
		expect(simpleOfRequest(new URL('http://x/?einfach=0'), off.cookies)).toBe(false);
		expect(off.jar.get('einfach')).toBe('0');
		const garbage = cookieJar({ einfach: '1' });
		expect(simpleOfRequest(new URL('http://x/?einfach=%3Cscript%3E'), garbage.cookies)).toBe(false);
		expect(garbage.jar.get('einfach')).toBe('0');
	});

	test('without a link the cookie decides; anything but 1 is off', () => {
		expect(simpleOfRequest(new URL('http://x/'), cookieJar({ einfach: '1' }).cookies)).toBe(true);
		expect(simpleOfRequest(new URL('http://x/'), cookieJar({ einfach: 'ja' }).cookies)).toBe(false);
		expect(simpleOfRequest(new URL('http://x/'), cookieJar().cookies)).toBe(false);
	});
});

describe('read aloud', () => {
	test('the voice language is the page language with its region, without Intl extensions', () => {
		expect(speechLang('de')).toBe('de-DE');
		expect(speechLang('tr')).toBe('tr-TR');
		expect(speechLang('ar')).toBe('ar');
		expect(speechLang('xx')).toBe('de-DE');
	});
});
