import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { readBerlinFile } from '../../../../tests/helpers/berlin';
import { parseCsv, type CsvTable } from './csv';
import {
	describeRule,
	evaluateDeprivation,
	groupByDistrict,
	weightedMean,
	type DeprivationResult,
	type DeprivationRule,
	type DistrictValues
} from './deprivation';
import { parseDistrictGeoJson } from './districts';
import { parseIndicatorTable } from './indicators';

function resultOf(result: DeprivationResult) {
	if (!result.ok) throw new Error(result.error.message);
	return result;
}

describe('Berlin MSS 2021, S1 S3 S4, k = 2, t = 1', () => {
	const read = readBerlinFile;
	const csvOf = (file: string): CsvTable => {
		const result = parseCsv(read(file));
		if (!result.ok) throw new Error(result.error.message);
		return result;
	};

	// The whole chain as the app runs it: boundaries, then the indicator table checked against them.
	const plr = parseDistrictGeoJson(read('berlin-plr-2021-wgs84-simplified.geojson'), {
		idProperty: 'PLR_ID',
		nameProperty: 'PLR_NAME',
		level: 'planungsraum'
	});
	const indexTable = csvOf('mss_2021_index_indikatoren.csv');
	const imported = parseIndicatorTable(indexTable, {
		idColumn: 'PLR_ID',
		period: { column: 'ZEIT' },
		indicators: ['S1', 'S3', 'S4', 'EW'].map((column) => ({ column, key: column })),
		validity: { column: 'KOM', validValues: ['gültig'] },
		invalidMarkers: ['-9999'],
		numberFormat: 'auto',
		knownDistrictCodes: new Set(plr.ok ? plr.districts.map((d) => d.code) : [])
	});
	if (!imported.ok) throw new Error(imported.errors.map((e) => e.message).join('\n'));
	const districts = groupByDistrict(imported.values, '202012');
	const weights = new Map(districts.map((d) => [d.districtCode, d.values.EW ?? null]));
	const rule: DeprivationRule = {
		indicators: [
			{ key: 'S1', label: 'Arbeitslosigkeit', polarity: 'higherIsWorse' },
			{ key: 'S3', label: 'Transferbezug', polarity: 'higherIsWorse' },
			{ key: 'S4', label: 'Kinderarmut', polarity: 'higherIsWorse' }
		],
		minCount: 2,
		threshold: 1
	};
	const result = resultOf(evaluateDeprivation(districts, rule, { weights }));
	const flagged = result.districts.filter((d) => d.flagged).map((d) => d.districtCode);

	test('exactly 90 of the 542 Planungsräume are flagged', () => {
		expect(districts).toHaveLength(542);
		expect(result.flaggedCount).toBe(90);
		expect(flagged).toHaveLength(90);
	});

	test('means and SDs are unweighted over the 536 valid Planungsräume, as in PROVENANCE.md', () => {
		const stats = Object.fromEntries(result.indicators.map((s) => [s.key, s]));
		expect(stats.S1).toMatchObject({ n: 536, label: 'Arbeitslosigkeit' });
		expect(stats.S1.mean).toBeCloseTo(4.972, 3);
		expect(stats.S1.sd).toBeCloseTo(2.944, 3);
		expect(stats.S3.n).toBe(536);
		expect(stats.S3.mean).toBeCloseTo(10.918, 3);
		expect(stats.S3.sd).toBeCloseTo(7.073, 3);
		expect(stats.S4.n).toBe(536);
		expect(stats.S4.mean).toBeCloseTo(24.54, 3);
		expect(stats.S4.sd).toBeCloseTo(16.654, 3);
	});

	test('the population-weighted means are the Berlin-wide rates', () => {
		const stats = Object.fromEntries(result.indicators.map((s) => [s.key, s]));
		expect(stats.S1.populationMean).toBeCloseTo(5.196, 3);
		expect(stats.S3.populationMean).toBeCloseTo(11.402, 3);
		expect(stats.S4.populationMean).toBeCloseTo(25.603, 3);
		const s1 = districts.map((d) => d.values.S1 ?? null);
		expect(weightedMean(s1, [...weights.values()])).toBeCloseTo(5.196, 3);
	});

	test('weighting mean and SD by population instead flags 85', () => {
		const weighted = resultOf(
			evaluateDeprivation(districts, { ...rule, baseline: 'population' }, { weights })
		);
		expect(weighted.flaggedCount).toBe(85);
		// Mean and SD both weighted; a weighted mean with the unweighted SD would give 87.
		const s1 = weighted.indicators[0];
		expect(s1.mean).toBeCloseTo(5.196, 3);
		expect(s1.sd).toBeCloseTo(2.96, 3);
		// Every Planungsraum flagged by the weighted baseline is flagged by the unweighted one too.
		const weightedFlags = weighted.districts.filter((d) => d.flagged).map((d) => d.districtCode);
		expect(weightedFlags.every((code) => flagged.includes(code))).toBe(true);
	});

	test('the 6 invalid Planungsräume have no z-scores and are not flagged', () => {
		const invalid = result.districts.filter((d) => d.zScores.S1 === null);
		expect(invalid.map((d) => d.districtCode)).toEqual([
			'03300515',
			'03400831',
			'04400725',
			'05300838',
			'06200418',
			'10100205'
		]);
		expect(invalid.every((d) => !d.flagged && d.counted.length === 0)).toBe(true);
		expect(invalid[0].reasoning).toContain(
			'keine Daten: Arbeitslosigkeit, Transferbezug, Kinderarmut'
		);
	});

	test('the flags are the official deviation classes: at least 2 of S1, S3, S4 with *_SD_GR ≥ 3', () => {
		const column = (name: string) => indexTable.header.indexOf(name);
		const byClasses = indexTable.rows
			.filter((row) => {
				const high = ['S1_SD_GR', 'S3_SD_GR', 'S4_SD_GR'].filter(
					(c) => Number(row[column(c)]) >= 3
				);
				return high.length >= 2;
			})
			.map((row) => row[column('PLR_ID')]);
		expect(flagged).toEqual(byClasses);
	});

	test('the official status index rates the 90 as 49 sehr niedrig, 40 niedrig, 1 mittel', () => {
		const indices = csvOf('mss_2021_indizes.csv');
		const [id, status] = [indices.header.indexOf('PLR_ID'), indices.header.indexOf('SI_V')];
		const statusOf = new Map(indices.rows.map((row) => [row[id], row[status]]));
		const tally: Record<string, number> = {};
		for (const code of flagged) {
			const rating = statusOf.get(code) ?? 'fehlt';
			tally[rating] = (tally[rating] ?? 0) + 1;
		}
		expect(tally).toEqual({ 'sehr niedrig': 49, niedrig: 40, mittel: 1 });
	});

	test('each flagged Planungsraum says which indicators counted and by how much', () => {
		const first = result.districts.find((d) => d.flagged)!;
		expect(first.reasoning).toMatch(
			/^[23] von 3 Indikatoren mindestens 1,0 Standardabweichungen schlechter als der Durchschnitt: (Arbeitslosigkeit|Transferbezug|Kinderarmut) \(z = \d,\d\)/
		);
		expect(first.counted.length).toBeGreaterThanOrEqual(2);
	});
});

