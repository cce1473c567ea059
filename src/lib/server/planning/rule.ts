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
import {
	readRuleSettings,
	type ReadRuleSettings,
	type RuleSettings
} from '../../domain/planning/rule-settings';
import type { SavedRule } from '../../domain/planning/saved-rules';
import { listPlaceholders } from './batch';
import { joinExistingDistricts, type Indicator } from './indicators';
import { listRules } from './saved-rules';

export interface ChosenRule extends ReadRuleSettings {
	/** Every saved rule, the default first, for the choice on the pages. */
	rules: SavedRule[];
	/** The saved rule in use; null when none is saved and the built-in default applies. */
	saved: Pick<SavedRule, 'id' | 'name' | 'isDefault'> | null;
	/** k, t or indicators changed in the address bar: a trial, not the saved rule. */
	adjusted: boolean;
}

/**
 * Which rule a page uses: `?regel=<id>` if it names a saved rule, else the saved default, else the
 * built-in one (MSS status indicators, 2 of 3 at 1 SD). `ind`, `k` and `t` in the address bar try
 * changes on top of it without saving. Map, district page and lists all call this, so they agree.
 */
export async function resolveRule(
	db: Db,
	params: URLSearchParams,
	available: readonly Indicator[]
): Promise<ChosenRule> {
	const rules = await listRules(db);
	const asked = params.get('regel');
	const named = asked ? rules.find((rule) => rule.id === asked) : undefined;
	const saved = named ?? rules.find((rule) => rule.isDefault) ?? null;
	const read = readRuleSettings(params, available, saved ?? undefined);
	if (asked && !named) read.problems.unshift('unknownRule');
	return {
		...read,
		rules,
		saved: saved && { id: saved.id, name: saved.name, isDefault: saved.isDefault },
		adjusted: ['ind', 'k', 't'].some((name) => params.has(name))
	};
}

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
	const undecided = chosen.find((i) => i.polarity === 'unknown');
	if (undecided) {
		// Counting it either way could turn the result upside down for that indicator.
		return {
			ok: false,
			reason: 'invalid',
			message:
				`Für „${undecided.label}“ ist nicht festgelegt, ob ein höherer Wert schlechter oder ` +
				'besser ist. Bitte beim Import festlegen oder den Indikator aus der Regel nehmen.'
		};
	}
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
		indicators: chosen.map((i) => ({
			key: i.key,
			label: i.label,
			polarity: i.polarity === 'higherIsBetter' ? 'higherIsBetter' : 'higherIsWorse'
		})),
		minCount: settings.minCount,
		threshold: settings.threshold
	});
	if (!result.ok) return { ok: false, reason: 'invalid', message: result.error.message };
	return { ...result, level, period };
}
