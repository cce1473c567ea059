import { beforeAll, describe, expect, test } from 'vitest';
import type { Cookies } from '@sveltejs/kit';
import {
	dirOf,
	languageNames,
	loadAllLocales,
	loadLocale,
	localeFromAcceptLanguage,
	locales,
	toLocale,
	translate,
	type Locale
} from '.';
import { de } from './messages';
import { participantKeys } from './participant-keys';
import { ar } from './locales/ar';
import { ru } from './locales/ru';
import { tr } from './locales/tr';
import { uk } from './locales/uk';
import { checkMessages, formatProblems, problemCount } from './message-check';
import { localeOfRequest } from '$lib/server/i18n/locale';

test('a language not loaded yet falls back to English; loading it is safe to repeat', async () => {
	// This file's other tests load all languages; this one runs first (vitest keeps file order).
	expect(translate('tr', 'wall.add')).toBe(translate('en', 'wall.add'));
	await Promise.all([loadLocale('tr'), loadLocale('tr'), loadLocale('xx' as Locale)]);
	expect(translate('tr', 'wall.add')).toBe('Kart ekle');
});

const extra = { tr, ar, uk, ru } as Record<string, Record<string, string>>;

describe('translate', () => {
	beforeAll(loadAllLocales);

	test('uses the chosen language, then English for staff texts, then German, then the key', () => {
		expect(translate('tr', 'wall.add')).toBe('Kart ekle');
		expect(translate('ar', 'wall.add')).toBe('إضافة بطاقة');
		// A staff-only text has no Turkish version: English, not German.
		expect(participantKeys).not.toContain('login.title');
		expect(translate('tr', 'login.title')).toBe('Log in');
		expect(translate('uk', 'staff.invite')).toBe('Invite someone');
		expect(translate('de', 'login.title')).toBe('Anmelden');
		expect(translate('ru', 'gibt.es.nicht')).toBe('gibt.es.nicht');
		// A locale that slipped through untyped (e.g. from old data) is German, not a crash.
		expect(translate('xx' as Locale, 'login.title')).toBe('Anmelden');
	});

	test('fills slots in every language', () => {
		expect(translate('tr', 'join.title', { workshop: 'Nord' })).toBe('Katıl: Nord');
		expect(translate('ar', 'facilitation.bar.position', { number: 2, total: 5 })).toBe(
			'المرحلة 2 من 5'
		);
	});

	test('plural forms follow each language (Intl.PluralRules)', () => {
		const cards = (locale: Locale, n: number) => translate(locale, 'wall.cardCount', { n });
		expect([1, 2, 5, 21, 22, 11].map((n) => cards('ru', n))).toEqual([
			'1 карточка',
			'2 карточки',
			'5 карточек',
			'21 карточка',
			'22 карточки',
			'11 карточек'
		]);
		expect([1, 3, 12].map((n) => cards('uk', n))).toEqual(['1 картка', '3 картки', '12 карток']);
		expect([0, 1, 2, 3, 11, 100].map((n) => cards('ar', n))).toEqual([
			'لا بطاقات',
			'بطاقة واحدة',
			'بطاقتان',
			'3 بطاقات',
			'11 بطاقة',
			'100 بطاقة'
		]);
		expect(cards('tr', 7)).toBe('7 kart');
		expect(translate('ru', 'vote.remaining', { n: 2, budget: 5 })).toBe(
			'У вас осталось 2 из 5 точек.'
		);
		expect(translate('ru', 'vote.remaining', { n: 0, budget: 1 })).toBe(
			'У вас осталось 0 из 1 точки.'
		);
		// Without the number the form stays visible instead of vanishing.
		expect(translate('ru', 'wall.cardCount')).toContain('{n|');
	});
});

