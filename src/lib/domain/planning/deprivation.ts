/**
 * The "besonders belastet" rule: a district is flagged when at least k of the chosen indicators are at
 * least t standard deviations worse than the city-wide mean. Pure, and meant to be shown: every
 * result carries its z-scores and a German sentence saying why, because a flag that cannot be
 * explained to a district council is worse than none.
 *
 * The default follows the Berlin Monitoring Soziale Stadtentwicklung: mean and standard deviation
 * over the districts that have data, each district counting once (unweighted), population SD
 * (divided by n). On the MSS 2021 data this reproduces the official deviation classes (`*_SD_GR`) of
 * the status indicators S1, S3 and S4 for every one of the 536 valid Planungsräume.
 */
import type { IndicatorValue } from './indicators';

export type Polarity = 'higherIsWorse' | 'higherIsBetter';

export interface DeprivationIndicator {
	key: string;
	/** Shown in the reasoning; the key if left out. */
	label?: string;
	polarity: Polarity;
}

export interface DeprivationRule {
	indicators: DeprivationIndicator[];
	/** k: how many indicators must be conspicuous. */
	minCount: number;
	/** t: how many standard deviations worse than the mean counts as conspicuous. */
	threshold: number;
	/**
	 * 'districts' (default): each district counts once, as the MSS does. 'population': mean and SD
	 * weighted by population, i.e. the true city-wide rate; it needs `weights`. The two differ
	 * noticeably (Berlin 2021: 90 vs 85 flagged), so the choice is part of the rule and shown with it.
	 */
	baseline?: 'districts' | 'population';
}

export interface DistrictValues {
	districtCode: string;
	/** Per indicator key; null or a missing key means "no data". */
	values: Readonly<Record<string, number | null | undefined>>;
}

export interface IndicatorStatistics {
	key: string;
	label: string;
	polarity: Polarity;
	/** Over the districts with data (and, for the population baseline, with a population). */
	mean: number | null;
	sd: number | null;
	n: number;
	/** The population-weighted mean, whenever weights were given, whatever the baseline. */
	populationMean: number | null;
}

export interface DistrictDeprivation {
	districtCode: string;
	/** (value − mean) / sd, not turned by polarity; null without data or without spread. */
	zScores: Record<string, number | null>;
	/** Keys of the indicators at least t SD on the worse side. */
	counted: string[];
	flagged: boolean;
	/**
	 * 'notJudgeable' when the district is not flagged but the indicators it lacks data for could
	 * have made it so: "nicht besonders belastet" would then claim more than the data says.
	 */
	status: DeprivationStatus;
	reasoning: string;
}

export type DeprivationStatus = 'flagged' | 'notFlagged' | 'notJudgeable';

export type DeprivationErrorCode =
	| 'noIndicators'
	| 'indicatorDuplicate'
	| 'minCountInvalid'
	| 'minCountTooLarge'
	| 'thresholdInvalid'
	| 'weightsMissing'
	| 'weightInvalid'
	| 'valueInvalid'
	| 'districtDuplicate';

export type DeprivationResult =
	| {
			ok: true;
			districts: DistrictDeprivation[];
			indicators: IndicatorStatistics[];
			flaggedCount: number;
	  }
	| { ok: false; error: { code: DeprivationErrorCode; message: string } };

export interface DeprivationOptions {
	/** Population per district code (Berlin: the EW column). Districts without one are left out. */
	weights?: ReadonlyMap<string, number | null>;
}

export function evaluateDeprivation(
	values: readonly DistrictValues[],
	rule: DeprivationRule,
	options: DeprivationOptions = {}
): DeprivationResult {
	const refusal = checkRule(rule) ?? checkInput(values, rule, options);
	if (refusal) return { ok: false, error: refusal };

	const indicators = rule.indicators.map((indicator) =>
		computeStatistics(indicator, values, rule.baseline ?? 'districts', options.weights)
	);
	const districts = values.map((district) => judgeDistrict(district, rule, indicators));
	return {
		ok: true,
		districts,
		indicators,
		flaggedCount: districts.filter((d) => d.flagged).length
	};
}

/**
 * Sum of value × weight over sum of weights, leaving out pairs where either is null: a district
 * without data, or without a population figure, cannot be weighted. Null when nothing is left or the
 * weights add up to 0. Weights must be finite and ≥ 0; anything else is a bug upstream.
 */
export function weightedMean(
	values: readonly (number | null)[],
	weights: readonly (number | null)[]
): number | null {
	if (values.length !== weights.length) {
		throw new RangeError('weightedMean: values and weights differ in length');
	}
	let sum = 0;
	let total = 0;
	values.forEach((value, i) => {
		const weight = weights[i];
		if (weight !== null && (!Number.isFinite(weight) || weight < 0)) {
			throw new RangeError(`weightedMean: weight ${weight} is not a finite number ≥ 0`);
		}
		if (value === null || weight === null) return;
		sum += value * weight;
		total += weight;
	});
	return total > 0 ? sum / total : null;
}

