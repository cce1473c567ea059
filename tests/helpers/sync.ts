import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Awareness } from 'y-protocols/awareness';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { createSyncServer, type SyncConfig, type WorkshopSyncServer } from '../../server/sync';
import type { Room } from '../../server/sync/room';
import { messageSaved } from '../../src/lib/collab/documents';
import { cardsOf } from '../../src/lib/collab/wall';
import { createAccessEvents, type AccessEvents } from '../../src/lib/server/access-events';
import type { Db } from '../../src/lib/server/db';
import type { AppServices } from '../../src/lib/server/services';
import { ErrorLog, type ErrorMatcher } from './errors';

export interface TestSyncServer {
	url: string;
	sync: WorkshopSyncServer;
	/** The access signal the server listens to: what the app would announce on. */
	access: AccessEvents;
	/** What the app would receive beside this server (src/lib/server/services.ts). */
	services: AppServices;
	http: Server;
	/** Everything the server reported through `onError`, in order. */
	readonly errors: unknown[];
	/** Declares errors this test provokes on purpose; `stop()` fails on any other. */
	expectErrors(...matchers: ErrorMatcher[]): void;
	/** Closes the server, then throws if it reported an error nobody declared. */
	stop(): Promise<void>;
}

/**
 * A real sync server on a free port, without SvelteKit: what server/index.ts runs, minus the app.
 * A server error is a test failure: the engine reports what it survived through `onError`, and a
 * test that swallowed those reports would pass while the server misbehaves.
 */
export async function startSyncServer(
	db: Db,
	config: Partial<SyncConfig> = {}
): Promise<TestSyncServer> {
	const log = new ErrorLog('sync server');
	const access = config.access ?? createAccessEvents();
	const sync = createSyncServer(db, {
		...config,
		access,
		onError: (error) => {
			log.report(error);
			config.onError?.(error);
		}
	});
	const http = createServer((_, res) => res.writeHead(404).end());
	http.on('upgrade', (request, socket, head) => {
		if (!sync.handleUpgrade(request, socket, head)) socket.destroy();
	});
	await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
	const { port } = http.address() as AddressInfo;
	return {
		url: `ws://127.0.0.1:${port}/sync`,
		sync,
		access,
		services: { db, access, documents: sync.documents },
		http,
		errors: log.errors,
		expectErrors: (...matchers) => log.expect(...matchers),
		async stop() {
			await sync.close();
			http.closeAllConnections();
			await new Promise((resolve) => http.close(resolve));
			log.check();
		}
	};
}

/** The stock client, as a browser would use it; Node needs `ws` and the cookie set by hand. */
export function connectClient(
	url: string,
	docName: string,
	cookie?: string,
	{ ack = false }: { ack?: boolean } = {}
) {
	class CookieWebSocket extends WebSocket {
		constructor(address: string, protocols?: string | string[]) {
			super(address, protocols, { headers: cookie ? { cookie } : {} });
		}
	}
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(url, docName, doc, {
		WebSocketPolyfill: CookieWebSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true,
		params: ack ? { saved: '1' } : {}
	});
	// Our client's handler for the "saved" message: the highest own clock the server has stored.
	let storedClock = 0;
	const acks: number[] = [];
	if (ack) {
		(provider.messageHandlers as unknown[])[messageSaved] = (
			_e: unknown,
			decoder: decoding.Decoder
		) => {
			const stored = Y.decodeStateVector(decoding.readVarUint8Array(decoder));
			storedClock = Math.max(storedClock, stored.get(doc.clientID) ?? 0);
			acks.push(performance.now());
		};
	}
	const closes: number[] = [];
	provider.on('connection-close', (event) => {
		if (event) closes.push(event.code);
	});
	return {
		doc,
		provider,
		closes,
		acks,
		storedClock: () => storedClock,
		ownClock: () => ownClock(doc),
		synced: () =>
			new Promise<void>((resolve) => {
				if (provider.synced) resolve();
				else provider.once('sync', () => resolve());
			}),
		destroy() {
			try {
				provider.destroy();
			} catch (error) {
				// y-websocket's destroy reads the presence of `doc.clientID`; when Yjs has just given the
				// doc a new client id (it saw foreign content under the old one) that entry is missing.
				// Only the fuzz test provokes this; the client is gone either way.
				if (!(error instanceof TypeError)) throw error;
			}
			doc.destroy();
		}
	};
}

/** Retries an assertion until it passes or the deadline is reached (then throws its last error). */
export async function eventually(assertion: () => void | Promise<void>, timeoutMs = 5000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		try {
			await assertion();
			return;
		} catch (error) {
			if (Date.now() > deadline) throw error;
			await new Promise((r) => setTimeout(r, 20));
		}
	}
}

export type RawSocket = ReturnType<typeof rawSocket>;

