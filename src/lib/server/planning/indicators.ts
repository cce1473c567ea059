/**
 * Indicators as stored: a definition per key (label, unit, polarity, source) and one value per
 * indicator, level, district and period. NULL is "no data" all the way into the statistics; a 0 would
 * be a real, very good or very bad, value in every mean and every rule.
 */
import type { Db, Tx } from '../db';
import {
	evaluateDeprivation,
	groupByDistrict,
	type DeprivationIndicator
} from '../../domain/planning/deprivation';
import type { PolarityGuess } from '../../domain/planning/column-defaults';
import { firstRepeated, type IndicatorValue } from '../../domain/planning/indicators';
import { valuesPlaceholders, yieldToEventLoop } from './batch';
import {
	recordImport,
	waitForOtherImports,
	type ImportOptions,
	type ImportProgressHook
} from './import-log';
import { preparedValueReader, summarizeValues, type PreparedValues } from './prepared';

export interface IndicatorDefinition {
	key: string;
	label: string;
	unit: string;
	/** 'unknown' until the planner says which way is worse; the rule refuses such an indicator. */
	polarity: PolarityGuess;
	source: string;
	attribution: string;
}

export interface IndicatorCoverage {
	level: string;
	period: string;
	/** Districts with a row for this period, with or without data. */
	values: number;
	/** Of those, the ones with data (not NULL). */
	withData: number;
}

export interface Indicator extends IndicatorDefinition {
	/** The level of the latest import that defined the indicator. */
	level: string;
	createdAt: number;
	coverage: IndicatorCoverage[];
}

export interface IndicatorValuesImport {
	indicators: readonly IndicatorDefinition[];
	level: string;
	/** What `parseIndicatorTable` returned; keys must have a definition, here or stored before. */
	values: readonly IndicatorValue[];
}

/** The same with the import worker's arrays of values (see prepared.ts). */
export type PreparedValuesImport = Omit<IndicatorValuesImport, 'values'> & {
	values: PreparedValues;
};

export interface IndicatorImportCounts {
	importId: number;
	level: string;
	indicators: string[];
	periods: string[];
	values: number;
	nullValues: number;
	/** Values of the same indicators, level and periods that the import replaced. */
	replaced: number;
}

export interface IndicatorSeries {
	key: string;
	level: string;
	period: string;
	/** `computed`: rolled up from the level below (see rollup.ts), not imported. */
	values: { districtCode: string; value: number | null; computed: boolean }[];
}

export interface ProfileIndicator extends IndicatorDefinition {
	period: string;
	/** The district's value was computed from the level below (roll-up), not imported. */
	computed: boolean;
	/** The district's value; null for "no data". */
	value: number | null;
	/** Unweighted over the districts of the level with data in that period, as the MSS counts. */
	mean: number | null;
	/** Population SD (divided by n) over the same districts. */
	sd: number | null;
	n: number;
	/** (value − mean) / sd, not turned by polarity; null without a value or without spread. */
	z: number | null;
	/** The city-wide rate: the mean weighted by the population indicator of the same period. */
	populationMean: number | null;
}

export interface DistrictProfile {
	level: string;
	code: string;
	name: string;
	populationKey: string | null;
	indicators: ProfileIndicator[];
}

interface IndicatorRow {
	key: string;
	label: string;
	unit: string;
	polarity: PolarityGuess;
	level: string;
	source: string;
	attribution: string;
	created_at: number;
}

const toDefinition = (row: IndicatorRow): IndicatorDefinition => ({
	key: row.key,
	label: row.label,
	unit: row.unit,
	polarity: row.polarity,
	source: row.source,
	attribution: row.attribution
});

/**
 * Restricts `indicator_values v` to districts that still exist. A boundary import keeps the values of
 * removed districts (a later import may bring the code back), so everything that counts, compares or
 * draws values joins here.
 */
export const joinExistingDistricts =
	'JOIN districts d ON d.level = v.level AND d.code = v.district_code';

/** Five small columns per row: 500 rows stay at 2,500 placeholders. */
const valueBatch = 500;

/**
 * Upserts the definitions and replaces, for every indicator and period in `values`, all values of the
 * level, in one transaction. Periods the file does not mention stay as they were, so a table for 2022
 * adds a year instead of erasing 2020. A value whose indicator has no definition fails the whole
 * import (foreign key), as does throwing from `onProgress`.
 */
