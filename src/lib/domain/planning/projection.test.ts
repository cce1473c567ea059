import { expect, test } from 'vitest';
import { createMapFrame, geometryPath, unionBBox } from './projection';
import type { AreaGeometry } from './geometry';

const square: AreaGeometry = {
	type: 'Polygon',
	coordinates: [
		[
			[13, 52],
			[13.1, 52],
			[13.1, 52.1],
			[13, 52.1],
			[13, 52]
		]
	]
};

test('a degree of longitude is drawn shorter than a degree of latitude by cos(latitude)', () => {
	const frame = createMapFrame([13, 52, 13.1, 52.1], 1000);
	const [x0, y0] = frame.project([13, 52]);
	const [x1] = frame.project([13.1, 52]);
	const [, y1] = frame.project([13, 52.1]);
	const cos = Math.cos((52.05 * Math.PI) / 180);
	expect((x1 - x0) / (y0 - y1)).toBeCloseTo(cos, 6);
	// North is up: a higher latitude has a smaller y.
	expect(y1).toBeLessThan(y0);
	expect(frame.viewBox).toBe(`0 0 1000 ${frame.height}`);
});

test('the path closes each ring and leaves out points that round onto the previous one', () => {
	const frame = createMapFrame([13, 52, 13.1, 52.1], 100);
	const path = geometryPath(square, frame, 0);
	expect(path.startsWith('M')).toBe(true);
	expect(path.endsWith('Z')).toBe(true);
	// Five positions, the last equal to the first: four points, the closing edge left to Z.
	expect(path).toMatch(/^M\d+ \d+( \d+ \d+){3}Z$/);
	const tiny: AreaGeometry = {
		type: 'Polygon',
		coordinates: [
			[
				[13, 52],
				[13.000001, 52],
				[13, 52.000001],
				[13, 52]
			]
		]
	};
	expect(geometryPath(tiny, frame, 0)).toBe('');
});

test('unionBBox covers every box', () => {
	expect(
		unionBBox([
			[1, 2, 3, 4],
			[0, 3, 2, 5]
		])
	).toEqual([0, 2, 3, 5]);
});
