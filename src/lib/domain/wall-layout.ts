import { cardHeight, cardWidth } from './cards';

/**
 * Geometry of a wall, as pure functions: what "Alles zeigen" shows, where a new card or group
 * goes, how big a group's frame is and where it sits, and the column layout of "Ordnen".
 *
 * Frames are computed on read from their cards (only positions are stored), and overlapping frames
 * are pushed aside on read too, in a fixed order: every client computes the same picture from the
 * same document, so two people growing two groups at once still converge without a write war.
 */

export interface Rect {
	x: number;
	y: number;
	width: number;
	height: number;
}
export interface Point {
	x: number;
	y: number;
}
/** What part of the wall a screen shows: its centre in wall units, and the zoom. */
export interface View {
	x: number;
	y: number;
	scale: number;
}
export interface Size {
	width: number;
	height: number;
}

/** Space kept free between cards and frames, in wall units. */
export const gap = 16;
export const framePadding = 16;
/** The title strip at the top of a frame, inside it. */
export const frameTitle = 40;
export const minFrame: Size = { width: 2 * framePadding + cardWidth, height: 150 };
export const minScale = 0.1;
export const maxScale = 3;

const finiteOr = (value: number, fallback: number) => (Number.isFinite(value) ? value : fallback);
const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

export function cardRect(card: Point): Rect {
	return { x: card.x, y: card.y, width: cardWidth, height: cardHeight };
}

/** Whether two rectangles overlap, or come closer than `margin` to each other. */
export function overlaps(a: Rect, b: Rect, margin = 0): boolean {
	return (
		a.x < b.x + b.width + margin &&
		b.x < a.x + a.width + margin &&
		a.y < b.y + b.height + margin &&
		b.y < a.y + a.height + margin
	);
}

