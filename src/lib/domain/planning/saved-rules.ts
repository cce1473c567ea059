/**
 * The city's saved "besonders belastet" rules: a name, the indicators, k and t. One of them is the
 * default that the map, the district pages and the lists use unless another is chosen. Pure: the
 * checks here decide before anything is stored, so a refused rule leaves no trace.
 */
import { translate, type MessageKey } from '../../i18n';
import type { RuleSettings } from './rule-settings';

export interface SavedRule extends RuleSettings {
	id: string;
	name: string;
	isDefault: boolean;
}

export interface RuleInput {
	name: string;
	keys: string[];
	minCount: number;
	threshold: number;
}

/** The form's field names; every refusal names one, so the page can point at it. */
export type RuleField = 'name' | 'indicators' | 'minCount' | 'threshold';

/** A refusal as a message key (German and English on the page) and, for the API, in German. */
export interface RuleRefusal {
	ok: false;
	field: RuleField;
	key: MessageKey;
	params: Record<string, string | number>;
	message: string;
}

export type CheckedRule = { ok: true; value: RuleInput } | RuleRefusal;

export const maxRuleNameLength = 100;
export const maxThreshold = 10;

/** Two names that differ only in case or spaces are the same name to a reader. */
export function ruleNameKey(name: string): string {
	return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('de-DE');
}

/**
 * Checks a rule as a form or the API sends it. `known` are the indicator keys that exist (on any
 * level); `takenNames` the names of the other saved rules (the rule itself left out when it is
 * changed). Numbers may come as text with a German decimal comma.
 */
export function checkRuleInput(
	raw: { name?: unknown; keys?: unknown; minCount?: unknown; threshold?: unknown },
	known: readonly string[],
	takenNames: readonly string[]
): CheckedRule {
	const refuse = (
		field: RuleField,
		key: MessageKey,
		params: Record<string, string | number> = {}
	): RuleRefusal => ({ ok: false, field, key, params, message: translate('de', key, params) });
	const name = typeof raw.name === 'string' ? raw.name.trim().replace(/\s+/g, ' ') : '';
	if (name === '') return refuse('name', 'rules.error.nameMissing');
	if (name.length > maxRuleNameLength) {
		return refuse('name', 'rules.error.nameTooLong', { max: maxRuleNameLength });
	}
	if (takenNames.some((taken) => ruleNameKey(taken) === ruleNameKey(name))) {
		return refuse('name', 'rules.error.nameTaken', { name });
	}

	const list = Array.isArray(raw.keys) ? raw.keys : typeof raw.keys === 'string' ? [raw.keys] : [];
	const keys = [
		...new Set(list.map((key) => (typeof key === 'string' ? key.trim() : '')).filter(Boolean))
	];
	if (keys.length === 0) return refuse('indicators', 'rules.error.noIndicators');
	const knownKeys = new Set(known);
	const unknown = keys.find((key) => !knownKeys.has(key));
	if (unknown !== undefined) {
		return refuse('indicators', 'rules.error.unknownIndicator', { key: unknown });
	}

	const minCount = readNumber(raw.minCount);
	if (minCount === null || !Number.isInteger(minCount) || minCount < 1) {
		return refuse('minCount', 'rules.error.minCountInvalid');
	}
	if (minCount > keys.length) {
		return refuse('minCount', 'rules.error.minCountTooLarge', { k: minCount, n: keys.length });
	}
	const threshold = readNumber(raw.threshold);
	if (threshold === null || threshold < 0 || threshold > maxThreshold) {
		return refuse('threshold', 'rules.error.thresholdInvalid', { max: maxThreshold });
	}
	return { ok: true, value: { name, keys, minCount, threshold } };
}

function readNumber(raw: unknown): number | null {
	if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
	if (typeof raw !== 'string' || raw.trim() === '') return null;
	const value = Number(raw.trim().replace(',', '.'));
	return Number.isFinite(value) ? value : null;
}
