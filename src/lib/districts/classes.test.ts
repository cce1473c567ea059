import { expect, test } from 'vitest';
import { buildChoropleth, noDataColour, palette, quantileBreaks } from './classes';

test('quantile breaks split the values into classes of equal size', () => {
	expect(quantileBreaks([1, 2, 3, 4, 5], 2)).toEqual([3]);
	expect(quantileBreaks([1, 1, 1, 1], 5)).toEqual([1]);
});

test('darkest means worse: reversed when higher is better; no data is grey', () => {
	const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((value, i) => ({
		districtCode: String(i),
		value
	}));
	const worse = buildChoropleth([...values, { districtCode: 'x', value: null }], 'higherIsWorse');
	expect(worse.fills['9']).toBe(palette[4]);
	expect(worse.fills['0']).toBe(palette[0]);
	expect(worse.fills.x).toBe(noDataColour);
	expect(worse.noData).toBe(1);
	expect(worse.legend.map((c) => c.count)).toEqual([2, 2, 2, 2, 2]);
	const better = buildChoropleth(values, 'higherIsBetter');
	expect(better.fills['9']).toBe(palette[0]);
	expect(better.legend[0]).toMatchObject({ colour: palette[4], from: 1 });
});
