import { afterEach, beforeEach, expect, test } from 'vitest';
import { describeEachStore, type TestStore } from '../../../../tests/helpers/stores';
import { createStaff } from '../../../../tests/helpers/fixtures';
import {
	bezirke,
	dirtyFixture,
	ortsteile,
	ortsteileFile,
	planungsraeume,
	plrSeriesFile,
	squaresGeoJson
} from '../../../../tests/helpers/dirty-districts';
import { parseDistrictGeoJson } from '../../domain/planning/districts';
import type { TableMapping } from '../../domain/planning/table-mapping';
import { decodeUpload } from '../../domain/planning/upload-text';
import type { User } from '../accounts';
import { importDistricts } from './districts';
import { listIndicators } from './indicators';
import { saveRollupSettings } from './rollup';
import { evaluateStoredRule } from './rule';
import {
	createTableDraft,
	getTableDraft,
	listSavedMappings,
	runTableImport,
	saveDraftMapping,
	viewTableDraft,
	type TableDraft
} from './table-import';

const encoder = new TextEncoder();
const decode = (bytes: Uint8Array) => decodeUpload(bytes).text;

describeEachStore('table import with a mapping', (open) => {
	let store: TestStore;
	let planner: User;
	beforeEach(async () => {
		store = await open();
		planner = await createStaff(store.db, 'planner');
	});
	afterEach(() => store.dispose());

	const importLevel = async (
		level: string,
		areas: { code: string; name: string }[],
		parent?: { level: string; prefix: number; codes: string[] }
	) => {
		const parsed = parseDistrictGeoJson(squaresGeoJson(areas), {
			idProperty: 'CODE',
			nameProperty: 'NAME',
			level,
			parent: parent
				? { fromIdPrefix: parent.prefix, knownCodes: new Set(parent.codes) }
				: undefined
		});
		if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
		await importDistricts(store.db, parsed, {
			fileName: `${level}.geojson`,
			createdBy: planner.id,
			parentLevel: parent?.level ?? null
		});
	};
	const importOrtsteile = async () => {
		await importLevel('bezirk', bezirke);
		await importLevel('ortsteil', ortsteile, {
			level: 'bezirk',
			prefix: 2,
			codes: bezirke.map((b) => b.code)
		});
	};
	const draftOf = async (bytes: Uint8Array, name: string, level: string): Promise<TableDraft> => {
		const created = await createTableDraft(store.db, {
			file: { name, bytes },
			level,
			createdBy: planner.id
		});
		if (!created.ok) throw new Error(created.errors[0].message);
		return (await getTableDraft(store.db, created.id, planner.id))!;
	};
	const view = async (draft: TableDraft, apply?: string) => {
		const result = await viewTableDraft(store.db, draft, { apply });
		if (!result.ok) throw new Error(result.message);
		return result;
	};
	const count = async (sql: string) => Number((await store.db.get<{ n: number }>(sql))!.n);
	const valueOf = async (key: string, code: string, period = '2022') =>
		(
			await store.db.get<{ value: number | null }>(
				'SELECT value FROM indicator_values WHERE indicator_key = ? AND district_code = ? AND period = ?',
				[key, code, period]
			)
		)?.value;
	/** The Ortsteile mapping as a planner finishes it: period, the rows decided. */
	const decided = (mapping: TableMapping): TableMapping => ({
		...mapping,
		period: '2022',
		rows: [
			[9, { skip: true }],
			[10, { skip: true }],
			[11, { skip: true }],
			[12, { districtCode: '0104' }]
		]
	});

	test('proposes keys, labels, cautious defaults and the name join for the Windows-1252 Ortsteile table', async () => {
		await importOrtsteile();
		const draft = await draftOf(dirtyFixture(ortsteileFile), ortsteileFile, 'ortsteil');
		const shown = await view(draft);
		expect(shown.fileWarnings).toHaveLength(1);
		expect(shown.mapping).toMatchObject({ joinColumn: 0, joinBy: 'name', parentColumn: 1 });
		const columns = shown.mapping.columns;
		expect(columns[3].label).toHaveLength(shown.header[3].length);
		expect(columns[3].label.length).toBeGreaterThan(100);
		expect(columns.map((c) => [c.key, c.unit, c.polarity, c.use])).toEqual([
			['ortsteil', '', 'unknown', false],
			['bezirk', '', 'unknown', false],
			['einwohnerinnen_und_einwohner_insgesamt', 'Anzahl', 'unknown', true],
			['anteil_der_arbeitslosen_nach_sgb_ii_und', '%', 'higherIsWorse', true],
			['empfaenger_innen_von_leistungen_nach_sgb', 'Anzahl', 'higherIsWorse', true],
			['veraenderung_der_einwohnerzahl', 'Anzahl', 'unknown', true],
			['geburten_je_1_000_einwohner', 'je 1.000', 'unknown', true],
			['spalte_8', '', 'unknown', false],
			['anteil_prozent', '%', 'unknown', true],
			['anteil_prozent_2', '%', 'unknown', true]
		]);
		// Ortsteil names with ß/ss, case and dashes matched; the rest explained with line numbers.
		expect(shown.counts).toEqual({ matched: 7, unmatched: 4, ambiguous: 0, duplicate: 1 });
		expect(shown.attention.map((r) => [r.line, r.status, r.reason, r.choice])).toEqual([
			[8, 'duplicate', null, ''],
			[9, 'duplicate', null, ''],
			[10, 'unmatched', 'merged', ''],
			[11, 'unmatched', 'parent', 'skip'],
			[12, 'unmatched', 'unknown', ''],
			[13, 'unmatched', 'total', 'skip']
		]);
		expect(shown.attention[0].message).toBe(
			'Wittenau Süd (Reinickendorf, 1202) steht in den Zeilen 8, 9. Bitte nur eine Zeile behalten.'
		);
		expect(shown.matched.find((m) => m.line === 5)).toMatchObject({
			text: 'Schlossstrasse',
			district: 'Schloßstraße (Charlottenburg-Wilmersdorf, 0401)'
		});
	});

	test('imports the Ortsteile values as the office meant them, no-data marks as no data and unknown polarity kept', async () => {
		await importOrtsteile();
		const draft = await draftOf(dirtyFixture(ortsteileFile), ortsteileFile, 'ortsteil');
		const { mapping } = await view(draft);
		const outcome = await runTableImport(store.db, draft, decided(mapping), {
			createdBy: planner.id
		});
		if (!outcome.ok) throw new Error(outcome.errors.map((e) => e.message).join('\n'));
		expect(outcome).toMatchObject({ kind: 'indicators', level: 'ortsteil', rows: 8, values: 56 });
		expect(outcome.warnings).toContain('Übersprungene Zeilen: 9, 10, 11, 13.');
		expect(await valueOf('einwohnerinnen_und_einwohner_insgesamt', '0101')).toBe(12345);
		expect(await valueOf('empfaenger_innen_von_leistungen_nach_sgb', '0101')).toBe(1229);
		// `2.345` in a column without decimals: German thousands.
		expect(await valueOf('empfaenger_innen_von_leistungen_nach_sgb', '0102')).toBe(2345);
		expect(await valueOf('veraenderung_der_einwohnerzahl', '0101')).toBe(-23);
		expect(await valueOf('veraenderung_der_einwohnerzahl', '0102')).toBe(112);
		expect(await valueOf('veraenderung_der_einwohnerzahl', '1201')).toBe(-12);
		expect(await valueOf('anteil_der_arbeitslosen_nach_sgb_ii_und', '0102')).toBe(12.5);
		expect(await valueOf('anteil_der_arbeitslosen_nach_sgb_ii_und', '1201')).toBe(7.5);
		// `–`, `-`, `x`, `*`, `/`, `…`, `.` are no data, never 0.
		expect(await valueOf('anteil_der_arbeitslosen_nach_sgb_ii_und', '0103')).toBeNull();
		expect(await valueOf('empfaenger_innen_von_leistungen_nach_sgb', '0103')).toBeNull();
		expect(await valueOf('empfaenger_innen_von_leistungen_nach_sgb', '0401')).toBeNull();
		expect(await valueOf('empfaenger_innen_von_leistungen_nach_sgb', '0601')).toBeNull();
		expect(await valueOf('geburten_je_1_000_einwohner', '0601')).toBeNull();
		expect(await valueOf('anteil_prozent', '0103')).toBeNull();
		// The hand-assigned Hansaviertel row.
		expect(await valueOf('einwohnerinnen_und_einwohner_insgesamt', '0104')).toBe(5432);
		expect(await count('SELECT COUNT(*) AS n FROM indicator_values WHERE value = 0')).toBe(1);
		const indicators = await listIndicators(store.db);
		expect(
			indicators.find((i) => i.key === 'einwohnerinnen_und_einwohner_insgesamt')
		).toMatchObject({ polarity: 'unknown', unit: 'Anzahl', level: 'ortsteil' });
		// The rule refuses an indicator whose direction nobody decided, and says which.
		expect(
			await evaluateStoredRule(
				store.db,
				'ortsteil',
				{
					keys: [
						'anteil_der_arbeitslosen_nach_sgb_ii_und',
						'einwohnerinnen_und_einwohner_insgesamt'
					],
					minCount: 1,
					threshold: 1
				},
				indicators
			)
		).toEqual({
			ok: false,
			reason: 'invalid',
			message:
				'Für „Einwohnerinnen und Einwohner insgesamt (Hauptwohnsitz, 31.12.2022)“ ist nicht ' +
				'festgelegt, ob ein höherer Wert schlechter oder besser ist. Bitte beim Import festlegen ' +
				'oder den Indikator aus der Regel nehmen.'
		});
		expect(
			await evaluateStoredRule(
				store.db,
				'ortsteil',
				{ keys: ['anteil_der_arbeitslosen_nach_sgb_ii_und'], minCount: 1, threshold: 1 },
				indicators
			)
		).toMatchObject({ ok: true, period: '2022' });
		expect(indicators.find((i) => i.key === 'anteil_der_arbeitslosen_nach_sgb_ii_und')?.label).toBe(
			decode(dirtyFixture(ortsteileFile)).split(';')[3]
		);
	});

	test('refuses the table, changing nothing, while rows are undecided: duplicates with both lines, merged and unknown rows', async () => {
		await importOrtsteile();
		const draft = await draftOf(dirtyFixture(ortsteileFile), ortsteileFile, 'ortsteil');
		const { mapping } = await view(draft);
		const outcome = await runTableImport(
			store.db,
			draft,
			{ ...mapping, period: '2022' },
			{ createdBy: planner.id }
		);
		expect(outcome.ok).toBe(false);
		if (outcome.ok) return;
		expect(outcome.errors.map((e) => e.message)).toEqual([
			'Zeile 9: Wittenau Süd (Reinickendorf, 1202) kommt doppelt vor (schon in Zeile 8). Bitte eine der beiden Zeilen überspringen.',
			expect.stringMatching(
				/^Zeile 10: „Moabit Ost \/ Moabit West“ fasst mehrere Gebiete zusammen/
			),
			expect.stringMatching(/^Zeile 11: „Mitte“ ist ein übergeordnetes Gebiet/),
			expect.stringMatching(/^Zeile 12: Ein Gebiet „Hansaviertel“ gibt es nicht\./)
		]);
		expect(await count('SELECT COUNT(*) AS n FROM indicators')).toBe(0);
		expect(await count('SELECT COUNT(*) AS n FROM indicator_values')).toBe(0);
	});

	test('two columns with the same key: a German message naming both columns, nothing imported', async () => {
		await importOrtsteile();
		const draft = await draftOf(dirtyFixture(ortsteileFile), ortsteileFile, 'ortsteil');
		const { mapping } = await view(draft);
		const columns = mapping.columns.map((c) =>
			c.index === 4 ? { ...c, key: 'einwohnerinnen_und_einwohner_insgesamt' } : c
		);
		const outcome = await runTableImport(
			store.db,
			draft,
			{ ...decided(mapping), columns },
			{ createdBy: planner.id }
		);
		expect(outcome).toEqual({
			ok: false,
			errors: [
				{
					line: null,
					message:
						'Spalte „Empfänger/-innen von Leistungen nach SGB II (Anzahl)“: Der Schlüssel ' +
						'„einwohnerinnen_und_einwohner_insgesamt“ ist schon für Spalte „Einwohnerinnen und ' +
						'Einwohner insgesamt (Hauptwohnsitz, 31.12.2022)“ vergeben. Bitte einen anderen Schlüssel wählen.'
				}
			]
		});
		expect(await count('SELECT COUNT(*) AS n FROM indicator_values')).toBe(0);
	});

	test('a broken cell names line and column, and the values imported before stay as they were', async () => {
		await importOrtsteile();
		const first = await draftOf(dirtyFixture(ortsteileFile), ortsteileFile, 'ortsteil');
		const { mapping } = await view(first);
		expect(
			(await runTableImport(store.db, first, decided(mapping), { createdBy: planner.id })).ok
		).toBe(true);
		const text = decode(dirtyFixture(ortsteileFile)).replace('12 345', 'viel');
		const broken = await draftOf(encoder.encode(text), 'kaputt.csv', 'ortsteil');
		const outcome = await runTableImport(store.db, broken, decided(mapping), {
			createdBy: planner.id
		});
		expect(outcome.ok).toBe(false);
		if (outcome.ok) return;
		expect(outcome.errors[0].message).toBe(
			'Zeile 2, Spalte „Einwohnerinnen und Einwohner insgesamt (Hauptwohnsitz, 31.12.2022)“: „viel“ ist keine Zahl.'
		);
		expect(await valueOf('einwohnerinnen_und_einwohner_insgesamt', '0101')).toBe(12345);
	});

	test('joins the Planungsraum series by code, per year, with thin-space thousands and a missing zero', async () => {
		await importLevel('planungsraum', planungsraeume);
		const draft = await draftOf(dirtyFixture(plrSeriesFile), plrSeriesFile, 'planungsraum');
		const shown = await view(draft);
		expect(shown.mapping).toMatchObject({ joinColumn: 1, joinBy: 'code', periodColumn: 0 });
		expect(shown.counts).toEqual({ matched: 5, unmatched: 2, ambiguous: 0, duplicate: 1 });
		expect(shown.duplicates).toEqual([
			{
				lines: [6, 8],
				message:
					'Stülerstraße (01100101) steht für „2022“ in den Zeilen 6, 8. Bitte nur eine Zeile behalten.'
			}
		]);
		const outcome = await runTableImport(
			store.db,
			draft,
			{
				...shown.mapping,
				rows: [
					[8, { skip: true }],
					[9, { skip: true }]
				]
			},
			{ createdBy: planner.id }
		);
		if (!outcome.ok) throw new Error(outcome.errors.map((e) => e.message).join('\n'));
		expect(outcome).toMatchObject({ periods: ['2021', '2022'] });
		expect(await valueOf('einwohner', '01100101', '2021')).toBe(1229);
		expect(await valueOf('einwohner', '01100102', '2021')).toBe(2345);
		expect(await valueOf('arbeitslosenquote_prozent', '01100102', '2022')).toBe(-0.4);
		expect(await valueOf('arbeitslosenquote_prozent', '01100103', '2021')).toBeNull();
		expect(await valueOf('kinder_unter_6_j_pro_1000_ew', '01100102', '2022')).toBeNull();
	});

	test('a saved mapping is offered for next year’s file and brings its keys, polarity and row decisions', async () => {
		await importOrtsteile();
		const draft = await draftOf(dirtyFixture(ortsteileFile), ortsteileFile, 'ortsteil');
		const { mapping } = await view(draft);
		const edited = decided(mapping);
		edited.columns[2] = { ...edited.columns[2], key: 'ew', polarity: 'higherIsBetter' };
		edited.columns[9] = { ...edited.columns[9], use: false };
		const outcome = await runTableImport(store.db, draft, edited, {
			createdBy: planner.id,
			saveAs: 'Sozialdaten Ortsteile'
		});
		expect(outcome.ok).toBe(true);
		expect((await listSavedMappings(store.db)).map((m) => m.name)).toEqual([
			'Sozialdaten Ortsteile'
		]);

		const nextYear = decode(dirtyFixture(ortsteileFile))
			.replaceAll('31.12.2022', '31.12.2023')
			.replace('12 345', '12 400');
		const next = await draftOf(encoder.encode(nextYear), 'ortsteile-2023.csv', 'ortsteil');
		const shown = await view(next);
		expect(shown.appliedSaved).toBe('Sozialdaten Ortsteile');
		expect(shown.fitting).toEqual(['Sozialdaten Ortsteile']);
		expect(shown.mapping.columns[2]).toMatchObject({ key: 'ew', polarity: 'higherIsBetter' });
		expect(shown.mapping.columns[9].use).toBe(false);
		// Decisions by row label: the merged row and Hansaviertel; the duplicate is decided by line.
		expect(shown.mapping.rows).toEqual([
			[10, { skip: true }],
			[11, { skip: true }],
			[12, { districtCode: '0104' }]
		]);
		const again = await runTableImport(
			store.db,
			next,
			{ ...shown.mapping, period: '2023', rows: [...shown.mapping.rows, [9, { skip: true }]] },
			{ createdBy: planner.id }
		);
		if (!again.ok) throw new Error(again.errors.map((e) => e.message).join('\n'));
		expect(await valueOf('ew', '0101', '2023')).toBe(12400);
		expect(await valueOf('ew', '0104', '2023')).toBe(5432);
	});

	test('a mapping saved without importing; a draft is only its owner’s', async () => {
		await importOrtsteile();
		const draft = await draftOf(dirtyFixture(ortsteileFile), ortsteileFile, 'ortsteil');
		const { mapping } = await view(draft);
		expect(
			await saveDraftMapping(store.db, draft, mapping, { name: '', createdBy: planner.id })
		).toMatchObject({ ok: false });
		expect(
			await saveDraftMapping(store.db, draft, mapping, { name: 'Vorlage', createdBy: planner.id })
		).toEqual({ ok: true });
		expect((await listSavedMappings(store.db))[0]).toMatchObject({
			name: 'Vorlage',
			level: 'ortsteil'
		});
		expect(await getTableDraft(store.db, draft.id, 'someone-else')).toBeNull();
	});
	test('the computed Bezirk values follow a table import, and a missing weight refuses the whole table', async () => {
		await importOrtsteile();
		const ew = 'einwohnerinnen_und_einwohner_insgesamt';
		const share = 'anteil_der_arbeitslosen_nach_sgb_ii_und';
		const computed = async (key: string, code: string) =>
			(await store.db.get<{ value: number | null; computed: number }>(
				`SELECT value, computed FROM indicator_values
					WHERE indicator_key = ? AND level = 'bezirk' AND district_code = ? AND period = '2022'`,
				[key, code]
			)) ?? null;
		const first = await draftOf(dirtyFixture(ortsteileFile), ortsteileFile, 'ortsteil');
		const { mapping } = await view(first);
		expect(
			(await runTableImport(store.db, first, decided(mapping), { createdBy: planner.id })).ok
		).toBe(true);
		expect(
			await saveRollupSettings(store.db, [
				{ indicatorKey: ew, method: 'sum', weightKey: null },
				{ indicatorKey: share, method: 'weightedMean', weightKey: ew }
			])
		).toMatchObject({ ok: true });
		const before = (await computed(ew, '01'))!;
		expect(before.computed).toBe(1);
		const shareBefore = await computed(share, '01');

		// Next year's file: Alt-Moabit has 10,000 more inhabitants; the Bezirk sum follows at once.
		const text = decode(dirtyFixture(ortsteileFile));
		const more = await draftOf(
			encoder.encode(text.replace('12 345', '22 345')),
			'neu.csv',
			'ortsteil'
		);
		const outcome = await runTableImport(store.db, more, decided(mapping), {
			createdBy: planner.id
		});
		if (!outcome.ok) throw new Error(outcome.errors.map((e) => e.message).join('\n'));
		expect(await computed(ew, '01')).toEqual({ value: before.value! + 10000, computed: 1 });

		// A file without Alt-Moabit's population cannot weight its share: nothing is stored.
		const imports = await count('SELECT COUNT(*) AS n FROM import_log');
		const noWeight = await draftOf(
			encoder.encode(text.replace('12 345', '.')),
			'lücke.csv',
			'ortsteil'
		);
		const refused = await runTableImport(store.db, noWeight, decided(mapping), {
			createdBy: planner.id
		});
		expect(refused.ok).toBe(false);
		if (refused.ok) return;
		expect(refused.errors[0].message).toContain('Die Tabelle wurde nicht importiert');
		expect(refused.errors[1].message).toContain('Alt-Moabit (0101)');
		expect(refused.errors[1].message).toContain(`kein Gewicht „${ew}“`);
		expect(await valueOf(ew, '0101')).toBe(22345);
		expect(await computed(ew, '01')).toEqual({ value: before.value! + 10000, computed: 1 });
		expect((await computed(share, '01'))?.computed).toBe(shareBefore?.computed);
		expect(await count('SELECT COUNT(*) AS n FROM import_log')).toBe(imports);
	});
	test('a table whose names match nothing: one message saying what to change, nothing imported', async () => {
		await importOrtsteile();
		const text = 'Gebiet;Einwohner\r\nHafenstadt Nord;1 200\r\nHafenstadt Süd;2 300\r\n';
		const draft = await draftOf(encoder.encode(text), 'fremd.csv', 'ortsteil');
		const { mapping } = await view(draft);
		const outcome = await runTableImport(
			store.db,
			draft,
			{ ...mapping, joinColumn: 0, joinBy: 'name', period: '2022' },
			{ createdBy: planner.id }
		);
		expect(outcome.ok).toBe(false);
		if (outcome.ok) return;
		expect(outcome.errors).toHaveLength(1);
		expect(outcome.errors[0].message).toBe(
			'Keine Zeile der Tabelle passt zu einem Gebiet dieser Ebene. Verknüpft wurde über die ' +
				'Spalte „Gebiet“ nach Name. Bitte prüfen Sie, ob das die Spalte mit den Gebieten ist, ob ' +
				'nach Kennung verknüpft werden muss und ob die Ebene stimmt (ein Gebiet dieser Ebene: ' +
				'„Alt-Moabit“, 0101). Es wurde nichts importiert.'
		);
		expect(await count('SELECT COUNT(*) AS n FROM indicator_values')).toBe(0);
		expect(await count('SELECT COUNT(*) AS n FROM indicators')).toBe(0);
	});
});
