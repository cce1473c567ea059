import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cardHeight, cardWidth } from './cards';
import {
	arrangeColumns,
	cardFontSize,
	cardRect,
	findFreeSpot,
	fitView,
	frameRect,
	frameTitle,
	gap,
	layoutWall,
	overlaps,
	separateFrames,
	union,
	visibleRect,
	type Rect
} from './wall-layout';

const card = { width: cardWidth, height: cardHeight };
const coordinate = fc.integer({ min: -3000, max: 3000 });
const rect = fc.record({
	x: coordinate,
	y: coordinate,
	width: fc.integer({ min: 0, max: 800 }),
	height: fc.integer({ min: 0, max: 600 })
});
const view = fc.record({
	x: coordinate,
	y: coordinate,
	width: fc.integer({ min: 0, max: 3000 }),
	height: fc.integer({ min: 0, max: 2000 })
});
const inside = (r: Rect, v: Rect) =>
	r.x >= v.x + gap - 1e-9 &&
	r.y >= v.y + gap - 1e-9 &&
	r.x + r.width <= v.x + v.width - gap + 1e-9 &&
	r.y + r.height <= v.y + v.height - gap + 1e-9;

describe('fitView ("Alles zeigen")', () => {
	it('shows all content with the margin, centred', () => {
		const content = { x: -100, y: 50, width: 2000, height: 1000 };
		const v = fitView(content, { width: 1048, height: 548 }, 24);
		expect(v.scale).toBeCloseTo(0.5);
		expect(v).toMatchObject({ x: 900, y: 550 });
	});

	it('never enlarges a small wall beyond 1:1; an empty wall shows its origin', () => {
		expect(
			fitView({ x: 0, y: 0, width: 180, height: 110 }, { width: 1000, height: 600 }).scale
		).toBe(1);
		expect(fitView(null, { width: 1000, height: 600 })).toEqual({ x: 500, y: 300, scale: 1 });
	});

	it('property: every piece of content is inside the visible rectangle', () => {
		fc.assert(
			fc.property(
				fc.array(rect, { minLength: 1, maxLength: 30 }),
				fc.integer({ min: 200, max: 2000 }),
				fc.integer({ min: 200, max: 1200 }),
				(rects, width, height) => {
					const content = union(rects)!;
					const v = fitView(content, { width, height });
					const seen = visibleRect(v, { width, height });
					// Only when the wall is not wider than the smallest zoom allows.
					if (v.scale <= 0.1000001) return;
					for (const r of rects) {
						expect(r.x).toBeGreaterThanOrEqual(seen.x - 1e-6);
						expect(r.y).toBeGreaterThanOrEqual(seen.y - 1e-6);
						expect(r.x + r.width).toBeLessThanOrEqual(seen.x + seen.width + 1e-6);
						expect(r.y + r.height).toBeLessThanOrEqual(seen.y + seen.height + 1e-6);
					}
				}
			)
		);
	});
});

describe('findFreeSpot', () => {
	it('takes the first free place in reading order inside the view', () => {
		const v = { x: 0, y: 0, width: 1000, height: 600 };
		expect(findFreeSpot(card, v, [])).toEqual({ x: gap, y: gap });
		const first = cardRect({ x: gap, y: gap });
		expect(findFreeSpot(card, v, [first])).toEqual({ x: gap + cardWidth + gap, y: gap });
	});

	it('goes just outside the view when the view is full', () => {
		const v = { x: 0, y: 0, width: 400, height: 300 };
		const spot = findFreeSpot(card, v, [v]);
		expect(overlaps(cardRect(spot), v, gap)).toBe(false);
		const distance = Math.max(v.x - (spot.x + cardWidth), spot.x - (v.x + v.width), 0);
		const distanceY = Math.max(v.y - (spot.y + cardHeight), spot.y - (v.y + v.height), 0);
		expect(Math.hypot(distance, distanceY)).toBeLessThanOrEqual(gap + 1e-9);
	});

	it('property: always finite and never on top of an obstacle', () => {
		fc.assert(
			fc.property(view, fc.array(rect, { maxLength: 40 }), (v, obstacles) => {
				const spot = findFreeSpot(card, v, obstacles);
				expect(Number.isFinite(spot.x) && Number.isFinite(spot.y)).toBe(true);
				for (const o of obstacles) expect(overlaps(cardRect(spot), o)).toBe(false);
			})
		);
	});

	it('property: if the view has a free place, the card lands inside the view', () => {
		fc.assert(
			fc.property(
				view,
				fc.array(rect, { maxLength: 25 }),
				fc.double({ min: 0, max: 1, noNaN: true }),
				fc.double({ min: 0, max: 1, noNaN: true }),
				(v, obstacles, fx, fy) => {
					// A random place inside the view; if it is free, a free place exists.
					const probe = cardRect({
						x: v.x + gap + fx * (v.width - 2 * gap - cardWidth),
						y: v.y + gap + fy * (v.height - 2 * gap - cardHeight)
					});
					const free = inside(probe, v) && obstacles.every((o) => !overlaps(probe, o, gap));
					fc.pre(free);
					const spot = cardRect(findFreeSpot(card, v, obstacles));
					expect(inside(spot, v)).toBe(true);
					for (const o of obstacles) expect(overlaps(spot, o, gap)).toBe(false);
				}
			)
		);
	});

	it('survives nonsense input (NaN view, infinite obstacles)', () => {
		const spot = findFreeSpot(card, { x: NaN, y: Infinity, width: NaN, height: -5 }, [
			{ x: Infinity, y: 0, width: 10, height: 10 }
		]);
		expect(Number.isFinite(spot.x) && Number.isFinite(spot.y)).toBe(true);
	});
});

