import { afterEach, beforeEach, expect, test } from 'vitest';
import { describeEachStore, type TestStore } from '../../../../tests/helpers/stores';
import { createStaff, createTestWorkshop } from '../../../../tests/helpers/fixtures';
import type { ImportOutcome } from '../../domain/planning/import-events';
import type { User } from '../accounts';
import { createGoal } from '../goals';
import { createMeasure } from '../measures';
import { getDistrict, listDistricts, listLevels } from './districts';
import { listImports } from './import-log';
import { saveRollupSettings } from './rollup';
import { runDistrictUpload, runIndicatorUpload, type UploadedFile } from './uploads';

const formOf = (fields: Record<string, string | string[]>) => {
	const form = new FormData();
	for (const [name, value] of Object.entries(fields)) {
		for (const v of Array.isArray(value) ? value : [value]) form.append(name, v);
	}
	return form;
};
const fileOf = (text: string, name: string): UploadedFile => ({
	name,
	bytes: new TextEncoder().encode(text)
});
const messages = (outcome: ImportOutcome) =>
	outcome.ok ? [] : outcome.errors.map((e) => e.message);

// A small city in ETRS89 / UTM 32N (as Cologne or Hanover export), with the crs member: two
// Stadtbezirke, and Stadtteile naming their Stadtbezirk in a property.
const square = (x: number, y: number, size: number) => ({
	type: 'Polygon',
	coordinates: [
		[
			[x, y],
			[x + size, y],
			[x + size, y + size],
			[x, y + size],
			[x, y]
		]
	]
});
const crs = { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::25832' } };
const geojson = (
	features: { props: Record<string, unknown>; x: number; y: number; size: number }[]
) =>
	JSON.stringify({
		type: 'FeatureCollection',
		crs,
		features: features.map((f) => ({
			type: 'Feature',
			properties: f.props,
			geometry: square(f.x, f.y, f.size)
		}))
	});
const bezirkLevel = 'Stadtbezirk';
const teilLevel = 'Lebensweltlich orientierter Stadtteil';
const bezirkFile = geojson([
	{ props: { NR: '1', NAME: 'Innenstadt' }, x: 550000, y: 5800000, size: 4000 },
	{ props: { NR: '2', NAME: 'Rheinufer-Süd' }, x: 550000, y: 5796000, size: 4000 }
]);
type Area = { props: Record<string, unknown>; x: number; y: number; size: number };
const teile: Area[] = [
	{
		props: { STT_NR: '101', STT_NAME: 'Altstadt', STB_NR: '1', EW: 1000 },
		x: 550500,
		y: 5800500,
		size: 1000
	},
	{
		props: { STT_NR: '102', STT_NAME: 'Neustadt-Nord', STB_NR: '1', EW: 3000 },
		x: 552000,
		y: 5800500,
		size: 1000
	},
	{
		props: { STT_NR: '201', STT_NAME: 'Südstadt', STB_NR: '2', EW: 2000 },
		x: 550500,
		y: 5796500,
		size: 1000
	},
	{
		props: { STT_NR: '202', STT_NAME: 'Hafen', STB_NR: '2', EW: 500 },
		x: 552000,
		y: 5796500,
		size: 1000
	}
];
const teilForm = {
	idProperty: 'STT_NR',
	nameProperty: 'STT_NAME',
	level: `  Lebensweltlich   orientierter Stadtteil `,
	parentMode: 'property',
	parentProperty: 'STB_NR',
	parentLevel: bezirkLevel,
	epsg: '25832'
};

describeEachStore('boundaries as they come', (open) => {
	let store: TestStore;
	let planner: User;
	beforeEach(async () => {
		store = await open();
		planner = await createStaff(store.db, 'planner');
		const bezirke = await runDistrictUpload(
			store.db,
			formOf({ idProperty: 'NR', nameProperty: 'NAME', level: bezirkLevel }),
			fileOf(bezirkFile, 'stadtbezirke.geojson'),
			planner.id
		);
		expect(messages(bezirke)).toEqual([]);
	});
	afterEach(() => store.dispose());

	const importTeile = (features = teile, extra: Record<string, string> = {}) =>
		runDistrictUpload(
			store.db,
			formOf({ ...teilForm, ...extra }),
			fileOf(geojson(features), 'stadtteile.geojson'),
			planner.id
		);

	test('a long level name with spaces is kept as written, parents come from a property, UTM is converted', async () => {
		const outcome = await importTeile();
		expect(messages(outcome)).toEqual([]);
		expect(outcome).toMatchObject({
			ok: true,
			level: teilLevel,
			parentLevel: bezirkLevel,
			total: 4
		});
		if (!outcome.ok) return;
		expect(outcome.warnings.join(' ')).toContain('ETRS89 / UTM Zone 32N, EPSG:25832');
		expect(await listLevels(store.db)).toEqual([
			{ level: bezirkLevel, districts: 2, parentLevel: null },
			{ level: teilLevel, districts: 4, parentLevel: bezirkLevel }
		]);
		const altstadt = await getDistrict(store.db, teilLevel, '101');
		expect(altstadt?.parent).toMatchObject({ code: '1', name: 'Innenstadt', level: bezirkLevel });
		// 550 500 m E in zone 32 (9° E) is a little east of 9.7°; 5 800 500 m N about 52.34° N.
		expect(altstadt!.bbox[0]).toBeGreaterThan(9.7);
		expect(altstadt!.bbox[1]).toBeGreaterThan(52.3);
		expect(altstadt!.bbox[3]).toBeLessThan(52.4);
	});

	test('a re-import that drops linked districts asks first, names them with counts, and changes nothing', async () => {
		expect((await importTeile()).ok).toBe(true);
		const hafen = { level: teilLevel, code: '202' };
		const goal = await createGoal(
			store.db,
			{
				title: 'Hafen beleben',
				description: '',
				level: 'leitbild',
				parentId: null,
				status: 'active',
				citywide: false,
				districts: [hafen],
				target: null
			},
			planner.id
		);
		expect(goal).toMatchObject({ ok: true });
		for (const title of ['Hafenfest', 'Treffpunkt am Kai']) {
			const measure = await createMeasure(
				store.db,
				{
					title,
					description: '',
					responsible: '',
					partners: '',
					startOn: null,
					dueOn: null,
					budget: null,
					staffHours: null,
					rooms: '',
					status: 'idea',
					targetGroups: '',
					quickWin: false,
					goalIds: [],
					districts: [hafen]
				},
				planner.id
			);
			expect(measure).toMatchObject({ ok: true });
		}
		const workshop = await createTestWorkshop(store.db, planner);
		await store.db.run(
			'INSERT INTO workshop_districts (workshop_id, district_level, district_code) VALUES (?, ?, ?)',
			[workshop.id, teilLevel, '202']
		);
		const importsBefore = (await listImports(store.db)).length;

		// Next year's file: Hafen (linked) and Neustadt-Nord (not linked) are gone, Südstadt renamed.
		const nextYear = [
			teile[0],
			{ ...teile[2], props: { ...teile[2].props, STT_NAME: 'Südstadt-Ost' } }
		];
		const asked = await importTeile(nextYear);
		expect(asked.ok).toBe(false);
		if (asked.ok) return;
		expect(asked.linkedRemovals).toEqual([
			{ code: '202', name: 'Hafen', measures: 2, goals: 1, workshops: 1 }
		]);
		expect(asked.errors[0].message).toContain('enthält 2 Gebiete nicht mehr');
		expect(asked.errors[0].message).toContain('Es wurde noch nichts geändert');
		// All or nothing: nothing renamed, nothing removed, no import logged.
		expect((await listDistricts(store.db, { level: teilLevel })).map((d) => d.name)).toEqual([
			'Altstadt',
			'Neustadt-Nord',
			'Südstadt',
			'Hafen'
		]);
		expect(await listImports(store.db)).toHaveLength(importsBefore);

		const confirmed = await importTeile(nextYear, { confirmRemoval: '1' });
		expect(confirmed).toMatchObject({ ok: true, removed: 2, updated: 2 });
		expect((await listDistricts(store.db, { level: teilLevel })).map((d) => d.name)).toEqual([
			'Altstadt',
			'Südstadt-Ost'
		]);
	});

	test('a re-import that drops only unlinked districts goes through without asking', async () => {
		expect((await importTeile()).ok).toBe(true);
		expect(await importTeile(teile.slice(0, 3))).toMatchObject({ ok: true, removed: 1 });
	});

	test('a Stadtteil without its Stadtbezirk is refused, or kept without a parent when allowed', async () => {
		const stray: Area = {
			props: { STT_NR: '999', STT_NAME: 'Vogelinsel', STB_NR: null, EW: 12 },
			x: 600000,
			y: 5900000,
			size: 500
		};
		const refused = await importTeile([...teile, stray]);
		expect(messages(refused)).toEqual([
			'Objekt 5 („Vogelinsel“): Die Eigenschaft „STB_NR“ mit dem übergeordneten Gebiet fehlt.'
		]);
		expect(await listDistricts(store.db, { level: teilLevel })).toEqual([]);
		const kept = await importTeile([...teile, stray], { allowOrphans: '1' });
		expect(kept).toMatchObject({ ok: true, total: 5 });
		expect((await getDistrict(store.db, teilLevel, '999'))?.parentCode).toBeNull();
	});

	test('bad form values are named: an unknown EPSG code, a level name with symbols, no parent property', async () => {
		const outcome = await importTeile(teile, {
			epsg: 'abc',
			level: 'Stadtteil/Ortsteil',
			parentProperty: ''
		});
		expect(messages(outcome)).toEqual([
			expect.stringContaining('Bitte geben Sie die Ebene an'),
			'Bitte wählen Sie die Eigenschaft mit der Kennung des übergeordneten Gebiets.',
			'Das Koordinatensystem bitte als EPSG-Nummer angeben (z. B. 25833 oder 4326).'
		]);
		const unsupported = await importTeile(teile, { epsg: '2154' });
		expect(messages(unsupported)[0]).toContain('EPSG:2154 wird nicht unterstützt');
	});

	test('re-importing the lower level values recomputes the rolled-up Stadtbezirk values', async () => {
		expect((await importTeile()).ok).toBe(true);
		const csv = (rows: string[]) =>
			fileOf(['Stadtteil;Einwohner;Arbeitslose in %', ...rows].join('\n'), 'werte.csv');
		const csvForm = {
			level: teilLevel,
			idColumn: 'Stadtteil',
			period: '2024',
			numberFormat: 'de',
			delimiter: ';',
			columns: ['Einwohner', 'Arbeitslose_in_%'].slice(0, 1)
		};
		// The key pattern allows letters, digits, _ . -: the rate column is imported as 'ALQ'.
		const first = await runIndicatorUpload(
			store.db,
			formOf({
				...csvForm,
				columns: ['Einwohner'],
				'polarity:Einwohner': 'higherIsBetter'
			}),
			csv(['101;1000;5', '102;3000;9', '201;2000;4', '202;500;12']),
			planner.id
		);
		expect(messages(first)).toEqual([]);
		expect(
			await saveRollupSettings(store.db, [
				{ indicatorKey: 'Einwohner', method: 'sum', weightKey: null }
			])
		).toMatchObject({ ok: true });
		const value = async () =>
			(
				await store.db.get<{ value: number }>(
					`SELECT value FROM indicator_values WHERE indicator_key = 'Einwohner' AND level = ? AND district_code = '1'`,
					[bezirkLevel]
				)
			)?.value;
		expect(await value()).toBe(4000);
		const second = await runIndicatorUpload(
			store.db,
			formOf({ ...csvForm, columns: ['Einwohner'], 'polarity:Einwohner': 'higherIsBetter' }),
			csv(['101;1.500;5', '102;3000;9', '201;2000;4', '202;500;12']),
			planner.id
		);
		expect(messages(second)).toEqual([]);
		expect(await value()).toBe(4500);
	});
});
