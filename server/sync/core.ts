import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { closeCodes } from '../../src/lib/collab/documents';
import type { Db } from '../../src/lib/server/db';
import type { Admission, ConnectionInfo, Engine, SyncHooks, Verdict } from './hooks';
import { RejectedMessage } from './inspect';
import { ConnectionCounter, TokenBucket, defaultLimits, type Limits } from './limits';
import { DocPersistence } from './persistence';
import { decodeClientMessage, type ClientMessage } from './protocol';
import type { Relay } from './relay';
import { Room, type Peer } from './room';
import { SqliteAppender } from './sqlite-appender';
import { UpdateWriter } from './writer';

export interface CoreConfig {
	/** Path prefix of the endpoint; documents live at `<prefix>/<document name>`. */
	prefix: string;
	limits: Limits;
	/** An empty room is stored and unloaded after this long (the promise: within 60 s). */
	unloadAfterMs: number;
	/** Connections that do not answer a ping within this time are dropped. */
	pingIntervalMs: number;
	awarenessIntervalMs: number;
	compactAfterUpdates: number;
	compactAfterBytes: number;
	/** Several processes: the Redis relay, and how often to reconcile with the database. */
	relay: Relay | null;
	reconcileIntervalMs: number;
	/** Look back this far when reconciling: covers PostgreSQL ids that commit out of order. */
	reconcileWindowMs: number;
	/** Trusted front proxies set X-Forwarded-For; only then is it used for the per-address cap. */
	trustProxy: boolean;
	/**
	 * Browsers send `Origin` on a WebSocket upgrade and let any page open one, cookies included:
	 * without this check a page on another (even same-site) origin could use a logged-in
	 * facilitator's session. Returns whether the upgrade's Origin header may connect.
	 */
	allowOrigin: (request: IncomingMessage) => boolean;
	onError: (error: unknown) => void;
}

export const coreDefaults: CoreConfig = {
	prefix: '/sync',
	limits: defaultLimits,
	unloadAfterMs: 30_000,
	pingIntervalMs: 30_000,
	awarenessIntervalMs: 50,
	compactAfterUpdates: 1000,
	compactAfterBytes: 1024 * 1024,
	relay: null,
	reconcileIntervalMs: 2000,
	reconcileWindowMs: 15_000,
	trustProxy: false,
	allowOrigin: () => true,
	onError: (error) => console.error('[sync]', error)
};

export interface SyncServer {
	/** Takes over an HTTP upgrade; returns false when the path is not ours. */
	handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean;
	/** Rooms currently loaded (for tests, health checks and benchmarks). */
	readonly rooms: ReadonlyMap<string, Room>;
	/** Refuses new connections, stores everything and closes every client with a retry code. */
	close(): Promise<void>;
}

/**
 * The sync core: rooms (load, unload after idle, reload after a failure), connections (limits,
 * strict per-connection order, heartbeat), persistence and the relay between processes. What a
 * connection may open and write is decided by the hooks.
 */
