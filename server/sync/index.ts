import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { closeCodes, parseDocumentName } from '../../src/lib/collab/documents';
import { documentAccess, type DocumentAccess } from '../../src/lib/domain/roles';
import { authenticateCookies } from '../../src/lib/server/auth/session';
import type { Db } from '../../src/lib/server/db';
import { getWorkshop } from '../../src/lib/server/workshops';
import { DocPersistence } from './persistence';
import { decodeClientMessage } from './protocol';
import { Room, type Peer } from './room';

export interface SyncConfig {
	/** Path prefix of the endpoint; documents live at `<prefix>/<workshop>/<kind>`. */
	prefix: string;
	/** Largest accepted message: big enough for a legitimate offline diff. */
	maxMessageBytes: number;
	/** An empty room is stored and unloaded after this long. */
	unloadAfterMs: number;
	/** Connections that do not answer a ping within this time are dropped. */
	pingIntervalMs: number;
	onError: (error: unknown) => void;
}

const defaults: SyncConfig = {
	prefix: '/sync',
	maxMessageBytes: 16 * 1024 * 1024,
	unloadAfterMs: 30_000,
	pingIntervalMs: 30_000,
	onError: (error) => console.error('[sync]', error)
};

export interface SyncServer {
	/** Takes over an HTTP upgrade; returns false when the path is not ours. */
	handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean;
	/** Rooms currently loaded (for tests and health checks). */
	readonly rooms: ReadonlyMap<string, Room>;
	/** Stores everything and closes every client with a retry code. */
	close(): Promise<void>;
}

export function createSyncServer(db: Db, config: Partial<SyncConfig> = {}): SyncServer {
	const options = { ...defaults, ...config };
	const persistence = new DocPersistence(db);
	const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes });
	const rooms = new Map<string, Room>();
	const unloadTimers = new Map<string, NodeJS.Timeout>();
	const unloading = new Map<string, Promise<void>>();
	let closing = false;

	function openRoom(name: string): Room {
		clearTimeout(unloadTimers.get(name));
		unloadTimers.delete(name);
		let room = rooms.get(name);
		if (!room) {
			room = new Room(name, persistence, options.onError, unloading.get(name));
			rooms.set(name, room);
		}
		return room;
	}

	function scheduleUnload(room: Room): void {
		if (room.size > 0 || closing) return;
		clearTimeout(unloadTimers.get(room.name));
		const timer = setTimeout(async () => {
			unloadTimers.delete(room.name);
			if (room.size > 0 || rooms.get(room.name) !== room) return;
			rooms.delete(room.name);
			const stored = room.destroy().catch(options.onError);
			unloading.set(room.name, stored);
			await stored;
			if (unloading.get(room.name) === stored) unloading.delete(room.name);
		}, options.unloadAfterMs);
		timer.unref();
		unloadTimers.set(room.name, timer);
	}

	async function authorize(
		request: IncomingMessage,
		docName: string
	): Promise<{ access: Exclude<DocumentAccess, null> } | { refuse: number; reason: string }> {
		const parsed = parseDocumentName(docName);
		if (!parsed) return { refuse: closeCodes.notFound, reason: 'unknown document' };
		const session = await authenticateCookies(db, request.headers.cookie);
		if (!session) return { refuse: closeCodes.unauthenticated, reason: 'not logged in' };
		const access = documentAccess(session.actor, parsed.workshopId, parsed.kind);
		if (!access) return { refuse: closeCodes.forbidden, reason: 'no access' };
		if (!(await getWorkshop(db, parsed.workshopId)))
			return { refuse: closeCodes.notFound, reason: 'unknown workshop' };
		return { access };
	}

	function serve(socket: WebSocket, name: string, access: Exclude<DocumentAccess, null>): void {
		const room = openRoom(name);
		let alive = true;
		const peer: Peer = {
			access,
			send(message) {
				if (socket.readyState === WebSocket.OPEN) socket.send(message);
			},
			close(code, reason) {
				socket.close(code, reason);
			}
		};
		// Messages wait until the document is loaded, and are then handled strictly in order.
		let queue = room.ready.then(() => room.join(peer));
		queue.catch((error) => {
			options.onError(error);
			socket.close(4500, 'document could not be loaded');
		});
		socket.on('message', (data: Buffer) => {
			queue = queue.then(() => {
				if (socket.readyState !== WebSocket.OPEN) return;
				try {
					room.receive(peer, decodeClientMessage(new Uint8Array(data)));
				} catch {
					// Bad input closes this one connection; the room and everyone else carry on.
					socket.close(closeCodes.malformed, 'malformed message');
				}
			});
		});
		socket.on('pong', () => (alive = true));
		const ping = setInterval(() => {
			if (!alive) return socket.terminate();
			alive = false;
			socket.ping();
		}, options.pingIntervalMs);
		socket.on('close', () => {
			clearInterval(ping);
			room.leave(peer);
			scheduleUnload(room);
		});
		socket.on('error', () => socket.terminate());
	}

	function refuse(socket: WebSocket, code: number, reason: string) {
		// Completing the handshake first lets the stock client read the code and stop retrying.
		socket.close(code, reason);
	}

	return {
		rooms,
		handleUpgrade(request, socket, head) {
			const url = new URL(request.url ?? '/', 'http://localhost');
			if (!url.pathname.startsWith(`${options.prefix}/`)) return false;
			const docName = decodeURIComponent(url.pathname.slice(options.prefix.length + 1));
			socket.on('error', () => socket.destroy());
			authorize(request, docName)
				.catch((error) => {
					options.onError(error);
					return { refuse: 4500, reason: 'server error' };
				})
				.then((verdict) => {
					if (closing) verdict = { refuse: closeCodes.serverRestart, reason: 'server restarting' };
					wss.handleUpgrade(request, socket, head, (ws) => {
						if ('refuse' in verdict) refuse(ws, verdict.refuse, verdict.reason);
						else serve(ws, docName, verdict.access);
					});
				});
			return true;
		},
		async close() {
			closing = true;
			for (const timer of unloadTimers.values()) clearTimeout(timer);
			unloadTimers.clear();
			for (const client of wss.clients) client.close(closeCodes.serverRestart, 'server restarting');
			await Promise.all([...rooms.values()].map((room) => room.destroy().catch(options.onError)));
			rooms.clear();
			await new Promise<void>((resolve) => wss.close(() => resolve()));
		}
	};
}
