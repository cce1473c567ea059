/**
 * Counts failures per key in a sliding window, in memory.
 * Enough for one process; with several processes each one limits on its own, which still caps an
 * attacker at (processes × limit) tries per window.
 */
export class FailureLimiter {
	readonly #failures = new Map<string, number[]>();

	constructor(
		readonly limit: number,
		readonly windowMs: number
	) {}

	#recent(key: string, now: number): number[] {
		const times = (this.#failures.get(key) ?? []).filter((t) => now - t < this.windowMs);
		if (times.length) this.#failures.set(key, times);
		else this.#failures.delete(key);
		return times;
	}

	/** Milliseconds until the key may try again; 0 when it may try now. */
	retryAfter(key: string, now = Date.now()): number {
		const times = this.#recent(key, now);
		if (times.length < this.limit) return 0;
		return this.windowMs - (now - times[times.length - this.limit]);
	}

	recordFailure(key: string, now = Date.now()): void {
		this.#failures.set(key, [...this.#recent(key, now), now]);
	}

	reset(key: string): void {
		this.#failures.delete(key);
	}
}
