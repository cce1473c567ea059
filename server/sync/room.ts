import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { DocumentAccess } from '../../src/lib/domain/roles';
import { messageSaved } from '../../src/lib/collab/documents';
import type { Limits } from './limits';
import type { DocPersistence } from './persistence';
import {
	encodeAwareness,
	encodeSaved,
	encodeSyncStep1,
	encodeSyncStep2,
	encodeUpdate,
	encodeAwarenessEntries,
	readAwarenessEntries,
	type AwarenessEntry,
	type ClientMessage
} from './protocol';
import type { Relay } from './relay';
import type { UpdateWriter } from './writer';

/** What the room needs of a connection. */
export interface Peer {
	readonly access: Exclude<DocumentAccess, null>;
	/** Asked for "saved" acknowledgements (our client; the stock client did not). */
	readonly wantsAck: boolean;
	/** Runs the workshop (facilitator): not held back by a locked board. */
	readonly moderator: boolean;
	send(message: Uint8Array): void;
	close(code: number, reason: string): void;
}

export class RejectedMessage extends Error {}

/** Origins of document changes that are already stored and must not be stored again. */
const storedOrigin = Symbol('stored');
/** Changes the server itself makes (votes, published drafts): stored, then sent to everyone. */
const serverOrigin = Symbol('server');

export interface RoomOptions {
	persistence: DocPersistence;
	writer: UpdateWriter;
	relay: Relay | null;
	limits: Limits;
	/** Presence is merged and sent at most this often. */
	awarenessIntervalMs: number;
	/** Fold the log into a snapshot past this many updates or bytes. */
	compactAfterUpdates: number;
	compactAfterBytes: number;
	onError: (error: unknown) => void;
	/** Called when storing failed: the room must be dropped and reloaded from the store. */
	onBroken: (room: Room) => void;
}

/**
 * One live document and the peers editing it.
 *
 * Store before forward: an update from a peer is applied to the in-memory document (which checks
 * it), handed to the writer, and only forwarded to other peers (and other processes) once its
 * transaction has committed. A sync answer to a joining peer likewise waits for pending writes.
 */
export class Room {
	readonly doc = new Y.Doc({ gc: true });
	readonly awareness = new awarenessProtocol.Awareness(this.doc);
	readonly peers = new Map<Peer, Set<number>>();
	readonly ready: Promise<void>;
	#lastStore: Promise<unknown> = Promise.resolve();
	#unstored = 0;
	#fullState: Uint8Array | null = null;
	#logUpdates = 0;
	#logBytes = 0;
	#compacting: Promise<void> | null = null;
	#dirtyPresence = new Set<number>();
	#relayPresence = new Set<number>();
	#presenceTimer: NodeJS.Timeout | null = null;
	/** For reconciliation with other processes: the newest row id and snapshot time seen. */
	maxSeenId = 0;
	snapshotSeenAt = 0;
	broken = false;
	/**
	 * Private drafts never go through Redis, where the stream would keep their text beside the
	 * participant's document name; other processes read them from the store (reconciliation).
	 */
	readonly #relayed: boolean;
	/** Peers whose edits the write gate held back: they are owed a resync, not a refusal. */
	readonly #heldBack = new WeakSet<Peer>();
	/** Whether a peer may write right now (e.g. not while the facilitator locked the board). */
	writeGate: (peer: Peer) => boolean = () => true;
	/** Called after a peer's update is stored (the engine publishes anonymous drafts from here). */
	onPeerStored: (() => void) | null = null;

