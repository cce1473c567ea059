import { resolve } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { describeEachStore, type TestStore } from '../../../../tests/helpers/stores';
import { readRuleSettings } from '../../domain/planning/rule-settings';
import { importBerlinDemo } from './berlin-demo';
import { listDistricts, listLevels } from './districts';
import { listIndicators } from './indicators';
import { evaluateStoredRule, findPopulationKey, indicatorsOfLevel } from './rule';

const berlin = resolve(import.meta.dirname, '../../../../../shared/data/berlin');

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