export function union(rects: readonly Rect[]): Rect | null {
	if (rects.length === 0) return null;
	let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
	for (const r of rects) {
		x0 = Math.min(x0, r.x);
		y0 = Math.min(y0, r.y);
		x1 = Math.max(x1, r.x + r.width);
		y1 = Math.max(y1, r.y + r.height);
	}
	return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** The part of the wall a screen of `screen` pixels shows at `view`. */
export function visibleRect(view: View, screen: Size): Rect {
	const scale = view.scale > 0 ? view.scale : 1;
	const width = screen.width / scale;
	const height = screen.height / scale;
	return { x: view.x - width / 2, y: view.y - height / 2, width, height };
}

/**
 * "Alles zeigen": the view that shows all of `content` with `margin` screen pixels around it,
 * never closer than 1:1 (a wall of three cards is not blown up). An empty wall shows its origin.
 */
export function fitView(content: Rect | null, screen: Size, margin = 24): View {
	const width = Math.max(1, screen.width - 2 * margin);
	const height = Math.max(1, screen.height - 2 * margin);
	if (!content || !(content.width >= 0) || !(content.height >= 0))
		return { x: screen.width / 2, y: screen.height / 2, scale: 1 };
	const scale = clamp(
		Math.min(width / Math.max(1, content.width), height / Math.max(1, content.height)),
		minScale,
		1
	);
	return {
		x: content.x + content.width / 2,
		y: content.y + content.height / 2,
		scale: finiteOr(scale, 1)
	};
}

/**
 * Where a thing of `size` goes: the first free place in reading order inside `view`, keeping
 * `gap` from every obstacle; if the view is full, the free place nearest to it outside. Candidate
 * places are the view's edge and the obstacles' right and bottom edges: any free place can slide
 * left and up until it touches one of those, so if the view has room, this finds it.
 */
export function findFreeSpot(size: Size, view: Rect, obstacles: readonly Rect[]): Point {
	const w = Math.max(1, finiteOr(size.width, cardWidth));
	const h = Math.max(1, finiteOr(size.height, cardHeight));
	const v = {
		x: finiteOr(view.x, 0),
		y: finiteOr(view.y, 0),
		width: Math.max(0, finiteOr(view.width, 0)),
		height: Math.max(0, finiteOr(view.height, 0))
	};
	const solid = obstacles.filter(
		(o) => [o.x, o.y, o.width, o.height].every(Number.isFinite) && o.width >= 0 && o.height >= 0
	);
	const inside = firstFree(w, h, { x: v.x + gap, y: v.y + gap }, v, solid, 'inside');
	if (inside) return inside;
	// Outside: search a region three views wide around it, nearest to the view first.
	const around = {
		x: v.x - v.width - w - gap,
		y: v.y - v.height - h - gap,
		width: 3 * v.width + 2 * (w + gap),
		height: 3 * v.height + 2 * (h + gap)
	};
	const near = firstFree(w, h, { x: around.x, y: around.y }, around, solid, 'nearest', v);
	if (near) return near;
	// Right of everything there is always room.
	const right = Math.max(v.x + v.width, ...solid.map((o) => o.x + o.width)) + gap;
	return { x: right, y: v.y + gap };
}

function firstFree(
	w: number,
	h: number,
	start: Point,
	area: Rect,
	solid: readonly Rect[],
	order: 'inside' | 'nearest',
	target?: Rect
): Point | null {
	const right = area.x + area.width - (order === 'inside' ? gap : 0);
	const bottom = area.y + area.height - (order === 'inside' ? gap : 0);
	const local = solid.filter((o) =>
		overlaps(o, { x: start.x, y: start.y, width: right - start.x, height: bottom - start.y }, gap)
	);
	const ys = [start.y, ...local.map((o) => o.y + o.height + gap)]
		.filter((y) => y >= start.y && y + h <= bottom)
		.sort((a, b) => a - b);
	let best: Point | null = null;
	let bestDistance = Infinity;
	for (const y of new Set(ys)) {
		// The obstacles crossing this band, as blocked x intervals (gap included), left to right.
		const blocked = local
			.filter((o) => o.y < y + h + gap && y < o.y + o.height + gap)
			.map((o) => [o.x - gap - w, o.x + o.width + gap] as const)
			.sort((a, b) => a[0] - b[0]);
		// Free x ranges for the left edge: [from, to].
		const free: [number, number][] = [];
		let from = start.x;
		for (const [lo, hi] of blocked) {
			if (lo >= from) free.push([from, lo]);
			from = Math.max(from, hi);
		}
		free.push([from, Infinity]);
		for (const [lo, hiRaw] of free) {
			const hi = Math.min(hiRaw, right - w);
			if (lo > hi) continue;
			if (order === 'inside') return { x: lo, y };
			const t = target!;
			const x = clamp(t.x + t.width / 2 - w / 2, lo, hi);
			const dx = Math.max(0, t.x - (x + w), x - (t.x + t.width));
			const dy = Math.max(0, t.y - (y + h), y - (t.y + t.height));
			const distance = dx * dx + dy * dy;
			if (distance < bestDistance) {
				best = { x, y };
				bestDistance = distance;
			}
		}
	}
	return best;
}

// Frames -------------------------------------------------------------------------------------

/** A group's frame: around its cards with padding, the title strip inside, at least `minFrame`. */
export function frameRect(origin: Point, members: readonly Point[]): Rect {
	let [x0, y0] = [origin.x, origin.y];
	let [x1, y1] = [origin.x + minFrame.width, origin.y + minFrame.height];
	for (const card of members) {
		x0 = Math.min(x0, card.x - framePadding);
		y0 = Math.min(y0, card.y - framePadding - frameTitle);
		x1 = Math.max(x1, card.x + cardWidth + framePadding);
		y1 = Math.max(y1, card.y + cardHeight + framePadding);
	}
	return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/**
 * Frames that overlap are pushed aside on read: in the given (stable) order each frame keeps its
 * place if it is free, else moves right or down, whichever is shorter, until it overlaps none of
 * those placed before it. Returns the shift of each frame; it ends because every step moves the
 * frame past the far edge of one of finitely many frames.
 */
export function separateFrames(frames: readonly (Rect & { id: string })[]): Map<string, Point> {
	const placed: Rect[] = [];
	const shifts = new Map<string, Point>();
	for (const frame of frames) {
		const pushed = (axis: 'x' | 'y'): Rect => {
			const r = { ...frame };
			for (let guard = 0; guard <= placed.length; guard++) {
				const hit = placed.filter((p) => overlaps(p, r, gap));
				if (hit.length === 0) break;
				if (axis === 'x') r.x = Math.max(...hit.map((p) => p.x + p.width)) + gap;
				else r.y = Math.max(...hit.map((p) => p.y + p.height)) + gap;
			}
			return r;
		};
		const right = pushed('x');
		const down = pushed('y');
		const to = right.x - frame.x <= down.y - frame.y ? right : down;
		placed.push(to);
		shifts.set(frame.id, { x: to.x - frame.x, y: to.y - frame.y });
	}
	return shifts;
}

export interface WallCard extends Point {
	id: string;
	cluster: string;
}
export interface WallCluster extends Point {
	id: string;
}
export interface PlacedFrame extends Rect {
	id: string;
	/** How far the frame (and its cards) is drawn from where it is stored. */
	shift: Point;
}

/**
 * The wall as drawn: each frame around its cards and pushed clear of earlier frames, each card
 * shifted with its frame. Cards of unknown groups count as loose.
 */
export function layoutWall<C extends WallCard>(
	cards: readonly C[],
	clusters: readonly WallCluster[]
): { cards: C[]; frames: PlacedFrame[] } {
	const known = new Set(clusters.map((c) => c.id));
	const raw = clusters.map((cluster) => ({
		id: cluster.id,
		...frameRect(
			cluster,
			cards.filter((card) => card.cluster === cluster.id)
		)
	}));
	const shifts = separateFrames(raw);
	const frames = raw.map((f) => {
		const shift = shifts.get(f.id) ?? { x: 0, y: 0 };
		return { ...f, x: f.x + shift.x, y: f.y + shift.y, shift };
	});
	const moved = cards.map((card) => {
		const shift = known.has(card.cluster) ? shifts.get(card.cluster) : undefined;
		return shift && (shift.x || shift.y)
			? { ...card, x: card.x + shift.x, y: card.y + shift.y }
			: card;
	});
	return { cards: moved, frames };
}

// Ordnen -------------------------------------------------------------------------------------

/**
 * "Ordnen": one column per group (in the groups' order), then one for loose cards, each group's
 * cards stacked in rows inside its frame. All columns share one height in rows, chosen so the whole
 * layout best fills a screen of the given aspect ratio (width / height): "Alles zeigen" afterwards
 * shows the cards as large as possible.
 */
export function arrangeColumns(
	cards: readonly WallCard[],
	clusters: readonly WallCluster[],
	origin: Point = { x: 0, y: 0 },
	aspect = 16 / 9
): { cards: Map<string, Point>; clusters: Map<string, Point> } {
	const known = new Set(clusters.map((c) => c.id));
	const columns = [
		...clusters.map((c) => ({ id: c.id, cards: cards.filter((card) => card.cluster === c.id) })),
		{ id: '', cards: cards.filter((card) => !known.has(card.cluster)) }
	].filter((column) => column.id !== '' || column.cards.length > 0);
	const cellW = cardWidth + gap;
	const cellH = cardHeight + gap;
	const widthOf = (framed: boolean, across: number) =>
		framed
			? Math.max(across * cellW - gap + 2 * framePadding, minFrame.width)
			: across * cellW - gap;
	const acrossOf = (n: number, rows: number) => Math.max(1, Math.ceil(n / rows));
	const longest = Math.max(1, ...columns.map((c) => c.cards.length));
	let rows = longest;
	let bestScale = 0;
	for (let r = 1; r <= longest; r++) {
		let width = 0;
		for (const column of columns)
			width += widthOf(column.id !== '', acrossOf(column.cards.length, r)) + 2 * gap;
		const height = r * cellH - gap + frameTitle + 2 * framePadding;
		const scale = Math.min(aspect / Math.max(1, width - 2 * gap), 1 / height);
		if (scale > bestScale * 1.0001) [rows, bestScale] = [r, scale];
	}
	const cardPlaces = new Map<string, Point>();
	const clusterPlaces = new Map<string, Point>();
	let x = origin.x;
	for (const column of columns) {
		const framed = column.id !== '';
		const across = acrossOf(column.cards.length, rows);
		const left = x + (framed ? framePadding : 0);
		const top = origin.y + frameTitle + framePadding;
		if (framed) clusterPlaces.set(column.id, { x, y: origin.y });
		// Row by row, so a column reads top to bottom like the list.
		const perColumn = Math.ceil(column.cards.length / across);
		column.cards.forEach((card, i) =>
			cardPlaces.set(card.id, {
				x: left + Math.floor(i / perColumn) * cellW,
				y: top + (i % perColumn) * cellH
			})
		);
		x += widthOf(framed, across) + 2 * gap;
	}
	return { cards: cardPlaces, clusters: clusterPlaces };
}

/**
 * The type size (wall units) cards are drawn at: 14 when near, larger when zoomed out, so the text
 * stays at least about 11.5 screen pixels as long as that leaves a few words per line.
 */
export function cardFontSize(scale: number): number {
	return clamp(11.5 / (scale > 0 ? scale : 1), 14, 24);
}
