import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { describeEachStore, type TestStore } from '../../../../tests/helpers/stores';
import {
	bzrFile,
	berlinDataFile,
	indexFile,
	parseBerlinBzr,
	parseBerlinPlr,
	parseBerlinTable,
	plrFile,
	statusIndicators
} from '../../../../tests/helpers/berlin';
import { mergeChildAreas } from '../../domain/planning/aggregate';
import { parseCsv } from '../../domain/planning/csv';
import { importDistricts } from './districts';
import { districtProfile, importIndicatorValues, indicatorValues } from './indicators';
import { exportLevelGeoJson } from './geojson-export';
import { createStaff, createTestWorkshop } from '../../../../tests/helpers/fixtures';
import { loadWorkshopDataBoard } from '../workshop-data-board';
import { setWorkshopLinks } from '../workshop-links';
import { checkGoal } from '../../domain/measures';
import { createGoal } from '../goals';
import { goalIndicatorStatus } from '../goal-indicator';
import { berlinBezirke } from './berlin-demo';
import {
	computedHowOfLevel,
	computedKeys,
	listRollupSettings,
	recomputeRollups,
	saveRollupSettings
} from './rollup';
import type { RollupSetting } from '../../domain/planning/rollup';

const bzr = parseBerlinBzr();
const plr = parseBerlinPlr(new Set(bzr.districts.map((d) => d.code)));
const plrCodes = new Set(plr.districts.map((d) => d.code));
const statusTable = parseBerlinTable(indexFile, statusIndicators, plrCodes);
const bezirke = mergeChildAreas(bzr.districts, {
	prefixLength: 2,
	level: 'bezirk',
	names: berlinBezirke
});

const settings: RollupSetting[] = [
	{ indicatorKey: 'EW', method: 'sum', weightKey: null },
	{ indicatorKey: 'S1', method: 'weightedMean', weightKey: 'EW' },
	{ indicatorKey: 'S3', method: 'weightedMean', weightKey: 'EW' },
	{ indicatorKey: 'S4', method: 'none', weightKey: null }
];

