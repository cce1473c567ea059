/**
 * Building a coarser level from a finer one whose codes nest (Berlin: the 12 Bezirke are the first two
 * digits of every Bezirksregion). There is often no separate boundary file for the coarse level, and
 * the fine outlines together are exactly its area, so its geometry is simply all of their polygons.
 */
import { computeBBox, type Ring } from './geometry';
import type { District } from './districts';

export interface MergeOptions {
	/** How many leading characters of a child's code make the parent's code. */
	prefixLength: number;
	level: string;
	/** Names per parent code; a code without a name keeps the code as its name. */
	names?: Readonly<Record<string, string>>;
}

export function mergeChildAreas(children: readonly District[], options: MergeOptions): District[] {
	const byCode = new Map<string, Ring[][]>();
	for (const child of children) {
		const code = child.code.slice(0, options.prefixLength);
		const polygons =
			child.geometry.type === 'Polygon' ? [child.geometry.coordinates] : child.geometry.coordinates;
		byCode.set(code, [...(byCode.get(code) ?? []), ...polygons]);
	}
	return [...byCode]
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([code, polygons]) => {
			const geometry = { type: 'MultiPolygon' as const, coordinates: polygons };
			return {
				code,
				name: options.names?.[code] ?? code,
				level: options.level,
				parentCode: null,
				geometry,
				bbox: computeBBox(geometry)
			};
		});
}
