/**
 * Map data for the browser: outlines turned into SVG path strings on the server, once per request.
 * The browser then draws 542 `<path>` elements without parsing GeoJSON or doing any maths, which is
 * what keeps the first paint of the city map well under a second on a phone.
 */
import type { Db } from '../db';
import { createMapFrame, geometryPath, unionBBox } from '../../domain/planning/projection';
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
	viewBox: string;
	width: number;
	height: number;
	areas: MapArea[];
}

/** Every area of a level; null when the level has no areas. */
export async function loadLevelMap(db: Db, level: string, width = 1000): Promise<AreaMap | null> {
	const shapes = await districtGeometries(db, level);
	if (shapes.length === 0) return null;
	const frame = createMapFrame(unionBBox(shapes.map((s) => s.bbox)), width, 4);
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
