/**
 * The "besonders belastet" rule over the stored values of one level. The arithmetic is the pure rule
 * in domain/planning/deprivation.ts; this module only chooses the period and loads the values.
 */
import type { Db } from '../db';
import {
	evaluateDeprivation,
	groupByDistrict,
	type DeprivationResult
} from '../../domain/planning/deprivation';
import type { IndicatorValue } from '../../domain/planning/indicators';
import type { RuleSettings } from '../../domain/planning/rule-settings';
import { listPlaceholders } from './batch';
import { joinExistingDistricts, type Indicator } from './indicators';

export type StoredRuleResult =
	| (Extract<DeprivationResult, { ok: true }> & { level: string; period: string })
	| { ok: false; reason: 'noIndicators' | 'noValues' | 'invalid'; message?: string };

/** Indicators with at least one value on the level. */
export function indicatorsOfLevel(indicators: readonly Indicator[], level: string): Indicator[] {
	return indicators.filter((i) => i.coverage.some((c) => c.level === level && c.withData > 0));
}

/**
 * The population indicator weighs the city-wide rate. Berlin calls it EW; an imported table may name
 * it anything, so a unit of persons or inhabitants counts too.
 */
export function findPopulationKey(indicators: readonly Indicator[]): string | null {
	const byKey = indicators.find((i) => i.key.toUpperCase() === 'EW');
	if (byKey) return byKey.key;
	const byUnit = indicators.find((i) =>
		/^(personen|einwohner(innen)?|persons|inhabitants|residents)$/i.test(i.unit.trim())
	);
	return byUnit?.key ?? null;
}

/**
 * Evaluates the rule for every district of the level that has a value row, in the latest period any
 * of the chosen indicators has there (one period for all, so a district is never judged on a mix of
 * years). Values of districts a boundary import removed stay stored but are left out: they would
 * shift n, mean and SD, and a district that no longer exists could be flagged.
 */
export async function evaluateStoredRule(
	db: Db,
	level: string,
	settings: RuleSettings,
	indicators: readonly Indicator[]
): Promise<StoredRuleResult> {
	const chosen = settings.keys.flatMap((key) => indicators.filter((i) => i.key === key));
	if (chosen.length === 0) return { ok: false, reason: 'noIndicators' };
	const keys = chosen.map((i) => i.key);
	const latest = await db.get<{ period: string | null }>(
		`SELECT MAX(v.period) AS period FROM indicator_values v ${joinExistingDistricts}
		WHERE v.level = ? AND v.indicator_key IN (${listPlaceholders(keys.length)})`,
		[level, ...keys]
	);
	const period = latest?.period;
	if (!period) return { ok: false, reason: 'noValues' };
	const rows = await db.all<{ indicator_key: string; district_code: string; value: number | null }>(
		`SELECT v.indicator_key, v.district_code, v.value FROM indicator_values v ${joinExistingDistricts}
		WHERE v.level = ? AND v.period = ? AND v.indicator_key IN (${listPlaceholders(keys.length)})
		ORDER BY v.district_code`,
		[level, period, ...keys]
	);
	const values: IndicatorValue[] = rows.map((row) => ({
		indicatorKey: row.indicator_key,
		districtCode: row.district_code,
		period,
		value: row.value
	}));
	const result = evaluateDeprivation(groupByDistrict(values, period), {
		indicators: chosen.map((i) => ({ key: i.key, label: i.label, polarity: i.polarity })),
		minCount: settings.minCount,
		threshold: settings.threshold
	});
	if (!result.ok) return { ok: false, reason: 'invalid', message: result.error.message };
	return { ...result, level, period };
}
