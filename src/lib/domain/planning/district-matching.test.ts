import { describe, expect, test } from 'vitest';
import {
	createDistrictLookup,
	previewDistrictMatch,
	rankJoinColumns,
	resolveDistrictJoin,
	type DistrictRef,
	type RowDecision
} from './district-matching';

const districts: DistrictRef[] = [
	{ code: '01100101', name: 'Alt-Moabit', parentCode: '01', parentName: 'Mitte' },
	{ code: '01100102', name: 'Moabit Ost', parentCode: '01', parentName: 'Mitte' },
	{ code: '01100103', name: 'Moabit West', parentCode: '01', parentName: 'Mitte' },
	{
		code: '04300416',
		name: 'Schloßstraße',
		parentCode: '04',
		parentName: 'Charlottenburg-Wilmersdorf'
	},
	{ code: '06100102', name: 'Schloßstraße', parentCode: '06', parentName: 'Steglitz-Zehlendorf' },
	{ code: '12601235', name: 'Mellerbogen', parentCode: '12', parentName: 'Reinickendorf' },
	{ code: '12302109', name: 'Wittenau Süd', parentCode: '12', parentName: 'Reinickendorf' }
];

describe('previewDistrictMatch by name', () => {
	test('matches names whatever their case, dashes, spaces and ß', () => {
		const preview = previewDistrictMatch(
			[
				{ line: 2, name: 'ALT MOABIT' },
				{ line: 3, name: 'Moabit–Ost' },
				{ line: 4, name: ' moabit  west ' },
				{ line: 5, name: 'Meller Bogen' },
				{ line: 6, name: 'Wittenau-Sued' }
			],
			districts,
			'name'
		);
		expect(preview.rows.map((r) => (r.status === 'matched' ? [r.district.code, r.by] : r))).toEqual(
			[
				['01100101', 'name'],
				['01100102', 'name'],
				['01100103', 'name'],
				['12601235', 'name'],
				['12302109', 'name']
			]
		);
		expect(preview.counts).toEqual({ matched: 5, unmatched: 0, ambiguous: 0, duplicate: 0 });
		expect(preview.districtsWithoutRow.map((d) => d.code)).toEqual(['04300416', '06100102']);
	});

	test('a name that two districts share is ambiguous, with both candidates and their parents', () => {
		const preview = previewDistrictMatch([{ line: 7, name: 'Schlossstrasse' }], districts, 'name');
		expect(preview.rows[0]).toMatchObject({
			status: 'ambiguous',
			line: 7,
			text: 'Schlossstrasse',
			candidates: [{ code: '04300416' }, { code: '06100102' }]
		});
		expect(preview.rows[0].status === 'ambiguous' && preview.rows[0].message).toBe(
			'Zeile 7: „Schlossstrasse“ gibt es 2-mal: Schloßstraße (Charlottenburg-Wilmersdorf, 04300416); ' +
				'Schloßstraße (Steglitz-Zehlendorf, 06100102). Bitte von Hand zuordnen oder eine Spalte ' +
				'mit dem übergeordneten Gebiet angeben.'
		);
	});

	test('a parent column tells districts of the same name apart, by name or by code', () => {
		const preview = previewDistrictMatch(
			[
				{ line: 2, name: 'Schloßstraße', parent: 'Steglitz Zehlendorf' },
				{ line: 3, name: 'SCHLOSSSTRASSE', parent: '04' },
				{ line: 4, name: 'Schloßstraße', parent: 'Pankow' }
			],
			districts,
			'name'
		);
		expect(preview.rows.map((r) => r.status)).toEqual(['matched', 'matched', 'ambiguous']);
		expect(preview.rows[0]).toMatchObject({ district: { code: '06100102' }, by: 'nameAndParent' });
		expect(preview.rows[1]).toMatchObject({ district: { code: '04300416' }, by: 'nameAndParent' });
	});

	test('explains unmatched rows: totals, parents, merged units, empty and unknown names', () => {
		const preview = previewDistrictMatch(
			[
				{ line: 2, name: 'Insgesamt' },
				{ line: 3, name: 'Stadt Berlin' },
				{ line: 4, name: 'Mitte' },
				{ line: 5, name: 'Moabit Ost / Moabit West' },
				{ line: 6, name: '' },
				{ line: 7, name: 'Hansaviertel' }
			],
			districts,
			'name'
		);
		expect(preview.rows.map((r) => (r.status === 'unmatched' ? r.reason : r.status))).toEqual([
			'total',
			'total',
			'parent',
			'merged',
			'empty',
			'unknown'
		]);
		expect(preview.rows[3]).toMatchObject({
			candidates: [{ code: '01100102' }, { code: '01100103' }]
		});
		expect(preview.rows.map((r) => (r.status === 'unmatched' ? r.message : ''))).toEqual([
			'Zeile 2: „Insgesamt“ sieht nach einer Summenzeile aus, nicht nach einem Gebiet. Sie wird ' +
				'übersprungen, wenn Sie nichts anderes wählen.',
			'Zeile 3: „Stadt Berlin“ sieht nach einer Summenzeile aus, nicht nach einem Gebiet. Sie wird ' +
				'übersprungen, wenn Sie nichts anderes wählen.',
			'Zeile 4: „Mitte“ ist ein übergeordnetes Gebiet, kein Gebiet dieser Ebene. Bitte überspringen.',
			'Zeile 5: „Moabit Ost / Moabit West“ fasst mehrere Gebiete zusammen (Moabit Ost, Moabit West). ' +
				'Bitte überspringen oder einem Gebiet zuordnen.',
			'Zeile 6: Der Name fehlt. Bitte ein Gebiet zuordnen oder die Zeile überspringen.',
			'Zeile 7: Ein Gebiet „Hansaviertel“ gibt es nicht. Bitte von Hand zuordnen oder überspringen.'
		]);
	});

	test('names both lines when one district has two rows, per period', () => {
		const preview = previewDistrictMatch(
			[
				{ line: 2, name: 'Wittenau Süd', period: '2022' },
				{ line: 3, name: 'Alt-Moabit', period: '2022' },
				{ line: 4, name: 'Wittenau-Süd', period: '2022' },
				{ line: 5, name: 'Wittenau Süd', period: '2021' }
			],
			districts,
			'name'
		);
		expect(preview.rows.map((r) => r.status)).toEqual([
			'matched',
			'matched',
			'duplicate',
			'matched'
		]);
		expect(preview.rows[2]).toMatchObject({
			firstLine: 2,
			message:
				'Zeile 4: Wittenau Süd (Reinickendorf, 12302109) kommt für den Zeitraum „2022“ doppelt vor ' +
				'(schon in Zeile 2).'
		});
		expect(preview.duplicates).toEqual([
			{
				district: districts[6],
				period: '2022',
				lines: [2, 4],
				message:
					'Wittenau Süd (Reinickendorf, 12302109) steht für „2022“ in den Zeilen 2, 4. Bitte nur ' +
					'eine Zeile behalten.'
			}
		]);
	});
});

