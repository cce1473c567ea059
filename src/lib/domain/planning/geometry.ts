/**
 * The little plane geometry the district import needs: bounding boxes, a point that surely lies inside
 * an area, and point-in-polygon. Coordinates are longitude/latitude treated as a plane, which is exact
 * enough for "which Bezirksregion contains this Planungsraum" inside one city.
 */

export type Position = [x: number, y: number];
/** A closed ring: first and last position are equal. The first ring is the outline, the rest holes. */
export type Ring = Position[];

export interface PolygonGeometry {
	type: 'Polygon';
	coordinates: Ring[];
}

export interface MultiPolygonGeometry {
	type: 'MultiPolygon';
	coordinates: Ring[][];
}

export type AreaGeometry = PolygonGeometry | MultiPolygonGeometry;

/** [west, south, east, north], as GeoJSON's `bbox` member. */
export type BBox = [minX: number, minY: number, maxX: number, maxY: number];

function polygonsOf(geometry: AreaGeometry): Ring[][] {
	return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

export function computeBBox(geometry: AreaGeometry): BBox {
	const box: BBox = [Infinity, Infinity, -Infinity, -Infinity];
	for (const polygon of polygonsOf(geometry)) {
		// Holes lie inside the outline, so the outline alone decides the box.
		for (const [x, y] of polygon[0] ?? []) {
			box[0] = Math.min(box[0], x);
			box[1] = Math.min(box[1], y);
			box[2] = Math.max(box[2], x);
			box[3] = Math.max(box[3], y);
		}
	}
	return box;
}

export function isInBBox([x, y]: Position, box: BBox): boolean {
	return x >= box[0] && x <= box[2] && y >= box[1] && y <= box[3];
}

/** Even-odd rule over all rings, so a point in a hole is outside. Points on an edge may go either way. */
export function containsPoint(geometry: AreaGeometry, [px, py]: Position): boolean {
	return polygonsOf(geometry).some((polygon) => {
		let inside = false;
		for (const ring of polygon) {
			for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
				const [xi, yi] = ring[i];
				const [xj, yj] = ring[j];
				if (yi > py !== yj > py && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) inside = !inside;
			}
		}
		return inside;
	});
}

/**
 * A point strictly inside the area (never in a hole, never on an edge), found as JTS does for
 * InteriorPointArea: cut each polygon with a horizontal line near the middle that passes no vertex,
 * and take the middle of the widest inside stretch. The centroid would not do: an L-shaped or
 * crescent-shaped Planungsraum can have its centroid in the neighbour, which would give it the wrong
 * parent. Returns null only for a degenerate area without width.
 */
export function findInteriorPoint(geometry: AreaGeometry): Position | null {
	let best: { point: Position; width: number } | null = null;
	for (const polygon of polygonsOf(geometry)) {
		const candidate = widestStretch(polygon);
		if (candidate && (!best || candidate.width > best.width)) best = candidate;
	}
	return best?.point ?? null;
}

function widestStretch(polygon: Ring[]): { point: Position; width: number } | null {
	const outline = polygon[0] ?? [];
	if (outline.length === 0) return null;
	const y = scanLineY(polygon);
	if (y === null) return null;
	const crossings: number[] = [];
	for (const ring of polygon) {
		for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
			const [xi, yi] = ring[i];
			const [xj, yj] = ring[j];
			// No vertex lies on the scan line, so every crossing is a clean, single one.
			if (yi > y !== yj > y) crossings.push(xi + ((y - yi) * (xj - xi)) / (yj - yi));
		}
	}
	crossings.sort((a, b) => a - b);
	let best: { point: Position; width: number } | null = null;
	for (let i = 0; i + 1 < crossings.length; i += 2) {
		const width = crossings[i + 1] - crossings[i];
		if (!best || width > best.width) {
			best = { point: [(crossings[i] + crossings[i + 1]) / 2, y], width };
		}
	}
	return best && best.width > 0 ? best : null;
}

/** Halfway between the nearest vertex heights below and above the middle of the outline's box. */
function scanLineY(polygon: Ring[]): number | null {
	const [, minY, , maxY] = computeBBox({ type: 'Polygon', coordinates: polygon });
	const middle = (minY + maxY) / 2;
	let below = -Infinity;
	let above = Infinity;
	for (const ring of polygon) {
		for (const [, y] of ring) {
			if (y <= middle && y > below) below = y;
			if (y > middle && y < above) above = y;
		}
	}
	if (!Number.isFinite(below) || !Number.isFinite(above)) return null;
	return (below + above) / 2;
}
