import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { readControl, readLocked } from '../../src/lib/collab/control';
import { closeCodes, documentName, parseDocumentName } from '../../src/lib/collab/documents';
import { can, documentAccess, type DocumentAccess } from '../../src/lib/domain/roles';
import { isClosed } from '../../src/lib/domain/workshop';
import { accessEvents, type AccessChange } from '../../src/lib/server/access-events';
import {
	registerLiveDocuments,
	unregisterLiveDocuments,
	type LiveDocuments
} from '../../src/lib/server/live-documents';
import { authenticateCookies } from '../../src/lib/server/auth/session';
import type { Db } from '../../src/lib/server/db';
import { serverSecret } from '../../src/lib/server/secrets';
import { getWorkshop } from '../../src/lib/server/workshops';
import { DraftPublisher } from './drafts';
import { ConnectionCounter, TokenBucket, defaultLimits, type Limits } from './limits';
import { DocPersistence } from './persistence';
import { decodeClientMessage } from './protocol';
import type { Relay } from './relay';
import { Room, type Peer } from './room';
import { SqliteAppender } from './sqlite-appender';
import { UpdateWriter } from './writer';

export interface SyncConfig {
	/** Path prefix of the endpoint; documents live at `<prefix>/<workshop>/<kind>`. */
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
	/** Anonymous cards wait a random time in this range, then go up with everyone's (anonymity). */
	anonymousDelayMs: [number, number];
	/** Trusted front proxies set X-Forwarded-For; only then is it used for the per-address cap. */
	trustProxy: boolean;
	onError: (error: unknown) => void;
}

