import { syncMessage } from './bytes';
import { RawConnection } from './connection';
import type { Actor, Room } from './world';

export type LoadOutcome = 'loaded' | 'timeout' | { closed: number };

/**
 * Opens a room as the stock client does (sync step 1 with an empty state vector) and waits until
 * the server has loaded it: its first sync message, which it sends only after loading. `log`
 * receives every update the server forwards afterwards (a witness of what is stored).
 */
export async function openRoom(
	url: string,
	room: Room,
	actor: Actor,
	timeoutMs: number,
	log?: (update: Uint8Array) => void
): Promise<{ connection: RawConnection; outcome: LoadOutcome }> {
	let loaded: () => void = () => undefined;
	const ready = new Promise<void>((resolve) => (loaded = resolve));
	const connection = new RawConnection(`${url}/${room.name}`, actor.cookie, (data) => {
		if (data[0] !== 0) return;
		loaded();
		// Type 0, step 2 (an update the server stored and forwards), then the length-prefixed update.
		if (log && data[1] === 2) log(stripHeader(data));
	});
	if (!(await connection.opened))
		return { connection, outcome: { closed: connection.closeCode ?? 0 } };
	connection.send(syncMessage(0, new Uint8Array([0])));
	let timer: NodeJS.Timeout | undefined;
	const outcome = await Promise.race<LoadOutcome>([
		ready.then(() => 'loaded' as const),
		connection.closed.then((code) => ({ closed: code })),
		new Promise<LoadOutcome>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)))
	]);
	clearTimeout(timer);
	return { connection, outcome };
}

/** The payload of `00 02 <varuint length> <update>`. */
function stripHeader(data: Uint8Array): Uint8Array {
	let offset = 2;
	while (data[offset] & 0x80) offset++;
	return data.slice(offset + 1);
}

/** One presence query and its answer: proof the process still serves. False if it does not. */
export async function roundTrip(url: string, room: Room, actor: Actor, timeoutMs = 10_000) {
	const connection = new RawConnection(`${url}/${room.name}`, actor.cookie);
	try {
		if (!(await connection.opened)) return false;
		const before = connection.presenceReplies;
		connection.send(new Uint8Array([3]));
		return (await connection.barrier(before, timeoutMs)) && connection.open;
	} finally {
		await connection.end();
	}
}

export function describe(outcome: LoadOutcome): string {
	return typeof outcome === 'string' ? outcome : `closed with ${outcome.closed}`;
}