describe('the rule on small tables', () => {
	const rule: DeprivationRule = {
		indicators: [
			{ key: 'A', label: 'Arbeitslosigkeit', polarity: 'higherIsWorse' },
			{ key: 'T', label: 'Transferbezug', polarity: 'higherIsWorse' },
			{ key: 'K', label: 'Kinderarmut', polarity: 'higherIsWorse' }
		],
		minCount: 2,
		threshold: 1
	};
	const table = (rows: Record<string, number | null>[]): DistrictValues[] =>
		rows.map((values, i) => ({ districtCode: `d${i + 1}`, values }));

	test('flags a district with at least k indicators t SD worse, and says why in German', () => {
		// A and K: mean 2, SD 4, so 10 is z = 2. T: 1..5, mean 3, SD √2, so 5 is z = 1.41.
		const result = resultOf(
			evaluateDeprivation(
				table([
					{ A: 0, T: 1, K: 0 },
					{ A: 0, T: 2, K: 0 },
					{ A: 0, T: 3, K: 0 },
					{ A: 0, T: 4, K: 0 },
					{ A: 10, T: 5, K: 10 }
				]),
				rule
			)
		);
		expect(result.indicators.map((s) => [s.key, s.mean, s.sd, s.n])).toEqual([
			['A', 2, 4, 5],
			['T', 3, Math.SQRT2, 5],
			['K', 2, 4, 5]
		]);
		const last = result.districts[4];
		expect(last).toMatchObject({ flagged: true, counted: ['A', 'T', 'K'] });
		expect(last.zScores.A).toBe(2);
		expect(last.reasoning).toBe(
			'3 von 3 Indikatoren mindestens 1,0 Standardabweichungen schlechter als der Durchschnitt: ' +
				'Arbeitslosigkeit (z = 2,0), Transferbezug (z = 1,4), Kinderarmut (z = 2,0)'
		);
		expect(result.districts[0]).toMatchObject({ flagged: false, counted: [] });
		expect(result.districts[0].reasoning).toBe(
			'0 von 3 Indikatoren mindestens 1,0 Standardabweichungen schlechter als der Durchschnitt; ' +
				'nötig sind 2'
		);
		expect(result.flaggedCount).toBe(1);
	});

	test('one conspicuous indicator is not enough when k = 2', () => {
		const result = resultOf(
			evaluateDeprivation(
				table([
					{ A: 0, T: 1, K: 0 },
					{ A: 0, T: 1, K: 1 },
					{ A: 10, T: 1, K: 0 }
				]),
				rule
			)
		);
		expect(result.districts[2]).toMatchObject({ flagged: false, counted: ['A'] });
		expect(result.districts[2].reasoning).toContain(': Arbeitslosigkeit (z = 1,4); nötig sind 2');
	});

	test('higher is better turns the direction: low values count as worse', () => {
		const result = resultOf(
			evaluateDeprivation(table([{ B: 90 }, { B: 90 }, { B: 90 }, { B: 30 }]), {
				indicators: [{ key: 'B', label: 'Bildungsquote', polarity: 'higherIsBetter' }],
				minCount: 1,
				threshold: 1
			})
		);
		expect(result.districts.map((d) => d.flagged)).toEqual([false, false, false, true]);
		expect(result.districts[3].zScores.B).toBeCloseTo(-Math.sqrt(3));
		expect(result.districts[3].reasoning).toContain('Bildungsquote (z = -1,7)');
	});

	test('districts without data are neither averaged nor counted', () => {
		const result = resultOf(
			evaluateDeprivation(
				table([
					{ A: 0, T: 0, K: 0 },
					{ A: 10, T: 10, K: null },
					{ A: null, T: null, K: null },
					{ A: 0, T: 0, K: 10 }
				]),
				rule
			)
		);
		expect(result.indicators.map((s) => s.n)).toEqual([3, 3, 2]);
		expect(result.indicators[2]).toMatchObject({ mean: 5, sd: 5 });
		expect(result.districts[2]).toMatchObject({
			flagged: false,
			zScores: { A: null, T: null, K: null }
		});
		expect(result.districts[1].reasoning).toContain('keine Daten: Kinderarmut');
		// A missing key is the same as null.
		const sparse = resultOf(
			evaluateDeprivation(table([{ A: 1 }, { A: 3 }]), { ...rule, minCount: 1 })
		);
		expect(sparse.indicators.map((s) => s.n)).toEqual([2, 0, 0]);
	});

	test('an indicator without spread counts for nobody', () => {
		const result = resultOf(
			evaluateDeprivation(
				table([
					{ A: 0.1, T: 0, K: 0 },
					{ A: 0.1, T: 0, K: 0 },
					{ A: 0.1, T: 10, K: 10 }
				]),
				rule
			)
		);
		expect(result.indicators[0]).toMatchObject({ mean: 0.1, sd: 0, n: 3 });
		expect(result.districts.every((d) => d.zScores.A === null)).toBe(true);
		expect(result.districts[2].reasoning).toContain(
			'alle Gebiete gleich, daher nicht bewertet: Arbeitslosigkeit'
		);
	});

	test('one valid value gives a mean but no spread; none gives neither', () => {
		const result = resultOf(
			evaluateDeprivation(table([{ A: 7 }, { A: null }]), { ...rule, minCount: 1 })
		);
		expect(result.indicators[0]).toMatchObject({ mean: 7, sd: 0, n: 1 });
		expect(result.indicators[1]).toMatchObject({ mean: null, sd: null, n: 0 });
		expect(result.flaggedCount).toBe(0);
	});

	test('all values null flags nobody', () => {
		const result = resultOf(evaluateDeprivation(table([{}, {}, {}]), rule));
		expect(result.flaggedCount).toBe(0);
		expect(result.districts[0].reasoning).toContain(
			'keine Daten: Arbeitslosigkeit, Transferbezug, Kinderarmut'
		);
	});

	test('an empty list of districts is a valid, empty result', () => {
		expect(evaluateDeprivation([], rule)).toMatchObject({
			ok: true,
			districts: [],
			flaggedCount: 0
		});
	});

	test('refuses a rule with k larger than its number of indicators', () => {
		expect(evaluateDeprivation([], { ...rule, minCount: 4 })).toEqual({
			ok: false,
			error: {
				code: 'minCountTooLarge',
				message:
					'Die Regel verlangt 4 auffällige Indikatoren, nennt aber nur 3. So könnte kein Gebiet ' +
					'je als besonders belastet gelten.'
			}
		});
	});

	test('refuses rules and input that make no sense', () => {
		const refusal = (...args: Parameters<typeof evaluateDeprivation>) => {
			const result = evaluateDeprivation(...args);
			return result.ok ? null : result.error.code;
		};
		expect(refusal([], { ...rule, indicators: [] })).toBe('noIndicators');
		expect(refusal([], { ...rule, minCount: 0 })).toBe('minCountInvalid');
		expect(refusal([], { ...rule, minCount: 1.5 })).toBe('minCountInvalid');
		expect(refusal([], { ...rule, threshold: -1 })).toBe('thresholdInvalid');
		expect(refusal([], { ...rule, threshold: NaN })).toBe('thresholdInvalid');
		expect(refusal([], { ...rule, indicators: [rule.indicators[0], rule.indicators[0]] })).toBe(
			'indicatorDuplicate'
		);
		expect(refusal([], { ...rule, baseline: 'population' })).toBe('weightsMissing');
		expect(refusal([], rule, { weights: new Map([['d1', -5]]) })).toBe('weightInvalid');
		expect(refusal(table([{ A: NaN }]), rule)).toBe('valueInvalid');
		expect(refusal([...table([{ A: 1 }]), ...table([{ A: 2 }])], rule)).toBe('districtDuplicate');
	});

	test('the population baseline leaves out districts without a population figure', () => {
		const rows = table([{ A: 1 }, { A: 3 }, { A: 100 }]);
		const weights = new Map<string, number | null>([
			['d1', 3],
			['d2', 1],
			['d3', null]
		]);
		const result = resultOf(
			evaluateDeprivation(rows, { ...rule, minCount: 1, baseline: 'population' }, { weights })
		);
		expect(result.indicators[0]).toMatchObject({ mean: 1.5, n: 2, populationMean: 1.5 });
		expect(result.indicators[0].sd).toBeCloseTo(Math.sqrt(0.75));
		// It is still judged against that baseline.
		expect(result.districts[2].flagged).toBe(true);
	});

	test('the rule describes itself in one sentence', () => {
		expect(describeRule(rule)).toBe(
			'Besonders belastet: mindestens 2 von 3 Indikatoren mindestens 1,0 Standardabweichungen ' +
				'schlechter als der Durchschnitt (Durchschnitt der Gebiete, jedes Gebiet gleich gewichtet). ' +
				'Indikatoren: Arbeitslosigkeit (höher ist schlechter), Transferbezug (höher ist schlechter), ' +
				'Kinderarmut (höher ist schlechter).'
		);
	});

	test('flags do not change when an indicator is shifted and scaled', () => {
		const rows = fc.array(
			fc.record({
				A: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: null }),
				T: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: null }),
				K: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: null })
			}),
			{ maxLength: 40 }
		);
		fc.assert(
			fc.property(rows, fc.integer({ min: 1, max: 3 }), (values, k) => {
				const original = resultOf(evaluateDeprivation(table(values), { ...rule, minCount: k }));
				// Percent to per mille plus an offset, and A turned around with its polarity.
				const transformed = values.map((v) => ({
					A: v.A === null ? null : -v.A,
					T: v.T === null ? null : v.T * 10 + 7,
					K: v.K
				}));
				const flipped: DeprivationRule = {
					...rule,
					minCount: k,
					indicators: [
						{ ...rule.indicators[0], polarity: 'higherIsBetter' },
						...rule.indicators.slice(1)
					]
				};
				const result = resultOf(evaluateDeprivation(table(transformed), flipped));
				for (const [i, district] of result.districts.entries()) {
					const before = original.districts[i];
					expect(district.counted.length >= k).toBe(district.flagged);
					// Far enough from the threshold that rounding cannot decide.
					const clear = Object.values(before.zScores).every(
						(z) => z === null || Math.abs(Math.abs(z) - 1) > 1e-9
					);
					if (clear) expect(district.flagged).toBe(before.flagged);
				}
			}),
			{ numRuns: 200 }
		);
	});
});

