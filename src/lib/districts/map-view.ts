/**
 * The zoomable map's view: a viewBox rectangle in map units, changed by zooming around a point and
 * by panning. Pure, so the limits are tested without a browser.
 */
export interface View {
	x: number;
	y: number;
	w: number;
	h: number;
}

/** The pattern that marks "nicht bewertbar" areas; one big map per page defines it. */
export const hatchId = 'qw-map-hatch';
export const hatchFill = `url(#${hatchId})`;

export function parseViewBox(viewBox: string): View {
	const [x, y, w, h] = viewBox.split(/[\s,]+/).map(Number);
	return { x: x || 0, y: y || 0, w: w > 0 ? w : 1, h: h > 0 ? h : 1 };
}

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * Zooms by `factor` (> 1 in) keeping `centre` where it is on screen; the width stays within
 * `limits`, so nobody zooms into a single pixel or out to a dot.
 */
export function zoomView(
	view: View,
	factor: number,
	[cx, cy]: [number, number],
	limits: { minW: number; maxW: number }
): View {
	const w = Math.min(Math.max(view.w / factor, limits.minW), limits.maxW);
	const applied = view.w / w;
	const h = view.h / applied;
	return {
		x: round(cx - (cx - view.x) / applied),
		y: round(cy - (cy - view.y) / applied),
		w: round(w),
		h: round(h)
	};
}

export function panView(view: View, dx: number, dy: number): View {
	return { ...view, x: round(view.x + dx), y: round(view.y + dy) };
}