	constructor(
		readonly name: string,
		readonly options: RoomOptions,
		/** A previous instance of this document still being stored; loading waits for it. */
		previous: Promise<void> = Promise.resolve()
	) {
		this.#relayed = !name.includes('/private/');
		// The server has no presence of its own; a client's state never outlives its connection.
		this.awareness.setLocalState(null);
		this.ready = previous.then(() => this.#load());
		this.doc.on('update', (update: Uint8Array, origin: unknown) => this.#onUpdate(update, origin));
		this.awareness.on('update', this.#onAwareness);
	}

	async #load(): Promise<void> {
		const loaded = await this.options.persistence.load(this.name);
		Y.transact(
			this.doc,
			() => {
				if (loaded.snapshot) Y.applyUpdate(this.doc, loaded.snapshot);
				for (const row of loaded.updates) Y.applyUpdate(this.doc, row.data);
			},
			storedOrigin
		);
		this.#logUpdates = loaded.updates.length;
		this.#logBytes = loaded.updates.reduce((sum, row) => sum + row.data.byteLength, 0);
		this.maxSeenId = loaded.updates.at(-1)?.id ?? 0;
		this.snapshotSeenAt = loaded.snapshotAt;
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
		if (owned?.size) awarenessProtocol.removeAwarenessStates(this.awareness, [...owned], peer);
	}

	/** Handles one decoded message. Throws `RejectedMessage` (or a Yjs error) on bad input. */
	receive(peer: Peer, message: ClientMessage): void {
		switch (message.type) {
			case 'syncStep1':
				void this.#whenStored().then(() => peer.send(this.#syncStep2(message.stateVector)));
				return;
			case 'update':
				// Read-only peers may ask for state but never write: their updates are dropped unseen.
				if (peer.access !== 'write') return;
				// Held back, not refused: the edit stays on the person's device and arrives with the
				// resync that follows the unlock (see `resync`), so nothing typed is lost.
				if (!this.writeGate(peer)) {
					this.#heldBack.add(peer);
					return;
				}
				// Decoding first means a malformed update is refused before any of it is applied.
				this.#refuseImpersonation(peer, Y.decodeUpdate(message.update).structs);
				this.#applyFromPeer(peer, message.update);
				return;
			case 'awareness':
				this.#receiveAwareness(peer, message.update);
				return;
			case 'queryAwareness':
				peer.send(encodeAwareness(this.awareness, [...this.awareness.getStates().keys()]));
				return;
		}
	}

	/**
	 * A client joining with nothing (empty state vector) gets the whole document. When many join at
	 * once (a conference starting) the encoding is made once and reused until the document changes.
	 */
	#syncStep2(stateVector: Uint8Array): Uint8Array {
		const empty = stateVector.length === 1 && stateVector[0] === 0;
		if (!empty) return encodeSyncStep2(this.doc, stateVector);
		this.#fullState ??= encodeSyncStep2(this.doc);
		return this.#fullState;
	}

	/**
	 * New content under a client id that another connected peer uses (its presence says so) would
	 * take over that person's id: their next edits would then be ignored everywhere as duplicates.
	 * Content the document already has is harmless (a reconnecting client resends what others wrote).
	 */
	#refuseImpersonation(
		peer: Peer,
		structs: { id: { client: number; clock: number }; length: number }[]
	): void {
		for (const struct of structs) {
			const { client, clock } = struct.id;
			if (clock + struct.length <= Y.getState(this.doc.store, client)) continue;
			if (this.#ownedByOther(peer, client))
				throw new RejectedMessage('update under another person’s client id');
		}
	}

	#applyFromPeer(peer: Peer, update: Uint8Array): void {
		const before = this.#unstored;
		Y.applyUpdate(this.doc, update, peer);
		// Parts that refer to things this document lacks wait as "pending" inside the Y.Doc, and Yjs
		// includes pending parts when it encodes the whole state: one forged update would then be
		// sent to every client that joins. Our clients always send complete diffs (they synced
		// first), so pending parts mean bad input: they are dropped and the connection is closed.
		const store = this.doc.store as { pendingStructs: unknown; pendingDs: unknown };
		if (store.pendingStructs || store.pendingDs) {
			store.pendingStructs = null;
			store.pendingDs = null;
			// Someone whose edits were held back while the board was locked builds on them: ask for
			// everything we lack instead of closing the connection (the unlock may have reached
			// this process later than the person's next keystroke).
			if (this.#heldBack.has(peer)) {
				peer.send(encodeSyncStep1(this.doc));
				return;
			}
			throw new RejectedMessage('update refers to unknown content');
		}
		// Nothing new (e.g. a client resending after a reconnect what we already stored): it still
		// deserves to hear that its edits are safe, or it would show "saving…" for ever.
		if (peer.wantsAck && this.#unstored === before) {
			const stateVector = Y.encodeStateVector(this.doc);
			void this.#whenStored().then(() => peer.send(encodeSaved(messageSaved, stateVector)));
		}
	}