const defaults: SyncConfig = {
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
	anonymousDelayMs: [3000, 8000],
	trustProxy: false,
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

type Verdict =
	| {
			access: Exclude<DocumentAccess, null>;
			sessionId: string;
			userId: string | null;
			moderator: boolean;
	  }
	| { refuse: number; reason: string };

export function createSyncServer(db: Db, config: Partial<SyncConfig> = {}): SyncServer {
	const options: SyncConfig = {
		...defaults,
		...config,
		limits: { ...defaultLimits, ...config.limits }
	};
	const { limits } = options;
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
	const perRoom = new ConnectionCounter();
	const perAddress = new ConnectionCounter();
	let closing = false;

	const roomOptions = {
		persistence,
		writer,
		relay: options.relay,
		limits,
		awarenessIntervalMs: options.awarenessIntervalMs,
		compactAfterUpdates: options.compactAfterUpdates,
		compactAfterBytes: options.compactAfterBytes,
		onError: options.onError,
		onBroken: (room: Room) => {
			// Drop the room without compacting; its clients reconnect and resend what is missing.
			forget(room);
			for (const peer of room.peers.keys())
				peer.close(closeCodes.storeUnavailable, 'store unavailable');
			void room.destroy().catch(() => undefined);
		}
	};

	// Rooms kept loaded while another room needs them: a content room reads its workshop's
	// control room (is the board locked?), so that one stays as long as the content room does.
	const pins = new Map<string, number>();
	const cleanups = new Map<Room, () => void>();
	const lockStates = new WeakMap<Room, boolean>();

	function openRoom(name: string): Room {
		clearTimeout(unloadTimers.get(name));
		unloadTimers.delete(name);
		let room = rooms.get(name);
		if (!room) {
			const ref = parseDocumentName(name);
			const control = ref?.kind === 'content' ? openRoom(controlName(ref.workshopId)) : null;
			const previous = Promise.all([unloading.get(name), control?.ready]).then(() => undefined);
			const created = new Room(name, roomOptions, previous);
			rooms.set(name, created);
			// A document that could not be loaded is forgotten, so the next connection tries again.
			created.ready.catch(() => forget(created));
			if (ref?.kind === 'content') cleanups.set(created, wireContentRoom(created, ref.workshopId));
			if (ref?.kind === 'control') wireControlRoom(created, ref.workshopId);
			if (ref?.kind === 'private')
				created.onPeerStored = () =>
					void drafts.draftsChanged(ref.workshopId, created).catch(options.onError);
			room = created;
		}
		return room;
	}

	/** Drops a room from the map and releases what it held (pins, observers). */
	function forget(room: Room): void {
		if (rooms.get(room.name) === room) rooms.delete(room.name);
		cleanups.get(room)?.();
		cleanups.delete(room);
	}

	const controlName = (workshopId: string) => documentName(workshopId, 'control');

	/** The workshop's current control room, whichever instance is loaded now. */
	function lockedFor(workshopId: string): boolean {
		const control = rooms.get(controlName(workshopId)) ?? openRoom(controlName(workshopId));
		return readLocked(control.doc);
	}

	/** A locked board holds participants' edits back at the server (see `wireControlRoom`). */
	function wireContentRoom(content: Room, workshopId: string): () => void {
		const name = controlName(workshopId);
		pins.set(name, (pins.get(name) ?? 0) + 1);
		content.writeGate = (peer) => peer.moderator || !lockedFor(workshopId);
		return () => {
			const left = (pins.get(name) ?? 1) - 1;
			if (left > 0) pins.set(name, left);
			else pins.delete(name);
			const control = rooms.get(name);
			if (control) scheduleUnload(control);
		};
	}

	/**
	 * On unlock, every peer of the content room is asked for what it held back, so an edit typed
	 * at the moment of locking arrives afterwards; waiting anonymous cards go up as well. Wired
	 * to each control room as it is created, so a reloaded control room is watched too.
	 */
	function wireControlRoom(control: Room, workshopId: string): void {
		void control.ready.then(() => {
			lockStates.set(control, readControl(control.doc).locked);
			control.doc.on('update', () => {
				const state = readControl(control.doc);
				if (lockStates.get(control) && !state.locked)
					rooms.get(documentName(workshopId, 'content'))?.resync();
				lockStates.set(control, state.locked);
				drafts.controlChanged(workshopId, state);
			});
		}, options.onError);
	}

	/** Opens a room for the server's own work, and lets it unload again when no one uses it. */
	async function withRoom<T>(name: string, work: (room: Room) => Promise<T> | T): Promise<T> {
		const room = openRoom(name);
		try {
			await room.ready;
			return await work(room);
		} finally {
			scheduleUnload(room);
		}
	}

	const draftSecret = serverSecret(db, 'drafts');
	draftSecret.catch(options.onError);
	const drafts = new DraftPublisher(
		{
			open: openRoom,
			release: scheduleUnload,
			async privateDocuments(workshopId) {
				const prefix = `${workshopId}/private/`;
				const names = new Set(await persistence.listDocuments(prefix));
				for (const name of rooms.keys()) if (name.startsWith(prefix)) names.add(name);
				return [...names];
			}
		},
		{
			secret: draftSecret,
			anonymousDelayMs: options.anonymousDelayMs,
			onError: options.onError
		}
	);

	const documents: LiveDocuments = {
		change: (name, edit) => withRoom(name, (room) => room.change(edit)),
		read: (name, view) => withRoom(name, (room) => view(room.doc)),
		publishDrafts: (workshopId) => drafts.publishAll(workshopId)
	};
	registerLiveDocuments(documents);

	async function unload(room: Room): Promise<void> {
		forget(room);
		const stored = room.destroy().catch(options.onError);
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

	// Several processes: apply what others stored, and reconcile with the database as a backstop.
	options.relay?.onMessage((message) => {
		if (message.kind === 'access') {
			if (message.change) void recheckAccess(message.change);
			return;
		}
		const room = rooms.get(message.doc);
		if (!room) return;
		void room.ready.then(() => {
			if (room.broken) return;
			try {
				if (message.kind === 'update') room.applyStored(message.payload, message.rowId);
				else room.applyRemoteAwareness(message.payload);
			} catch (error) {
				options.onError(error);
			}
		});
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
				options.onError(error);
			}
		}
	}

	// Live connections, with what they were let in with, so access can be re-checked.
	const connections = new Map<
		WebSocket,
		{
			cookie: string | undefined;
			docName: string;
			access: string;
			sessionId: string;
			userId: string | null;
		}
	>();

	function affectedBy(
		change: AccessChange,
		connection: { docName: string; sessionId: string; userId: string | null }
	) {
		if (change.workshopId && !connection.docName.startsWith(`${change.workshopId}/`)) return false;
		if (change.sessionId && connection.sessionId !== change.sessionId) return false;
		if (change.userId && connection.userId !== change.userId) return false;
		return true;
	}

	/**
	 * An invite was revoked or someone logged out: connections that lost access are closed now
	 * (4401/4403), and those whose access changed reconnect (4503) to get their new rights.
	 */
	async function recheckAccess(change: AccessChange): Promise<void> {
		// Only the affected connections are re-checked: one query each, so a logout never costs a
		// query per open connection of the whole process.
		for (const [socket, connection] of connections) {
			if (!affectedBy(change, connection)) continue;
			const verdict = await authorize(connection.cookie, connection.docName).catch(() => null);
			if (!verdict) continue;
			if ('refuse' in verdict) socket.close(verdict.refuse, verdict.reason);
			else if (verdict.access !== connection.access)
				socket.close(closeCodes.serverRestart, 'access changed');
		}
	}
	const onAccessChange = (change: AccessChange) => {
		void recheckAccess(change);
		options.relay?.publishAccessChange(change);
	};
	accessEvents().on('change', onAccessChange);

	async function authorize(cookie: string | undefined, docName: string): Promise<Verdict> {
		const parsed = parseDocumentName(docName);
		if (!parsed) return { refuse: closeCodes.notFound, reason: 'unknown document' };
		const session = await authenticateCookies(db, cookie);
		if (!session) return { refuse: closeCodes.unauthenticated, reason: 'not logged in' };
		const { actor } = session;
		if (!documentAccess(actor, parsed.workshopId, parsed.kind, { owner: parsed.owner }))
			return { refuse: closeCodes.forbidden, reason: 'no access' };
		const workshop = await getWorkshop(db, parsed.workshopId);
		if (!workshop) return { refuse: closeCodes.notFound, reason: 'unknown workshop' };
		const access = documentAccess(actor, parsed.workshopId, parsed.kind, {
			owner: parsed.owner,
			closed: isClosed(workshop.status)
		});
		if (!access) return { refuse: closeCodes.forbidden, reason: 'no access' };
		return {
			access,
			sessionId: session.id,
			userId: actor.kind === 'staff' ? actor.userId : null,
			moderator: can(actor, 'workshop.manage')
		};
	}

	function addressOf(request: IncomingMessage): string {
		const forwarded = options.trustProxy ? request.headers['x-forwarded-for'] : undefined;
		const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
		return first || request.socket.remoteAddress || 'unknown';
	}

	function serve(
		socket: WebSocket,
		name: string,
		{ access, moderator }: { access: Exclude<DocumentAccess, null>; moderator: boolean },
		wantsAck: boolean
	) {
		const room = openRoom(name);
		const messages = new TokenBucket(limits.messagesPerSecond, limits.messageBurst);
		const bytes = new TokenBucket(
			limits.bytesPerSecond,
			Math.max(limits.byteBurst, limits.maxMessageBytes)
		);
		const peer: Peer = {
			access,
			wantsAck,
			moderator,
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
		// Messages wait until the document is loaded, and are then handled strictly in order.
		let queue = room.ready.then(() => {
			if (socket.readyState === WebSocket.OPEN) room.join(peer);
		});
		queue.catch((error) => {
			options.onError(error);
			socket.close(closeCodes.storeUnavailable, 'document could not be loaded');
		});
		socket.on('message', (data: Buffer) => {
			if (!messages.take(1) || !bytes.take(data.byteLength)) {
				socket.close(closeCodes.flooding, 'too many messages');
				return;
			}
			queue = queue.then(() => {
				if (socket.readyState !== WebSocket.OPEN || room.broken) return;
				try {
					room.receive(peer, decodeClientMessage(new Uint8Array(data)));
				} catch {
					// Bad input closes this one connection; the room and everyone else carry on.
					socket.close(closeCodes.malformed, 'malformed message');
				}
			});
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
		verdict: Verdict,
		{
			docName,
			address,
			wantsAck,
			counted,
			cookie
		}: {
			docName: string;
			address: string;
			wantsAck: boolean;
			counted: boolean;
			cookie: string | undefined;
		}
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
			cookie,
			docName,
			access: verdict.access,
			sessionId: verdict.sessionId,
			userId: verdict.userId
		});
		ws.on('close', () => connections.delete(ws));
		serve(ws, docName, verdict, wantsAck);
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
			const cookie = request.headers.cookie;
			authorize(cookie, docName)
				.catch((error): Verdict => {
					options.onError(error);
					return { refuse: closeCodes.storeUnavailable, reason: 'server error' };
				})
				.then((verdict) => {
					if (closing) verdict = { refuse: closeCodes.serverRestart, reason: 'server restarting' };
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
					wss.handleUpgrade(request, socket, head, (ws) =>
						accept(ws, verdict, { docName, address, wantsAck, counted, cookie })
					);
				});
			return true;
		},
		async close() {
			closing = true;
			unregisterLiveDocuments(documents);
			drafts.close();
			accessEvents().off('change', onAccessChange);
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
