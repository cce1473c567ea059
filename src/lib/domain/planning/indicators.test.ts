import { describe, expect, test } from 'vitest';
import { readBerlinFile } from '../../../../tests/helpers/berlin';
import { parseCsv, type CsvTable } from './csv';
import { parseDistrictGeoJson } from './districts';
import {
	maxReportedIndicatorProblems,
	parseIndicatorTable,
	type IndicatorImportOptions,
	type IndicatorImportResult,
	type IndicatorValue
} from './indicators';

const read = readBerlinFile;

function csvOf(text: string): CsvTable {
	const result = parseCsv(text);
	if (!result.ok) throw new Error(result.error.message);
	return result;
}

function valuesOf(result: IndicatorImportResult): IndicatorValue[] {
	if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
	return result.values;
}

function valueOf(values: IndicatorValue[], code: string, key: string): number | null | undefined {
	return values.find((v) => v.districtCode === code && v.indicatorKey === key)?.value;
}

const plrResult = parseDistrictGeoJson(read('berlin-plr-2021-wgs84-simplified.geojson'), {
	idProperty: 'PLR_ID',
	nameProperty: 'PLR_NAME',
	level: 'planungsraum'
});
const plrCodes = new Set(plrResult.ok ? plrResult.districts.map((d) => d.code) : []);

/** The settings a planner would pick for an MSS 2021 table; nothing in the file is edited. */
function mssOptions(indicators: string[]): IndicatorImportOptions {
	return {
		idColumn: 'PLR_ID',
		period: { column: 'ZEIT' },
		indicators: indicators.map((column) => ({ column, key: column })),
		validity: { column: 'KOM', validValues: ['gültig'] },
		invalidMarkers: ['-9999'],
		numberFormat: 'auto',
		knownDistrictCodes: plrCodes
	};
}

describe('Berlin MSS 2021', () => {
	test('the index indicators import unedited against the 542 Planungsräume', () => {
		expect(plrCodes.size).toBe(542);
		const result = parseIndicatorTable(
			csvOf(read('mss_2021_index_indikatoren.csv')),
			mssOptions(['EW', 'S1', 'S3', 'S4', 'D1', 'D3', 'D4'])
		);
		const values = valuesOf(result);
		expect(values).toHaveLength(542 * 7);
		expect(valueOf(values, '01100101', 'S1')).toBe(4.22594);
		expect(valueOf(values, '01100101', 'S3')).toBe(8.04329);
		expect(valueOf(values, '01100101', 'S4')).toBe(19.39799);
		expect(valueOf(values, '01100101', 'EW')).toBe(3419);
		expect(valueOf(values, '01100104', 'D4')).toBe(-2.65548);
		expect(values.every((v) => v.period === '202012')).toBe(true);
		expect(result.ok && result.summary).toMatchObject({
			rows: 542,
			values: 542 * 7,
			nullValues: 6 * 7,
			periods: ['202012'],
			districtsWithoutRow: 0,
			numberFormats: { S1: 'en', S3: 'en', S4: 'en', EW: 'en' }
		});
	});

	test('the 6 rows marked invalid in KOM give no data, never 0 or -9999', () => {
		const result = parseIndicatorTable(
			csvOf(read('mss_2021_index_indikatoren.csv')),
			mssOptions(['S1', 'S3', 'S4'])
		);
		const values = valuesOf(result);
		expect(result.ok && result.summary.invalidRows).toEqual([
			{ line: expect.any(Number), districtCode: '03300515', reason: 'ungültig (EW unter 300)' },
			{ line: expect.any(Number), districtCode: '03400831', reason: 'ungültig (EW unter 300)' },
			{ line: expect.any(Number), districtCode: '04400725', reason: 'ungültig (EW unter 300)' },
			{ line: expect.any(Number), districtCode: '05300838', reason: 'ungültig (EW unter 300)' },
			{ line: expect.any(Number), districtCode: '06200418', reason: 'ungültig (EW unter 300)' },
			{ line: expect.any(Number), districtCode: '10100205', reason: 'ungültig (Ausreißer)' }
		]);
		const empty = values.filter((v) => v.value === null);
		expect(empty).toHaveLength(18);
		expect(new Set(empty.map((v) => v.districtCode)).size).toBe(6);
		expect(values.some((v) => v.value === -9999 || v.value === 0)).toBe(false);
		expect(new Set(values.filter((v) => v.value !== null).map((v) => v.districtCode)).size).toBe(
			536
		);
	});

	test('the context indicators import unedited, including the columns left empty in 2021', () => {
		const columns = [
			'KI_01',
			'KI_02',
			'KI_03',
			'KI_04',
			'KI_05',
			'KI_16',
			'KI_17',
			'KI_07',
			'KI_08'
		];
		const result = parseIndicatorTable(
			csvOf(read('mss_2021_kontext_indikatoren.csv')),
			mssOptions(columns)
		);
		const values = valuesOf(result);
		expect(values).toHaveLength(542 * columns.length);
		expect(valueOf(values, '01100101', 'KI_01')).toBe(2.82);
		expect(valueOf(values, '01100102', 'KI_04')).toBe(88.28);
		// KI_08 is empty in every row of the 2021 export: no data, not zeros.
		expect(values.filter((v) => v.indicatorKey === 'KI_08').every((v) => v.value === null)).toBe(
			true
		);
		expect(result.ok && result.summary.invalidRows).toHaveLength(6);
	});

	test('a Bezirksregion table against Planungsraum codes names the ids it cannot place', () => {
		const table: CsvTable = {
			header: ['BZR_ID', 'S1'],
			rows: [['011001', '4,2']],
			lines: [2],
			delimiter: ';'
		};
		expect(
			parseIndicatorTable(table, {
				...mssOptions(['S1']),
				idColumn: 'BZR_ID',
				validity: undefined,
				period: '202012'
			})
		).toEqual({
			ok: false,
			errors: [
				{
					code: 'idUnknown',
					line: 2,
					column: 'BZR_ID',
					message: 'Zeile 2: Zur Kennung „011001“ gibt es kein Gebiet.'
				}
			]
		});
	});
});