export async function importIndicatorValues(
	db: Db,
	input: IndicatorValuesImport | PreparedValuesImport,
	options: ImportOptions & {
		/** Runs inside the import's transaction after the values are in (the roll-up); throwing undoes all. */
		inTransaction?: (tx: Tx) => Promise<void>;
	},
	onProgress?: ImportProgressHook
): Promise<IndicatorImportCounts> {
	const keys = input.indicators.map((i) => i.key);
	const doubled = firstRepeated(keys);
	if (doubled !== undefined) {
		throw new RangeError(`importIndicatorValues: indicator ${doubled} defined twice`);
	}
	const { values } = input;
	// The worker's values come summarised, and are read back a batch at a time.
	const count = 'prepared' in values ? values.count : values.length;
	const valueAt = 'prepared' in values ? preparedValueReader(values) : (i: number) => values[i];
	const summary = 'prepared' in values ? values.summary : summarizeValues(values);
	const now = Date.now();

	return db.transaction(async (tx) => {
		await waitForOtherImports(tx);
		if (input.indicators.length > 0) {
			await tx.run(
				`INSERT INTO indicators
					(key, label, unit, polarity, level, source, attribution, created_at)
				VALUES ${valuesPlaceholders(input.indicators.length, 8)}
				ON CONFLICT (key) DO UPDATE SET
					label = excluded.label,
					unit = excluded.unit,
					polarity = excluded.polarity,
					level = excluded.level,
					source = excluded.source,
					attribution = excluded.attribution`,
				input.indicators.flatMap((i) => [
					i.key,
					i.label,
					i.unit,
					i.polarity,
					input.level,
					i.source,
					i.attribution,
					now
				])
			);
		}

		let replaced = 0;
		for (const { key, period } of summary.pairs) {
			const result = await tx.run(
				'DELETE FROM indicator_values WHERE indicator_key = ? AND level = ? AND period = ?',
				[key, input.level, period]
			);
			replaced += result.changes;
		}

		let done = 0;
		while (done < count) {
			const batch = Array.from({ length: Math.min(valueBatch, count - done) }, (_, i) =>
				valueAt(done + i)
			);
			await tx.run(
				`INSERT INTO indicator_values (indicator_key, level, district_code, period, value)
				VALUES ${valuesPlaceholders(batch.length, 5)}`,
				batch.flatMap((v) => [v.indicatorKey, input.level, v.districtCode, v.period, v.value])
			);
			done += batch.length;
			await onProgress?.({ phase: 'values', done, total: count });
			await yieldToEventLoop();
		}

		await options.inTransaction?.(tx);
		const counts = {
			level: input.level,
			indicators: [...new Set([...keys, ...summary.keys])],
			periods: summary.periods,
			values: count,
			nullValues: summary.nullValues,
			replaced
		};
		const importId = await recordImport(
			tx,
			{
				kind: 'indicators',
				fileName: options.fileName,
				createdBy: options.createdBy,
				rows: count,
				summary: counts
			},
			now
		);
		return { importId, ...counts };
	});
}

export async function listIndicators(db: Db): Promise<Indicator[]> {
	const rows = await db.all<IndicatorRow>('SELECT * FROM indicators ORDER BY key');
	const coverage = await db.all<{
		indicator_key: string;
		level: string;
		period: string;
		values_count: number;
		with_data: number;
	}>(
		`SELECT indicator_key, level, period, COUNT(*) AS values_count, COUNT(value) AS with_data
		FROM indicator_values GROUP BY indicator_key, level, period
		ORDER BY indicator_key, level, period`
	);
	return rows.map((row) => ({
		...toDefinition(row),
		level: row.level,
		createdAt: Number(row.created_at),
		coverage: coverage
			.filter((c) => c.indicator_key === row.key)
			.map((c) => ({
				level: c.level,
				period: c.period,
				values: Number(c.values_count),
				withData: Number(c.with_data)
			}))
	}));
}

/**
 * One indicator across a level, for a map or a table; without `period`, the latest one. Only
 * districts that still exist.
 */
export async function indicatorValues(
	db: Db,
	key: string,
	options: { level: string; period?: string }
): Promise<IndicatorSeries | null> {
	const period =
		options.period ??
		(
			await db.get<{ period: string | null }>(
				`SELECT MAX(v.period) AS period FROM indicator_values v ${joinExistingDistricts}
				WHERE v.indicator_key = ? AND v.level = ?`,
				[key, options.level]
			)
		)?.period;
	if (period === null || period === undefined) return null;
	const rows = await db.all<{ district_code: string; value: number | null; computed: number }>(
		`SELECT v.district_code, v.value, v.computed FROM indicator_values v ${joinExistingDistricts}
		WHERE v.indicator_key = ? AND v.level = ? AND v.period = ? ORDER BY v.district_code`,
		[key, options.level, period]
	);
	if (rows.length === 0) return null;
	return {
		key,
		level: options.level,
		period,
		values: rows.map((row) => ({
			districtCode: row.district_code,
			value: row.value,
			computed: Number(row.computed) === 1
		}))
	};
}

