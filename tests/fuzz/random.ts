/**
 * A small seeded generator (mulberry32) for the many cheap choices where fast-check's edge-case
 * bias adds nothing: benign messages and honest clients' edits.
 */
export function seeded(seed: number): () => number {
	let state = seed | 0;
	return () => {
		state = (state + 0x6d2b79f5) | 0;
		let t = Math.imul(state ^ (state >>> 15), 1 | state);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return (t ^ (t >>> 14)) >>> 0;
	};
}