describe('dirty files', () => {
	const known = new Set(['01100101', '01100102', '01100103']);
	const options: IndicatorImportOptions = {
		idColumn: 'PLR_ID',
		period: '2020-12',
		indicators: [
			{ column: 'Arbeitslose %', key: 'unemployment' },
			{ column: 'Kinderarmut %', key: 'childPoverty' }
		],
		numberFormat: 'auto',
		knownDistrictCodes: known
	};

	test('a German Excel export with BOM, semicolons and decimal commas imports', () => {
		const text =
			'\uFEFFPLR_ID;Name;Arbeitslose %;Kinderarmut %\r\n' +
			'01100101;Stülerstraße;4,22594;1.019,5\r\n' +
			'"01100102";"Großer Tiergarten";1,15858;8,33333\r\n' +
			'01100103;Lützowstraße;;-0,5\r\n';
		const result = parseIndicatorTable(csvOf(text), options);
		expect(valuesOf(result)).toEqual([
			{ districtCode: '01100101', indicatorKey: 'unemployment', period: '2020-12', value: 4.22594 },
			{ districtCode: '01100101', indicatorKey: 'childPoverty', period: '2020-12', value: 1019.5 },
			{ districtCode: '01100102', indicatorKey: 'unemployment', period: '2020-12', value: 1.15858 },
			{ districtCode: '01100102', indicatorKey: 'childPoverty', period: '2020-12', value: 8.33333 },
			{ districtCode: '01100103', indicatorKey: 'unemployment', period: '2020-12', value: null },
			{ districtCode: '01100103', indicatorKey: 'childPoverty', period: '2020-12', value: -0.5 }
		]);
		expect(result.ok && result.summary.numberFormats).toEqual({
			unemployment: 'de',
			childPoverty: 'de'
		});
	});

	test('a file in an undetected delimiter reads as one column and says so', () => {
		const text = 'PLR_ID|Arbeitslose %|Kinderarmut %\n01100101|4.2|19.4\n';
		const result = parseIndicatorTable(csvOf(text), options);
		expect(result).toMatchObject({ ok: false, errors: [{ code: 'singleColumn', line: 1 }] });
		expect(!result.ok && result.errors[0].message).toContain('nur eine Spalte');
	});

	test('a missing id column is named, with the columns that are there', () => {
		const result = parseIndicatorTable(
			csvOf('ID;Arbeitslose %;Kinderarmut %\n01100101;4,2;19,4'),
			options
		);
		expect(result).toEqual({
			ok: false,
			errors: [
				{
					code: 'columnMissing',
					line: 1,
					column: 'PLR_ID',
					message: 'Die Spalte „PLR_ID“ fehlt. Vorhanden sind: ID, Arbeitslose %, Kinderarmut %.'
				}
			]
		});
	});

	test('an id that matches no district names line and id, and recognises lost leading zeros', () => {
		const result = parseIndicatorTable(
			csvOf('PLR_ID;Arbeitslose %;Kinderarmut %\n01100101;4,2;19,4\n99999999;1;2\n1100102;1;2'),
			options
		);
		expect(!result.ok && result.errors).toEqual([
			{
				code: 'idUnknown',
				line: 3,
				column: 'PLR_ID',
				message: 'Zeile 3: Zur Kennung „99999999“ gibt es kein Gebiet.'
			},
			{
				code: 'idUnknown',
				line: 4,
				column: 'PLR_ID',
				message:
					'Zeile 4: Zur Kennung „1100102“ gibt es kein Gebiet. Meinten Sie „01100102“? Dann hat ' +
					'ein Tabellenprogramm die führenden Nullen entfernt.'
			}
		]);
	});

	test('a duplicate id names both lines', () => {
		const result = parseIndicatorTable(
			csvOf('PLR_ID;Arbeitslose %;Kinderarmut %\n01100101;4,2;19,4\n01100102;1;2\n01100101;5;6'),
			options
		);
		expect(!result.ok && result.errors).toEqual([
			{
				code: 'idDuplicate',
				line: 4,
				column: 'PLR_ID',
				message: 'Zeile 4: Die Kennung „01100101“ kommt doppelt vor (schon in Zeile 2).'
			}
		]);
	});

	test('the same id in different periods is fine when the period comes from a column', () => {
		const text =
			'Jahr;PLR_ID;Arbeitslose %;Kinderarmut %\n2019;01100101;4,2;19,4\n2020;01100101;4,5;19,0';
		const values = valuesOf(
			parseIndicatorTable(csvOf(text), { ...options, period: { column: 'Jahr' } })
		);
		expect(values.map((v) => [v.period, v.indicatorKey, v.value])).toEqual([
			['2019', 'unemployment', 4.2],
			['2019', 'childPoverty', 19.4],
			['2020', 'unemployment', 4.5],
			['2020', 'childPoverty', 19]
		]);
		const twice = `${text}\n2020;01100101;1;1`;
		const result = parseIndicatorTable(csvOf(twice), { ...options, period: { column: 'Jahr' } });
		expect(!result.ok && result.errors[0].message).toBe(
			'Zeile 4: Die Kennung „01100101“ kommt für den Zeitraum „2020“ doppelt vor (schon in Zeile 3).'
		);
	});

	test('a non-numeric value names line and column', () => {
		const result = parseIndicatorTable(
			csvOf('PLR_ID;Arbeitslose %;Kinderarmut %\n01100101;4,2;19,4\n01100102;k. A.;2,1'),
			options
		);
		expect(!result.ok && result.errors).toEqual([
			{
				code: 'notANumber',
				line: 3,
				column: 'Arbeitslose %',
				message: 'Zeile 3, Spalte „Arbeitslose %“: „k. A.“ ist keine Zahl.'
			}
		]);
	});

	test('line numbers count the lines of multi-line quoted cells', () => {
		const text =
			'PLR_ID;Notiz;Arbeitslose %;Kinderarmut %\n01100101;"zwei\nZeilen";4,2;1\n01100102;x;?;2';
		const result = parseIndicatorTable(csvOf(text), options);
		expect(!result.ok && result.errors[0].line).toBe(4);
	});

	test('invalid markers and empty cells give no data; other numbers stay numbers', () => {
		const text =
			'PLR_ID;Arbeitslose %;Kinderarmut %\n01100101;-9999;0\n01100102;-9999,0;\n01100103;-9998;0,0';
		const values = valuesOf(
			parseIndicatorTable(csvOf(text), { ...options, invalidMarkers: ['-9999'] })
		);
		expect(values.map((v) => v.value)).toEqual([null, 0, null, null, -9998, 0]);
	});

	test('reads a statistics office table as it comes: space thousands, signs, % and no-data marks', () => {
		const text =
			'PLR_ID;Arbeitslose %;Kinderarmut %\n' +
			'01100101;1\u00A0229,5;- 23\n' +
			'01100102;12,5 %;\u22124\n' +
			'01100103;.;(7,5)\n';
		const values = valuesOf(parseIndicatorTable(csvOf(text), options));
		expect(values.map((v) => v.value)).toEqual([1229.5, -23, 12.5, -4, null, 7.5]);
		const marks = 'PLR_ID;Arbeitslose %;Kinderarmut %\n01100101;x;\u2013\n01100102;/;…\n';
		expect(valuesOf(parseIndicatorTable(csvOf(marks), options)).map((v) => v.value)).toEqual([
			null,
			null,
			null,
			null
		]);
		// A column of `1 229`-style integers decides nothing; the other column makes the file German.
		const spaced = 'PLR_ID;Arbeitslose %;Kinderarmut %\n01100101;1 229;4,5\n01100102;- 3;1\n';
		expect(valuesOf(parseIndicatorTable(csvOf(spaced), options)).map((v) => v.value)).toEqual([
			1229, 4.5, -3, 1
		]);
		// An irregular group is still refused with its line, never read as a guess.
		const broken = 'PLR_ID;Arbeitslose %;Kinderarmut %\n01100101;12 34;4,5\n';
		const result = parseIndicatorTable(csvOf(broken), options);
		expect(!result.ok && result.errors).toEqual([
			{
				code: 'notANumber',
				line: 2,
				column: 'Arbeitslose %',
				message: 'Zeile 2, Spalte „Arbeitslose %“: „12 34“ ist keine Zahl.'
			}
		]);
	});

	test('without a marker, -9999 is a number like any other', () => {
		const text = 'PLR_ID;Arbeitslose %;Kinderarmut %\n01100101;-9999;1';
		expect(valuesOf(parseIndicatorTable(csvOf(text), options))[0].value).toBe(-9999);
	});

	test('a column that cannot be decided follows the rest of the file', () => {
		const text = 'PLR_ID;Arbeitslose %;Kinderarmut %\n01100101;1.234;4,5\n01100102;2.000;1';
		const values = valuesOf(parseIndicatorTable(csvOf(text), options));
		expect(values.map((v) => v.value)).toEqual([1234, 4.5, 2000, 1]);
	});

	test('an undecidable file asks for the number format', () => {
		const text = 'PLR_ID;Arbeitslose %;Kinderarmut %\n01100101;1.234;1\n01100102;2.000;2';
		expect(parseIndicatorTable(csvOf(text), options)).toMatchObject({
			ok: false,
			errors: [{ code: 'numberFormatAmbiguous', column: 'Arbeitslose %' }]
		});
		const values = valuesOf(parseIndicatorTable(csvOf(text), { ...options, numberFormat: 'en' }));
		expect(values[0].value).toBe(1.234);
	});

	test('mixed notations are refused, within a column and between columns', () => {
		const within = 'PLR_ID;Arbeitslose %;Kinderarmut %\n01100101;4,5;1\n01100102;4.22594;2';
		expect(parseIndicatorTable(csvOf(within), options)).toMatchObject({
			ok: false,
			errors: [{ code: 'numberFormatMixed', column: 'Arbeitslose %' }]
		});
		const between = 'PLR_ID;Arbeitslose %;Kinderarmut %\n01100101;4,5;4.22594';
		expect(parseIndicatorTable(csvOf(between), options)).toMatchObject({
			ok: false,
			errors: [{ code: 'numberFormatMixed', line: null }]
		});
	});

	test('a fixed German format refuses English decimals instead of misreading them', () => {
		const text = 'PLR_ID;Arbeitslose %;Kinderarmut %\n01100101;4.22594;1';
		expect(parseIndicatorTable(csvOf(text), { ...options, numberFormat: 'de' })).toMatchObject({
			ok: false,
			errors: [{ code: 'notANumber', line: 2, column: 'Arbeitslose %' }]
		});
	});

	test('rows rejected by the validity column are not read at all', () => {
		const text =
			'PLR_ID;Arbeitslose %;Kinderarmut %;KOM\n01100101;4,2;1;gültig\n01100102;###;;ungültig';
		const result = parseIndicatorTable(csvOf(text), {
			...options,
			validity: { column: 'KOM', validValues: ['gültig'] }
		});
		expect(valuesOf(result).map((v) => v.value)).toEqual([4.2, 1, null, null]);
		expect(result.ok && result.summary.invalidRows).toEqual([
			{ line: 3, districtCode: '01100102', reason: 'ungültig' }
		]);
	});

	test('a missing id or period in a row is named', () => {
		const text = 'Jahr;PLR_ID;Arbeitslose %;Kinderarmut %\n2020;;4,2;1\n;01100102;1;1';
		const result = parseIndicatorTable(csvOf(text), { ...options, period: { column: 'Jahr' } });
		expect(!result.ok && result.errors.map((e) => [e.code, e.line])).toEqual([
			['idMissing', 2],
			['periodMissing', 3]
		]);
	});

	test('a header without rows, doubled columns and doubled keys are refused', () => {
		expect(
			parseIndicatorTable(csvOf('PLR_ID;Arbeitslose %;Kinderarmut %\n'), options)
		).toMatchObject({
			ok: false,
			errors: [{ code: 'noRows' }]
		});
		expect(
			parseIndicatorTable(
				csvOf('PLR_ID;Arbeitslose %;Arbeitslose %;Kinderarmut %\n01100101;1;2;3'),
				options
			)
		).toMatchObject({ ok: false, errors: [{ code: 'columnDuplicate', column: 'Arbeitslose %' }] });
		const doubledKey = {
			...options,
			indicators: [
				{ column: 'Arbeitslose %', key: 'x' },
				{ column: 'Kinderarmut %', key: 'x' }
			]
		};
		expect(
			parseIndicatorTable(csvOf('PLR_ID;Arbeitslose %;Kinderarmut %\n01100101;1;2'), doubledKey)
		).toMatchObject({
			ok: false,
			errors: [{ code: 'optionsInvalid' }]
		});
	});

	test('an empty fixed period is refused before any row is read', () => {
		const text = 'PLR_ID;Arbeitslose %;Kinderarmut %\n01100101;1;2';
		expect(parseIndicatorTable(csvOf(text), { ...options, period: ' ' })).toEqual({
			ok: false,
			errors: [{ code: 'optionsInvalid', line: null, message: 'Der Zeitraum fehlt.' }]
		});
	});

	test('all-or-nothing, with the problems of the whole file up to a cap', () => {
		const rows = Array.from({ length: 120 }, (_, i) => `${90000000 + i};1;2`).join('\n');
		const result = parseIndicatorTable(
			csvOf(`PLR_ID;Arbeitslose %;Kinderarmut %\n01100101;1;2\n${rows}`),
			options
		);
		expect(result.ok).toBe(false);
		expect(result).not.toHaveProperty('values');
		expect(!result.ok && result.errors).toHaveLength(maxReportedIndicatorProblems + 1);
		expect(!result.ok && result.errors.at(-1)?.message).toBe(
			'… und 20 weitere Fehler. Bitte zuerst die genannten beheben.'
		);
	});

	test('known districts the file leaves out are counted, not refused', () => {
		const result = parseIndicatorTable(
			csvOf('PLR_ID;Arbeitslose %;Kinderarmut %\n01100101;1;2'),
			options
		);
		expect(result.ok && result.summary.districtsWithoutRow).toBe(2);
	});
});
