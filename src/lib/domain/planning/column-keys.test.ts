import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
	assignColumnKeys,
	checkColumnKeys,
	columnKeyPattern,
	keyFromHeader,
	maxColumnKeyLength
} from './column-keys';

describe('keyFromHeader', () => {
	test('transliterates umlauts and ß, and turns everything else into single underscores', () => {
		expect(keyFromHeader('Einwohner gesamt')).toBe('einwohner_gesamt');
		expect(keyFromHeader('Bevölkerung (Hauptwohnsitz)')).toBe('bevoelkerung_hauptwohnsitz');
		expect(keyFromHeader('Schließungen / Übergänge')).toBe('schliessungen_uebergaenge');
		expect(keyFromHeader('ÄRZTE je Straße')).toBe('aerzte_je_strasse');
		expect(keyFromHeader('  S1  ')).toBe('s1');
		expect(keyFromHeader('Café-Dichte')).toBe('cafe_dichte');
		expect(keyFromHeader('KI_01')).toBe('ki_01');
	});

	test('reads umlauts the same whether composed or decomposed', () => {
		expect(keyFromHeader('Bevo\u0308lkerung')).toBe('bevoelkerung');
		expect(keyFromHeader('GRÖSSE')).toBe('groesse');
	});

	test('keeps percent and per-mille as words, since they tell columns apart', () => {
		expect(keyFromHeader('Arbeitslose %')).toBe('arbeitslose_prozent');
		expect(keyFromHeader('Arbeitslose in % (31.12.2022)')).toBe(
			'arbeitslose_in_prozent_31_12_2022'
		);
		expect(keyFromHeader('Geburten ‰')).toBe('geburten_promille');
	});

	test('cuts a long header at a word boundary within 40 characters', () => {
		const header =
			'Anteil der Arbeitslosen nach SGB II und SGB III an den Einwohnerinnen und Einwohnern ' +
			'im Alter von 15 bis unter 65 Jahren in % (Stand 31.12.2022, Quelle: Bundesagentur für Arbeit)';
		expect(header.length).toBeGreaterThan(150);
		const key = keyFromHeader(header);
		expect(key).toBe('anteil_der_arbeitslosen_nach_sgb_ii_und');
		expect(key.length).toBeLessThanOrEqual(maxColumnKeyLength);
		// One long word is cut hard rather than left empty.
		expect(keyFromHeader('x'.repeat(100))).toBe('x'.repeat(40));
	});

	test('gives nothing for a header without letters or digits', () => {
		expect(keyFromHeader('')).toBe('');
		expect(keyFromHeader(' – ')).toBe('');
		expect(keyFromHeader('()')).toBe('');
		expect(keyFromHeader('日本')).toBe('');
	});
});

describe('assignColumnKeys', () => {
	test('keeps each header as the label and numbers duplicates', () => {
		expect(assignColumnKeys(['Bezirk', 'Anteil %', 'Anteil %', 'Anteil %'])).toEqual([
			{ index: 0, key: 'bezirk', label: 'Bezirk' },
			{ index: 1, key: 'anteil_prozent', label: 'Anteil %' },
			{ index: 2, key: 'anteil_prozent_2', label: 'Anteil %' },
			{ index: 3, key: 'anteil_prozent_3', label: 'Anteil %' }
		]);
	});

	test('never takes a key that another header produces on its own', () => {
		expect(assignColumnKeys(['a', 'A', 'a 2']).map((c) => c.key)).toEqual(['a', 'a_3', 'a_2']);
		expect(assignColumnKeys(['Straße', 'Strasse', 'STRASSE']).map((c) => c.key)).toEqual([
			'strasse',
			'strasse_2',
			'strasse_3'
		]);
	});

	test('names empty headers by their position, counted from 1', () => {
		expect(assignColumnKeys(['', 'Wert', '  ', '–'])).toEqual([
			{ index: 0, key: 'spalte_1', label: 'Spalte 1' },
			{ index: 1, key: 'wert', label: 'Wert' },
			{ index: 2, key: 'spalte_3', label: 'Spalte 3' },
			{ index: 3, key: 'spalte_4', label: '–' }
		]);
	});

	test('a suffix still fits into 40 characters', () => {
		const long = 'Bevölkerung mit Migrationshintergrund unter 18 Jahren insgesamt';
		const keys = assignColumnKeys([long, long, long]).map((c) => c.key);
		expect(keys[0]).toBe('bevoelkerung_mit_migrationshintergrund');
		expect(keys[1]).toBe('bevoelkerung_mit_migrationshintergrund_2');
		expect(new Set(keys).size).toBe(3);
		for (const key of keys) expect(key.length).toBeLessThanOrEqual(40);
	});

	test('any header row gives valid, unique, non-empty keys of at most 40 characters', () => {
		fc.assert(
			fc.property(
				fc.array(
					fc.oneof(
						fc.string({ maxLength: 120 }),
						fc.constantFrom('', 'a', 'A', 'a_2', 'Ä', 'ae', '%', 'Anteil %', '_', 'spalte_1')
					),
					{ maxLength: 30 }
				),
				(header) => {
					const keys = assignColumnKeys(header);
					expect(keys).toHaveLength(header.length);
					expect(new Set(keys.map((k) => k.key)).size).toBe(header.length);
					for (const { key, label } of keys) {
						expect(key, JSON.stringify(header)).toMatch(columnKeyPattern);
						expect(key.length).toBeLessThanOrEqual(maxColumnKeyLength);
						expect(label).not.toBe('');
					}
					expect(checkColumnKeys(keys)).toEqual([]);
				}
			),
			{ numRuns: 500 }
		);
	});
});

describe('checkColumnKeys', () => {
	test('names both columns when two get the same key', () => {
		expect(
			checkColumnKeys([
				{ key: 'arbeitslose', label: 'Arbeitslose 2021' },
				{ key: 'arbeitslose', label: 'Arbeitslose 2022' }
			])
		).toEqual([
			{
				index: 1,
				code: 'keyDuplicate',
				message:
					'Spalte „Arbeitslose 2022“: Der Schlüssel „arbeitslose“ ist schon für Spalte ' +
					'„Arbeitslose 2021“ vergeben. Bitte einen anderen Schlüssel wählen.'
			}
		]);
	});

	test('refuses empty, too long and badly spelled keys', () => {
		const problems = checkColumnKeys([
			{ key: '', label: 'A' },
			{ key: 'x'.repeat(41), label: 'B' },
			{ key: 'Anteil %', label: 'C' },
			{ key: 'größe', label: 'D' },
			{ key: 'a__b', label: 'E' },
			{ key: 'ok_1', label: 'F' }
		]);
		expect(problems.map((p) => [p.index, p.code])).toEqual([
			[0, 'keyEmpty'],
			[1, 'keyTooLong'],
			[2, 'keyInvalid'],
			[3, 'keyInvalid'],
			[4, 'keyInvalid']
		]);
	});
});
