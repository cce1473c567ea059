import { beforeAll, describe, expect, test } from 'vitest';
import { loadAllLocales, translate, type Locale } from '.';
import { de, en } from './messages';

beforeAll(loadAllLocales);

const cards = (locale: Locale, n: number, simple = false) =>
	translate(locale, 'wall.cardCount', { n }, simple);

describe('counts follow the plural rules of each language', () => {
	test('German and English say "1 Karte" / "1 card" and "2 Karten" / "2 cards"', () => {
		expect([1, 2, 0].map((n) => cards('de', n))).toEqual(['1 Karte', '2 Karten', '0 Karten']);
		expect([1, 2, 0].map((n) => cards('en', n))).toEqual(['1 card', '2 cards', '0 cards']);
		expect(cards('de', 1, true)).toBe('1 Karte');
		expect(translate('de', 'vote.dotsOn', { n: 1 })).toBe('1 Punkt');
		expect(translate('en', 'vote.voters', { n: 1 })).toBe('from 1 person');
		expect(translate('en', 'vote.voters', { n: 2 })).toBe('from 2 people');
		expect(translate('de', 'wall.paperAdded', { n: 1 })).toBe(
			'1 Karte von Papier ist auf der Wand.'
		);
		expect(translate('de', 'wall.paperAdded', { n: 2 })).toBe(
			'2 Karten von Papier sind auf der Wand.'
		);
		expect(translate('de', 'vote.remaining', { n: 0, budget: 1 })).toBe(
			'Sie haben noch 0 von 1 Punkt.'
		);
		expect(translate('de', 'vote.remaining', { n: 1, budget: 5 })).toBe(
			'Sie haben noch 1 von 5 Punkten.'
		);
		expect(translate('de', 'joinCode.tooMany', { minutes: 1 })).toContain('warten Sie 1 Minute ');
		expect(translate('de', 'joinCode.tooMany', { minutes: 1 }, true)).toContain(
			'warten Sie 1 Minute.'
		);
	});

	test('a verb agrees with its count, also in Einfache Sprache', () => {
		const because = (count: number, k: number, simple = false) =>
			translate('de', 'district.because', { count, n: 4, t: '1,5', k }, simple);
		expect(because(1, 1)).toBe(
			'1 von 4 Indikatoren ist mindestens 1,5 Standardabweichungen schlechter als der Durchschnitt. Nötig ist 1.'
		);
		expect(because(2, 3)).toBe(
			'2 von 4 Indikatoren sind mindestens 1,5 Standardabweichungen schlechter als der Durchschnitt. Nötig sind 3.'
		);
		expect(because(1, 1, true)).toContain('Es muss mindestens 1 Kennzahl sein.');
		expect(because(2, 2, true)).toContain('Es müssen mindestens 2 Kennzahlen sein.');
		expect(translate('de', 'district.because', { count: 1, n: 1, t: '1', k: 1 })).toContain(
			'1 von 1 Indikator ist mindestens 1 Standardabweichung schlechter'
		);
	});

	test('Arabic picks zero, one, two, few, many and other; Russian and Ukrainian one, few and many', () => {
		const days = (locale: Locale, n: number) =>
			translate(locale, 'privacy.howLong', { days: n }).split(/[.:]/)[1].trim();
		expect([1, 2, 21, 30].map((n) => days('ru', n))).toEqual([
			'до 1 дня после конца семинара',
			'до 2 дней после конца семинара',
			'до 21 дня после конца семинара',
			'до 30 дней после конца семинара'
		]);
		expect(translate('uk', 'privacy.device', { days: 3 })).toContain('найдовше 3 дні після');
		expect(translate('uk', 'privacy.device', { days: 30 })).toContain('найдовше 30 днів після');
		expect([0, 1, 2, 3, 11, 100].map((n) => translate('ar', 'results.dots', { n }))).toEqual([
			'لا نقاط',
			'نقطة واحدة',
			'نقطتان',
			'3 نقاط',
			'11 نقطة',
			'100 نقطة'
		]);
		expect(translate('ar', 'privacy.howLong', { days: 30 })).toContain('حتى 30 يومًا بعد');
		expect(translate('ar', 'privacy.howLong', { days: 2 })).toContain('حتى يومين بعد');
	});

	test('no German or English count puts a plural noun after a bare number', () => {
		// A slot followed by one of these words reads "1 Karten" when the number is 1.
		const germanPlurals =
			/\{\w+\} (Karten|Punkte|Punkten|Personen|Tage|Tagen|Stunden|Minuten|Sekunden|Maßnahmen|Gebiete|Zeilen|Spalten|Dateien|Werkstätten|Sitzungen|Angebote|Werte|Indikatoren|Gruppen)\b/;
		const englishPlurals =
			/\{\w+\} (cards|dots|people|days|hours|minutes|seconds|measures|areas|rows|columns|files|workshops|meetings|services|values|indicators|groups|matches)\b/;
		// Limits that are fixed numbers well above 1, and texts whose caller picks another text for 1.
		const fixedLimits = new Set([
			'wall.paperTooMany',
			'data.indicatorsInvalid',
			'privacy.retention.outOfRange',
			'archive.doc.wallSummary',
			'archive.doc.wallSummaryOneGroup'
		]);
		const offenders = [
			...Object.entries(de).filter(([, text]) => germanPlurals.test(text)),
			...Object.entries(en).filter(([, text]) => englishPlurals.test(text))
		]
			.map(([key]) => key)
			.filter((key) => !fixedLimits.has(key));
		expect(offenders).toEqual([]);
	});
});
