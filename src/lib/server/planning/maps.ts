/**
 * Map data for the browser: outlines turned into SVG path strings on the server, once per request.
 * The browser then draws 542 `<path>` elements without parsing GeoJSON or doing any maths, which is
 * what keeps the first paint of the city map well under a second on a phone.
 */
import type { Db } from '../db';
import type { BBox } from '../../domain/planning/geometry';
import { findMainland } from '../../domain/planning/mainland';
import {
	createMapFrame,
	geometryPath,
	unionBBox,
	type MapFrame
} from '../../domain/planning/projection';
import { districtGeometries, type DistrictDetail } from './districts';

export interface MapArea {
	code: string;
	name: string;
	parentCode: string | null;
	/** The SVG path in the map's viewBox. */
	d: string;
}

export interface AreaMap {
	level: string;
	/** The first view: the mainland (see domain/planning/mainland.ts), or everything. */
	viewBox: string;
	width: number;
	height: number;
	areas: MapArea[];
	/** Everything, outlying areas included; equal to viewBox when there are none. */
	fullViewBox?: string;
	/** Areas left out of the first view because they lie far off. */
	outlying?: { code: string; name: string }[];
	/** The parent level's outlines, drawn over the areas. */
	parentLevel?: string | null;
	outlines?: { code: string; name: string; d: string }[];
}

/** A lon/lat box as a viewBox of the frame (north is up, so its top is the box's maxY). */
function viewBoxOf(frame: MapFrame, [minX, minY, maxX, maxY]: BBox, padding: number): string {
	const [x0, y0] = frame.project([minX, maxY]);
	const [x1, y1] = frame.project([maxX, minY]);
	const round = (n: number) => Math.round(n * 10) / 10;
	return [x0 - padding, y0 - padding, x1 - x0 + 2 * padding, y1 - y0 + 2 * padding]
		.map(round)
		.join(' ');
}

/**
 * Every area of a level; null when the level has no areas. The frame is fitted to the mainland, so
 * its outlines keep their detail even when an outlying area lies far off; that area is still drawn,
 * outside the first view, and the map offers to show everything. With `parentLevel`, the parents'
 * outlines come along in the same frame.
 */
export async function loadLevelMap(
	db: Db,
	level: string,
	width = 1000,
	parentLevel: string | null = null
): Promise<AreaMap | null> {
	const shapes = await districtGeometries(db, level);
	if (shapes.length === 0) return null;
	const boxes = shapes.map((s) => s.bbox);
	const mainland = findMainland(boxes);
	const frame = createMapFrame(mainland.bbox, width, 4);
	const parents = parentLevel
		? new Set(shapes.map((s) => s.parentCode).filter((c): c is string => c !== null))
		: new Set<string>();
	const parentShapes =
		parents.size > 0 && parentLevel
			? (await districtGeometries(db, parentLevel)).filter((p) => parents.has(p.code))
			: [];
	return {
		level,
		viewBox: frame.viewBox,
		width: frame.width,
		height: frame.height,
		areas: shapes.map((shape) => ({
			code: shape.code,
			name: shape.name,
			parentCode: shape.parentCode,
			d: geometryPath(shape.geometry, frame, 0)
		})),
		fullViewBox:
			mainland.outlying.length > 0 ? viewBoxOf(frame, unionBBox(boxes), 4) : frame.viewBox,
		outlying: mainland.outlying.map((i) => ({ code: shapes[i].code, name: shapes[i].name })),
		parentLevel: parentShapes.length > 0 ? parentLevel : null,
		outlines: parentShapes.map((shape) => ({
			code: shape.code,
			name: shape.name,
			d: geometryPath(shape.geometry, frame, 0)
		}))
	};
}

/**
 * The district among its siblings (the other areas with the same parent), framed around them, for
 * the small map on a district page. Without a parent, the district alone.
 */
export async function loadNeighbourhoodMap(
	db: Db,
	district: DistrictDetail,
	width = 400
): Promise<AreaMap> {
	const shapes = (await districtGeometries(db, district.level)).filter((shape) =>
		district.parentCode === null
			? shape.code === district.code
			: shape.parentCode === district.parentCode
	);
	const frame = createMapFrame(unionBBox(shapes.map((s) => s.bbox)), width, 4);
	return {
		level: district.level,
		viewBox: frame.viewBox,
		width: frame.width,
		height: frame.height,
		areas: shapes.map((shape) => ({
			code: shape.code,
			name: shape.name,
			parentCode: shape.parentCode,
			d: geometryPath(shape.geometry, frame, 1)
		}))
	};
}
