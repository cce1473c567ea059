/**
 * Counts attempts per key in a sliding window, in memory.
 * Enough for one process; with several processes each one limits on its own, which still caps an
 * attacker at (processes × limit) tries per window.
 *
 * An attempt takes its slot *before* the slow work it guards (a memory-hard password check) and
 * keeps it unless it succeeds. Checking first and counting afterwards let any number of parallel
 * attempts pass the check while the first of them was still hashing.
 */
export interface Slot {
	readonly at: number;
}

export class FailureLimiter {
	readonly #slots = new Map<string, Slot[]>();

	constructor(
		readonly limit: number,
		readonly windowMs: number
	) {}

	#recent(key: string, now: number): Slot[] {
		const slots = (this.#slots.get(key) ?? []).filter((slot) => now - slot.at < this.windowMs);
		if (slots.length) this.#slots.set(key, slots);
		else this.#slots.delete(key);
		return slots;
	}

	/** Milliseconds until the key may try again; 0 when it may try now. */
	retryAfter(key: string, now = Date.now()): number {
		const slots = this.#recent(key, now);
		if (slots.length < this.limit) return 0;
		return this.windowMs - (now - slots[slots.length - this.limit].at);
	}

	/**
	 * Takes a slot for one attempt; it counts as a failure from now on. Check `retryAfter` first,
	 * in the same synchronous step: nothing may run between the check and the reservation.
	 */
	reserve(key: string, now = Date.now()): Slot {
		const slot: Slot = { at: now };
		this.#slots.set(key, [...this.#recent(key, now), slot]);
		return slot;
	}

	/** Gives a slot back: the attempt it was taken for turned out not to be a failure. */
	release(key: string, slot: Slot): void {
		const slots = (this.#slots.get(key) ?? []).filter((taken) => taken !== slot);
		if (slots.length) this.#slots.set(key, slots);
		else this.#slots.delete(key);
	}

	reset(key: string): void {
		this.#slots.delete(key);
	}
}