export function createSyncCore<Context>(
	db: Db,
	config: Partial<CoreConfig>,
	hooks: SyncHooks<Context>
): SyncServer {
	const options: CoreConfig = {
		...coreDefaults,
		...config,
		limits: { ...defaultLimits, ...config.limits }
	};
	const { limits, onError } = options;
	const persistence = new DocPersistence(db);
	// SQLite files get a writer thread, so waiting for the disk never stalls the connections.
	const appender =
		db.kind === 'sqlite' && db.path && db.path !== ':memory:' ? new SqliteAppender(db.path) : null;
	const writer = new UpdateWriter((rows) =>
		appender ? appender.append(rows) : persistence.append(rows)
	);
	const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes });
	const rooms = new Map<string, Room>();
	const unloadTimers = new Map<string, NodeJS.Timeout>();
	const unloading = new Map<string, Promise<void>>();
	const pins = new Map<string, number>();
	const cleanups = new Map<Room, () => void>();
	const perRoom = new ConnectionCounter();
	const perAddress = new ConnectionCounter();
	const connections = new Map<WebSocket, ConnectionInfo<Context>>();
	let closing = false;

	const roomOptions = {
		persistence,
		writer,
		relay: options.relay,
		limits,
		awarenessIntervalMs: options.awarenessIntervalMs,
		compactAfterUpdates: options.compactAfterUpdates,
		compactAfterBytes: options.compactAfterBytes,
		onError,
		policy: hooks,
		onBroken: (room: Room) => {
			// Drop the room without compacting; its clients reconnect and resend what is missing.
			forget(room);
			for (const peer of room.peers.keys())
				peer.close(closeCodes.storeUnavailable, 'store unavailable');
			room.destroy().catch(onError);
		}
	};

	function openRoom(name: string): Room {
		clearTimeout(unloadTimers.get(name));
		unloadTimers.delete(name);
		const existing = rooms.get(name);
		if (existing) return existing;
		const dependencies = hooks.dependencies?.(name) ?? [];
		const unpins = dependencies.map(pin);
		const previous = Promise.all([
			unloading.get(name),
			...dependencies.map((dependency) => openRoom(dependency).ready)
		]).then(() => undefined);
		const room = new Room(name, roomOptions, previous);
		rooms.set(name, room);
		// A document that could not be loaded is forgotten, so the next connection tries again.
		room.ready.catch((error: unknown) => {
			onError(error);
			forget(room);
		});
		const cleanup = hooks.onCreateRoom?.({ room });
		cleanups.set(room, () => {
			cleanup?.();
			for (const unpin of unpins) unpin();
		});
		return room;
	}

	/** Drops a room from the map and releases what it held (pins, observers). */
	function forget(room: Room): void {
		if (rooms.get(room.name) === room) rooms.delete(room.name);
		cleanups.get(room)?.();
		cleanups.delete(room);
	}

	function pin(name: string): () => void {
		pins.set(name, (pins.get(name) ?? 0) + 1);
		openRoom(name);
		let pinned = true;
		return () => {
			if (!pinned) return;
			pinned = false;
			const left = (pins.get(name) ?? 1) - 1;
			if (left > 0) pins.set(name, left);
			else pins.delete(name);
			const room = rooms.get(name);
			if (room) scheduleUnload(room);
		};
	}

	async function withRoom<T>(name: string, work: (room: Room) => Promise<T> | T): Promise<T> {
		const room = openRoom(name);
		try {
			await room.ready;
			return await work(room);
		} finally {
			scheduleUnload(room);
		}
	}

	async function unload(room: Room): Promise<void> {
		forget(room);
		const stored = room.destroy().catch(onError);
		unloading.set(room.name, stored);
		await stored;
		if (unloading.get(room.name) === stored) unloading.delete(room.name);
	}

	function scheduleUnload(room: Room): void {
		if (room.size > 0 || closing || pins.has(room.name)) return;
		clearTimeout(unloadTimers.get(room.name));
		const timer = setTimeout(() => {
			unloadTimers.delete(room.name);
			if (room.size === 0 && !pins.has(room.name) && rooms.get(room.name) === room)
				void unload(room);
		}, options.unloadAfterMs);
		timer.unref();
		unloadTimers.set(room.name, timer);
	}

	const engine: Engine<Context> = {
		open: openRoom,
		release: scheduleUnload,
		withRoom,
		pin,
		loaded: (name) => rooms.get(name),
		async documentNames(prefix) {
			const names = new Set(await persistence.listDocuments(prefix));
			for (const name of rooms.keys()) if (name.startsWith(prefix)) names.add(name);
			return [...names];
		},
		connections: () => connections.values(),
		publish(message) {
			if (message.change) options.relay?.publishAccessChange(message.change);
		}
	};
	hooks.onConfigure?.(engine);

	// Several processes: apply what others stored, and reconcile with the database as a backstop.
	options.relay?.onMessage((message) => {
		if (message.kind !== 'update' && message.kind !== 'awareness') {
			hooks.onRelayMessage?.(message);
			return;
		}
		const room = rooms.get(message.doc);
		if (!room) return;
		room.ready
			.then(
				() => {
					if (room.broken) return;
					if (message.kind === 'update') room.applyStored(message.payload, message.rowId);
					else room.applyRemoteAwareness(message.payload);
				},
				() => undefined // reported where the room failed to load
			)
			.catch(onError);
	});

	// One heartbeat for all connections (a timer per connection costs memory at 10,000 of them):
	// a connection that did not answer the previous ping is dropped.
	const unanswered = new Set<WebSocket>();
	const heartbeat = setInterval(() => {
		for (const socket of wss.clients) {
			if (unanswered.has(socket)) {
				socket.terminate();
				continue;
			}
			unanswered.add(socket);
			socket.ping();
		}
	}, options.pingIntervalMs);
	heartbeat.unref();

	const reconcileTimer = options.relay
		? setInterval(() => void reconcile(), options.reconcileIntervalMs)
		: null;
	reconcileTimer?.unref();

	async function reconcile(): Promise<void> {
		for (const room of rooms.values()) {
			try {
				await room.ready;
				const since = Date.now() - options.reconcileWindowMs;
				const snapshot = await persistence.readSnapshotIfNewer(room.name, room.snapshotSeenAt);
				if (snapshot) {
					room.snapshotSeenAt = snapshot.at;
					room.applyStored(snapshot.data);
				}
				for (const row of await persistence.readRecent(room.name, room.maxSeenId, since))
					room.applyStored(row.data, row.id);
			} catch (error) {
				onError(error);
			}
		}
	}

	function addressOf(request: IncomingMessage): string {
		const forwarded = options.trustProxy ? request.headers['x-forwarded-for'] : undefined;
		const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
		return first || request.socket.remoteAddress || 'unknown';
	}

	/** Handles one message; whatever goes wrong closes this one connection, never the process. */
	async function handle(socket: WebSocket, room: Room, peer: Peer, data: Buffer): Promise<void> {
		if (socket.readyState !== WebSocket.OPEN || room.broken) return;
		let message: ClientMessage;
		try {
			message = decodeClientMessage(new Uint8Array(data));
		} catch {
			socket.close(closeCodes.malformed, 'malformed message');
			return;
		}
		try {
			await room.receive(peer, message);
		} catch (error) {
			if (error instanceof RejectedMessage) {
				socket.close(error.closeCode ?? closeCodes.malformed, error.message.slice(0, 120));
				return;
			}
			// Not the message's fault as far as we know (e.g. the store failed while claiming a
			// client id): report it, and let the client retry on a fresh connection.
			onError(error);
			socket.close(closeCodes.storeUnavailable, 'server error');
		}
	}

	function serve(
		socket: WebSocket,
		name: string,
		admission: Admission<Context>,
		wantsAck: boolean
	) {
		const room = openRoom(name);
		const messages = new TokenBucket(limits.messagesPerSecond, limits.messageBurst);
		const bytes = new TokenBucket(
			limits.bytesPerSecond,
			Math.max(limits.byteBurst, limits.maxMessageBytes)
		);
		const peer: Peer = {
			access: admission.access,
			moderator: admission.moderator,
			owner: admission.owner,
			wantsAck,
			send(message) {
				if (socket.readyState !== WebSocket.OPEN) return;
				// A client that cannot keep up would make the server buffer without bound.
				if (socket.bufferedAmount > limits.maxBufferedBytes) {
					socket.close(closeCodes.fellBehind, 'fell behind');
					return;
				}
				socket.send(message);
			},
			close(code, reason) {
				socket.close(code, reason);
			}
		};
		// Messages wait until the document is loaded, and are then handled strictly in order. The
		// chain never rejects: `handle` catches everything, and a failed load closes the socket.
		let queue: Promise<void> = room.ready.then(
			() => {
				if (socket.readyState === WebSocket.OPEN) room.join(peer);
			},
			() => socket.close(closeCodes.storeUnavailable, 'document could not be loaded')
		);
		socket.on('message', (data: Buffer) => {
			if (!messages.take(1) || !bytes.take(data.byteLength)) {
				socket.close(closeCodes.flooding, 'too many messages');
				return;
			}
			queue = queue.then(() => handle(socket, room, peer, data));
		});
		socket.on('pong', () => unanswered.delete(socket));
		socket.on('close', () => {
			unanswered.delete(socket);
			room.leave(peer);
			scheduleUnload(room);
		});
	}

	/**
	 * Takes over an upgraded socket. Kept apart from the upgrade handler on purpose: closures made
	 * here live as long as the connection, and must not hold the request and its buffers.
	 */
	function accept(
		ws: WebSocket,
		verdict: Verdict<Context>,
		docName: string,
		{ address, wantsAck, counted }: { address: string; wantsAck: boolean; counted: boolean }
	) {
		ws.on('error', () => ws.terminate());
		if (counted) {
			ws.on('close', () => {
				perAddress.remove(address);
				perRoom.remove(docName);
			});
		}
		// Completing the handshake first lets the client read the code (4400–4499: final).
		if ('refuse' in verdict) {
			ws.close(verdict.refuse, verdict.reason);
			return;
		}
		connections.set(ws, {
			docName,
			admission: verdict,
			close: (code, reason) => ws.close(code, reason)
		});
		ws.on('close', () => connections.delete(ws));
		serve(ws, docName, verdict, wantsAck);
	}

	async function admit(request: IncomingMessage, docName: string): Promise<Verdict<Context>> {
		if (closing) return { refuse: closeCodes.serverRestart, reason: 'server restarting' };
		if (!options.allowOrigin(request))
			return { refuse: closeCodes.forbidden, reason: 'origin not allowed' };
		try {
			return await hooks.onAuthenticate({ docName, request });
		} catch (error) {
			onError(error);
			return { refuse: closeCodes.storeUnavailable, reason: 'server error' };
		}
	}

	return {
		rooms,
		handleUpgrade(request, socket, head) {
			const url = new URL(request.url ?? '/', 'http://localhost');
			if (!url.pathname.startsWith(`${options.prefix}/`)) return false;
			let docName: string;
			try {
				docName = decodeURIComponent(url.pathname.slice(options.prefix.length + 1));
			} catch {
				docName = '';
			}
			const wantsAck = url.searchParams.get('saved') === '1';
			const address = addressOf(request);
			socket.on('error', () => socket.destroy());
			void admit(request, docName).then((admitted) => {
				let verdict = admitted;
				let counted = false;
				if (!('refuse' in verdict)) {
					if (!perAddress.tryAdd(address, limits.maxConnectionsPerAddress)) {
						verdict = { refuse: closeCodes.tooManyConnections, reason: 'too many connections' };
					} else if (!perRoom.tryAdd(docName, limits.maxConnectionsPerRoom)) {
						perAddress.remove(address);
						verdict = { refuse: closeCodes.roomFull, reason: 'room full' };
					} else {
						counted = true;
					}
				}
				try {
					wss.handleUpgrade(request, socket, head, (ws) =>
						accept(ws, verdict, docName, { address, wantsAck, counted })
					);
				} catch (error) {
					// A broken handshake (e.g. a bad Sec-WebSocket-Key) answered by ws itself.
					if (counted) {
						perAddress.remove(address);
						perRoom.remove(docName);
					}
					onError(error);
				}
			});
			return true;
		},
		async close() {
			closing = true;
			hooks.onDestroy?.();
			clearInterval(heartbeat);
			if (reconcileTimer) clearInterval(reconcileTimer);
			for (const timer of unloadTimers.values()) clearTimeout(timer);
			unloadTimers.clear();
			for (const client of wss.clients) client.close(closeCodes.serverRestart, 'server restarting');
			await Promise.all([...rooms.values()].map((room) => unload(room)));
			await Promise.all(unloading.values());
			await appender?.close();
			await new Promise<void>((resolve) => wss.close(() => resolve()));
		}
	};
}