/**
 * Turns imported values (one per district, indicator and period) into the rule's input, for one
 * period. Order follows the first appearance of each district.
 */
export function groupByDistrict(
	values: readonly IndicatorValue[],
	period: string
): DistrictValues[] {
	const byDistrict = new Map<string, Record<string, number | null>>();
	for (const value of values) {
		if (value.period !== period) continue;
		const row = byDistrict.get(value.districtCode) ?? {};
		row[value.indicatorKey] = value.value;
		byDistrict.set(value.districtCode, row);
	}
	return [...byDistrict].map(([districtCode, row]) => ({ districtCode, values: row }));
}

/** The rule as one German sentence, to print next to every list of flagged districts. */
export function describeRule(rule: DeprivationRule): string {
	const labels = rule.indicators.map((i) => `${labelOf(i)} (${polarityText(i.polarity)})`);
	const baseline =
		(rule.baseline ?? 'districts') === 'districts'
			? 'Durchschnitt der Gebiete, jedes Gebiet gleich gewichtet'
			: 'Durchschnitt nach Einwohnerzahl gewichtet';
	return (
		`Besonders belastet: mindestens ${rule.minCount} von ${rule.indicators.length} Indikatoren ` +
		`mindestens ${formatThreshold(rule.threshold)} Standardabweichungen schlechter als der ` +
		`Durchschnitt (${baseline}). Indikatoren: ${labels.join(', ')}.`
	);
}

// Checks ------------------------------------------------------------------------------------------

type Refusal = { code: DeprivationErrorCode; message: string };

function checkRule(rule: DeprivationRule): Refusal | null {
	const count = rule.indicators.length;
	if (count === 0) {
		return { code: 'noIndicators', message: 'Die Regel braucht mindestens einen Indikator.' };
	}
	const keys = rule.indicators.map((i) => i.key);
	const doubled = keys.find((key, i) => keys.indexOf(key) !== i);
	if (doubled !== undefined) {
		return {
			code: 'indicatorDuplicate',
			message: `Der Indikator „${doubled}“ steht mehrfach in der Regel.`
		};
	}
	if (!Number.isInteger(rule.minCount) || rule.minCount < 1) {
		return {
			code: 'minCountInvalid',
			message: 'Die Mindestzahl auffälliger Indikatoren muss eine ganze Zahl ab 1 sein.'
		};
	}
	if (rule.minCount > count) {
		return {
			code: 'minCountTooLarge',
			message:
				`Die Regel verlangt ${rule.minCount} auffällige Indikatoren, nennt aber nur ${count}. ` +
				'So könnte kein Gebiet je als besonders belastet gelten.'
		};
	}
	if (!Number.isFinite(rule.threshold) || rule.threshold < 0) {
		return {
			code: 'thresholdInvalid',
			message: 'Der Schwellenwert muss eine Zahl ab 0 (Standardabweichungen) sein.'
		};
	}
	return null;
}

function checkInput(
	values: readonly DistrictValues[],
	rule: DeprivationRule,
	options: DeprivationOptions
): Refusal | null {
	if (rule.baseline === 'population' && !options.weights) {
		return {
			code: 'weightsMissing',
			message: 'Für den gewichteten Durchschnitt fehlen die Einwohnerzahlen.'
		};
	}
	for (const [code, weight] of options.weights ?? []) {
		if (weight !== null && (!Number.isFinite(weight) || weight < 0)) {
			return {
				code: 'weightInvalid',
				message: `Die Einwohnerzahl von Gebiet „${code}“ ist ungültig (${weight}).`
			};
		}
	}
	const seen = new Set<string>();
	for (const district of values) {
		if (seen.has(district.districtCode)) {
			return {
				code: 'districtDuplicate',
				message: `Das Gebiet „${district.districtCode}“ kommt mehrfach vor.`
			};
		}
		seen.add(district.districtCode);
		for (const { key } of rule.indicators) {
			const value = district.values[key];
			if (value !== null && value !== undefined && !Number.isFinite(value)) {
				return {
					code: 'valueInvalid',
					message: `Der Wert von „${key}“ für Gebiet „${district.districtCode}“ ist keine Zahl.`
				};
			}
		}
	}
	return null;
}

// Statistics --------------------------------------------------------------------------------------

