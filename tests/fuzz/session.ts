import { materialize, type MessagePool, type SessionPlan } from './attacks';
import { RawConnection } from './connection';
import { Forge } from './forge';
import type { Target } from './world';

/** One message as sent: kept for a while, so a crash can be traced back to it. */
export interface Sent {
	at: number;
	attack: string;
	target: Target;
	bytes: Uint8Array;
}

/** The messages of the last few seconds, across all sessions. */
export class RecentMessages {
	readonly #ring: Sent[] = [];
	#next = 0;

	constructor(readonly capacity = 6000) {}

	add(sent: Sent): void {
		this.#ring[this.#next] = sent;
		this.#next = (this.#next + 1) % this.capacity;
	}

	/** Newest first. */
	since(at: number): Sent[] {
		return this.#ring.filter((s) => s && s.at >= at).sort((a, b) => b.at - a.at);
	}

	clear(): void {
		this.#ring.length = 0;
		this.#next = 0;
	}
}

export interface Tally {
	messages: number;
	sessions: number;
	/** How the server ended sessions (close codes), e.g. 4400 malformed, 4430 flooding. */
	closes: Map<number, number>;
	byAttack: Map<string, number>;
	/** What a connection the server closed (4400–4499) last carried: the hostile message, or 'benign'. */
	refusedAfter: Map<string, number>;
	/** Sessions whose presence query got no answer in time while the process lived. */
	stalls: { attack: string; target: string; ms: number }[];
}

export function newTally(): Tally {
	return {
		messages: 0,
		sessions: 0,
		closes: new Map(),
		byAttack: new Map(),
		refusedAfter: new Map(),
		stalls: []
	};
}

const sentinel = new Uint8Array([3]);

/**
 * One attacker connection: runs of benign messages, each ended by at most one hostile message and
 * a presence query as a barrier (so a session never runs ahead of the server and every message
 * counted was read). Stops at the first close.
 */
export async function runSession(
	url: string,
	target: Target,
	plan: SessionPlan,
	ctx: {
		pool: MessagePool;
		recent: RecentMessages;
		tally: Tally;
		stallMs: number;
		/** A hostile update the server read and kept the connection open for: it may be stored. */
		accepted(room: string, attack: string, bytes: Uint8Array): void;
	}
): Promise<void> {
	const forge = new Forge(target.kind);
	const cookie = target.cookie ?? target.actor?.cookie;
	let connection: RawConnection;
	try {
		connection = new RawConnection(`${url}/${target.room}`, cookie, (data) => forge.receive(data));
	} catch {
		return;
	}
	const { tally, recent } = ctx;
	tally.sessions++;
	const send = (attack: string, bytes: Uint8Array) => {
		if (!connection.send(bytes)) return false;
		tally.messages++;
		tally.byAttack.set(attack, (tally.byAttack.get(attack) ?? 0) + 1);
		recent.add({ at: Date.now(), attack, target, bytes });
		return true;
	};
	let last = 'upgrade';
	try {
		if (!(await connection.opened)) return;
		if (plan.synced) {
			const before = connection.presenceReplies;
			send('valid.syncStep1', forge.syncStep1());
			send('valid.queryAwareness', sentinel);
			await connection.barrier(before, ctx.stallMs);
		}
		for (const segment of plan.segments) {
			for (const p of segment.benign) {
				for (const bytes of materialize({ forge, pool: ctx.pool }, p)) send(p.attack, bytes);
			}
			const hostile = segment.hostile
				? materialize({ forge, pool: ctx.pool }, segment.hostile)
				: [];
			last = segment.hostile && hostile.length ? segment.hostile.attack : 'benign';
			for (const bytes of hostile) send(segment.hostile!.attack, bytes);
			const before = connection.presenceReplies;
			if (!send('valid.queryAwareness', sentinel)) break;
			const started = Date.now();
			if (!(await connection.barrier(before, ctx.stallMs))) {
				tally.stalls.push({
					attack: segment.hostile?.attack ?? 'benign',
					target: `${target.actor?.role ?? 'anonymous'} → ${target.room}`,
					ms: Date.now() - started
				});
				break;
			}
			if (!connection.open) break;
			if (target.access === 'write')
				for (const bytes of hostile.filter((b) => b[0] === 0).slice(0, 1))
					ctx.accepted(target.room, segment.hostile!.attack, bytes);
		}
	} finally {
		await connection.end();
		const code = connection.closeCode ?? 0;
		tally.closes.set(code, (tally.closes.get(code) ?? 0) + 1);
		if (code >= 4400 && code < 4500) {
			const key = `${code} ${connection.closeReason} after ${last}`;
			tally.refusedAfter.set(key, (tally.refusedAfter.get(key) ?? 0) + 1);
		}
		forge.destroy();
	}
}
