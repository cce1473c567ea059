/**
 * Which areas of a layer contain a point, without testing every area and every edge: the import
 * looks up the parent of each of up to hundreds of thousands of districts, and testing each against
 * each parent (and each parent's every vertex) made a few MB of boundaries take minutes.
 *
 * Two levels of buckets, both built in linear time:
 * - a grid over the layer, each polygon listed in the cells its box covers, so a lookup sees only
 *   the polygons near the point;
 * - per polygon, horizontal bands, each edge listed in the bands its height spans, so the crossing
 *   test sees only the edges near the point's height.
 * The test itself is `containsPoint`'s, with the same arithmetic on the same numbers, after the same
 * `isInBBox` check on `computeBBox`: the answers are identical, only the work skipped differs (an edge
 * that does not span the point's height never counts in `containsPoint`).
 */
import { computeBBox, type AreaGeometry, type BBox, type Position, type Ring } from './geometry';

/** Buckets may list an item more than once (long edges, large boxes); this caps the average. */
const maxListingsPerItem = 4;

/** `count` buckets from `min`; monotone, so the buckets of a range's ends hold all of the range. */
interface Axis {
	min: number;
	scale: number;
	count: number;
}

const axis = (min: number, max: number, count: number): Axis => ({
	min,
	scale: max > min ? count / (max - min) : 0,
	count
});

function bucketOf(value: number, { min, scale, count }: Axis): number {
	const bucket = Math.floor((value - min) * scale);
	return bucket < 0 ? 0 : bucket >= count ? count - 1 : bucket;
}

/**
 * Buckets as two flat arrays: bucket b holds `listed[start[b] .. start[b + 1])`. `visit` calls
 * `list(bucket, item)` for every bucket of every item; it runs twice, to count and to fill.
 */
function fillBuckets(
	buckets: number,
	visit: (list: (bucket: number, item: number) => void) => void
): { start: Uint32Array; listed: Uint32Array } {
	const start = new Uint32Array(buckets + 1);
	visit((bucket) => start[bucket + 1]++);
	for (let b = 0; b < buckets; b++) start[b + 1] += start[b];
	const listed = new Uint32Array(start[buckets]);
	visit((bucket, item) => (listed[start[bucket]++] = item));
	// Filling moved each bucket's start to where the next one starts; move them back.
	start.copyWithin(1, 0, buckets);
	start[0] = 0;
	return { start, listed };
}

/**
 * The bucket count for items with the given spans: `ideal`, halved until the items are listed at
 * most `maxListingsPerItem` times on average. `listings(axisFor(n))` counts the listings for n.
 */
function affordableBuckets(items: number, ideal: number, listings: (buckets: number) => number) {
	let buckets = Math.max(1, ideal);
	while (buckets > 1 && listings(buckets) > maxListingsPerItem * items + buckets) {
		buckets = Math.floor(buckets / 2);
	}
	return buckets;
}

const polygonsOf = (geometry: AreaGeometry): Ring[][] =>
	geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;

export class AreaIndex {
	/** Per area: the box of its outlines, which the import has always checked first. */
	readonly #areaBoxes: BBox[];
	/** Per polygon: its area, its first edge (and the next polygon's), its box. */
	readonly #polygonArea: Uint32Array;
	readonly #polygonEdges: Uint32Array;
	readonly #polygonBoxes: Float64Array;
	/** Per edge: xi, yi, xj, yj in `containsPoint`'s order (i the vertex, j the one before it). */
	readonly #edges: Float64Array;
	/** Per polygon: its bands' axis and first bucket; the buckets list edge numbers. */
	readonly #bandAxes: Axis[] = [];
	readonly #bandOffsets: Uint32Array;
	readonly #bands: { start: Uint32Array; listed: Uint32Array };
	readonly #gridX: Axis;
	readonly #gridY: Axis;
	readonly #grid: { start: Uint32Array; listed: Uint32Array };
	/** Per area, the last lookup that found it: dedupes an area's polygons without a search. */
	readonly #seen: Float64Array;
	#lookups = 0;

