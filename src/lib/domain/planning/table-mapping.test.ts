import { describe, expect, test } from 'vitest';
import { parseCsv, type CsvTable } from './csv';
import { createDistrictLookup } from './district-matching';
import {
	applySavedMapping,
	checkMapping,
	proposeMapping,
	readMappedTable,
	readMappingForm,
	savedMappingFits,
	toSavedMapping
} from './table-mapping';

const lookup = createDistrictLookup([
	{ code: '0101', name: 'Alt-Moabit', parentCode: '01', parentName: 'Mitte' },
	{ code: '0102', name: 'Großer Tiergarten', parentCode: '01', parentName: 'Mitte' },
	{ code: '0103', name: 'Weißensee', parentCode: '03', parentName: 'Pankow' }
]);

function table(text: string): CsvTable {
	const parsed = parseCsv(text);
	if (!parsed.ok) throw new Error(parsed.error.message);
	return parsed;
}

const year2022 = table(
	[
		'Gebiet;Jahr;Arbeitslose in % (31.12.2022);Einwohner (31.12.2022);Bemerkung',
		'ALT MOABIT;2022;4,5;1 229;gut',
		'Grosser Tiergarten;2022;–;2 345;',
		'Weissensee;2022;3,1 %;987;neu',
		'Summe;2022;4,0;4 561;'
	].join('\n')
);

describe('the proposal', () => {
	test('joins on the name column, reads the period column and ticks only number columns', () => {
		const { mapping } = proposeMapping(year2022, lookup);
		expect(mapping).toMatchObject({ joinColumn: 0, joinBy: 'name', periodColumn: 1 });
		expect(mapping.columns.map((c) => [c.key, c.use, c.unit, c.polarity])).toEqual([
			['gebiet', false, '', 'unknown'],
			['jahr', false, '', 'unknown'],
			['arbeitslose_in_prozent_31_12_2022', true, '%', 'higherIsWorse'],
			['einwohner_31_12_2022', true, 'Anzahl', 'unknown'],
			['bemerkung', false, '', 'unknown']
		]);
	});

	test('reads the values with the total skipped by itself and a dash as no data', () => {
		const { mapping } = proposeMapping(year2022, lookup);
		const read = readMappedTable(year2022, mapping, lookup);
		if (!read.ok) throw new Error(read.problems.map((p) => p.message).join('\n'));
		expect(read.skippedLines).toEqual([5]);
		const value = (code: string, key: string) =>
			read.values.find((v) => v.districtCode === code && v.indicatorKey === key)?.value;
		expect(value('0101', 'einwohner_31_12_2022')).toBe(1229);
		expect(value('0102', 'arbeitslose_in_prozent_31_12_2022')).toBeNull();
		expect(value('0103', 'arbeitslose_in_prozent_31_12_2022')).toBe(3.1);
	});
});

describe('checkMapping', () => {
	test('asks for a period, a column and names both columns of a doubled key', () => {
		const { mapping } = proposeMapping(year2022, lookup);
		expect(
			checkMapping(year2022, {
				...mapping,
				periodColumn: null,
				columns: mapping.columns.map((c) => ({ ...c, key: 'wert' }))
			}).map((p) => p.message)
		).toEqual([
			'Bitte geben Sie den Zeitraum an (z. B. 2022) oder wählen Sie eine Spalte.',
			'Spalte „Einwohner (31.12.2022)“: Der Schlüssel „wert“ ist schon für Spalte ' +
				'„Arbeitslose in % (31.12.2022)“ vergeben. Bitte einen anderen Schlüssel wählen.'
		]);
		expect(
			checkMapping(year2022, {
				...mapping,
				columns: mapping.columns.map((c) => ({ ...c, use: false }))
			}).map((p) => p.message)
		).toEqual(['Bitte wählen Sie mindestens eine Spalte, die importiert werden soll.']);
	});
});

describe('saved mappings', () => {
	test('fit next year’s headers with other dates, and bring keys, polarity and row decisions', () => {
		const { mapping } = proposeMapping(year2022, lookup);
		mapping.columns[3] = { ...mapping.columns[3], key: 'ew', polarity: 'higherIsBetter' };
		mapping.rows = [[5, { skip: true }]];
		const saved = toSavedMapping(year2022, mapping);
		expect(saved.rows).toEqual([{ text: 'Summe', choice: { skip: true } }]);

		const year2023 = table(
			[
				'Gebiet;Jahr;Arbeitslose in % (31.12.2023);Einwohner (31.12.2023);Bemerkung',
				'Summe;2023;4,0;4 600;',
				'ALT MOABIT;2023;4,4;1 250;'
			].join('\n')
		);
		expect(savedMappingFits(year2023.header, saved)).toBe(true);
		expect(savedMappingFits(['Gebiet', 'Jahr', 'Arbeitslose'], saved)).toBe(false);
		const applied = applySavedMapping(
			year2023,
			saved,
			proposeMapping(year2023, lookup).mapping,
			lookup
		);
		expect(applied.columns[3]).toMatchObject({
			key: 'ew',
			polarity: 'higherIsBetter',
			header: 'Einwohner (31.12.2023)'
		});
		expect(applied.rows).toEqual([[2, { skip: true }]]);
	});
});

describe('readMappingForm', () => {
	test('reads the fields the page posts, and ignores row fields it did not ask about', () => {
		const fields = new Map([
			['joinColumn', '0'],
			['joinBy', 'code'],
			['parentColumn', ''],
			['periodColumn', '9'],
			['period', '2022'],
			['numberFormat', 'de'],
			['use:2', 'on'],
			['key:2', 'alo'],
			['label:2', 'Arbeitslose'],
			['unit:2', '%'],
			['polarity:2', 'nonsense'],
			['rowLines', '3,5'],
			['row:3', 'skip'],
			['row:5', '0102'],
			['row:7', 'skip']
		]);
		const mapping = readMappingForm(
			(name) => fields.get(name) ?? '',
			(name) => fields.has(name),
			year2022.header
		);
		expect(mapping).toMatchObject({
			joinColumn: 0,
			joinBy: 'code',
			parentColumn: null,
			periodColumn: null,
			period: '2022',
			numberFormat: 'de',
			rows: [
				[3, { skip: true }],
				[5, { districtCode: '0102' }]
			]
		});
		expect(mapping.columns[2]).toMatchObject({
			key: 'alo',
			label: 'Arbeitslose',
			use: true,
			polarity: 'unknown'
		});
		expect(mapping.columns[3]).toMatchObject({ use: false, label: 'Einwohner (31.12.2022)' });
	});
});