	/**
	 * Asks every peer for what the server lacks: the stock client answers a sync step 1 with the
	 * difference. Used when a board is unlocked, to collect edits held back while it was locked.
	 */
	resync(): void {
		this.#broadcast(encodeSyncStep1(this.doc), null);
	}

	/** Changes the document as the server; resolves once the change is stored (or at once if none). */
	change(edit: (doc: Y.Doc) => void): Promise<void> {
		const before = this.#lastStore;
		Y.transact(this.doc, () => edit(this.doc), serverOrigin);
		if (this.#lastStore === before) return Promise.resolve();
		return this.#lastStore.then(() => {
			if (this.broken) throw new Error('document could not be stored');
		});
	}

	/** An update stored by another process (relay or reconciliation): apply and pass on locally. */
	applyStored(update: Uint8Array, rowId?: number): void {
		if (rowId && rowId > this.maxSeenId) this.maxSeenId = rowId;
		Y.applyUpdate(this.doc, update, storedOrigin);
	}

	#onUpdate(update: Uint8Array, origin: unknown): void {
		this.#fullState = null;
		if (origin === storedOrigin) {
			this.#broadcast(encodeUpdate(update), null);
			return;
		}
		const author = this.peers.has(origin as Peer) ? (origin as Peer) : null;
		// What the author may be told is stored: everything in the document right now.
		const stateVector = author?.wantsAck ? Y.encodeStateVector(this.doc) : null;
		this.#unstored++;
		const stored = this.options.writer.store(this.name, update).then(
			(rowId) => {
				this.#unstored--;
				if (rowId > this.maxSeenId) this.maxSeenId = rowId;
				this.#logUpdates++;
				this.#logBytes += update.byteLength;
				this.#broadcast(encodeUpdate(update), author);
				if (this.#relayed) this.options.relay?.publishUpdate(this.name, rowId, update);
				if (author && stateVector && this.peers.has(author))
					author.send(encodeSaved(messageSaved, stateVector));
				this.#maybeCompact();
				if (author) this.onPeerStored?.();
			},
			(error) => {
				// Not stored means not forwarded. The document now holds an edit the store lacks, so
				// the room is dropped; clients reconnect (retry code) and resend what the store misses.
				this.#unstored--;
				this.options.onError(error);
				if (!this.broken) {
					this.broken = true;
					this.options.onBroken(this);
				}
			}
		);
		this.#lastStore = stored;
	}

	async #whenStored(): Promise<void> {
		// Bounded: under a constant stream of writes, answer after a few rounds rather than never.
		for (let round = 0; round < 3 && this.#unstored > 0; round++) await this.#lastStore;
	}

	#broadcast(message: Uint8Array, except: Peer | null): void {
		for (const peer of this.peers.keys()) if (peer !== except) peer.send(message);
	}

	// Presence -------------------------------------------------------------------------------

	/**
	 * The stock client echoes everyone's presence back, so entries for client ids this connection
	 * does not own are dropped rather than refused: an echo carries a clock we already know, and an id
	 * owned by another connection here is never taken over. Only what is left is applied.
	 */
	#receiveAwareness(peer: Peer, update: Uint8Array): void {
		const { maxAwarenessStateBytes, maxClientIdsPerConnection } = this.options.limits;
		const owned = this.peers.get(peer) ?? new Set<number>();
		const kept: AwarenessEntry[] = [];
		for (const entry of readAwarenessEntries(update)) {
			if (entry.state.length > maxAwarenessStateBytes)
				throw new RejectedMessage('presence state too large');
			JSON.parse(entry.state);
			if (!owned.has(entry.clientId)) {
				if (this.#ownedByOther(peer, entry.clientId)) continue;
				const known = this.awareness.meta.get(entry.clientId);
				if (known && known.clock >= entry.clock) continue;
			}
			kept.push(entry);
		}
		const claimed = new Set([...owned, ...kept.map((e) => e.clientId)]);
		if (claimed.size > maxClientIdsPerConnection) throw new RejectedMessage('too many client ids');
		if (kept.length)
			awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(kept), peer);
	}

	#ownedByOther(peer: Peer, clientId: number): boolean {
		for (const [other, ids] of this.peers) if (other !== peer && ids.has(clientId)) return true;
		return false;
	}

	/** Presence from another process. */
	applyRemoteAwareness(update: Uint8Array): void {
		try {
			awarenessProtocol.applyAwarenessUpdate(this.awareness, update, 'relay');
		} catch (error) {
			this.options.onError(error);
		}
	}

	#onAwareness = (
		{ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
		origin: unknown
	) => {
		const owned = this.peers.get(origin as Peer);
		if (owned) {
			for (const id of added) owned.add(id);
			for (const id of removed) owned.delete(id);
		}
		const local = origin !== 'relay';
		for (const id of [...added, ...updated, ...removed]) {
			this.#dirtyPresence.add(id);
			if (local) this.#relayPresence.add(id);
		}
		// Merged per room and sent at most every awarenessIntervalMs: re-broadcasting each message
		// to every peer costs peers² sends per second in a big room.
		this.#presenceTimer ??= setTimeout(this.#flushPresence, this.options.awarenessIntervalMs);
	};

	#flushPresence = () => {
		this.#presenceTimer = null;
		if (this.#dirtyPresence.size) {
			this.#broadcast(encodeAwareness(this.awareness, [...this.#dirtyPresence]), null);
			this.#dirtyPresence.clear();
		}
		if (this.#relayPresence.size && this.options.relay) {
			const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, [
				...this.#relayPresence
			]);
			this.options.relay.publishAwareness(this.name, update);
		}
		this.#relayPresence.clear();
	};

	// Storage -------------------------------------------------------------------------------

	#maybeCompact(): void {
		const { compactAfterUpdates, compactAfterBytes } = this.options;
		if (this.#logUpdates >= compactAfterUpdates || this.#logBytes >= compactAfterBytes) {
			void this.compact().catch(this.options.onError);
		}
	}

	/** Re-encodes the live document into a snapshot; one compaction at a time. */
	compact(): Promise<void> {
		this.#compacting ??= (async () => {
			try {
				await this.options.writer.idle();
				this.#logUpdates = 0;
				this.#logBytes = 0;
				await this.options.persistence.compact(this.name, this.doc, storedOrigin);
			} finally {
				this.#compacting = null;
			}
		})();
		return this.#compacting;
	}

	get logLength(): number {
		return this.#logUpdates;
	}

	/** Waits until every update handed to the writer is committed. */
	async flush(): Promise<void> {
		await this.options.writer.idle();
		await this.#lastStore.catch(() => undefined);
	}

	/** Stores everything, folds the log into a snapshot (unless storing broke) and frees memory. */
	async destroy(): Promise<void> {
		if (this.#presenceTimer) clearTimeout(this.#presenceTimer);
		try {
			await this.flush();
			if (!this.broken && this.#logUpdates > 0) await this.compact();
		} finally {
			this.awareness.off('update', this.#onAwareness);
			this.awareness.destroy();
			this.doc.destroy();
		}
	}
}
