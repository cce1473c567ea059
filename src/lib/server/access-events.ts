import { EventEmitter } from 'node:events';

/**
 * Tells live connections that someone's access may have ended (invite revoked, logout), so the
 * sync engine re-checks them at once instead of at their next reconnect. Process-wide on
 * globalThis: the SvelteKit bundle and server/ each carry a copy of this module. With several
 * processes the sync engine passes the signal on through Redis.
 */
export interface AccessChange {
	/** Narrow the re-check to connections of this workshop, session or user; none set: all. */
	workshopId?: string;
	sessionId?: string;
	userId?: string;
}

const key = Symbol.for('quartierswerkstatt.accessEvents');

export function accessEvents(): EventEmitter<{ change: [AccessChange] }> {
	const holder = globalThis as { [key]?: EventEmitter<{ change: [AccessChange] }> };
	holder[key] ??= new EventEmitter();
	return holder[key];
}

export function announceAccessChange(change: AccessChange): void {
	accessEvents().emit('change', change);
}