describe('weightedMean', () => {
	test('weights each value and leaves out pairs with no value or no weight', () => {
		expect(weightedMean([1, 3], [3, 1])).toBe(1.5);
		expect(weightedMean([1, null, 3, 100], [3, 50, 1, null])).toBe(1.5);
	});

	test('has no value when nothing or only zero weight is left', () => {
		expect(weightedMean([], [])).toBeNull();
		expect(weightedMean([null], [5])).toBeNull();
		expect(weightedMean([4], [0])).toBeNull();
	});

	test('refuses mismatched lengths and negative weights as bugs upstream', () => {
		expect(() => weightedMean([1], [])).toThrow(RangeError);
		expect(() => weightedMean([1], [-1])).toThrow(RangeError);
	});
});

describe('groupByDistrict', () => {
	test('collects one period of imported values per district', () => {
		expect(
			groupByDistrict(
				[
					{ districtCode: 'a', indicatorKey: 'S1', period: '2020', value: 1 },
					{ districtCode: 'a', indicatorKey: 'S1', period: '2019', value: 9 },
					{ districtCode: 'b', indicatorKey: 'S1', period: '2020', value: null },
					{ districtCode: 'a', indicatorKey: 'S3', period: '2020', value: 2 }
				],
				'2020'
			)
		).toEqual([
			{ districtCode: 'a', values: { S1: 1, S3: 2 } },
			{ districtCode: 'b', values: { S1: null } }
		]);
	});
});