describe('previewDistrictMatch by code', () => {
	test('matches codes exactly, and says when a spreadsheet dropped the leading zero', () => {
		const preview = previewDistrictMatch(
			[
				{ line: 2, code: '01100101' },
				{ line: 3, code: ' 1100102 ' },
				{ line: 4, code: '99999999' },
				{ line: 5, code: '', name: 'Berlin insgesamt' },
				{ line: 6, code: '12' }
			],
			districts,
			'code'
		);
		expect(preview.rows.map((r) => (r.status === 'unmatched' ? r.reason : r.status))).toEqual([
			'matched',
			'matched',
			'unknown',
			'total',
			'parent'
		]);
		expect(preview.rows[1]).toMatchObject({
			district: { code: '01100102' },
			by: 'codeWithoutLeadingZeros'
		});
		expect(preview.rows[2]).toMatchObject({
			message:
				'Zeile 4: Zur Kennung „99999999“ gibt es kein Gebiet. Bitte von Hand zuordnen oder überspringen.'
		});
	});

	test('does not guess a code without zeros when two codes would fit', () => {
		const lookup = createDistrictLookup([
			{ code: '0101', name: 'A' },
			{ code: '00101', name: 'B' }
		]);
		expect(previewDistrictMatch([{ line: 2, code: '101' }], lookup, 'code').rows[0]).toMatchObject({
			status: 'unmatched',
			reason: 'unknown'
		});
	});

	test('code or name: the code where it is known, else the name', () => {
		const preview = previewDistrictMatch(
			[
				{ line: 2, code: '01100101', name: 'falscher Name' },
				{ line: 3, code: '', name: 'Moabit Ost' },
				{ line: 4, code: 'n. a.', name: 'Moabit West' },
				{ line: 5, code: '0', name: 'Summe' },
				{ line: 6, code: '7', name: 'Nirgendwo' }
			],
			districts,
			'codeOrName'
		);
		expect(
			preview.rows.map((r) =>
				r.status === 'matched'
					? `${r.district.code} ${r.by}`
					: r.status === 'unmatched'
						? r.reason
						: r.status
			)
		).toEqual(['01100101 code', '01100102 name', '01100103 name', 'total', 'unknown']);
		expect(preview.rows[4]).toMatchObject({
			text: '7 / Nirgendwo',
			message:
				'Zeile 6: Weder die Kennung „7“ noch der Name „Nirgendwo“ passt zu einem Gebiet. Bitte von ' +
				'Hand zuordnen oder überspringen.'
		});
	});
});

