import fc from 'fast-check';
import { expect, test } from 'vitest';
import {
	computeBBox,
	containsPoint,
	findInteriorPoint,
	type AreaGeometry,
	type Ring
} from './geometry';

const square = (x: number, y: number, size: number): Ring => [
	[x, y],
	[x + size, y],
	[x + size, y + size],
	[x, y + size],
	[x, y]
];

test('the bounding box spans all outlines of a multipolygon', () => {
	const geometry: AreaGeometry = {
		type: 'MultiPolygon',
		coordinates: [[square(0, 0, 1)], [square(5, -2, 1)]]
	};
	expect(computeBBox(geometry)).toEqual([0, -2, 6, 1]);
});

test('a point in a hole is outside the polygon', () => {
	const donut: AreaGeometry = { type: 'Polygon', coordinates: [square(0, 0, 10), square(4, 4, 2)] };
	expect(containsPoint(donut, [1, 1])).toBe(true);
	expect(containsPoint(donut, [5, 5])).toBe(false);
	expect(containsPoint(donut, [11, 5])).toBe(false);
});

test('the interior point of a donut avoids the hole, even though the centre is in it', () => {
	const donut: AreaGeometry = { type: 'Polygon', coordinates: [square(0, 0, 10), square(3, 3, 4)] };
	const point = findInteriorPoint(donut);
	expect(point).not.toBeNull();
	expect(containsPoint(donut, point!)).toBe(true);
});

test('the interior point of a U shape lies in one of its arms, not in the gap', () => {
	const u: AreaGeometry = {
		type: 'Polygon',
		coordinates: [
			[
				[0, 0],
				[10, 0],
				[10, 10],
				[8, 10],
				[8, 2],
				[2, 2],
				[2, 10],
				[0, 10],
				[0, 0]
			]
		]
	};
	const point = findInteriorPoint(u)!;
	expect(containsPoint(u, point)).toBe(true);
	expect(point[0] < 2 || point[0] > 8).toBe(true);
});

test('the interior point of a multipolygon lies in its widest part', () => {
	const geometry: AreaGeometry = {
		type: 'MultiPolygon',
		coordinates: [[square(0, 0, 1)], [square(10, 10, 5)]]
	};
	const point = findInteriorPoint(geometry)!;
	expect(containsPoint({ type: 'Polygon', coordinates: [square(10, 10, 5)] }, point)).toBe(true);
});

test('a flat area without width has no interior point', () => {
	const flat: AreaGeometry = {
		type: 'Polygon',
		coordinates: [
			[
				[0, 0],
				[1, 1],
				[2, 2],
				[0, 0]
			]
		]
	};
	expect(findInteriorPoint(flat)).toBeNull();
});

test('the interior point of any star-shaped polygon lies inside it', () => {
	// Star-shaped around the origin (one vertex per angle, sorted): always a simple polygon.
	const star = fc
		.array(
			fc.record({
				angle: fc.double({ min: 0, max: 2 * Math.PI, noNaN: true, maxExcluded: true }),
				radius: fc.double({ min: 0.1, max: 10, noNaN: true })
			}),
			{ minLength: 3, maxLength: 30 }
		)
		.map((points) => {
			const ring: Ring = [...points]
				.sort((a, b) => a.angle - b.angle)
				.map(({ angle, radius }) => [radius * Math.cos(angle), radius * Math.sin(angle)]);
			return [...ring, ring[0]];
		})
		.filter((ring) => Math.abs(signedArea(ring)) > 1e-6);
	fc.assert(
		fc.property(star, (ring) => {
			const geometry: AreaGeometry = { type: 'Polygon', coordinates: [ring] };
			const point = findInteriorPoint(geometry);
			expect(point).not.toBeNull();
			expect(containsPoint(geometry, point!)).toBe(true);
		}),
		{ numRuns: 300 }
	);
});

function signedArea(ring: Ring): number {
	let area = 0;
	for (let i = 0; i + 1 < ring.length; i++) {
		area += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
	}
	return area / 2;
}
