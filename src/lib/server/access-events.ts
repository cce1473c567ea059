/**
 * Tells live connections that someone's access may have ended (invite revoked, logout, workshop
 * closed), so the sync engine re-checks them at once instead of at their next reconnect. One
 * instance per process, created by the entry point and handed to both the app (as
 * `locals.services.access`) and the sync engine; with several processes the engine passes the
 * signal on through Redis.
 */
export interface AccessChange {
	/** Narrow the re-check to connections of this workshop, session or user; none set: all. */
	workshopId?: string;
	sessionId?: string;
	userId?: string;
}

export interface AccessEvents {
	/** Tells every listener now; called after the change is stored. */
	announce(change: AccessChange): void;
	/** Calls `listener` on each announcement until the returned function is called. */
	subscribe(listener: (change: AccessChange) => void): () => void;
}

export function createAccessEvents(): AccessEvents {
	const listeners = new Set<(change: AccessChange) => void>();
	return {
		announce(change) {
			for (const listener of [...listeners]) listener(change);
		},
		subscribe(listener) {
			// A wrapper per subscription, so the same function subscribed twice is also removed twice.
			const entry = (change: AccessChange) => listener(change);
			listeners.add(entry);
			return () => listeners.delete(entry);
		}
	};
}
