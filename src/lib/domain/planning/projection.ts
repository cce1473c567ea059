/**
 * Drawing district outlines as SVG without a tile server: longitude/latitude projected with a plain
 * equirectangular projection whose x axis is shrunk by cos(latitude) at the middle of the map. Within
 * one city the distortion is far below what anyone can see, and the maths fits in a few lines.
 */
import type { AreaGeometry, BBox, Position } from './geometry';

export interface MapFrame {
	width: number;
	height: number;
	/** `0 0 width height`, for the svg element. */
	viewBox: string;
	project(position: Position): [x: number, y: number];
}

/** Joins boxes; an empty list gives a box around null island, so callers never get NaN. */
export function unionBBox(boxes: readonly BBox[]): BBox {
	if (boxes.length === 0) return [0, 0, 0, 0];
	const box: BBox = [Infinity, Infinity, -Infinity, -Infinity];
	for (const [minX, minY, maxX, maxY] of boxes) {
		box[0] = Math.min(box[0], minX);
		box[1] = Math.min(box[1], minY);
		box[2] = Math.max(box[2], maxX);
		box[3] = Math.max(box[3], maxY);
	}
	return box;
}

/**
 * A frame `width` units wide around `bbox`, with `padding` units on each side. The height follows
 * from the shape of the area, so nothing is stretched.
 */
export function createMapFrame(bbox: BBox, width = 1000, padding = 0): MapFrame {
	const [minX, minY, maxX, maxY] = bbox;
	const cos = Math.cos((((minY + maxY) / 2) * Math.PI) / 180);
	const spanX = Math.max((maxX - minX) * cos, 1e-9);
	const spanY = Math.max(maxY - minY, 1e-9);
	const inner = width - 2 * padding;
	const scale = inner / Math.max(spanX, spanY);
	const drawnWidth = spanX * scale;
	const height = Math.ceil(spanY * scale + 2 * padding);
	// A tall area is centred horizontally instead of being stretched to the full width.
	const offsetX = padding + (inner - drawnWidth) / 2;
	return {
		width,
		height,
		viewBox: `0 0 ${width} ${height}`,
		project: ([x, y]) => [offsetX + (x - minX) * cos * scale, padding + (maxY - y) * scale]
	};
}

/**
 * The outline as an SVG path (`M x y x y … Z` per ring), rounded to `decimals` places. Points that
 * round onto the one before are left out: at map scale most of a detailed outline collapses, which
 * keeps 542 Planungsräume to a few hundred kB. Use it with `fill-rule="evenodd"` so holes stay holes.
 */
export function geometryPath(geometry: AreaGeometry, frame: MapFrame, decimals = 1): string {
	const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
	const factor = 10 ** decimals;
	const round = (n: number) => Math.round(n * factor) / factor;
	let path = '';
	for (const polygon of polygons) {
		for (const ring of polygon) {
			let previous = '';
			let first = '';
			let points = 0;
			let part = '';
			for (const [i, position] of ring.entries()) {
				const [x, y] = frame.project(position);
				const point = `${round(x)} ${round(y)}`;
				// The closing position repeats the first; Z draws that edge anyway.
				if (point === previous || (i === ring.length - 1 && point === first)) continue;
				if (points === 0) first = point;
				part += points === 0 ? `M${point}` : ` ${point}`;
				previous = point;
				points++;
			}
			// A ring that shrank to under three distinct points draws nothing visible.
			if (points >= 3) path += `${part}Z`;
		}
	}
	return path;
}