describe('resolveDistrictJoin', () => {
	const rows = [
		{ line: 2, name: 'Alt Moabit' },
		{ line: 3, name: 'Insgesamt' },
		{ line: 4, name: 'Schloßstraße' },
		{ line: 5, name: 'Moabit Ost / Moabit West' },
		{ line: 6, name: 'Hansaviertel' }
	];
	const preview = previewDistrictMatch(rows, districts, 'name');

	test('applies the decisions and skips total rows nobody decided on', () => {
		const decisions = new Map<number, RowDecision>([
			[4, { districtCode: '06100102' }],
			[5, { skip: true }],
			[6, { districtCode: '01100102' }]
		]);
		const join = resolveDistrictJoin(preview, decisions, districts);
		expect(join).toEqual({
			ok: true,
			codeByLine: new Map([
				[2, '01100101'],
				[4, '06100102'],
				[6, '01100102']
			]),
			skippedLines: [3, 5]
		});
	});

	test('is all or nothing: every row left open is named, and so is a hand-made duplicate', () => {
		const join = resolveDistrictJoin(
			preview,
			new Map<number, RowDecision>([
				[5, { districtCode: '01100101' }],
				[6, { districtCode: 'gibt-es-nicht' }]
			]),
			districts
		);
		expect(join).toEqual({
			ok: false,
			problems: [
				{ line: 4, message: expect.stringContaining('Zeile 4: „Schloßstraße“ gibt es 2-mal') },
				{
					line: 5,
					message:
						'Zeile 5: Alt-Moabit (Mitte, 01100101) kommt doppelt vor (schon in Zeile 2). Bitte ' +
						'eine der beiden Zeilen überspringen.'
				},
				{ line: 6, message: 'Zeile 6: Das gewählte Gebiet „gibt-es-nicht“ gibt es nicht.' }
			]
		});
	});

	test('a total row can still be assigned by hand, and an empty key is never dropped silently', () => {
		const withEmpty = previewDistrictMatch([...rows, { line: 7, name: ' ' }], districts, 'name');
		const join = resolveDistrictJoin(
			withEmpty,
			new Map<number, RowDecision>([
				[3, { districtCode: '12601235' }],
				[4, { skip: true }],
				[5, { skip: true }],
				[6, { skip: true }]
			]),
			districts
		);
		expect(join).toEqual({
			ok: false,
			problems: [
				{
					line: 7,
					message: 'Zeile 7: Der Name fehlt. Bitte ein Gebiet zuordnen oder die Zeile überspringen.'
				}
			]
		});
	});
});

describe('rankJoinColumns', () => {
	test('proposes the column that names most districts, as code or as name', () => {
		const rows = [
			['2022', '01100101', 'Alt Moabit', '4,2'],
			['2022', '1100102', 'Moabit-Ost', '3,1'],
			['2022', '', 'Insgesamt', '3,9']
		];
		expect(rankJoinColumns(rows, districts)).toEqual([
			{ index: 1, by: 'code', matches: 2, sampled: 3 },
			{ index: 2, by: 'name', matches: 2, sampled: 3 }
		]);
		expect(rankJoinColumns([], districts)).toEqual([]);
	});
});

test('a district may have one row per period, and the final join knows the periods', () => {
	const preview = previewDistrictMatch(
		[
			{ line: 2, code: '01100101', period: '2021' },
			{ line: 3, code: '01100101', period: '2022' }
		],
		districts,
		'code'
	);
	expect(preview.counts.duplicate).toBe(0);
	expect(resolveDistrictJoin(preview, new Map(), districts)).toMatchObject({ ok: true });
});

test('joins 1,000 rows against 700 districts by name quickly', () => {
	const many: DistrictRef[] = Array.from({ length: 700 }, (_, i) => ({
		code: String(i).padStart(4, '0'),
		name: `Ortsteil Nummer ${i} Süd`,
		parentName: `Bezirk ${i % 12}`
	}));
	const rows = Array.from({ length: 1000 }, (_, i) => ({
		line: i + 2,
		name: `ORTSTEIL-NUMMER-${i % 700}-SUED`,
		period: String(2020 + Math.floor(i / 700))
	}));
	const started = performance.now();
	const preview = previewDistrictMatch(rows, many, 'name');
	expect(performance.now() - started).toBeLessThan(500);
	expect(preview.counts).toEqual({ matched: 1000, unmatched: 0, ambiguous: 0, duplicate: 0 });
});
