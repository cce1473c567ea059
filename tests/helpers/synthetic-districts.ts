/**
 * Made-up district files of any size, for the import benchmark and the tests that need many areas:
 * a grid of parent areas over Berlin's box and, inside each, a smaller grid of child areas with
 * many vertices. Child codes do not nest in parent codes, so the parent has to be found by location;
 * `expectedParent` says which one is right.
 */

export interface SyntheticDistricts {
	parentText: string;
	childText: string;
	childCount: number;
	parentCount: number;
	/** The parent code each child code must get. */
	expectedParent: Map<string, string>;
}

export interface SyntheticOptions {
	/** Parents per side; the parent level has `parentsPerSide²` areas. */
	parentsPerSide?: number;
	/** Children per parent, as columns × rows. */
	childColumns: number;
	childRows: number;
	/** Stop after this many children (the last parents then have fewer or none). */
	childCount?: number;
	/** Vertices on each side of a child's outline (each side zigzags slightly inwards). */
	childVerticesPerSide?: number;
	parentVerticesPerSide?: number;
}

const [west, south, east, north] = [13.0, 52.3, 13.8, 52.7];
const coordinate = (x: number, y: number) => `[${x.toFixed(6)},${y.toFixed(6)}]`;

/** The outline of a box with `perSide` points per side, pushed inwards by up to `zigzag`. */
function outline(
	[x0, y0, x1, y1]: [number, number, number, number],
	perSide: number,
	zigzag: number
): string {
	const points: string[] = [];
	const side = (from: [number, number], to: [number, number], inward: [number, number]) => {
		for (let i = 0; i < perSide; i++) {
			const t = i / perSide;
			const push = i % 2 === 1 ? zigzag : 0;
			points.push(
				coordinate(
					from[0] + (to[0] - from[0]) * t + inward[0] * push,
					from[1] + (to[1] - from[1]) * t + inward[1] * push
				)
			);
		}
	};
	side([x0, y0], [x1, y0], [0, 1]);
	side([x1, y0], [x1, y1], [-1, 0]);
	side([x1, y1], [x0, y1], [0, -1]);
	side([x0, y1], [x0, y0], [1, 0]);
	points.push(points[0]);
	return `[[${points.join(',')}]]`;
}

const feature = (properties: Record<string, string>, coordinates: string) =>
	`{"type":"Feature","properties":${JSON.stringify(properties)},` +
	`"geometry":{"type":"Polygon","coordinates":${coordinates}}}`;

export function syntheticDistricts(options: SyntheticOptions): SyntheticDistricts {
	const perSide = options.parentsPerSide ?? 20;
	const childVertices = options.childVerticesPerSide ?? 25;
	const parentVertices = options.parentVerticesPerSide ?? 100;
	const width = (east - west) / perSide;
	const height = (north - south) / perSide;
	const parents: string[] = [];
	const children: string[] = [];
	const expectedParent = new Map<string, string>();
	let child = 0;
	for (let row = 0; row < perSide; row++) {
		for (let column = 0; column < perSide; column++) {
			const code = `P${String(row * perSide + column + 1).padStart(4, '0')}`;
			const x0 = west + column * width;
			const y0 = south + row * height;
			parents.push(
				feature(
					{ id: code, name: `Bezirk ${code}` },
					outline([x0, y0, x0 + width, y0 + height], parentVertices, 0)
				)
			);
			const cw = width / options.childColumns;
			const ch = height / options.childRows;
			for (let r = 0; r < options.childRows; r++) {
				for (let c = 0; c < options.childColumns; c++) {
					if (child === (options.childCount ?? Infinity)) continue;
					child++;
					const childCode = `K${String(child).padStart(7, '0')}`;
					expectedParent.set(childCode, code);
					// Inset from the parent's edges, so every child lies clearly in one parent.
					const [mx, my] = [cw * 0.05, ch * 0.05];
					const box: [number, number, number, number] = [
						x0 + c * cw + mx,
						y0 + r * ch + my,
						x0 + (c + 1) * cw - mx,
						y0 + (r + 1) * ch - my
					];
					children.push(
						feature(
							{ code: childCode, name: `Raum ${child}` },
							outline(box, childVertices, Math.min(mx, my) * 0.5)
						)
					);
				}
			}
		}
	}
	const collection = (features: string[]) =>
		`{"type":"FeatureCollection","features":[\n${features.join(',\n')}\n]}`;
	return {
		parentText: collection(parents),
		childText: collection(children),
		childCount: child,
		parentCount: parents.length,
		expectedParent
	};
}

/**
 * Options for a child file of about `megabytes` MB: the given parent grid, children with
 * `childVerticesPerSide` × 4 vertices, as many as fit.
 */
export function syntheticOptionsFor(
	megabytes: number,
	shape: Omit<SyntheticOptions, 'childColumns' | 'childRows'> = {}
): SyntheticOptions {
	const parents = (shape.parentsPerSide ?? 20) ** 2;
	// A vertex is about 22 bytes of GeoJSON ("[13.123456,52.123456],"), a feature's frame 130.
	const childBytes = 4 * (shape.childVerticesPerSide ?? 25) * 22 + 130;
	const childCount = Math.max(1, Math.round((megabytes * 1024 * 1024) / childBytes));
	const side = Math.ceil(Math.sqrt(Math.ceil(childCount / parents)));
	return { ...shape, childColumns: side, childRows: side, childCount };
}
