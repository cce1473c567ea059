import fc from 'fast-check';
import { expect, test } from 'vitest';
import { AreaIndex } from './area-index';
import {
	computeBBox,
	containsPoint,
	isInBBox,
	type AreaGeometry,
	type Position,
	type Ring
} from './geometry';

/** What the import did before the index: every area's box, then every area's every edge. */
const slowly = (areas: AreaGeometry[], point: Position) =>
	areas.flatMap((area, i) =>
		isInBBox(point, computeBBox(area)) && containsPoint(area, point) ? [i] : []
	);

const square = (x: number, y: number, size: number): Ring => [
	[x, y],
	[x + size, y],
	[x + size, y + size],
	[x, y + size],
	[x, y]
];

test('finds the one area of a tiling that holds a point, and none outside', () => {
	const areas: AreaGeometry[] = [];
	for (let row = 0; row < 30; row++) {
		for (let column = 0; column < 30; column++) {
			areas.push({ type: 'Polygon', coordinates: [square(column, row, 1)] });
		}
	}
	const index = new AreaIndex(areas);
	expect(index.areasContaining([12.5, 7.5])).toEqual([7 * 30 + 12]);
	expect(index.areasContaining([-1, 5])).toEqual([]);
	expect(index.areasContaining([40, 40])).toEqual([]);
});

test('a point in a hole is in no area; overlapping areas are all named, in list order', () => {
	const donut: AreaGeometry = { type: 'Polygon', coordinates: [square(0, 0, 10), square(4, 4, 2)] };
	const patch: AreaGeometry = { type: 'Polygon', coordinates: [square(4.5, 4.5, 1)] };
	const parts: AreaGeometry = {
		type: 'MultiPolygon',
		coordinates: [[square(20, 0, 1)], [square(1, 1, 2)]]
	};
	const index = new AreaIndex([patch, donut, parts]);
	expect(index.areasContaining([5, 5])).toEqual([0]);
	expect(index.areasContaining([1.5, 1.5])).toEqual([1, 2]);
	expect(index.areasContaining([20.5, 0.5])).toEqual([2]);
});

test('gives exactly the answers of testing every area, also on vertices, edges and in holes', () => {
	// Coordinates on a coarse lattice, so points often sit on a vertex, an edge or a box side.
	const coordinate = fc.integer({ min: 0, max: 12 }).map((n) => n / 2);
	const ring = fc
		.array(fc.tuple(coordinate, coordinate), { minLength: 3, maxLength: 12 })
		.map((points): Ring => [...points, points[0]]);
	const area = fc.oneof(
		fc.array(ring, { minLength: 1, maxLength: 3 }).map((rings): AreaGeometry => ({
			type: 'Polygon',
			coordinates: rings
		})),
		fc
			.array(fc.array(ring, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 3 })
			.map((polygons): AreaGeometry => ({ type: 'MultiPolygon', coordinates: polygons }))
	);
	const point = fc.tuple(
		fc.oneof(coordinate, fc.double({ min: -1, max: 7, noNaN: true })),
		fc.oneof(coordinate, fc.double({ min: -1, max: 7, noNaN: true }))
	);
	fc.assert(
		fc.property(
			fc.array(area, { minLength: 1, maxLength: 8 }),
			fc.array(point, { maxLength: 30 }),
			(areas, points) => {
				const index = new AreaIndex(areas);
				for (const p of points) expect(index.areasContaining(p)).toEqual(slowly(areas, p));
			}
		),
		{ numRuns: 400 }
	);
});

test('long edges and boxes that span everything still give the right answer', () => {
	// Thin diagonal slivers: every box covers the whole layer, every edge spans every band.
	const areas: AreaGeometry[] = Array.from({ length: 200 }, (_, i) => ({
		type: 'Polygon',
		coordinates: [
			[
				[0, i * 0.001],
				[100, 100 + i * 0.001],
				[100, 100 + i * 0.001 + 0.0005],
				[0, i * 0.001 + 0.0005],
				[0, i * 0.001]
			]
		]
	}));
	const index = new AreaIndex(areas);
	for (const p of [
		[50, 50.00025],
		[50, 50.05025],
		[50, 50.0009],
		[1, 99]
	] as Position[]) {
		expect(index.areasContaining(p)).toEqual(slowly(areas, p));
	}
});
