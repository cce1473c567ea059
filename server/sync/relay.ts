import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { AccessChange } from '../../src/lib/server/access-events';

/**
 * Links several sync processes through Redis (see README.md in this folder).
 *
 * - Document updates go into one Redis Stream, after they are committed to PostgreSQL. Every
 *   process reads the stream and applies updates for the documents it holds. A stream (unlike
 *   pub/sub) lets a reader that fell behind catch up; the database stays the source of truth, and
 *   a periodic reconciliation against it covers anything Redis lost.
 * - Presence goes over pub/sub: it is ephemeral, clients renew it every 15 s, and it is never stored.
 */
export interface RelayMessage {
	kind: 'update' | 'awareness' | 'access';
	doc: string;
	rowId: number;
	payload: Uint8Array;
	/** For kind 'access': whose access changed. */
	change?: AccessChange;
}

export interface Relay {
	readonly processId: string;
	publishUpdate(doc: string, rowId: number, update: Uint8Array): void;
	publishAwareness(doc: string, update: Uint8Array): void;
	/** Someone's access changed: every process re-checks the affected connections. */
	publishAccessChange(change: AccessChange): void;
	onMessage(handler: (message: RelayMessage) => void): void;
	close(): Promise<void>;
}

/** The stream keeps roughly this many entries: minutes of history at conference load. */
const streamLength = 100_000;

export async function createRedisRelay(
	url: string,
	{
		prefix = 'qw:sync',
		onError = (error: unknown) => console.error('[relay]', error)
	}: { prefix?: string; onError?: (error: unknown) => void } = {}
): Promise<Relay> {
	const streamKey = `${prefix}:updates`;
	const presenceChannel = `${prefix}:presence`;
	const accessChannel = `${prefix}:access`;
	const processId = randomUUID();
	const publisher = new Redis(url, { maxRetriesPerRequest: 3 });
	const reader = new Redis(url, { maxRetriesPerRequest: null });
	// Connected before it subscribes: a SUBSCRIBE sent while the connection's own handshake is
	// still running makes ioredis' ready check (INFO) fail with "Connection in subscriber mode"
	// (redis/ioredis#2037; seen here on a loaded machine).
	const subscriber = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: true });
	let closed = false;
	// Once closing, a dropped connection or a publish that can no longer go out is expected.
	const report = (error: unknown) => {
		if (!closed) onError(error);
	};
	for (const client of [publisher, reader, subscriber]) client.on('error', report);

	const handlers: ((message: RelayMessage) => void)[] = [];
	const deliver = (message: RelayMessage) => {
		for (const handler of handlers) handler(message);
	};

	// Start reading after the newest entry that exists now; older ones are in the database already.
	const newest = await publisher.xrevrange(streamKey, '+', '-', 'COUNT', 1);
	let lastId = newest[0]?.[0] ?? '0-0';

	const readLoop = (async () => {
		while (!closed) {
			try {
				const result = await reader.xreadBuffer(
					'COUNT',
					1000,
					'BLOCK',
					1000,
					'STREAMS',
					streamKey,
					lastId
				);
				if (!result) continue;
				for (const [, entries] of result) {
					for (const [id, fields] of entries) {
						lastId = id.toString();
						const entry = fieldsOf(fields);
						if (entry.p === processId) continue;
						deliver({ kind: 'update', doc: entry.d, rowId: Number(entry.r), payload: entry.b });
					}
				}
			} catch (error) {
				if (closed) return;
				onError(error);
				await new Promise((r) => setTimeout(r, 500));
			}
		}
	})();

	await subscriber.connect();
	await subscriber.subscribe(presenceChannel, accessChannel);
	subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) => {
		try {
			if (channel.toString() === accessChannel) {
				const text = message.toString();
				const space = text.indexOf(' ');
				if (text.slice(0, space) !== processId) {
					const change = JSON.parse(text.slice(space + 1)) as AccessChange;
					deliver({ kind: 'access', doc: '', rowId: 0, payload: new Uint8Array(), change });
				}
				return;
			}
			const { p, d, b } = unpackPresence(message);
			if (p !== processId) deliver({ kind: 'awareness', doc: d, rowId: 0, payload: b });
		} catch (error) {
			onError(error);
		}
	});

	return {
		processId,
		publishUpdate(doc, rowId, update) {
			publisher
				.xadd(
					streamKey,
					'MAXLEN',
					'~',
					streamLength,
					'*',
					'p',
					processId,
					'd',
					doc,
					'r',
					String(rowId),
					'b',
					Buffer.from(update)
				)
				.catch(report);
		},
		publishAwareness(doc, update) {
			publisher.publish(presenceChannel, packPresence(processId, doc, update)).catch(report);
		},
		publishAccessChange(change) {
			publisher.publish(accessChannel, `${processId} ${JSON.stringify(change)}`).catch(report);
		},
		onMessage(handler) {
			handlers.push(handler);
		},
		async close() {
			closed = true;
			reader.disconnect();
			await readLoop;
			// A subscribed connection takes no QUIT in ioredis; it is simply disconnected.
			subscriber.disconnect();
			await publisher.quit().catch(() => undefined);
		}
	};
}

function fieldsOf(fields: Buffer[]): { p: string; d: string; r: string; b: Uint8Array } {
	const out: Record<string, Buffer> = {};
	for (let i = 0; i + 1 < fields.length; i += 2) out[fields[i].toString()] = fields[i + 1];
	return {
		p: out.p?.toString() ?? '',
		d: out.d?.toString() ?? '',
		r: out.r?.toString() ?? '0',
		b: new Uint8Array(out.b ?? [])
	};
}

/** Presence message: process id and document name as length-prefixed strings, then the update. */
function packPresence(processId: string, doc: string, update: Uint8Array): Buffer {
	const p = Buffer.from(processId);
	const d = Buffer.from(doc);
	return Buffer.concat([
		Buffer.from([p.length]),
		p,
		Buffer.from([d.length >> 8, d.length & 255]),
		d,
		update
	]);
}

function unpackPresence(message: Buffer): { p: string; d: string; b: Uint8Array } {
	const pLength = message[0];
	const p = message.subarray(1, 1 + pLength).toString();
	const dLength = (message[1 + pLength] << 8) | message[2 + pLength];
	const dStart = 3 + pLength;
	const d = message.subarray(dStart, dStart + dLength).toString();
	return { p, d, b: new Uint8Array(message.subarray(dStart + dLength)) };
}
