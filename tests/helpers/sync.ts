import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as decoding from 'lib0/decoding';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { createSyncServer, type SyncConfig, type SyncServer } from '../../server/sync';
import { messageSaved } from '../../src/lib/collab/documents';
import { cardsOf } from '../../src/lib/collab/wall';
import type { Db } from '../../src/lib/server/db';

/** A real sync server on a free port, without SvelteKit: what server/index.ts runs, minus the app. */
export async function startSyncServer(
	db: Db,
	config: Partial<SyncConfig> = {}
): Promise<{ url: string; sync: SyncServer; http: Server; stop(): Promise<void> }> {
	const sync = createSyncServer(db, { onError: () => undefined, ...config });
	const http = createServer((_, res) => res.writeHead(404).end());
	http.on('upgrade', (request, socket, head) => {
		if (!sync.handleUpgrade(request, socket, head)) socket.destroy();
	});
	await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
	const { port } = http.address() as AddressInfo;
	return {
		url: `ws://127.0.0.1:${port}/sync`,
		sync,
		http,
		async stop() {
			await sync.close();
			http.closeAllConnections();
			await new Promise((resolve) => http.close(resolve));
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
