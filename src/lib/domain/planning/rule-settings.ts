/**
 * The "besonders belastet" rule as the planner sets it in the address bar or a small form:
 * `?k=2&t=1&ind=S1&ind=S3&ind=S4`. Pure, so the district list, the map and the district page read it
 * the same way. Bad input never fails the page: it falls back to the default and says why.
 */
import type { PolarityGuess } from './column-defaults';

export interface RuleSettings {
	keys: string[];
	/** k */
	minCount: number;
	/** t, in standard deviations */
	threshold: number;
}

export interface RuleIndicatorChoice {
	key: string;
	polarity: PolarityGuess;
}

/** The MSS status indicators: unemployment, transfer benefits, child poverty. */
export const defaultRuleKeys = ['S1', 'S3', 'S4'];
export const defaultMinCount = 2;
export const defaultThreshold = 1;

export type RuleSettingsProblem =
	'unknownIndicator' | 'minCountInvalid' | 'thresholdInvalid' | 'unknownRule';

export interface ReadRuleSettings {
	settings: RuleSettings;
	problems: RuleSettingsProblem[];
}

/**
 * Reads k, t and the indicators; `available` are the indicators with data on the level. Without any
 * `ind`, the defaults that exist are used; failing those, nothing is chosen and the page says so.
 */
export function readRuleSettings(
	params: URLSearchParams,
	available: readonly RuleIndicatorChoice[],
	base?: RuleSettings
): ReadRuleSettings {
	const problems: RuleSettingsProblem[] = [];
	const known = new Set(available.map((i) => i.key));
	const asked = [...new Set(params.getAll('ind').map((key) => key.trim()))].filter(Boolean);
	let keys = asked.filter((key) => known.has(key));
	if (keys.length < asked.length) problems.push('unknownIndicator');
	if (asked.length === 0 && base) {
		// A saved rule is used as saved; an indicator it names that this level lacks is said, not hidden.
		keys = base.keys.filter((key) => known.has(key));
		if (keys.length < base.keys.length) problems.push('unknownIndicator');
	} else if (asked.length === 0) keys = defaultRuleKeys.filter((key) => known.has(key));

	const k = readNumber(params.get('k'));
	let minCount = base ? base.minCount : Math.min(defaultMinCount, Math.max(keys.length, 1));
	if (k !== undefined) {
		if (k === null || !Number.isInteger(k) || k < 1 || k > Math.max(keys.length, 1)) {
			problems.push('minCountInvalid');
		} else {
			minCount = k;
		}
	}
	const t = readNumber(params.get('t'));
	let threshold = base ? base.threshold : defaultThreshold;
	if (t !== undefined) {
		if (t === null || t < 0 || t > 10) problems.push('thresholdInvalid');
		else threshold = t;
	}
	return { settings: { keys, minCount, threshold }, problems };
}

/** The same settings as query parameters, to put into links that should keep the rule. */
export function ruleQuery(settings: RuleSettings): URLSearchParams {
	const params = new URLSearchParams();
	params.set('k', String(settings.minCount));
	params.set('t', String(settings.threshold));
	for (const key of settings.keys) params.append('ind', key);
	return params;
}

/** undefined: not given; null: given but not a number. Accepts a German decimal comma. */
function readNumber(raw: string | null): number | null | undefined {
	if (raw === null || raw.trim() === '') return undefined;
	const value = Number(raw.trim().replace(',', '.'));
	return Number.isFinite(value) ? value : null;
}
