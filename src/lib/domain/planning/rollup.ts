/**
 * Roll-up: values of a coarser level computed from the finer one (Berlin: a Bezirksregion's
 * unemployment rate from its Planungsräume). The planner says per indicator how, because only they
 * know what a figure means: a rate is a weighted mean (by the population it is a share of), a count
 * is a sum, and an index value cannot be combined at all.
 *
 * Pure: the caller passes the children's values and their parents and stores what comes back.
 */

export type RollupMethod = 'weightedMean' | 'sum' | 'none';

export const rollupMethods: readonly RollupMethod[] = ['weightedMean', 'sum', 'none'];

export interface RollupSetting {
	indicatorKey: string;
	method: RollupMethod;
	/** The indicator whose values weigh each child (population); only for 'weightedMean'. */
	weightKey: string | null;
}

export interface RollupChild {
	code: string;
	name: string;
	parentCode: string | null;
}

export interface RollupInput {
	setting: RollupSetting;
	children: readonly RollupChild[];
	/** The indicator's value per child code; a missing entry or null is "no data". */
	values: ReadonlyMap<string, number | null>;
	/** The weight indicator's value per child code, for 'weightedMean'. */
	weights?: ReadonlyMap<string, number | null>;
}

export interface RolledUpValue {
	parentCode: string;
	/** Null when no child has data. */
	value: number | null;
	/** How many children went into the value. */
	children: number;
}

export type RollupResult =
	| { ok: true; values: RolledUpValue[] }
	| {
			ok: false;
			code: 'weightMissing' | 'weightKeyMissing' | 'methodNone';
			/** Children whose weight is missing, as "Name (Kennung)", at most `maxNamedAreas`. */
			areas: string[];
			count: number;
			message: string;
	  };

export const maxNamedAreas = 10;

/**
 * One indicator, one period. A weighted mean leaves out children without a value (as the statistics
 * offices do for areas with too few inhabitants), but a child WITH a value and WITHOUT a usable weight
 * refuses the whole roll-up: leaving it out would silently shift the parent's value, and guessing a
 * weight would invent one. The message names the areas so the planner can fix the weight table.
 * A sum adds the children with data (Berlin's population leaves out areas under 300 inhabitants,
 * which the statistics office publishes as no data); a parent none of whose children has data has
 * none either. `children` says how many went in, so a page can show "aus 3 von 4 Gebieten".
 */
export function rollUp(input: RollupInput): RollupResult {
	const { setting, children, values } = input;
	if (setting.method === 'none') {
		return {
			ok: false,
			code: 'methodNone',
			areas: [],
			count: 0,
			message: `Für „${setting.indicatorKey}“ ist keine Hochrechnung eingestellt.`
		};
	}
	if (setting.method === 'weightedMean' && !setting.weightKey) {
		return {
			ok: false,
			code: 'weightKeyMissing',
			areas: [],
			count: 0,
			message: `„${setting.indicatorKey}“: Bitte wählen Sie den Indikator, mit dem gewichtet wird (z. B. Einwohnerzahl).`
		};
	}
	const byParent = new Map<string, RollupChild[]>();
	for (const child of children) {
		if (child.parentCode === null) continue;
		const list = byParent.get(child.parentCode);
		if (list) list.push(child);
		else byParent.set(child.parentCode, [child]);
	}

	if (setting.method === 'sum') {
		const result: RolledUpValue[] = [];
		for (const [parentCode, list] of byParent) {
			let sum = 0;
			let used = 0;
			for (const child of list) {
				const value = values.get(child.code);
				if (value === null || value === undefined || !Number.isFinite(value)) continue;
				sum += value;
				used++;
			}
			result.push({ parentCode, value: used > 0 ? sum : null, children: used });
		}
		return { ok: true, values: sortByCode(result) };
	}

	const weights = input.weights ?? new Map<string, number | null>();
	const missing: RollupChild[] = [];
	const result: RolledUpValue[] = [];
	for (const [parentCode, list] of byParent) {
		let weighted = 0;
		let total = 0;
		let used = 0;
		for (const child of list) {
			const value = values.get(child.code);
			if (value === null || value === undefined || !Number.isFinite(value)) continue;
			const weight = weights.get(child.code);
			if (weight === null || weight === undefined || !Number.isFinite(weight) || weight < 0) {
				missing.push(child);
				continue;
			}
			weighted += value * weight;
			total += weight;
			used++;
		}
		result.push({ parentCode, value: total > 0 ? weighted / total : null, children: used });
	}
	if (missing.length > 0) {
		const areas = missing.slice(0, maxNamedAreas).map((c) => `${c.name} (${c.code})`);
		const more =
			missing.length > maxNamedAreas ? ` und ${missing.length - maxNamedAreas} weitere` : '';
		const count = missing.length === 1 ? '1 Gebiet hat' : `${missing.length} Gebiete haben`;
		return {
			ok: false,
			code: 'weightMissing',
			areas,
			count: missing.length,
			message:
				`„${setting.indicatorKey}“ lässt sich nicht hochrechnen: ${count} einen Wert, aber kein ` +
				`Gewicht „${setting.weightKey}“: ${areas.join(', ')}${more}. Bitte die Werte für ` +
				`„${setting.weightKey}“ ergänzen oder einen anderen Gewichtungs-Indikator wählen. ` +
				'Es wurde nichts gespeichert.'
		};
	}
	return { ok: true, values: sortByCode(result) };
}

const sortByCode = (values: RolledUpValue[]) =>
	values.sort((a, b) => a.parentCode.localeCompare(b.parentCode));

/** Reads a form's method value; anything unknown is no roll-up. */
export function readRollupMethod(value: string): RollupMethod | null {
	return (rollupMethods as readonly string[]).includes(value) ? (value as RollupMethod) : null;
}

/** How a level's computed values came about, for the words next to them ("berechnet aus …"). */
export interface ComputedHow {
	method: 'sum' | 'weightedMean';
	weightKey: string | null;
	weightLabel: string | null;
	/** The level the values were computed from (the children's), as the planner named it. */
	fromLevel: string | null;
}