describeEachStore('roll-up of indicator values', (open) => {
	let store: TestStore;
	beforeEach(async () => {
		store = await open();
		const options = (parentLevel: string | null) => ({
			fileName: bzrFile,
			createdBy: null,
			parentLevel
		});
		await importDistricts(store.db, { ok: true, districts: bezirke, warnings: [] }, options(null));
		await importDistricts(store.db, bzr, options('bezirk'));
		await importDistricts(store.db, plr, { ...options('bezirksregion'), fileName: plrFile });
		await importIndicatorValues(store.db, statusTable, { fileName: indexFile, createdBy: null });
	});
	afterEach(() => store.dispose());

	const value = async (key: string, level: string, code: string) =>
		(await store.db.get<{ value: number | null; computed: number }>(
			`SELECT value, computed FROM indicator_values
				WHERE indicator_key = ? AND level = ? AND district_code = ? AND period = '202012'`,
			[key, level, code]
		)) ?? null;

	test('Bezirksregion and Bezirk values computed from the Planungsräume match a hand calculation', async () => {
		const outcome = await saveRollupSettings(store.db, settings);
		expect(outcome).toMatchObject({
			ok: true,
			steps: [
				{ from: 'planungsraum', to: 'bezirksregion', indicators: 3 },
				{ from: 'bezirksregion', to: 'bezirk', indicators: 3 }
			]
		});

		// Bezirksregion 011002 (Mitte) = Planungsräume Wilhelmstraße, Unter den Linden, Leipziger Straße:
		// EW 2573 + 1803 + 8312 = 12688;
		// S1 = (2.8826·2573 + 2.15613·1803 + 2.76734·8312) / 12688 = 34306.57 / 12688 = 2.70386
		expect(await value('EW', 'bezirksregion', '011002')).toEqual({ value: 12688, computed: 1 });
		const s1 = (2.8826 * 2573 + 2.15613 * 1803 + 2.76734 * 8312) / 12688;
		expect(s1).toBeCloseTo(2.70386, 5);
		expect((await value('S1', 'bezirksregion', '011002'))!.value).toBeCloseTo(s1, 9);

		// Bezirksregion 053008 (Spandau): 05300838 is "ungültig (EW unter 300)" and has no data, so it
		// counts neither in the population nor in the mean: EW 7660 + 486 + 4573 = 12719;
		// S1 = (6.42941·7660 + 4.5045·486 + 6.03609·4573) / 12719 = 79041.51 / 12719 = 6.21444
		expect(await value('EW', 'bezirksregion', '053008')).toEqual({ value: 12719, computed: 1 });
		expect((await value('S1', 'bezirksregion', '053008'))!.value).toBeCloseTo(6.21444, 5);

		// Bezirk 05 Spandau, computed from its Bezirksregionen, equals the population-weighted mean over
		// its 44 valid Planungsräume read straight from the CSV: EW 245,506, S3 15.49127.
		expect(await value('EW', 'bezirk', '05')).toEqual({ value: 245506, computed: 1 });
		expect((await value('S3', 'bezirk', '05'))!.value).toBeCloseTo(15.49127, 5);
		const csv = parseCsv(readFileSync(berlinDataFile(indexFile), 'utf8'));
		if (!csv.ok) throw new Error('csv');
		const { header, rows: lines } = csv;
		const col = (name: string) => header.indexOf(name);
		const spandau = lines.filter(
			(r) => r[col('PLR_ID')].startsWith('05') && r[col('KOM')] === 'gültig'
		);
		expect(spandau).toHaveLength(44);
		const ew = spandau.reduce((sum, r) => sum + Number(r[col('EW')]), 0);
		const s3 =
			spandau.reduce((sum, r) => sum + Number(r[col('S3')]) * Number(r[col('EW')]), 0) / ew;
		expect(ew).toBe(245506);
		expect((await value('S3', 'bezirk', '05'))!.value).toBeCloseTo(s3, 9);

		// 'none' is not stored and rolls nothing up; imported values stay imported.
		expect(await value('S4', 'bezirk', '05')).toBeNull();
		expect(await value('S1', 'planungsraum', '01100101')).toEqual({ value: 4.22594, computed: 0 });
		expect((await listRollupSettings(store.db)).map((s) => s.indicatorKey)).toEqual([
			'EW',
			'S1',
			'S3'
		]);
		expect([...(await computedKeys(store.db, 'bezirk', '05'))].sort()).toEqual(['EW', 'S1', 'S3']);
	});

	test('the profile works at the Bezirk level with the computed values', async () => {
		await saveRollupSettings(store.db, settings);
		const profile = await districtProfile(store.db, 'bezirk', '05', { populationKey: 'EW' });
		expect(profile?.indicators.map((i) => i.key)).toEqual(['EW', 'S1', 'S3']);
		const s3 = profile!.indicators.find((i) => i.key === 'S3')!;
		expect(s3.value).toBeCloseTo(15.49127, 5);
		expect(s3.n).toBe(12);
		expect(s3.z).not.toBeNull();
	});

	test('computed values are marked as such in the profile, the values list, the API shape and GeoJSON', async () => {
		await saveRollupSettings(store.db, settings);
		const profile = await districtProfile(store.db, 'bezirk', '05', { populationKey: 'EW' });
		expect(profile!.indicators.every((i) => i.computed)).toBe(true);
		const imported = await districtProfile(store.db, 'planungsraum', '01100101');
		expect(imported!.indicators.some((i) => i.computed)).toBe(false);
		const series = await indicatorValues(store.db, 'S1', { level: 'bezirk' });
		expect(series!.values.find((v) => v.districtCode === '05')).toMatchObject({ computed: true });
		expect(
			(await indicatorValues(store.db, 'S1', { level: 'planungsraum' }))!.values.some(
				(v) => v.computed
			)
		).toBe(false);
		expect(await computedHowOfLevel(store.db, 'bezirk')).toMatchObject({
			EW: { method: 'sum', weightKey: null, fromLevel: 'bezirksregion' },
			S1: { method: 'weightedMean', weightKey: 'EW', fromLevel: 'bezirksregion' }
		});
		expect((await computedHowOfLevel(store.db, 'bezirksregion')).S3).toMatchObject({
			fromLevel: 'planungsraum'
		});
		expect(await computedHowOfLevel(store.db, 'planungsraum')).toEqual({});
		const exported = await exportLevelGeoJson(store.db, 'bezirk', { indicatorKeys: ['S1', 'EW'] });
		if (!exported.ok) throw new Error(exported.message);
		expect(exported.collection.features[0].properties.computed).toBe('S1, EW');

		// The Datenlage board of a conference about the Bezirk says so too.
		const workshop = await createTestWorkshop(store.db, await createStaff(store.db, 'facilitator'));
		const linked = await setWorkshopLinks(store.db, workshop.id, {
			districts: [{ level: 'bezirk', code: '05' }],
			goalIds: []
		});
		expect(linked.ok).toBe(true);
		const [board] = await loadWorkshopDataBoard(store.db, workshop.id);
		expect(board.computedHow.S1).toMatchObject({ method: 'weightedMean', weightKey: 'EW' });
	});

	test('a goal target on a Bezirk reads the rolled-up values: baseline, current, gap and direction', async () => {
		const planner = await createStaff(store.db, 'planner');
		const checked = checkGoal({
			title: 'Weniger Arbeitslosigkeit in Spandau',
			level: 'leitbild',
			districts: ['bezirk:05'],
			targetIndicatorKey: 'S1',
			targetValue: '3',
			targetYear: '2030'
		});
		if (!checked.ok) throw new Error(JSON.stringify(checked.error));
		const created = await createGoal(store.db, checked.value, planner.id);
		if (!created.ok) throw new Error(JSON.stringify(created.error));
		const goal = created.value;

		// Without a roll-up the Bezirk has no S1 at all: listed, and said so.
		expect((await goalIndicatorStatus(store.db, goal))!.districts).toMatchObject([
			{ code: '05', name: 'Spandau', value: null, noValues: true, computed: false }
		]);

		// A year later every Planungsraum's S1 is one point lower.
		await importIndicatorValues(
			store.db,
			{
				...statusTable,
				values: statusTable.values.map((v) => ({
					...v,
					period: '202112',
					value: v.indicatorKey === 'S1' && v.value !== null ? v.value - 1 : v.value
				}))
			},
			{ fileName: indexFile, createdBy: null }
		);
		await saveRollupSettings(store.db, settings);
		const baseline = (await value('S1', 'bezirk', '05'))!.value!;
		const status = (await goalIndicatorStatus(store.db, goal))!;
		expect(status).toMatchObject({ period: '202112', baselinePeriod: '202012' });
		const [spandau] = status.districts;
		expect(spandau).toMatchObject({
			code: '05',
			computed: true,
			noValues: false,
			aim: 'down',
			trend: 'towards'
		});
		expect(spandau.baseline).toBeCloseTo(baseline, 9);
		expect(spandau.value).toBeCloseTo(baseline - 1, 9);
		expect(spandau.gap).toBeCloseTo(baseline - 1 - 3, 9);
	});

	test('a re-import of the Planungsräume values recomputes the higher levels', async () => {
		await saveRollupSettings(store.db, settings);
		const changed = {
			...statusTable,
			values: statusTable.values.map((v) =>
				v.districtCode === '01100207' && v.indicatorKey === 'S1' ? { ...v, value: 12.0 } : v
			)
		};
		await importIndicatorValues(store.db, changed, { fileName: indexFile, createdBy: null });
		expect(await recomputeRollups(store.db)).toMatchObject({ ok: true });
		// (2.8826·2573 + 2.15613·1803 + 12·8312) / 12688
		const expected = (2.8826 * 2573 + 2.15613 * 1803 + 12 * 8312) / 12688;
		expect((await value('S1', 'bezirksregion', '011002'))!.value).toBeCloseTo(expected, 9);
		expect(expected).toBeCloseTo(8.75228, 4);
	});

	test('a weight missing for some areas is refused naming them, and nothing changes', async () => {
		await saveRollupSettings(store.db, settings);
		const before = await value('S1', 'bezirksregion', '011002');
		const noPopulation = {
			...statusTable,
			values: statusTable.values.map((v) =>
				['01100205', '01100206'].includes(v.districtCode) && v.indicatorKey === 'EW'
					? { ...v, value: null }
					: v
			)
		};
		await importIndicatorValues(store.db, noPopulation, { fileName: indexFile, createdBy: null });
		const outcome = await recomputeRollups(store.db);
		expect(outcome.ok).toBe(false);
		if (outcome.ok) return;
		const s1 = outcome.errors.find((e) => e.indicatorKey === 'S1' && e.level === 'planungsraum')!;
		expect(s1.count).toBe(2);
		expect(s1.areas).toEqual(['Wilhelmstraße (01100205)', 'Unter den Linden (01100206)']);
		expect(s1.message).toContain('2 Gebiete haben einen Wert, aber kein Gewicht „EW“');
		expect(s1.message).toContain('Es wurde nichts gespeichert');
		// All or nothing: the previous computed values are still there, untouched.
		expect(await value('S1', 'bezirksregion', '011002')).toEqual(before);

		// Saving a setting that cannot be computed keeps the old settings too.
		const refused = await saveRollupSettings(store.db, [
			...settings,
			{ indicatorKey: 'S4', method: 'weightedMean', weightKey: 'EW' }
		]);
		expect(refused.ok).toBe(false);
		expect((await listRollupSettings(store.db)).map((s) => s.indicatorKey)).toEqual([
			'EW',
			'S1',
			'S3'
		]);
	});

	test('an imported value of the higher level wins over a computed one', async () => {
		await importIndicatorValues(
			store.db,
			{
				indicators: statusIndicators,
				level: 'bezirk',
				values: [{ indicatorKey: 'S1', districtCode: '05', period: '202012', value: 7.5 }]
			},
			{ fileName: 'bezirke.csv', createdBy: null }
		);
		await saveRollupSettings(store.db, settings);
		expect(await value('S1', 'bezirk', '05')).toEqual({ value: 7.5, computed: 0 });
		expect((await value('S1', 'bezirksregion', '053008'))!.computed).toBe(1);
	});
});
