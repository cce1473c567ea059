import { afterEach, beforeEach, expect, test } from 'vitest';
import { berlinDataDir } from '../../../../tests/helpers/berlin';
import { describeEachStore, type TestStore } from '../../../../tests/helpers/stores';
import { readRuleSettings } from '../../domain/planning/rule-settings';
import { importBerlinDemo } from './berlin-demo';
import { importDistricts, listDistricts, listLevels, type ParsedDistricts } from './districts';
import {
	districtProfile,
	importIndicatorValues,
	indicatorValues,
	listIndicators
} from './indicators';
import { evaluateStoredRule, findPopulationKey, indicatorsOfLevel } from './rule';

const berlin = berlinDataDir();

describeEachStore('the rule on the stored Berlin demo data', (open) => {
	let store: TestStore;
	beforeEach(async () => {
		store = await open();
	});
	afterEach(() => store.dispose());

	test('the demo import stores 12 Bezirke, 143 Bezirksregionen and 542 Planungsräume, and again', async () => {
		const first = await importBerlinDemo(store.db, berlin);
		expect(first).toMatchObject({ districts: 697, values: 23 * 542 });
		await importBerlinDemo(store.db, berlin);
		expect(await listLevels(store.db)).toEqual([
			{ level: 'bezirk', districts: 12, parentLevel: null },
			{ level: 'bezirksregion', districts: 143, parentLevel: 'bezirk' },
			{ level: 'planungsraum', districts: 542, parentLevel: 'bezirksregion' }
		]);
		const bezirke = await listDistricts(store.db, { level: 'bezirk' });
		expect(bezirke.find((d) => d.code === '08')?.name).toBe('Neukölln');
	});

	test('the default rule (2 of S1, S3, S4 at 1 SD) flags exactly 90 Planungsräume', async () => {
		await importBerlinDemo(store.db, berlin);
		const indicators = indicatorsOfLevel(await listIndicators(store.db), 'planungsraum');
		const { settings } = readRuleSettings(new URLSearchParams(), indicators);
		const result = await evaluateStoredRule(store.db, 'planungsraum', settings, indicators);
		if (!result.ok) throw new Error(result.reason);
		expect(result.period).toBe('202012');
		expect(result.flaggedCount).toBe(90);
		expect(result.indicators.map((i) => i.n)).toEqual([536, 536, 536]);
		// The six invalid Planungsräume have no data and are never flagged.
		const invalid = result.districts.find((d) => d.districtCode === '03300515');
		expect(invalid).toMatchObject({ flagged: false, counted: [] });
		expect(findPopulationKey(indicators)).toBe('EW');

		const strict = await evaluateStoredRule(
			store.db,
			'planungsraum',
			{ ...settings, minCount: 3 },
			indicators
		);
		expect(strict.ok && strict.flaggedCount).toBeLessThan(90);
		expect(
			await evaluateStoredRule(
				store.db,
				'bezirk',
				settings,
				indicatorsOfLevel(indicators, 'bezirk')
			)
		).toEqual({ ok: false, reason: 'noIndicators' });
	});
});

/** A unit square per code: the rule needs districts, not shapes. */
function squares(codes: string[]): ParsedDistricts {
	return {
		ok: true,
		warnings: [],
		districts: codes.map((code, i) => ({
			code,
			name: `Gebiet ${code}`,
			level: 'gebiet',
			parentCode: null,
			geometry: {
				type: 'Polygon',
				coordinates: [
					[
						[i, 0],
						[i + 1, 0],
						[i + 1, 1],
						[i, 1],
						[i, 0]
					]
				]
			},
			bbox: [i, 0, i + 1, 1]
		}))
	};
}

describeEachStore('the rule after a boundary re-import', (open) => {
	let store: TestStore;
	beforeEach(async () => {
		store = await open();
	});
	afterEach(() => store.dispose());

	test('values of a removed district stay stored but no longer count, flag or show', async () => {
		const options = { fileName: 'gebiete.geojson', createdBy: null };
		await importDistricts(store.db, squares(['A', 'B', 'C', 'D']), options);
		await importIndicatorValues(
			store.db,
			{
				level: 'gebiet',
				indicators: [
					{
						key: 'S1',
						label: 'Arbeitslosigkeit',
						unit: '%',
						polarity: 'higherIsWorse',
						source: '',
						attribution: ''
					}
				],
				values: [1, 1, 1, 50].map((value, i) => ({
					indicatorKey: 'S1',
					districtCode: 'ABCD'[i],
					period: '2024',
					value
				}))
			},
			{ fileName: 'werte.csv', createdBy: null }
		);
		const settings = { keys: ['S1'], minCount: 1, threshold: 1 };
		const judge = async () => {
			const result = await evaluateStoredRule(
				store.db,
				'gebiet',
				settings,
				await listIndicators(store.db)
			);
			if (!result.ok) throw new Error(result.reason);
			return result;
		};
		const before = await judge();
		expect(before.districts.filter((d) => d.flagged).map((d) => d.districtCode)).toEqual(['D']);

		const counts = await importDistricts(store.db, squares(['A', 'B', 'C']), options);
		expect(counts).toMatchObject({ removed: 1, orphanedValues: 1 });
		const after = await judge();
		expect(after.districts.map((d) => d.districtCode)).toEqual(['A', 'B', 'C']);
		expect(after.indicators[0]).toMatchObject({ n: 3, mean: 1, sd: 0 });
		expect(after.flaggedCount).toBe(0);

		const profile = await districtProfile(store.db, 'gebiet', 'A');
		expect(profile?.indicators[0]).toMatchObject({ n: 3, mean: 1, value: 1 });
		const series = await indicatorValues(store.db, 'S1', { level: 'gebiet' });
		expect(series?.values.map((v) => v.districtCode)).toEqual(['A', 'B', 'C']);
		const stored = await store.db.get<{ n: number }>(
			"SELECT COUNT(*) AS n FROM indicator_values WHERE district_code = 'D'"
		);
		expect(Number(stored?.n)).toBe(1);
	});
});
