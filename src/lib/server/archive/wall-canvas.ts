import type * as Y from 'yjs';
import { readCards, readClusters } from '../../collab/wall';
import { cardHeight, cardWidth, type CardColour } from '../../domain/cards';
import { layoutWall } from '../../domain/wall-layout';
import type { ResultPhase } from '../../results/closed-results';

/**
 * Where each card and group frame of a wall lay at the close, as the canvas drew it (frames around
 * their cards and pushed clear of each other, `layoutWall`), in wall units. The archive export
 * keeps it beside each wall so the Dokumentation can draw a picture of the canvas. Archives made
 * before it have no `canvas`; the documents then draw an overview instead.
 */
export interface WallCanvas {
	cards: { id: string; x: number; y: number; width: number; height: number; colour: CardColour }[];
	/** Group frames, in drawing order (later ones on top); `id` is the group's. */
	frames: { id: string; x: number; y: number; width: number; height: number }[];
}

/** The phases with a `canvas` beside each wall; phases without a wall stay as they are. */
export function withWallCanvases(
	phases: ResultPhase[],
	content: Y.Doc
): (ResultPhase & { canvas?: WallCanvas })[] {
	const cards = readCards(content);
	return phases.map((phase) => {
		if (!phase.wall) return phase;
		const onWall = new Set([
			...phase.wall.groups.flatMap((g) => g.cards.map((c) => c.id)),
			...phase.wall.loose.map((c) => c.id)
		]);
		const layout = layoutWall(
			cards.filter((c) => onWall.has(c.id)),
			readClusters(content, phase.id)
		);
		return {
			...phase,
			canvas: {
				cards: layout.cards.map((c) => ({
					id: c.id,
					x: Math.round(c.x),
					y: Math.round(c.y),
					width: cardWidth,
					height: cardHeight,
					colour: c.colour
				})),
				frames: layout.frames.map((f) => ({
					id: f.id,
					x: Math.round(f.x),
					y: Math.round(f.y),
					width: Math.round(f.width),
					height: Math.round(f.height)
				}))
			}
		};
	});
}
