import { defaultValueLimits, type ValueLimits } from './inspect';

/**
 * Limits that keep one client (buggy or hostile) from hurting a room or the process.
 * Defaults suit a 200-person conference on one small server; all are configurable.
 */
export interface Limits extends ValueLimits {
	/** Largest accepted message: big enough for a long offline session's diff. */
	maxMessageBytes: number;
	/**
	 * Largest document (stored snapshot plus log): every joiner downloads it. A 1,000-card wall
	 * with a long vision text is well under 1 MB; edits past the limit are refused (4413).
	 */
	maxDocumentBytes: number;
	/** Updates waiting for content they build on, per connection: count, bytes and time. */
	maxHeldUpdates: number;
	maxHeldBytes: number;
	maxHoldMs: number;
	/** Sustained messages per second per connection, and the burst allowed above it. */
	messagesPerSecond: number;
	messageBurst: number;
	/** Sustained bytes per second per connection, and the burst (at least one maximal message). */
	bytesPerSecond: number;
	byteBurst: number;
	maxConnectionsPerRoom: number;
	maxConnectionsPerAddress: number;
	/** A connection whose unsent backlog exceeds this has fallen too far behind and is closed. */
	maxBufferedBytes: number;
	/** Presence: size of one client's state, and how many client ids one connection may speak for. */
	maxAwarenessStateBytes: number;
	maxClientIdsPerConnection: number;
}

export const defaultLimits: Limits = {
	...defaultValueLimits,
	maxMessageBytes: 8 * 1024 * 1024,
	maxDocumentBytes: 8 * 1024 * 1024,
	maxHeldUpdates: 1000,
	maxHeldBytes: 8 * 1024 * 1024,
	maxHoldMs: 30_000,
	messagesPerSecond: 100,
	messageBurst: 500,
	bytesPerSecond: 1024 * 1024,
	byteBurst: 32 * 1024 * 1024,
	maxConnectionsPerRoom: 2000,
	maxConnectionsPerAddress: 300,
	maxBufferedBytes: 16 * 1024 * 1024,
	maxAwarenessStateBytes: 4 * 1024,
	maxClientIdsPerConnection: 4
};

/** Classic token bucket: `rate` tokens per second, at most `burst` saved up. */
export class TokenBucket {
	#tokens: number;
	#last: number;

	constructor(
		readonly rate: number,
		readonly burst: number,
		now = performance.now()
	) {
		this.#tokens = burst;
		this.#last = now;
	}

	take(amount: number, now = performance.now()): boolean {
		this.#tokens = Math.min(this.burst, this.#tokens + ((now - this.#last) / 1000) * this.rate);
		this.#last = now;
		if (this.#tokens < amount) return false;
		this.#tokens -= amount;
		return true;
	}
}

/** Counts open connections per key (room, address) against a cap. */
export class ConnectionCounter {
	readonly #counts = new Map<string, number>();

	tryAdd(key: string, max: number): boolean {
		const n = this.#counts.get(key) ?? 0;
		if (n >= max) return false;
		this.#counts.set(key, n + 1);
		return true;
	}

	remove(key: string): void {
		const n = (this.#counts.get(key) ?? 1) - 1;
		if (n > 0) this.#counts.set(key, n);
		else this.#counts.delete(key);
	}
}
