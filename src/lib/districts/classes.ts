/**
 * Colours for choropleth maps: five quantile classes, so each colour covers about the same number of
 * areas whatever the skew of the values. The palette is ColorBrewer OrRd (colour-blind safe); the
 * darkest colour always means "worse", so for an indicator where higher is better it is reversed.
 */
import type { Polarity } from '$lib/domain/planning/deprivation';

export const palette = ['#fef0d9', '#fdcc8a', '#fc8d59', '#e34a33', '#b30000'];
export const noDataColour = '#c8c8c8';
export const flaggedColour = '#b30000';
export const notFlaggedColour = '#fdecd2';

export interface LegendClass {
	colour: string;
	from: number;
	to: number;
	count: number;
}

export interface Choropleth {
	fills: Record<string, string>;
	legend: LegendClass[];
	noData: number;
}

export function quantileBreaks(sorted: readonly number[], classes: number): number[] {
	const breaks: number[] = [];
	for (let i = 1; i < classes; i++) {
		const at = (sorted.length - 1) * (i / classes);
		const low = Math.floor(at);
		breaks.push(sorted[low] + (sorted[Math.ceil(at)] - sorted[low]) * (at - low));
	}
	// Equal breaks (many equal values) would leave empty classes; keep each one once.
	return [...new Set(breaks)];
}

export function buildChoropleth(
	values: readonly { districtCode: string; value: number | null }[],
	polarity: Polarity
): Choropleth {
	const numbers = values.flatMap((v) => (v.value === null ? [] : [v.value])).sort((a, b) => a - b);
	const breaks = quantileBreaks(numbers, palette.length);
	const colours = palette.slice(0, breaks.length + 1);
	const ordered = polarity === 'higherIsBetter' ? [...colours].reverse() : colours;
	const classOf = (value: number) => {
		const index = breaks.findIndex((upper) => value <= upper);
		return index === -1 ? breaks.length : index;
	};
	const legend: LegendClass[] = ordered.map((colour, i) => ({
		colour,
		from: i === 0 ? (numbers[0] ?? 0) : breaks[i - 1],
		to: i === breaks.length ? (numbers[numbers.length - 1] ?? 0) : breaks[i],
		count: 0
	}));
	const fills: Record<string, string> = {};
	let noData = 0;
	for (const { districtCode, value } of values) {
		if (value === null) {
			fills[districtCode] = noDataColour;
			noData++;
			continue;
		}
		const index = classOf(value);
		fills[districtCode] = ordered[index];
		legend[index].count++;
	}
	return { fills, legend: numbers.length ? legend : [], noData };
}