	constructor(areas: readonly AreaGeometry[]) {
		this.#areaBoxes = areas.map(computeBBox);
		this.#seen = new Float64Array(areas.length);
		const edgesIn = (rings: Ring[]) => rings.reduce((sum, ring) => sum + ring.length, 0);
		let polygonCount = 0;
		let edgeCount = 0;
		for (const geometry of areas) {
			for (const rings of polygonsOf(geometry)) {
				const edges = edgesIn(rings);
				// A polygon without vertices contains nothing.
				if (edges > 0) [polygonCount, edgeCount] = [polygonCount + 1, edgeCount + edges];
			}
		}
		this.#polygonArea = new Uint32Array(polygonCount);
		this.#polygonEdges = new Uint32Array(polygonCount + 1);
		this.#polygonBoxes = new Float64Array(polygonCount * 4);
		this.#edges = new Float64Array(edgeCount * 4);
		let p = 0;
		let e = 0;
		areas.forEach((geometry, area) => {
			for (const rings of polygonsOf(geometry)) {
				if (edgesIn(rings) === 0) continue;
				this.#polygonArea[p] = area;
				this.#polygonEdges[p] = e;
				this.#polygonBoxes.set(this.#addEdges(rings, e), 4 * p);
				e += edgesIn(rings);
				p++;
			}
		});
		this.#polygonEdges[polygonCount] = edgeCount;

		this.#bandOffsets = new Uint32Array(polygonCount + 1);
		for (let q = 0; q < polygonCount; q++) {
			this.#bandAxes.push(this.#bandAxis(q));
			this.#bandOffsets[q + 1] = this.#bandOffsets[q] + this.#bandAxes[q].count;
		}
		this.#bands = fillBuckets(this.#bandOffsets[polygonCount], (list) => {
			for (let q = 0; q < polygonCount; q++) {
				const [bands, offset] = [this.#bandAxes[q], this.#bandOffsets[q]];
				for (let k = this.#polygonEdges[q]; k < this.#polygonEdges[q + 1]; k++) {
					const last = this.#lastBand(k, bands);
					for (let b = this.#firstBand(k, bands); b <= last; b++) list(offset + b, k);
				}
			}
		});

		const boxes = this.#polygonBoxes;
		let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
		for (let q = 0; q < polygonCount; q++) {
			x0 = Math.min(x0, boxes[4 * q]);
			y0 = Math.min(y0, boxes[4 * q + 1]);
			x1 = Math.max(x1, boxes[4 * q + 2]);
			y1 = Math.max(y1, boxes[4 * q + 3]);
		}
		const cellsOf = (q: number, x: Axis, y: Axis) => [
			bucketOf(boxes[4 * q], x),
			bucketOf(boxes[4 * q + 2], x),
			bucketOf(boxes[4 * q + 1], y),
			bucketOf(boxes[4 * q + 3], y)
		];
		const side = affordableBuckets(polygonCount, Math.ceil(Math.sqrt(polygonCount)), (n) => {
			const [x, y] = [axis(x0, x1, n), axis(y0, y1, n)];
			let listings = 0;
			for (let q = 0; q < polygonCount; q++) {
				const [c0, c1, r0, r1] = cellsOf(q, x, y);
				listings += (c1 - c0 + 1) * (r1 - r0 + 1);
			}
			return listings;
		});
		this.#gridX = axis(x0, x1, side);
		this.#gridY = axis(y0, y1, side);
		this.#grid = fillBuckets(side * side, (list) => {
			for (let q = 0; q < polygonCount; q++) {
				const [c0, c1, r0, r1] = cellsOf(q, this.#gridX, this.#gridY);
				for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) list(r * side + c, q);
			}
		});
	}

	/** Copies a polygon's edges from `first` on; returns its box. */
	#addEdges(rings: Ring[], first: number): BBox {
		let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
		let k = first;
		for (const ring of rings) {
			for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
				const [xi, yi] = ring[i];
				const [xj, yj] = ring[j];
				const e = 4 * k++;
				this.#edges[e] = xi;
				this.#edges[e + 1] = yi;
				this.#edges[e + 2] = xj;
				this.#edges[e + 3] = yj;
				if (xi < x0) x0 = xi;
				if (xi > x1) x1 = xi;
				if (yi < y0) y0 = yi;
				if (yi > y1) y1 = yi;
			}
		}
		// Heights are only compared, so a point outside [y0, y1] crosses no edge, exactly. A
		// crossing's x is computed and may round past the outermost vertex in the last place; the
		// margin keeps the box from excluding a point that the arithmetic would count.
		const margin = (Math.abs(x0) + Math.abs(x1)) * 1e-9;
		return [x0 - margin, y0, x1 + margin, y1];
	}

	/** The bands an edge spans: from the band of its lower end to that of its upper end. */
	#firstBand(k: number, bands: Axis): number {
		return bucketOf(Math.min(this.#edges[4 * k + 1], this.#edges[4 * k + 3]), bands);
	}
	#lastBand(k: number, bands: Axis): number {
		return bucketOf(Math.max(this.#edges[4 * k + 1], this.#edges[4 * k + 3]), bands);
	}

	/** About one band per edge, fewer when edges are long. */
	#bandAxis(q: number): Axis {
		const [first, end] = [this.#polygonEdges[q], this.#polygonEdges[q + 1]];
		const [y0, y1] = [this.#polygonBoxes[4 * q + 1], this.#polygonBoxes[4 * q + 3]];
		const bands = affordableBuckets(end - first, end - first, (n) => {
			const bands = axis(y0, y1, n);
			let listings = 0;
			for (let k = first; k < end; k++) {
				listings += this.#lastBand(k, bands) - this.#firstBand(k, bands) + 1;
			}
			return listings;
		});
		return axis(y0, y1, bands);
	}

	/** `containsPoint` for one polygon, over the edges in the point's band only. */
	#polygonContains(q: number, px: number, py: number): boolean {
		const edges = this.#edges;
		const band = this.#bandOffsets[q] + bucketOf(py, this.#bandAxes[q]);
		const { start, listed } = this.#bands;
		let inside = false;
		for (let n = start[band]; n < start[band + 1]; n++) {
			const e = 4 * listed[n];
			const xi = edges[e];
			const yi = edges[e + 1];
			const xj = edges[e + 2];
			const yj = edges[e + 3];
			if (yi > py !== yj > py && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) inside = !inside;
		}
		return inside;
	}

	/** The areas (by their position in the constructor's list, ascending) that contain `point`. */
	areasContaining([px, py]: Position): number[] {
		if (this.#polygonArea.length === 0) return [];
		const cell = bucketOf(py, this.#gridY) * this.#gridX.count + bucketOf(px, this.#gridX);
		const { start, listed } = this.#grid;
		const boxes = this.#polygonBoxes;
		const lookup = ++this.#lookups;
		const found: number[] = [];
		for (let n = start[cell]; n < start[cell + 1]; n++) {
			const q = listed[n];
			if (px < boxes[4 * q] || px > boxes[4 * q + 2]) continue;
			if (py < boxes[4 * q + 1] || py > boxes[4 * q + 3]) continue;
			const area = this.#polygonArea[q];
			if (this.#seen[area] === lookup) continue;
			const [ax0, ay0, ax1, ay1] = this.#areaBoxes[area];
			if (px < ax0 || px > ax1 || py < ay0 || py > ay1) continue;
			if (this.#polygonContains(q, px, py)) {
				this.#seen[area] = lookup;
				found.push(area);
			}
		}
		return found.sort((a, b) => a - b);
	}
}
