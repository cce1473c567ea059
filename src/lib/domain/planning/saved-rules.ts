/**
 * The city's saved "besonders belastet" rules: a name, the indicators, k and t. One of them is the
 * default that the map, the district pages and the lists use unless another is chosen. Pure: the
 * checks here decide before anything is stored, so a refused rule leaves no trace.
 */
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

export type CheckedRule =
	{ ok: true; value: RuleInput } | { ok: false; field: RuleField; message: string };

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
	const refuse = (field: RuleField, message: string): CheckedRule => ({
		ok: false,
		field,
		message
	});
	const name = typeof raw.name === 'string' ? raw.name.trim().replace(/\s+/g, ' ') : '';
	if (name === '') return refuse('name', 'Name: Bitte geben Sie der Regel einen Namen.');
	if (name.length > maxRuleNameLength) {
		return refuse('name', `Name: Der Name ist zu lang (höchstens ${maxRuleNameLength} Zeichen).`);
	}
	if (takenNames.some((taken) => ruleNameKey(taken) === ruleNameKey(name))) {
		return refuse(
			'name',
			`Name: Eine Regel „${name}“ gibt es schon. Bitte wählen Sie einen anderen Namen.`
		);
	}

	const list = Array.isArray(raw.keys) ? raw.keys : typeof raw.keys === 'string' ? [raw.keys] : [];
	const keys = [
		...new Set(list.map((key) => (typeof key === 'string' ? key.trim() : '')).filter(Boolean))
	];
	if (keys.length === 0) {
		return refuse('indicators', 'Indikatoren: Bitte wählen Sie mindestens einen Indikator.');
	}
	const knownKeys = new Set(known);
	const unknown = keys.find((key) => !knownKeys.has(key));
	if (unknown !== undefined) {
		return refuse(
			'indicators',
			`Indikatoren: Den Indikator „${unknown}“ gibt es nicht. Bitte wählen Sie nur vorhandene Indikatoren.`
		);
	}

	const minCount = readNumber(raw.minCount);
	if (minCount === null || !Number.isInteger(minCount) || minCount < 1) {
		return refuse('minCount', 'k (wie viele auffällig sein müssen): Bitte eine ganze Zahl ab 1.');
	}
	if (minCount > keys.length) {
		return refuse(
			'minCount',
			`k (wie viele auffällig sein müssen): ${minCount} ist mehr als die ${keys.length} ` +
				`gewählten Indikatoren. Bitte höchstens ${keys.length} eintragen oder mehr Indikatoren wählen.`
		);
	}
	const threshold = readNumber(raw.threshold);
	if (threshold === null || threshold < 0 || threshold > maxThreshold) {
		return refuse(
			'threshold',
			`t (Standardabweichungen): Bitte eine Zahl von 0 bis ${maxThreshold}, zum Beispiel 1 oder 1,5.`
		);
	}
	return { ok: true, value: { name, keys, minCount, threshold } };
}

function readNumber(raw: unknown): number | null {
	if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
	if (typeof raw !== 'string' || raw.trim() === '') return null;
	const value = Number(raw.trim().replace(',', '.'));
	return Number.isFinite(value) ? value : null;
}