/** A raw socket: what a hostile or broken client can send. Resolves with the close code. */
export function rawSocket(url: string, cookie?: string) {
	const socket = new WebSocket(url, { headers: cookie ? { cookie } : {} });
	const received: Buffer[] = [];
	socket.on('message', (data: Buffer) => received.push(data));
	const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
	const opened = new Promise<void>((resolve, reject) => {
		socket.on('open', () => resolve());
		socket.on('error', reject);
	});
	return { socket, received, closed, opened };
}

export function ownClock(doc: Y.Doc): number {
	return Y.decodeStateVector(Y.encodeStateVector(doc)).get(doc.clientID) ?? 0;
}

/** Client ids that wrote a card: its entry in the wall's map and each of its fields. */
export function cardAuthors(doc: Y.Doc, cardId: string): number[] {
	type Item = { id: { client: number } };
	const entry = (cardsOf(doc) as unknown as { _map: Map<string, Item> })._map.get(cardId)!;
	const fields = cardsOf(doc).get(cardId) as unknown as { _map: Map<string, Item> };
	return [entry.id.client, ...[...fields._map.values()].map((item) => item.id.client)];
}

/** A presence (awareness) message as y-websocket sends it: client id, clock and JSON state. */
export function awarenessMessage(entries: { id: number; clock: number; state: unknown }[]) {
	const inner = encoding.createEncoder();
	encoding.writeVarUint(inner, entries.length);
	for (const e of entries) {
		encoding.writeVarUint(inner, e.id);
		encoding.writeVarUint(inner, e.clock);
		encoding.writeVarString(inner, JSON.stringify(e.state));
	}
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, 1);
	encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner));
	return encoding.toUint8Array(encoder);
}

/** The states a presence message carries, by client id (null: that client left). */
export function readAwarenessMessage(message: Uint8Array): Map<number, unknown> {
	const decoder = decoding.createDecoder(message);
	if (decoding.readVarUint(decoder) !== 1) throw new Error('not a presence message');
	const inner = decoding.createDecoder(decoding.readVarUint8Array(decoder));
	const states = new Map<number, unknown>();
	for (let n = decoding.readVarUint(inner); n > 0; n--) {
		const id = decoding.readVarUint(inner);
		decoding.readVarUint(inner);
		states.set(id, JSON.parse(decoding.readVarString(inner)));
	}
	return states;
}

// Client ids for presence sentinels. Yjs picks real ones at random from 32 bits, so a counter
// meets one of a test's few clients with negligible chance.
let lastSentinel = 0x7fff_0000;
const nextSentinel = () => ++lastSentinel;

/** Resolves once `awareness` shows `clientId` with `barrier: token` (checked at once, then on each change). */
function presenceSeen(awareness: Awareness, clientId: number, token: number): Promise<void> {
	return new Promise((resolve) => {
		const look = () => {
			const state = awareness.getStates().get(clientId) as { barrier?: number } | undefined;
			if (state?.barrier !== token) return;
			awareness.off('update', look);
			resolve();
		};
		awareness.on('update', look);
		look();
	});
}

/**
 * A barrier for "nothing happened": the server handles each connection's messages strictly in
 * order, so once a presence sentinel sent after some messages shows up at `seenBy` (the room's own
 * state, or another client), the server has handled those messages — applied, dropped or held
 * back. An update the room applied is in `room.doc` at once; nothing reaches anyone else without
 * passing through it. Presence, not an edit, so that read-only and locked-out connections can
 * send it too.
 */
export async function presenceBarrier(
	from: ReturnType<typeof connectClient>,
	seenBy: Awareness
): Promise<void> {
	const token = nextSentinel();
	const seen = presenceSeen(seenBy, from.doc.clientID, token);
	from.provider.awareness.setLocalStateField('barrier', token);
	await seen;
}

/**
 * The same barrier for a raw socket: a presence entry under a fresh client id, sent after whatever
 * the test sent. Resolves with 'handled' once the room holds it, or with the close code if the
 * server closed the connection first (then the later messages were never handled).
 */
export async function handledBy(room: Room, raw: RawSocket): Promise<'handled' | number> {
	const id = nextSentinel();
	const seen = presenceSeen(room.awareness, id, id);
	raw.socket.send(awarenessMessage([{ id, clock: 1, state: { barrier: id } }]));
	return Promise.race([seen.then(() => 'handled' as const), raw.closed]);
}

/**
 * Resolves with 'admitted' once the server sent a document message (it does so only to a
 * connection it let into the room: the first sync step), or with the close code of a refusal.
 */
export function admitted(raw: RawSocket): Promise<'admitted' | number> {
	const first = new Promise<'admitted'>((resolve) => {
		if (raw.received.length) resolve('admitted');
		else raw.socket.once('message', () => resolve('admitted'));
	});
	return Promise.race([first, raw.closed]);
}
