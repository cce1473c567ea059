import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { DocumentAccess } from '../../src/lib/domain/roles';
import type { DocPersistence } from './persistence';
import {
	encodeAwareness,
	encodeSyncStep1,
	encodeSyncStep2,
	encodeUpdate,
	type ClientMessage
} from './protocol';

/** What the room needs of a connection: a way to send, and to be closed. */
export interface Peer {
	readonly access: Exclude<DocumentAccess, null>;
	send(message: Uint8Array): void;
	close(code: number, reason: string): void;
}

const loadOrigin = Symbol('load');

/** Fold the log into a snapshot once it holds this many updates. */
const compactAfterUpdates = 1000;

/**
 * One live document and the peers editing it. Every update is stored before it is forwarded:
 * updates of one event-loop turn are collected, written in one transaction, then broadcast.
 */
export class Room {
	readonly doc = new Y.Doc({ gc: true });
	readonly awareness = new awarenessProtocol.Awareness(this.doc);
	readonly peers = new Map<Peer, Set<number>>();
	readonly ready: Promise<void>;
	#pending: Uint8Array[] = [];
	#flushing: Promise<void> = Promise.resolve();
	#flushScheduled = false;
	#logLength = 0;

	constructor(
		readonly name: string,
		readonly persistence: DocPersistence,
		readonly onError: (error: unknown) => void,
		/** A previous instance of this document still being stored; loading waits for it. */
		previous: Promise<void> = Promise.resolve()
	) {
		// The server holds no presence of its own; a client's state must never outlive its socket.
		this.awareness.setLocalState(null);
		this.ready = previous.then(async () => {
			const n = await persistence.load(name, this.doc, loadOrigin);
			this.#logLength = n;
		});
		this.doc.on('update', (update: Uint8Array, origin: unknown) => {
			if (origin === loadOrigin) return;
			this.#pending.push(update);
			this.#scheduleFlush();
		});
		this.awareness.on(
			'update',
			(
				{ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
				origin: unknown
			) => {
				const owned = this.peers.get(origin as Peer);
				if (owned) {
					for (const id of added) owned.add(id);
					for (const id of removed) owned.delete(id);
				}
				this.broadcast(encodeAwareness(this.awareness, [...added, ...updated, ...removed]));
			}
		);
	}

	get size(): number {
		return this.peers.size;
	}

	/** Starts the y-websocket handshake: our state vector, and everyone's presence. */
	join(peer: Peer): void {
		this.peers.set(peer, new Set());
		peer.send(encodeSyncStep1(this.doc));
		const present = [...this.awareness.getStates().keys()];
		if (present.length) peer.send(encodeAwareness(this.awareness, present));
	}

	leave(peer: Peer): void {
		const owned = this.peers.get(peer);
		this.peers.delete(peer);
		if (owned?.size) awarenessProtocol.removeAwarenessStates(this.awareness, [...owned], null);
	}

	/** Handles one decoded message. Throws on an update Yjs cannot read; the caller closes the peer. */
	receive(peer: Peer, message: ClientMessage): void {
		switch (message.type) {
			case 'syncStep1':
				peer.send(encodeSyncStep2(this.doc, message.stateVector));
				return;
			case 'update':
				// Read-only peers may ask for state but never write: their updates are dropped unseen.
				if (peer.access !== 'write') return;
				Y.applyUpdate(this.doc, message.update, peer);
				return;
			case 'awareness':
				awarenessProtocol.applyAwarenessUpdate(this.awareness, message.update, peer);
				return;
			case 'queryAwareness':
				peer.send(encodeAwareness(this.awareness, [...this.awareness.getStates().keys()]));
				return;
		}
	}

	broadcast(message: Uint8Array): void {
		for (const peer of this.peers.keys()) peer.send(message);
	}

	#scheduleFlush(): void {
		if (this.#flushScheduled) return;
		this.#flushScheduled = true;
		setImmediate(() => {
			this.#flushScheduled = false;
			this.#flushing = this.#flushing.then(() => this.#flush());
		});
	}

	async #flush(): Promise<void> {
		const batch = this.#pending;
		if (!batch.length) return;
		this.#pending = [];
		try {
			await this.persistence.append(batch.map((update) => ({ doc: this.name, update })));
		} catch (error) {
			// Not stored means not forwarded. The batch stays queued and is retried; peers are told to
			// reconnect (retry code), and their clients keep the edits meanwhile.
			this.onError(error);
			this.#pending = batch.concat(this.#pending);
			for (const peer of [...this.peers.keys()]) peer.close(4500, 'store unavailable');
			setTimeout(() => this.#scheduleFlush(), 1000).unref();
			return;
		}
		this.#logLength += batch.length;
		for (const update of batch) this.broadcast(encodeUpdate(update));
		if (this.#logLength >= compactAfterUpdates) await this.compact();
	}

	/** Waits for every stored-but-not-yet-written update. */
	async flush(): Promise<void> {
		await this.#flushing;
		if (this.#pending.length) {
			this.#flushing = this.#flushing.then(() => this.#flush());
			await this.#flushing;
		}
	}

	async compact(): Promise<void> {
		await this.persistence.compact(this.name, this.doc);
		this.#logLength = 0;
	}

	async destroy(): Promise<void> {
		await this.flush();
		if (this.#logLength > 0) await this.compact();
		this.awareness.destroy();
		this.doc.destroy();
	}
}