function computeStatistics(
	indicator: DeprivationIndicator,
	districts: readonly DistrictValues[],
	baseline: 'districts' | 'population',
	weights: ReadonlyMap<string, number | null> | undefined
): IndicatorStatistics {
	const pairs: { value: number; weight: number | null }[] = [];
	for (const district of districts) {
		const value = district.values[indicator.key];
		if (value === null || value === undefined) continue;
		pairs.push({ value, weight: weights?.get(district.districtCode) ?? null });
	}
	const populationMean = weights
		? weightedMean(
				pairs.map((p) => p.value),
				pairs.map((p) => p.weight)
			)
		: null;
	// Districts without a population figure cannot take part in a weighted baseline.
	const used =
		baseline === 'districts'
			? pairs.map((p) => ({ value: p.value, weight: 1 }))
			: pairs.flatMap((p) => (p.weight === null ? [] : [{ value: p.value, weight: p.weight }]));
	const { mean, sd } = meanAndDeviation(used);
	return {
		key: indicator.key,
		label: labelOf(indicator),
		polarity: indicator.polarity,
		mean,
		sd,
		n: used.length,
		populationMean
	};
}

/**
 * Weighted mean and population SD (weight 1 each gives the plain ones). When all values are equal the
 * SD is exactly 0: summing them may round the mean a hair off, and that hair must not become a z-score.
 */
function meanAndDeviation(pairs: { value: number; weight: number }[]): {
	mean: number | null;
	sd: number | null;
} {
	const total = pairs.reduce((sum, p) => sum + p.weight, 0);
	if (pairs.length === 0 || total <= 0) return { mean: null, sd: null };
	const counted = pairs.filter((p) => p.weight > 0);
	if (counted.every((p) => p.value === counted[0].value)) return { mean: counted[0].value, sd: 0 };
	const mean = pairs.reduce((sum, p) => sum + p.value * p.weight, 0) / total;
	const variance = pairs.reduce((sum, p) => sum + p.weight * (p.value - mean) ** 2, 0) / total;
	return { mean, sd: Math.sqrt(variance) };
}

// Judgement ---------------------------------------------------------------------------------------

function judgeDistrict(
	district: DistrictValues,
	rule: DeprivationRule,
	statistics: IndicatorStatistics[]
): DistrictDeprivation {
	const zScores: Record<string, number | null> = {};
	const counted: { key: string; label: string; z: number }[] = [];
	const unjudged = { noData: [] as string[], noMean: [] as string[], noSpread: [] as string[] };
	rule.indicators.forEach((indicator, i) => {
		const { mean, sd, label } = statistics[i];
		const value = district.values[indicator.key];
		zScores[indicator.key] = null;
		if (value === null || value === undefined) unjudged.noData.push(label);
		else if (mean === null || sd === null) unjudged.noMean.push(label);
		// Without spread nobody deviates; 0/0 must not turn into a flag.
		else if (sd === 0) unjudged.noSpread.push(label);
		else {
			const z = (value - mean) / sd;
			zScores[indicator.key] = z;
			const worse = indicator.polarity === 'higherIsWorse' ? z : -z;
			if (worse >= rule.threshold) counted.push({ key: indicator.key, label, z });
		}
	});
	const flagged = counted.length >= rule.minCount;
	const missing = unjudged.noData.length + unjudged.noMean.length;
	const status: DeprivationStatus = flagged
		? 'flagged'
		: counted.length + missing >= rule.minCount
			? 'notJudgeable'
			: 'notFlagged';
	const list = counted.map(({ label, z }) => `${label} (z = ${zFormat.format(z)})`).join(', ');
	const parts = [
		`${counted.length} von ${rule.indicators.length} Indikatoren mindestens ` +
			`${formatThreshold(rule.threshold)} Standardabweichungen schlechter als der Durchschnitt` +
			(list ? `: ${list}` : '')
	];
	if (!flagged) parts.push(`nötig sind ${rule.minCount}`);
	if (status === 'notJudgeable') parts.push('zu wenig Daten, daher nicht bewertbar');
	if (unjudged.noData.length) parts.push(`keine Daten: ${unjudged.noData.join(', ')}`);
	if (unjudged.noMean.length) parts.push(`kein Durchschnitt: ${unjudged.noMean.join(', ')}`);
	if (unjudged.noSpread.length) {
		parts.push(`alle Gebiete gleich, daher nicht bewertet: ${unjudged.noSpread.join(', ')}`);
	}
	return {
		districtCode: district.districtCode,
		zScores,
		counted: counted.map((c) => c.key),
		flagged,
		status,
		reasoning: parts.join('; ')
	};
}

function labelOf(indicator: DeprivationIndicator): string {
	return indicator.label ?? indicator.key;
}

function polarityText(polarity: Polarity): string {
	return polarity === 'higherIsWorse' ? 'höher ist schlechter' : 'höher ist besser';
}

const zFormat = new Intl.NumberFormat('de-DE', {
	minimumFractionDigits: 1,
	maximumFractionDigits: 1
});
const thresholdFormat = new Intl.NumberFormat('de-DE', {
	minimumFractionDigits: 1,
	maximumFractionDigits: 2
});

function formatThreshold(threshold: number): string {
	return thresholdFormat.format(threshold);
}