describe('frames', () => {
	it('grow with their cards and hold the title strip inside', () => {
		const f = frameRect({ x: 0, y: 0 }, [
			{ x: 16, y: 56 },
			{ x: 400, y: 300 }
		]);
		expect(f.x).toBe(0);
		expect(f.y).toBe(0);
		expect(f.x + f.width).toBe(400 + cardWidth + 16);
		expect(f.y + f.height).toBe(300 + cardHeight + 16);
		const lifted = frameRect({ x: 0, y: 0 }, [{ x: 16, y: 0 }]);
		expect(lifted.y).toBe(-16 - frameTitle);
	});

	it('property: after layoutWall no two frames overlap, and cards stay inside their frame', () => {
		const cardArb = fc.record({
			id: fc.uuid(),
			x: coordinate,
			y: coordinate,
			cluster: fc.constantFrom('a', 'b', 'c', '')
		});
		fc.assert(
			fc.property(
				fc.array(cardArb, { maxLength: 30 }),
				fc.array(fc.record({ x: coordinate, y: coordinate }), { minLength: 3, maxLength: 3 }),
				(cards, origins) => {
					const clusters = ['a', 'b', 'c'].map((id, i) => ({ id, ...origins[i] }));
					const { frames, cards: drawn } = layoutWall(cards, clusters);
					for (let i = 0; i < frames.length; i++)
						for (let j = i + 1; j < frames.length; j++)
							expect(overlaps(frames[i], frames[j])).toBe(false);
					for (const c of drawn) {
						const frame = frames.find((f) => f.id === c.cluster);
						if (frame) {
							expect(c.x).toBeGreaterThanOrEqual(frame.x);
							expect(c.y - frameTitle).toBeGreaterThanOrEqual(frame.y);
							expect(c.x + cardWidth).toBeLessThanOrEqual(frame.x + frame.width);
						}
					}
				}
			)
		);
	});

	it('separates deterministically: the same input gives the same shifts', () => {
		const frames = [
			{ id: 'a', x: 0, y: 0, width: 300, height: 200 },
			{ id: 'b', x: 100, y: 50, width: 300, height: 200 }
		];
		const first = separateFrames(frames);
		expect(first.get('a')).toEqual({ x: 0, y: 0 });
		expect(separateFrames(frames)).toEqual(first);
		expect(first.get('b')).toEqual({ x: 0, y: 200 + gap - 50 });
	});
});

describe('arrangeColumns ("Ordnen")', () => {
	const cards = Array.from({ length: 60 }, (_, i) => ({
		id: `c${i}`,
		x: (i * 37) % 900,
		y: (i * 53) % 700,
		cluster: i < 24 ? ['a', 'b', 'c', 'd'][i % 4] : ''
	}));
	const clusters = ['a', 'b', 'c', 'd'].map((id, i) => ({ id, x: i * 10, y: 0 }));

	it('one column per group, loose cards last, no overlaps, fills a laptop screen', () => {
		const places = arrangeColumns(cards, clusters, { x: 0, y: 0 }, 1100 / 512);
		const moved = cards.map((c) => ({ ...c, ...places.cards.get(c.id)! }));
		const placedClusters = clusters.map((c) => ({ ...c, ...places.clusters.get(c.id)! }));
		const { frames, cards: drawn } = layoutWall(moved, placedClusters);
		// The layout needs no pushing aside.
		for (const f of frames) expect(f.shift).toEqual({ x: 0, y: 0 });
		expect(frames.map((f) => f.id)).toEqual(['a', 'b', 'c', 'd']);
		for (let i = 1; i < frames.length; i++) expect(frames[i].x).toBeGreaterThan(frames[i - 1].x);
		const loose = drawn.filter((c) => !c.cluster);
		for (const c of loose) expect(c.x).toBeGreaterThan(frames[3].x + frames[3].width);
		const rects = drawn.map(cardRect);
		for (let i = 0; i < rects.length; i++)
			for (let j = i + 1; j < rects.length; j++) expect(overlaps(rects[i], rects[j])).toBe(false);
		// Readable after "Alles zeigen" on a 1366×768 laptop's wall (about 1300×560 pixels).
		const content = union([...frames, ...rects])!;
		const v = fitView(content, { width: 1100, height: 512 }, 16);
		expect(cardFontSize(v.scale) * v.scale).toBeGreaterThanOrEqual(11);
	});

	it('keeps empty groups as frames and handles a wall without groups', () => {
		const places = arrangeColumns([], [{ id: 'a', x: 5, y: 5 }]);
		expect(places.clusters.get('a')).toEqual({ x: 0, y: 0 });
		const loose = arrangeColumns([{ id: 'x', x: 1, y: 1, cluster: '' }], []);
		expect(loose.cards.get('x')).toEqual({ x: 0, y: 56 });
	});
});
