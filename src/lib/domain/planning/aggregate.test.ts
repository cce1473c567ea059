import { expect, test } from 'vitest';
import { mergeChildAreas } from './aggregate';
import type { District } from './districts';

const area = (code: string, x: number): District => {
	const geometry = {
		type: 'Polygon' as const,
		coordinates: [
			[
				[x, 0],
				[x + 1, 0],
				[x + 1, 1],
				[x, 1],
				[x, 0]
			] as [number, number][]
		]
	};
	return { code, name: code, level: 'fine', parentCode: null, geometry, bbox: [x, 0, x + 1, 1] };
};

test('children with the same code prefix become one parent with all their polygons', () => {
	const merged = mergeChildAreas([area('0201', 2), area('0101', 0), area('0102', 1)], {
		prefixLength: 2,
		level: 'coarse',
		names: { '01': 'Mitte' }
	});
	expect(merged.map((d) => [d.code, d.name, d.level])).toEqual([
		['01', 'Mitte', 'coarse'],
		['02', '02', 'coarse']
	]);
	expect(merged[0].geometry.type).toBe('MultiPolygon');
	expect(merged[0].geometry.coordinates).toHaveLength(2);
	expect(merged[0].bbox).toEqual([0, 0, 2, 1]);
});
