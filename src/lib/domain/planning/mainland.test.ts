import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { parseDistrictGeoJson } from './districts';
import { findMainland } from './mainland';
import type { BBox } from './geometry';

const island = readFileSync(
	new URL('../../../../tests/fixtures/dirty/stadtteile-mit-insel.geojson', import.meta.url),
	'utf8'
);

test('an island 100 km off (Neuwerk) is left out of the first view; the nine city areas fill it', () => {
	const parsed = parseDistrictGeoJson(island, {
		idProperty: 'Stadtteil-Nr.',
		nameProperty: 'Stadtteil (Name)',
		level: 'Stadtteil'
	});
	if (!parsed.ok) throw new Error(parsed.errors[0].message);
	const boxes = parsed.districts.map((d) => d.bbox);
	const mainland = findMainland(boxes);
	expect(mainland.outlying.map((i) => parsed.districts[i].name)).toEqual(['Neuwerk']);
	const [minX, minY, maxX, maxY] = mainland.bbox;
	expect(minX).toBeCloseTo(9.95, 6);
	expect(maxX).toBeCloseTo(10.07, 6);
	expect(minY).toBeCloseTo(53.5, 6);
	expect(maxY).toBeCloseTo(53.575, 6);
});

test('areas that touch, or lie a river apart, stay one mainland', () => {
	const row: BBox[] = [
		[0, 0, 1, 1],
		[1, 0, 2, 1],
		[2.02, 0, 3, 1],
		[0, 1, 3, 2]
	];
	expect(findMainland(row)).toEqual({ bbox: [0, 0, 3, 2], outlying: [] });
});

test('a far area that would hardly squeeze the map is not cut off', () => {
	// Five wide areas and one just beyond the nearness gap: framing all costs less than a third.
	const boxes: BBox[] = [
		[0, 0, 10, 1],
		[0, 1, 10, 2],
		[0, 2, 10, 3],
		[0, 3, 10, 4],
		[0, 4, 10, 5],
		[11, 0, 12, 1]
	];
	expect(findMainland(boxes).outlying).toEqual([]);
});

test('one area or none frames itself', () => {
	expect(findMainland([[1, 2, 3, 4]])).toEqual({ bbox: [1, 2, 3, 4], outlying: [] });
	expect(findMainland([]).outlying).toEqual([]);
});
