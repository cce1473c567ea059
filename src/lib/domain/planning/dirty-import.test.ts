/**
 * The mapping step of issue 11 on two dirty tables written for it (tests/fixtures/dirty/README.md):
 * bytes → text → table → keys, defaults and formats per column → join preview → decisions → values,
 * all with the pure modules the mapping UI and the server import are to use.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { guessPolarity, guessUnit } from './column-defaults';
import { assignColumnKeys, checkColumnKeys } from './column-keys';
import { parseCsv, type CsvTable } from './csv';
import {
	previewDistrictMatch,
	rankJoinColumns,
	resolveDistrictJoin,
	type DistrictRef,
	type RowDecision
} from './district-matching';
import { parseIndicatorTable } from './indicators';
import { parseStatisticalNumber, profileNumberColumn } from './statistical-number';
import { decodeUpload } from './upload-text';

function readFixture(file: string): { table: CsvTable; warnings: string[] } {
	const bytes = readFileSync(new URL(`../../../../tests/fixtures/dirty/${file}`, import.meta.url));
	const { text, warnings } = decodeUpload(bytes);
	const table = parseCsv(text);
	if (!table.ok) throw new Error(table.error.message);
	return { table, warnings };
}

const column = (table: CsvTable, index: number) => table.rows.map((row) => row[index] ?? '');

describe('Ortsteile 2022: Windows-1252, joined by name', () => {
	const { table, warnings } = readFixture('ortsteile-sozialdaten-2022.cp1252.csv');
	const ortsteile: DistrictRef[] = [
		{ code: '0101', name: 'Alt-Moabit', parentCode: '01', parentName: 'Mitte' },
		{ code: '0102', name: 'Moabit Ost', parentCode: '01', parentName: 'Mitte' },
		{ code: '0103', name: 'Moabit West', parentCode: '01', parentName: 'Mitte' },
		{
			code: '0401',
			name: 'Schloßstraße',
			parentCode: '04',
			parentName: 'Charlottenburg-Wilmersdorf'
		},
		{ code: '0601', name: 'Schloßstraße', parentCode: '06', parentName: 'Steglitz-Zehlendorf' },
		{ code: '1201', name: 'Mellerbogen', parentCode: '12', parentName: 'Reinickendorf' },
		{ code: '1202', name: 'Wittenau Süd', parentCode: '12', parentName: 'Reinickendorf' }
	];

	test('is read as Windows-1252 with a warning, its en dashes and ellipses intact', () => {
		expect(warnings).toHaveLength(1);
		expect(table.delimiter).toBe(';');
		expect(table.rows).toHaveLength(12);
		expect(table.rows[2][3]).toBe('–');
		expect(table.rows[4][6]).toBe('…');
		expect(table.header[3].length).toBeGreaterThan(100);
	});

	test('every column gets a key, keeps its header as label, and gets cautious defaults', () => {
		const keys = assignColumnKeys(table.header);
		expect(keys.map(({ key, label }) => [key, guessUnit(label), guessPolarity(label)])).toEqual([
			['ortsteil', 'none', 'unknown'],
			['bezirk', 'none', 'unknown'],
			['einwohnerinnen_und_einwohner_insgesamt', 'count', 'unknown'],
			['anteil_der_arbeitslosen_nach_sgb_ii_und', 'percent', 'higherIsWorse'],
			['empfaenger_innen_von_leistungen_nach_sgb', 'count', 'higherIsWorse'],
			['veraenderung_der_einwohnerzahl', 'count', 'unknown'],
			['geburten_je_1_000_einwohner', 'perThousand', 'unknown'],
			['spalte_8', 'none', 'unknown'],
			['anteil_prozent', 'percent', 'unknown'],
			['anteil_prozent_2', 'percent', 'unknown']
		]);
		expect(keys[3].label).toBe(table.header[3]);
		expect(keys[7].label).toBe('Spalte 8');
		expect(checkColumnKeys(keys)).toEqual([]);
	});

	test('offers the number columns, with their format, and not the names or the empty column', () => {
		const profiles = table.header.map((_, i) => profileNumberColumn(column(table, i)));
		expect(profiles.map((p) => p.offered)).toEqual([
			false,
			false,
			true,
			true,
			true,
			true,
			true,
			false,
			true,
			true
		]);
		// Only `1 229` and `2.345` style values: German thousands, and the preview says it was assumed.
		expect(profiles[4]).toMatchObject({
			format: 'de',
			basis: { kind: 'assumed', example: '2.345' },
			marksSeen: ['x', '-', '*']
		});
		expect(profiles[3]).toMatchObject({ format: 'de', percentSign: true, marksSeen: ['–'] });
		expect(profiles[6]).toMatchObject({ marksSeen: ['/', '…'] });
	});

	test('joins by name with the Bezirk column, and explains every row that does not join', () => {
		expect(rankJoinColumns(table.rows, ortsteile)[0]).toMatchObject({ index: 0, by: 'name' });
		const preview = previewDistrictMatch(
			table.rows.map((row, i) => ({ line: table.lines[i], name: row[0], parent: row[1] })),
			ortsteile,
			'name'
		);
		expect(
			preview.rows.map((r) => {
				if (r.status === 'matched') return `${r.line} ${r.district.code} ${r.by}`;
				if (r.status === 'unmatched') return `${r.line} ${r.reason}`;
				if (r.status === 'duplicate') return `${r.line} duplicate of ${r.firstLine}`;
				return `${r.line} ambiguous`;
			})
		).toEqual([
			'2 0101 name',
			'3 0102 name',
			'4 0103 name',
			'5 0401 nameAndParent',
			'6 0601 nameAndParent',
			'7 1201 name',
			'8 1202 name',
			'9 duplicate of 8',
			'10 merged',
			'11 parent',
			'12 unknown',
			'13 total'
		]);
		expect(preview.duplicates.map((d) => d.message)).toEqual([
			'Wittenau Süd (Reinickendorf, 1202) steht in den Zeilen 8, 9. Bitte nur eine Zeile behalten.'
		]);
	});

	test('after the planner decides, the values come out as the office meant them', () => {
		const preview = previewDistrictMatch(
			table.rows.map((row, i) => ({ line: table.lines[i], name: row[0], parent: row[1] })),
			ortsteile,
			'name'
		);
		const decisions = new Map<number, RowDecision>([
			[9, { skip: true }],
			[10, { skip: true }],
			[11, { skip: true }],
			[12, { skip: true }]
		]);
		const join = resolveDistrictJoin(preview, decisions, ortsteile);
		if (!join.ok) throw new Error(join.problems.map((p) => p.message).join('\n'));
		expect(join.skippedLines).toEqual([9, 10, 11, 12, 13]);

		const read = (index: number) => {
			const format = profileNumberColumn(column(table, index)).format ?? 'de';
			const byCode: Record<string, unknown> = {};
			table.rows.forEach((row, i) => {
				const code = join.codeByLine.get(table.lines[i]);
				if (code) byCode[code] = parseStatisticalNumber(row[index], format);
			});
			return byCode;
		};
		const population = read(2);
		expect(population['0101']).toMatchObject({ kind: 'number', value: 12345 });
		expect(population['0102']).toMatchObject({ kind: 'number', value: 23456 });
		const unemployment = read(3);
		expect(unemployment['0102']).toEqual({
			kind: 'number',
			value: 12.5,
			percent: true,
			uncertain: false
		});
		expect(unemployment['0103']).toEqual({ kind: 'noData', mark: '–' });
		expect(unemployment['1201']).toEqual({
			kind: 'number',
			value: 7.5,
			percent: false,
			uncertain: true
		});
		const recipients = read(4);
		expect(recipients['0101']).toMatchObject({ value: 1229 });
		expect(recipients['0102']).toMatchObject({ value: 2345 });
		expect(recipients['0401']).toEqual({ kind: 'noData', mark: '-' });
		const change = read(5);
		expect([change['0101'], change['0102'], change['0103'], change['1201']]).toMatchObject([
			{ value: -23 },
			{ value: 112 },
			{ value: -5 },
			{ value: -12 }
		]);
	});
});

describe('Planungsräume over two years: UTF-8, joined by code', () => {
	const { table, warnings } = readFixture('plr-zeitreihe.utf8.csv');
	const plr: DistrictRef[] = [
		{ code: '01100101', name: 'Stülerstraße', parentCode: '011001', parentName: 'Tiergarten Süd' },
		{
			code: '01100102',
			name: 'Großer Tiergarten',
			parentCode: '011001',
			parentName: 'Tiergarten Süd'
		},
		{ code: '01100103', name: 'Lützowstraße', parentCode: '011001', parentName: 'Tiergarten Süd' }
	];

	test('proposes PLR_ID as code column', () => {
		expect(warnings).toEqual([]);
		expect(table.header[0]).toBe('Jahr');
		expect(rankJoinColumns(table.rows, plr)[0]).toMatchObject({ index: 1, by: 'code', matches: 6 });
	});

	test('matches codes per period, names the missing zero, the duplicate, the total and the unknown code', () => {
		const preview = previewDistrictMatch(
			table.rows.map((row, i) => ({
				line: table.lines[i],
				code: row[1],
				name: row[2],
				period: row[0]
			})),
			plr,
			'code'
		);
		expect(
			preview.rows.map((r) =>
				r.status === 'matched'
					? `${r.line} ${r.by}`
					: r.status === 'unmatched'
						? `${r.line} ${r.reason}`
						: `${r.line} ${r.status}`
			)
		).toEqual([
			'2 code',
			'3 codeWithoutLeadingZeros',
			'4 code',
			'5 total',
			'6 code',
			'7 code',
			'8 duplicate',
			'9 unknown'
		]);
		expect(preview.duplicates).toMatchObject([{ period: '2022', lines: [6, 8] }]);

		// The planner drops the second Stülerstraße row and the unknown one; the total is skipped by
		// itself. The rows that remain, with their resolved codes, go through the existing importer.
		const join = resolveDistrictJoin(
			preview,
			new Map<number, RowDecision>([
				[8, { skip: true }],
				[9, { skip: true }]
			]),
			plr
		);
		if (!join.ok) throw new Error(join.problems.map((p) => p.message).join('\n'));
		const kept = table.rows.flatMap((row, i) => {
			const code = join.codeByLine.get(table.lines[i]);
			return code ? [{ row: [row[0], code, ...row.slice(2)], line: table.lines[i] }] : [];
		});
		const result = parseIndicatorTable(
			{ header: table.header, rows: kept.map((k) => k.row), lines: kept.map((k) => k.line) },
			{
				idColumn: 'PLR_ID',
				period: { column: 'Jahr' },
				indicators: [
					{ column: 'Einwohner', key: 'einwohner' },
					{ column: 'Arbeitslosenquote (%)', key: 'arbeitslosenquote_prozent' },
					{ column: 'Kinder unter 6 J. pro 1000 EW', key: 'kinder_unter_6_j_pro_1000_ew' }
				],
				numberFormat: 'de',
				knownDistrictCodes: new Set(plr.map((d) => d.code))
			}
		);
		if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
		const value = (code: string, key: string, period: string) =>
			result.values.find(
				(v) => v.districtCode === code && v.indicatorKey === key && v.period === period
			)?.value;
		expect(value('01100101', 'einwohner', '2021')).toBe(1229);
		expect(value('01100102', 'einwohner', '2021')).toBe(2345);
		expect(value('01100102', 'arbeitslosenquote_prozent', '2021')).toBe(3.8);
		expect(value('01100102', 'arbeitslosenquote_prozent', '2022')).toBe(-0.4);
		expect(value('01100103', 'arbeitslosenquote_prozent', '2021')).toBeNull();
		expect(value('01100102', 'kinder_unter_6_j_pro_1000_ew', '2021')).toBeNull();
		expect(value('01100102', 'kinder_unter_6_j_pro_1000_ew', '2022')).toBeNull();
		expect(result.summary).toMatchObject({ rows: 5, values: 15, nullValues: 3 });
	});
});
