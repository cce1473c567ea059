import { describe, expect, test } from 'vitest';
import { guessPolarity, guessUnit, unitTexts } from './column-defaults';

describe('guessUnit', () => {
	test.each([
		['Arbeitslose in %', 'percent'],
		['Anteil Kinder unter 6 Jahren', 'percent'],
		['Arbeitslosenquote', 'percent'],
		['SGB-II-Quote (31.12.)', 'percent'],
		['Ausländeranteil', 'percent'],
		['Jugendarbeitslosigkeit in v. H.', 'percent'],
		['Anzahl Arbeitslose', 'count'],
		['Einwohner insgesamt', 'count'],
		['EW', 'count'],
		['Bevölkerung am Ort der Hauptwohnung', 'count'],
		['Geburten je 1.000 Einwohner', 'perThousand'],
		['Straftaten pro 1000 EW', 'perThousand'],
		['Wohngeldhaushalte je 1 000 Haushalte', 'perThousand'],
		['Säuglingssterblichkeit ‰', 'perThousand'],
		['S1', 'none'],
		['Durchschnittsalter', 'none'],
		['', 'none']
	])('%s → %s', (header, unit) => {
		expect(guessUnit(header)).toBe(unit);
	});

	test('has a stored text for every guess, blank when the header says nothing', () => {
		expect(unitTexts).toEqual({ percent: '%', count: 'Anzahl', perThousand: 'je 1.000', none: '' });
	});
});

describe('guessPolarity', () => {
	test.each([
		['Arbeitslose in %', 'higherIsWorse'],
		['Langzeitarbeitslosigkeit', 'higherIsWorse'],
		['Transferbezug (SGB II/XII)', 'higherIsWorse'],
		['Empfänger nach SGB II', 'higherIsWorse'],
		['SGB-II-Quote', 'higherIsWorse'],
		['Kinderarmut', 'higherIsWorse'],
		['Grundsicherung im Alter', 'higherIsWorse'],
		['Bedarfsgemeinschaften je 1.000 Haushalte', 'higherIsWorse'],
		['Veränderung Arbeitslose (D1)', 'higherIsWorse'],
		['Beschäftigungsquote', 'higherIsBetter'],
		['Lebenserwartung', 'higherIsBetter'],
		['Übergänge mit Gymnasialempfehlung', 'higherIsBetter'],
		['Einwohner insgesamt', 'unknown'],
		['Anteil Alleinerziehende', 'unknown'],
		['Migrationshintergrund in %', 'unknown'],
		['Ausländeranteil', 'unknown'],
		['S1', 'unknown'],
		['', 'unknown']
	])('%s → %s', (header, polarity) => {
		expect(guessPolarity(header)).toBe(polarity);
	});
});
