import { afterEach, beforeEach, expect, test } from 'vitest';
import { describeEachStore, type TestStore } from '../../../../tests/helpers/stores';
import { createStaff } from '../../../../tests/helpers/fixtures';
import type { User } from '../accounts';
import {
	bzrFile,
	indexFile,
	invalidPlrCodes,
	parseBerlinBzr,
	parseBerlinPlr,
	parseBerlinTable,
	parseBerlinTables,
	plrFile,
	statusIndicators
} from '../../../../tests/helpers/berlin';
import { importDistricts, type ParsedDistricts } from './districts';
import { listImports } from './import-log';
import {
	districtProfile,
	importIndicatorValues,
	indicatorValues,
	listIndicators,
	type IndicatorValuesImport
} from './indicators';

const bzr = parseBerlinBzr();
const plr = parseBerlinPlr(new Set(bzr.districts.map((d) => d.code)));
const plrCodes = new Set(plr.districts.map((d) => d.code));
const statusTable = parseBerlinTable(indexFile, statusIndicators, plrCodes);

describeEachStore('planning indicators', (open) => {
	let store: TestStore;
	let planner: User;
	beforeEach(async () => {
		store = await open();
		planner = await createStaff(store.db, 'planner');
	});
	afterEach(() => store.dispose());

	const importPlr = async (parsed: ParsedDistricts = plr) => {
		await importDistricts(store.db, bzr, {
			fileName: bzrFile,
			createdBy: planner.id,
			parentLevel: 'bezirk'
		});
		return importDistricts(store.db, parsed, {
			fileName: plrFile,
			createdBy: planner.id,
			parentLevel: 'bezirksregion'
		});
	};
	const importTable = (table: IndicatorValuesImport = statusTable) =>
		importIndicatorValues(store.db, table, { fileName: indexFile, createdBy: planner.id });
	const count = async (sql: string, params: string[] = []) =>
		Number((await store.db.get<{ n: number }>(sql, params))!.n);

	test('stores S1, S3, S4 and EW for all 542 Planungsräume, the 6 invalid rows as NULL and never as 0 or -9999', async () => {
		await importPlr();
		expect(await importTable()).toMatchObject({
			level: 'planungsraum',
			indicators: ['S1', 'S3', 'S4', 'EW'],
			periods: ['202012'],
			values: 4 * 542,
			nullValues: 4 * 6,
			replaced: 0
		});
		expect(await count('SELECT COUNT(*) AS n FROM indicator_values')).toBe(4 * 542);

		const invalid = invalidPlrCodes.map(() => '?').join(', ');
		const ofInvalid = `FROM indicator_values WHERE level = 'planungsraum' AND district_code IN (${invalid})`;
		expect(await count(`SELECT COUNT(*) AS n ${ofInvalid}`, invalidPlrCodes)).toBe(4 * 6);
		expect(
			await count(`SELECT COUNT(*) AS n ${ofInvalid} AND value IS NULL`, invalidPlrCodes)
		).toBe(4 * 6);
		expect(
			await count(
				`SELECT COUNT(*) AS n ${ofInvalid} AND (value = 0 OR value = -9999)`,
				invalidPlrCodes
			)
		).toBe(0);
		expect(await count('SELECT COUNT(*) AS n FROM indicator_values WHERE value = -9999')).toBe(0);

		const s1 = await indicatorValues(store.db, 'S1', { level: 'planungsraum' });
		expect(s1).toMatchObject({ key: 'S1', period: '202012' });
		expect(s1!.values).toHaveLength(542);
		expect(s1!.values.find((v) => v.districtCode === '01100101')!.value).toBe(4.22594);
		expect(s1!.values.find((v) => v.districtCode === '03300515')!.value).toBeNull();
		expect(await indicatorValues(store.db, 'S1', { level: 'bezirksregion' })).toBeNull();
		expect(
			await indicatorValues(store.db, 'S1', { level: 'planungsraum', period: '201912' })
		).toBeNull();
	});

	test('lists the definitions with their source, attribution and how many districts have data', async () => {
		await importPlr();
		await importTable();
		const indicators = await listIndicators(store.db);
		expect(indicators.map((i) => i.key)).toEqual(['EW', 'S1', 'S3', 'S4']);
		const s1 = indicators.find((i) => i.key === 'S1')!;
		expect(s1).toMatchObject({
			label: 'Arbeitslosigkeit',
			unit: '%',
			polarity: 'higherIsWorse',
			level: 'planungsraum',
			coverage: [{ level: 'planungsraum', period: '202012', values: 542, withData: 536 }]
		});
		expect(s1.attribution).toContain('Monitoring Soziale Stadtentwicklung 2021');
	});

	test('the profile of Stülerstraße shows S1 4.22594 against the unweighted mean 4.972 (SD 2.944) and the weighted 5.196', async () => {
		await importPlr();
		await importTable();
		const profile = await districtProfile(store.db, 'planungsraum', '01100101', {
			populationKey: 'EW'
		});
		expect(profile).toMatchObject({ name: 'Stülerstraße', populationKey: 'EW' });
		expect(profile!.indicators.map((i) => i.key)).toEqual(['EW', 'S1', 'S3', 'S4']);
		const s1 = profile!.indicators.find((i) => i.key === 'S1')!;
		expect(s1).toMatchObject({
			period: '202012',
			value: 4.22594,
			n: 536,
			label: 'Arbeitslosigkeit'
		});
		expect(s1.mean).toBeCloseTo(4.972, 3);
		expect(s1.sd).toBeCloseTo(2.944, 3);
		expect(s1.z).toBeCloseTo((4.22594 - s1.mean!) / s1.sd!, 10);
		expect(s1.z).toBeCloseTo(-0.2535, 3);
		expect(s1.populationMean).toBeCloseTo(5.196, 3);
		const s3 = profile!.indicators.find((i) => i.key === 'S3')!;
		expect(s3.mean).toBeCloseTo(10.918, 3);
		expect(s3.populationMean).toBeCloseTo(11.402, 3);
		const s4 = profile!.indicators.find((i) => i.key === 'S4')!;
		expect(s4.sd).toBeCloseTo(16.654, 3);
		expect(s4.populationMean).toBeCloseTo(25.603, 3);

		const withoutPopulation = await districtProfile(store.db, 'planungsraum', '01100101');
		expect(withoutPopulation!.indicators.every((i) => i.populationMean === null)).toBe(true);
		expect(await districtProfile(store.db, 'planungsraum', '99999999')).toBeNull();
	});

	test('an invalid Planungsraum has a profile without values and without z, but with the city-wide figures', async () => {
		await importPlr();
		await importTable();
		const profile = await districtProfile(store.db, 'planungsraum', '06200418', {
			period: '202012',
			populationKey: 'EW'
		});
		const s1 = profile!.indicators.find((i) => i.key === 'S1')!;
		expect(s1).toMatchObject({ value: null, z: null, n: 536 });
		expect(s1.mean).toBeCloseTo(4.972, 3);
	});

	test('re-importing a period replaces its values; a new period is added beside it', async () => {
		await importPlr();
		await importTable();
		const doubled: IndicatorValuesImport = {
			...statusTable,
			indicators: statusTable.indicators.filter((i) => i.key === 'S1'),
			values: statusTable.values
				.filter((v) => v.indicatorKey === 'S1')
				.map((v) => ({ ...v, value: v.value === null ? null : v.value * 2 }))
		};
		expect(await importTable(doubled)).toMatchObject({ values: 542, replaced: 542 });
		const nextYear: IndicatorValuesImport = {
			...doubled,
			values: doubled.values.map((v) => ({ ...v, period: '202112' }))
		};
		expect(await importTable(nextYear)).toMatchObject({ periods: ['202112'], replaced: 0 });

		const latest = await indicatorValues(store.db, 'S1', { level: 'planungsraum' });
		expect(latest!.period).toBe('202112');
		const earlier = await indicatorValues(store.db, 'S1', {
			level: 'planungsraum',
			period: '202012'
		});
		expect(earlier!.values.find((v) => v.districtCode === '01100101')!.value).toBe(2 * 4.22594);
		expect(
			await count("SELECT COUNT(*) AS n FROM indicator_values WHERE indicator_key = 'S1'")
		).toBe(2 * 542);
		// The other indicators of the file were not part of the re-import and stay.
		expect(
			await count("SELECT COUNT(*) AS n FROM indicator_values WHERE indicator_key = 'S3'")
		).toBe(542);
		// Without a period, each indicator shows its latest one.
		const profile = await districtProfile(store.db, 'planungsraum', '01100101');
		const periods = Object.fromEntries(profile!.indicators.map((i) => [i.key, i.period]));
		expect(periods).toEqual({ EW: '202012', S1: '202112', S3: '202012', S4: '202012' });
	});

	test('a value whose indicator has no definition fails the whole import and leaves the previous data intact', async () => {
		await importPlr();
		await importTable();
		const before = await store.db.all(
			'SELECT indicator_key, district_code, period, value FROM indicator_values ORDER BY 1, 2, 3'
		);
		const broken: IndicatorValuesImport = {
			...statusTable,
			// A changed label and replaced values come first; the unknown key comes last.
			indicators: statusTable.indicators.map((i) => ({ ...i, label: `${i.label} (neu)` })),
			values: [
				...statusTable.values.map((v) => ({ ...v, value: 1 })),
				{ indicatorKey: 'S2', districtCode: '01100101', period: '202012', value: 3 }
			]
		};
		await expect(importTable(broken)).rejects.toThrow(/foreign key/i);
		expect(
			await store.db.all(
				'SELECT indicator_key, district_code, period, value FROM indicator_values ORDER BY 1, 2, 3'
			)
		).toEqual(before);
		expect((await listIndicators(store.db)).map((i) => i.label)).toEqual([
			'Einwohnerinnen und Einwohner',
			'Arbeitslosigkeit',
			'Transferbezug (SGB II/XII)',
			'Kinderarmut'
		]);
		expect((await listImports(store.db)).map((e) => e.kind)).toEqual([
			'indicators',
			'districts',
			'districts'
		]);
	});

	test('dropping a Planungsraum from the boundaries keeps its values and reports them as orphaned', async () => {
		await importPlr();
		await importTable();
		const without: ParsedDistricts = {
			...plr,
			districts: plr.districts.filter((d) => d.code !== '01100101')
		};
		const counts = await importDistricts(store.db, without, {
			fileName: plrFile,
			createdBy: planner.id,
			parentLevel: 'bezirksregion'
		});
		expect(counts).toMatchObject({ removed: 1, orphanedValues: 4 });
		expect(
			await count(
				"SELECT COUNT(*) AS n FROM indicator_values WHERE district_code = '01100101' AND value IS NOT NULL"
			)
		).toBe(4);
	});

	test('imports all of Berlin — 143 + 542 areas with geometry and the three MSS tables — and prints the time', async () => {
		const started = performance.now();
		const parsedBzr = parseBerlinBzr();
		const parsedPlr = parseBerlinPlr(new Set(parsedBzr.districts.map((d) => d.code)));
		const tables = parseBerlinTables(new Set(parsedPlr.districts.map((d) => d.code)));
		const parsed = performance.now();
		await importDistricts(store.db, parsedBzr, {
			fileName: bzrFile,
			createdBy: planner.id,
			parentLevel: 'bezirk'
		});
		await importDistricts(store.db, parsedPlr, {
			fileName: plrFile,
			createdBy: planner.id,
			parentLevel: 'bezirksregion'
		});
		const districtsStored = performance.now();
		let values = 0;
		for (const table of tables) {
			values += (await importTable(table)).values;
		}
		const finished = performance.now();
		const ms = (from: number, to: number) => `${Math.round(to - from)} ms`;
		console.log(
			`Berlin import (${store.db.kind}): ${ms(started, finished)} in all — parsing ` +
				`${ms(started, parsed)}, storing 685 areas ${ms(parsed, districtsStored)}, storing ` +
				`${values} values of ${tables.length} tables ${ms(districtsStored, finished)}`
		);
		expect(values).toBe(23 * 542);
		expect(await count('SELECT COUNT(*) AS n FROM districts')).toBe(685);
	});
});