/**
 * Every indicator of the level for one district, next to the level's mean and SD and, given a
 * population indicator (Berlin: 'EW'), the population-weighted city-wide value. Without `period`,
 * each indicator shows its own latest period. The statistics come from the same pure code that
 * decides "besonders belastet", so the profile and the rule can never disagree.
 */
export async function districtProfile(
	db: Db,
	level: string,
	code: string,
	options: { period?: string; populationKey?: string } = {}
): Promise<DistrictProfile | null> {
	const district = await db.get<{ name: string }>(
		'SELECT name FROM districts WHERE level = ? AND code = ?',
		[level, code]
	);
	if (!district) return null;

	const definitions = new Map(
		(await db.all<IndicatorRow>('SELECT * FROM indicators')).map((row) => [row.key, row])
	);
	const chosen =
		options.period === undefined
			? await db.all<{ indicator_key: string; period: string }>(
					`SELECT v.indicator_key, MAX(v.period) AS period FROM indicator_values v
					${joinExistingDistricts} WHERE v.level = ? GROUP BY v.indicator_key`,
					[level]
				)
			: await db.all<{ indicator_key: string; period: string }>(
					`SELECT DISTINCT v.indicator_key, v.period FROM indicator_values v
					${joinExistingDistricts} WHERE v.level = ? AND v.period = ?`,
					[level, options.period]
				);
	const keysByPeriod = new Map<string, string[]>();
	for (const { indicator_key: key, period } of chosen) {
		keysByPeriod.set(period, [...(keysByPeriod.get(period) ?? []), key]);
	}

	const indicators: ProfileIndicator[] = [];
	for (const [period, keys] of keysByPeriod) {
		const rows = await db.all<{
			indicator_key: string;
			district_code: string;
			value: number | null;
			computed: number;
		}>(
			`SELECT v.indicator_key, v.district_code, v.value, v.computed FROM indicator_values v
			${joinExistingDistricts} WHERE v.level = ? AND v.period = ?`,
			[level, period]
		);
		const ownComputed = new Set(
			rows
				.filter((row) => row.district_code === code && Number(row.computed) === 1)
				.map((row) => row.indicator_key)
		);
		const values: IndicatorValue[] = rows.map((row) => ({
			indicatorKey: row.indicator_key,
			districtCode: row.district_code,
			period,
			value: row.value
		}));
		const districts = groupByDistrict(values, period);
		const weights = populationWeights(values, options.populationKey);
		const ruleIndicators: DeprivationIndicator[] = keys.map((key) => ({
			key,
			label: definitions.get(key)?.label ?? key,
			// The profile does not turn z by polarity, so an unknown one may stand in as either.
			polarity:
				definitions.get(key)?.polarity === 'higherIsBetter' ? 'higherIsBetter' : 'higherIsWorse'
		}));
		// Only the statistics and z-scores are wanted here; k = 1 and t = 0 are placeholders.
		const result = evaluateDeprivation(
			districts,
			{ indicators: ruleIndicators, minCount: 1, threshold: 0 },
			{ weights }
		);
		if (!result.ok) throw new Error(`districtProfile: ${result.error.message}`);
		const own = result.districts.find((d) => d.districtCode === code);
		const ownValues = districts.find((d) => d.districtCode === code)?.values ?? {};
		for (const statistics of result.indicators) {
			const row = definitions.get(statistics.key);
			indicators.push({
				key: statistics.key,
				label: row?.label ?? statistics.key,
				unit: row?.unit ?? '',
				polarity: row?.polarity ?? statistics.polarity,
				source: row?.source ?? '',
				attribution: row?.attribution ?? '',
				period,
				computed: ownComputed.has(statistics.key),
				value: ownValues[statistics.key] ?? null,
				mean: statistics.mean,
				sd: statistics.sd,
				n: statistics.n,
				z: own?.zScores[statistics.key] ?? null,
				populationMean: statistics.populationMean
			});
		}
	}
	indicators.sort((a, b) => a.key.localeCompare(b.key));
	return {
		level,
		code,
		name: district.name,
		populationKey: options.populationKey ?? null,
		indicators
	};
}

/**
 * Population per district from the population indicator of the same period. A figure below 0 or not
 * finite cannot weigh anything; it counts as unknown rather than refusing the whole profile.
 */
function populationWeights(
	values: readonly IndicatorValue[],
	populationKey: string | undefined
): Map<string, number | null> | undefined {
	if (populationKey === undefined) return undefined;
	const weights = new Map<string, number | null>();
	for (const v of values) {
		if (v.indicatorKey !== populationKey) continue;
		const usable = v.value !== null && Number.isFinite(v.value) && v.value >= 0;
		weights.set(v.districtCode, usable ? v.value : null);
	}
	return weights.size > 0 ? weights : undefined;
}
