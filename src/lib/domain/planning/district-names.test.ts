import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { foldDistrictName, looksLikeTotal, normalizeDistrictName } from './district-names';

const same = (a: string, b: string) =>
	expect(normalizeDistrictName(a), `${a} / ${b}`).toBe(normalizeDistrictName(b));
const different = (a: string, b: string) =>
	expect(normalizeDistrictName(a), `${a} / ${b}`).not.toBe(normalizeDistrictName(b));

describe('normalizeDistrictName', () => {
	test('joins the spellings statistics tables and boundary files use for one name', () => {
		same('Schloßstraße', 'Schlossstrasse');
		same('Schloßstraße', 'SCHLOSSSTRASSE');
		same('Schloßstraße', 'Schloßstr.');
		same('Alt-Moabit', 'Alt Moabit');
		same('Alt-Moabit', 'Alt–Moabit');
		same('Alt-Moabit', 'Alt — Moabit');
		same('Alt-Moabit', 'Alt\u2011Moabit');
		same('Alt-Moabit', '  alt   moabit ');
		same('Meller Bogen', 'Mellerbogen');
		same('Wittenau Süd', 'Wittenau-Sued');
		same('Wittenau Süd', 'WITTENAU SÜD');
		same('Köpenick', 'Ko\u0308penick');
		same('St. Pauli', 'Sankt Pauli');
		same('St. Pauli', 'St.Pauli');
		same('St.-Lorenz-Nord', 'Sankt Lorenz Nord');
		same('Skt. Jürgen', 'Sankt Jürgen');
		same('Hauptstr. Nord', 'Hauptstraße Nord');
		same('Café Viertel', 'Cafe-Viertel');
	});

	test('keeps apart what differs in letters', () => {
		different('Wittenau Süd', 'Wittenau Mitte');
		different('Moabit Ost', 'Moabit West');
		different('Sud', 'Süd');
		different('Oststadt', 'Sankt Stadt');
		different('Stadtmitte', 'Sankt Mitte');
	});

	test('is idempotent and never throws', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (name) => {
				const folded = foldDistrictName(name);
				expect(foldDistrictName(folded)).toBe(folded);
				const key = normalizeDistrictName(name);
				expect(key).toMatch(/^[a-z0-9]*$/);
				expect(normalizeDistrictName(key)).toBe(key);
			}),
			{ numRuns: 1000 }
		);
	});
});

describe('looksLikeTotal', () => {
	test.each([
		'Insgesamt',
		'insgesamt',
		'Gesamt',
		'Summe',
		'Summe Stadtteile',
		'Stadt Leipzig',
		'Gesamtstadt',
		'Leipzig insgesamt',
		'Berlin gesamt',
		'Landeshauptstadt Dresden',
		'Hansestadt Rostock',
		'Σ Bezirk',
		'Alle Ortsteile',
		'Stadtgebiet'
	])('%s is a total row', (name) => {
		expect(looksLikeTotal(name)).toBe(true);
	});

	test.each(['Stadtmitte', 'Altstadt', 'Neustadt-Süd', 'Gesamtschule Nord', 'Allee-Center', ''])(
		'%s is not',
		(name) => {
			expect(looksLikeTotal(name)).toBe(false);
		}
	);
});
