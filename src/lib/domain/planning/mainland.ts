/**
 * Which areas make up the "mainland" of a map. Some cities have a part far away (Hamburg's Neuwerk
 * lies 100 km out in the North Sea); framing everything would shrink the city itself to a corner.
 * The areas are grouped by nearness (bounding boxes closer than a twentieth of the whole extent
 * count as neighbours); the group with the most areas is the mainland. Only when framing
 * everything would shrink it by a third or more are the others called outlying. Pure.
 */
import type { BBox } from './geometry';
import { unionBBox } from './projection';

export interface Mainland {
	/** The box to frame first. */
	bbox: BBox;
	/** Indices (into the boxes given) of the areas outside that box's group. */
	outlying: number[];
}

/** Framing everything must shrink the mainland at least this much before it is framed alone. */
const squeezeFactor = 1.5;
const nearness = 0.05;

export function findMainland(boxes: readonly BBox[]): Mainland {
	const all = unionBBox(boxes);
	if (boxes.length < 2) return { bbox: all, outlying: [] };
	const span = Math.max(all[2] - all[0], all[3] - all[1]);
	const tolerance = span * nearness;

	// Union-find over the "near" relation; n² box comparisons are a few ms for a thousand areas.
	const parent = boxes.map((_, i) => i);
	const root = (i: number): number => {
		while (parent[i] !== i) {
			parent[i] = parent[parent[i]];
			i = parent[i];
		}
		return i;
	};
	for (let i = 0; i < boxes.length; i++) {
		const a = boxes[i];
		for (let j = i + 1; j < boxes.length; j++) {
			const b = boxes[j];
			const dx = Math.max(0, a[0] - b[2], b[0] - a[2]);
			const dy = Math.max(0, a[1] - b[3], b[1] - a[3]);
			if (dx <= tolerance && dy <= tolerance) {
				const ra = root(i);
				const rb = root(j);
				if (ra !== rb) parent[ra] = rb;
			}
		}
	}
	const groups = new Map<number, number[]>();
	boxes.forEach((_, i) => {
		const r = root(i);
		groups.set(r, [...(groups.get(r) ?? []), i]);
	});
	if (groups.size === 1) return { bbox: all, outlying: [] };
	const boxArea = (i: number) => (boxes[i][2] - boxes[i][0]) * (boxes[i][3] - boxes[i][1]);
	const weight = (members: number[]) => members.reduce((sum, i) => sum + boxArea(i), 0);
	const main = [...groups.values()].sort((a, b) => b.length - a.length || weight(b) - weight(a))[0];
	const bbox = unionBBox(main.map((i) => boxes[i]));
	const widthGain = (all[2] - all[0]) / Math.max(bbox[2] - bbox[0], 1e-12);
	const heightGain = (all[3] - all[1]) / Math.max(bbox[3] - bbox[1], 1e-12);
	if (Math.max(widthGain, heightGain) < squeezeFactor) return { bbox: all, outlying: [] };
	const inMain = new Set(main);
	return { bbox, outlying: boxes.flatMap((_, i) => (inMain.has(i) ? [] : [i])) };
}