describe('nicht bewertbar', () => {
	const rule = {
		indicators: [
			{ key: 'A', polarity: 'higherIsWorse' as const },
			{ key: 'B', polarity: 'higherIsWorse' as const },
			{ key: 'C', polarity: 'higherIsWorse' as const }
		],
		minCount: 2,
		threshold: 1
	};
	const spread = (code: string, a: number | null, b: number | null, c: number | null) => ({
		districtCode: code,
		values: { A: a, B: b, C: c }
	});

	test('a district whose missing values could have flagged it is not judgeable, never "not flagged"', () => {
		const result = evaluateDeprivation(
			[
				spread('x1', 0, 0, 0),
				spread('x2', 1, 1, 1),
				spread('x3', 0, 1, 0),
				spread('x4', 1, 0, 1),
				// One conspicuous value and one missing: the missing one might have made two.
				spread('open', 10, null, 0),
				// Nothing at all.
				spread('empty', null, null, null),
				// One missing, but the other two are ordinary: even a bad third value makes only one.
				spread('clear', 0, 0, null),
				// Two conspicuous: flagged whatever the missing one says.
				spread('flag', 10, 10, null)
			],
			rule
		);
		if (!result.ok) throw new Error(result.error.message);
		const status = Object.fromEntries(result.districts.map((d) => [d.districtCode, d.status]));
		expect(status).toMatchObject({
			open: 'notJudgeable',
			empty: 'notJudgeable',
			clear: 'notFlagged',
			flag: 'flagged',
			x1: 'notFlagged'
		});
		const open = result.districts.find((d) => d.districtCode === 'open');
		expect(open?.flagged).toBe(false);
		expect(open?.reasoning).toContain('zu wenig Daten, daher nicht bewertbar');
	});
});
