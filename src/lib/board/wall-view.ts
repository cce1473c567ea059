/** How a wall is shown: the Konva canvas, or the accessible list. */
export type WallView = 'canvas' | 'list';

const storageKey = 'qw.wallView';

/**
 * The view this device chose last; without a choice, the canvas on wide screens and the list on
 * narrow ones (phones never need Konva). Read when the wall is first built, not after mounting:
 * building the list of 1,000 cards only to replace it with the canvas a moment later cost about
 * as much as the canvas itself.
 */
export function savedWallView(): WallView {
	if (typeof localStorage === 'undefined') return 'list';
	const saved = localStorage.getItem(storageKey);
	if (saved === 'canvas' || saved === 'list') return saved;
	return matchMedia('(min-width: 48rem)').matches ? 'canvas' : 'list';
}

export function saveWallView(view: WallView): void {
	localStorage.setItem(storageKey, view);
}

/**
 * The canvas component and Konva, loaded on demand. The live page starts this while the documents
 * sync, so the download and parsing overlap the sync instead of following it.
 */
export const loadWallCanvas = () => import('./WallCanvas.svelte');