describe('language codes', () => {
	test('unknown, malformed or hostile codes give German', () => {
		for (const value of [
			'xx',
			'',
			'DE',
			'de-DE',
			'en ',
			'../../etc',
			'<script>',
			null,
			undefined,
			7
		])
			expect(toLocale(value)).toBe('de');
		for (const locale of locales) expect(toLocale(locale)).toBe(locale);
	});

	test('only Arabic is right to left; every language is named in itself', () => {
		expect(locales.filter((l) => dirOf(l) === 'rtl')).toEqual(['ar']);
		expect(Object.values(languageNames)).toEqual([
			'Deutsch',
			'English',
			'Türkçe',
			'العربية',
			'Українська',
			'Русский'
		]);
	});

	test('Accept-Language: the best supported language by weight', () => {
		expect(localeFromAcceptLanguage('tr-TR,tr;q=0.9,en;q=0.8')).toBe('tr');
		expect(localeFromAcceptLanguage('fr;q=0.9, ar-SY;q=0.8, ru;q=0.5')).toBe('ar');
		expect(localeFromAcceptLanguage('ru;q=0.2, uk;q=0.9')).toBe('uk');
		expect(localeFromAcceptLanguage('fr, es')).toBeUndefined();
		expect(localeFromAcceptLanguage('tr;q=0')).toBeUndefined();
		expect(localeFromAcceptLanguage('')).toBeUndefined();
		expect(localeFromAcceptLanguage(';;;,q=,')).toBeUndefined();
	});

	function cookieJar(initial: Record<string, string> = {}) {
		const jar = new Map(Object.entries(initial));
		const cookies = {
			get: (name: string) => jar.get(name),
			set: (name: string, value: string) => void jar.set(name, value)
		} as unknown as Cookies;
		return { jar, cookies };
	}
	const request = (url: string, cookies: Cookies, acceptLanguage?: string) =>
		localeOfRequest(
			new URL(url),
			cookies,
			new Headers(acceptLanguage ? { 'accept-language': acceptLanguage } : {})
		);

	test('a request: ?lang= link, then cookie, then (first visit) Accept-Language, else German', () => {
		const link = cookieJar({ lang: 'ru' });
		expect(request('http://x/j?lang=ar', link.cookies)).toBe('ar');
		expect(link.jar.get('lang')).toBe('ar');
		const badLink = cookieJar({ lang: 'ru' });
		expect(request('http://x/j?lang=klingon', badLink.cookies)).toBe('de');
		expect(badLink.jar.get('lang')).toBe('de');
		expect(request('http://x/', cookieJar({ lang: 'uk' }).cookies, 'tr')).toBe('uk');
		expect(request('http://x/', cookieJar({ lang: 'zz' }).cookies, 'tr')).toBe('de');
		expect(request('http://x/', cookieJar().cookies, 'tr-TR,tr;q=0.9')).toBe('tr');
		// German and English browsers keep the German default (the switch is one tap away).
		expect(request('http://x/', cookieJar().cookies, 'en-US,en;q=0.9')).toBe('de');
		expect(request('http://x/', cookieJar().cookies)).toBe('de');
	});
});

describe('the participant languages', () => {
	const slots = (text: string) =>
		[...new Set([...text.matchAll(/\{(\w+)[}|]/g)].map((m) => m[1]))].sort();

	test.each(Object.keys(extra))('%s translates every participant key with the same slots', (l) => {
		const table = extra[l];
		for (const key of participantKeys) {
			expect(table[key], `${l}: ${key}`).toBeTruthy();
			expect(slots(table[key]), `${l}: ${key}`).toEqual(slots(de[key]));
		}
		expect(Object.keys(table).sort()).toEqual([...participantKeys].sort());
	});
});

describe('check-messages', () => {
	const fixture = {
		de: { 'a.used': 'A', 'a.unused': 'B', 'live.board.wall': 'Wand', 'p.key': 'P' },
		en: { 'a.used': 'A', 'a.unused': 'B', 'live.board.wall': 'Wall', 'p.key': '' },
		extra: { tr: { 'p.key': 'P' }, ar: {} },
		participantKeys: ['p.key', 'p.gone'],
		dynamicPrefixes: ['live.board.'],
		files: [
			{ path: 'src/a.svelte', text: "{t('a.used')} {t(`live.board.${kind}`)} {t('p.key')}" },
			{ path: 'server/b.ts', text: "translate(locale, 'b.missing')" }
		]
	};

	test('finds unused, undefined, untranslated and missing participant keys', () => {
		const problems = checkMessages(fixture);
		expect(problems.unused).toEqual(['a.unused']);
		expect(problems.undefinedUsed).toEqual([{ key: 'b.missing', path: 'server/b.ts' }]);
		expect(problems.missingEn).toEqual(['p.key']);
		expect(problems.missingParticipant).toEqual([
			{ locale: 'tr', key: 'p.gone' },
			{ locale: 'ar', key: 'p.key' },
			{ locale: 'ar', key: 'p.gone' }
		]);
		expect(problems.unknownParticipant).toEqual(['p.gone']);
		expect(problemCount(problems)).toBe(7);
		const report = formatProblems(problems);
		expect(report).toContain('used nowhere');
		expect(report).toContain('  a.unused');
		expect(report).toContain('b.missing  (server/b.ts)');
		expect(report).toContain('ar: p.key');
	});

	test('a clean fixture has no problems', () => {
		const problems = checkMessages({
			...fixture,
			de: { 'a.used': 'A', 'live.board.wall': 'Wand' },
			en: { 'a.used': 'A', 'live.board.wall': 'Wall' },
			extra: {},
			participantKeys: [],
			files: [{ path: 'src/a.svelte', text: "{t('a.used')} {t(`live.board.${kind}`)}" }]
		});
		expect(problemCount(problems)).toBe(0);
	});
});
