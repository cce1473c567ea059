import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { DocumentAccess } from '../../src/lib/domain/roles';
import { messageSaved } from '../../src/lib/collab/documents';
import { closeCodes } from '../../src/lib/collab/documents';
import { decodeChecked, inspectUpdate, RejectedMessage, type Inspection } from './inspect';
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
	/**
	 * Who writes: a staff user or a participant, the same across their sessions and devices. The
	 * Yjs client ids a person writes under belong to them (see `#claimClients`).
	 */
	readonly owner: string;
	send(message: Uint8Array): void;
	close(code: number, reason: string): void;
}

export { RejectedMessage };

/** What a policy decides about a peer's update that passed the engine's own checks. */
export type UpdateDecision =
	| 'apply'
	/** Not now (e.g. a locked board): dropped here, kept by the client, collected by `resync`. */
	| 'defer';

/** The rules a room follows beyond the engine's own (see hooks.ts for the whole set). */
export interface RoomPolicy {
	/** Throws `RejectedMessage` to refuse; never called for content the document already has. */
	beforeApplyUpdate?(payload: {
		room: Room;
		peer: Peer;
		inspection: ReadyInspection;
	}): UpdateDecision;
	/** After a peer's update is stored and forwarded. */
	afterStoreUpdate?(payload: { room: Room; peer: Peer }): void;
}

export type ReadyInspection = Extract<Inspection, { ready: true }>;

/** Updates of one peer that wait for content they depend on (bounded; see `#hold`). */
interface Held {
	updates: Uint8Array[];
	bytes: number;
	timer: NodeJS.Timeout;
}

/** Origins of document changes that are already stored and must not be stored again. */
const storedOrigin = Symbol('stored');
/** Changes the server itself makes (votes, published drafts): stored, then sent to everyone. */
const serverOrigin = Symbol('server');

export interface RoomOptions {
	persistence: DocPersistence;
	writer: UpdateWriter;
	relay: Relay | null;
	limits: Limits;
	/** Presence is merged; in a big room it is sent at most this often (see `presenceGapMs`). */
	awarenessIntervalMs: number;
	/** Fold the log into a snapshot past this many updates or bytes. */
	compactAfterUpdates: number;
	compactAfterBytes: number;
	onError: (error: unknown) => void;
	/** Called when storing failed: the room must be dropped and reloaded from the store. */
	onBroken: (room: Room) => void;
	policy: RoomPolicy;
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
	#lastPresenceFlush = 0;
	/** For reconciliation with other processes: the newest row id and snapshot time seen. */
	maxSeenId = 0;
	snapshotSeenAt = 0;
	broken = false;
	/**
	 * Private drafts never go through Redis, where the stream would keep their text beside the
	 * participant's document name; other processes read them from the store (reconciliation).
	 */
	readonly #relayed: boolean;
	/** Peers whose edits the policy deferred: they are owed a resync, not a refusal. */
	#deferred = new WeakSet<Peer>();
	/** Updates waiting for content they build on, per peer. */
	readonly #held = new Map<Peer, Held>();
	/** Owner of each Yjs client id that wrote here (stored in `doc_clients`). */
	readonly #owners = new Map<number, string>();
	/** Roughly what the store holds of this document: snapshot plus log, in bytes. */
	#storedBytes = 0;

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

	/** Who wrote under a Yjs client id of this document (a staff user or participant), if known. */
	ownerOf(client: number): string | undefined {
		return this.#owners.get(client);
	}

	async #load(): Promise<void> {
		const [loaded, owners] = await Promise.all([
			this.options.persistence.load(this.name),
			this.options.persistence.loadClients(this.name)
		]);
		for (const { client, owner } of owners) this.#owners.set(client, owner);
		const parts = [
			...(loaded.snapshot ? [loaded.snapshot] : []),
			...loaded.updates.map((r) => r.data)
		];
		Y.transact(
			this.doc,
			() => {
				for (const part of parts) this.#applyLoaded(part);
			},
			storedOrigin
		);
		// Rows that built on a refused row cannot be placed; keeping them pending would send them
		// to every client that joins.
		const store = this.doc.store as { pendingStructs: unknown; pendingDs: unknown };
		if (store.pendingStructs || store.pendingDs) {
			store.pendingStructs = null;
			store.pendingDs = null;
			this.options.onError(new Error(`${this.name}: stored rows refer to missing content`));
		}
		this.#logUpdates = loaded.updates.length;
		this.#logBytes = loaded.updates.reduce((sum, row) => sum + row.data.byteLength, 0);
		this.#storedBytes = this.#logBytes + (loaded.snapshot?.byteLength ?? 0);
		this.maxSeenId = loaded.updates.at(-1)?.id ?? 0;
		this.snapshotSeenAt = loaded.snapshotAt;
	}

	/**
	 * Stored content gets the same checks as a peer's message: a row that a fresh process cannot
	 * decode (written before the limits existed, or damaged) is left out and reported, so one bad
	 * row never keeps a document, or the process, from loading.
	 */
	#applyLoaded(part: Uint8Array): void {
		try {
			decodeChecked(part, this.options.limits);
			Y.applyUpdate(this.doc, part);
		} catch (error) {
			this.options.onError(new Error(`${this.name}: stored row left out (${String(error)})`));
		}
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
		this.#release(peer);
		if (owned?.size) awarenessProtocol.removeAwarenessStates(this.awareness, [...owned], peer);
	}

	/**
	 * Handles one decoded message, in order per peer (the caller awaits the result before the next
	 * message). Throws `RejectedMessage` on bad input; never leaves a promise without a handler.
	 */
	receive(peer: Peer, message: ClientMessage): Promise<void> | void {
		switch (message.type) {
			case 'syncStep1': {
				// Checked here, synchronously: a malformed state vector must fail in the caller's
				// try/catch, not later inside a promise.
				try {
					Y.decodeStateVector(message.stateVector);
				} catch {
					throw new RejectedMessage('malformed state vector');
				}
				const { stateVector } = message;
				return this.#whenStored().then(() => peer.send(this.#syncStep2(stateVector)));
			}
			case 'update':
				if (peer.access !== 'write') return this.#refuseReadOnlyWrite(message.update);
				return this.#receiveUpdate(peer, message.update);
			case 'awareness':
				try {
					this.#receiveAwareness(peer, message.update);
				} catch (error) {
					if (error instanceof RejectedMessage) throw error;
					throw new RejectedMessage('malformed presence');
				}
				return;
			case 'queryAwareness':
				peer.send(encodeAwareness(this.awareness, [...this.awareness.getStates().keys()]));
				return;
		}
	}

	/**
	 * Read-only peers (observers, a projector, anyone after closing) may ask for state but never
	 * write. A stock client answers the server's sync step 1 with what the server lacks, which for
	 * them is nothing: that is ignored. Anything new is refused with 4403, before it is applied, so
	 * a modified client learns at once that nothing was stored.
	 */
	#refuseReadOnlyWrite(update: Uint8Array): void {
		const inspection = inspectUpdate(this.doc, update, this.options.limits);
		if (!inspection.ready || inspection.items.length > 0 || inspection.deletes.length > 0)
			throw new RejectedMessage('read-only connection', closeCodes.forbidden);
	}

	async #receiveUpdate(peer: Peer, update: Uint8Array): Promise<void> {
		const inspection = inspectUpdate(this.doc, update, this.options.limits);
		if (!inspection.ready && this.#deferred.has(peer)) return;
		if (!inspection.ready) {
			// It builds on content the peer has not sent yet (e.g. offline edits whose sync step 2
			// is still on its way): keep it until that arrives, and ask for what we lack.
			this.#hold(peer, update);
			peer.send(encodeSyncStep1(this.doc));
			return;
		}
		if (!(await this.#applyChecked(peer, update, inspection))) return;
		await this.#retryHeld(peer);
	}

	/** Returns false when the policy deferred the update. */
	async #applyChecked(
		peer: Peer,
		update: Uint8Array,
		inspection: ReadyInspection
	): Promise<boolean> {
		if (inspection.items.length > 0 || inspection.deletes.length > 0) {
			const decision = this.options.policy.beforeApplyUpdate?.({ room: this, peer, inspection });
			if (decision === 'defer') {
				// Held back, not refused: the edit stays on the person's device and arrives with the
				// resync that follows (see `resync`), so nothing typed is lost; so do its followers.
				this.#deferred.add(peer);
				this.#release(peer);
				return false;
			}
		}
		const { maxDocumentBytes } = this.options.limits;
		if (inspection.items.length > 0 && this.#storedBytes + update.byteLength > maxDocumentBytes)
			throw new RejectedMessage('document too large', closeCodes.tooLarge);
		await this.#claimClients(peer, inspection.clients);
		this.#applyFromPeer(peer, update);
		return true;
	}

	/**
	 * Content under a Yjs client id that belongs to someone else would take over that person's id:
	 * their own edits under it (e.g. made offline) would then be ignored everywhere as duplicates.
	 * The first writer of an id owns it, in every process (the store decides), and for good.
	 */
	async #claimClients(peer: Peer, clients: Set<number>): Promise<void> {
		for (const client of clients) {
			if (client === this.doc.clientID)
				throw new RejectedMessage('update under the server’s client id');
			let owner = this.#owners.get(client);
			if (owner === undefined) {
				this.#owners.set(client, peer.owner);
				try {
					owner = await this.options.writer.claim(this.name, client, peer.owner);
				} catch (error) {
					this.#owners.delete(client);
					throw error;
				}
				this.#owners.set(client, owner);
			}
			if (owner !== peer.owner || this.#ownedByOther(peer, client))
				throw new RejectedMessage('update under another person’s client id');
		}
	}

	#hold(peer: Peer, update: Uint8Array): void {
		const { maxHeldUpdates, maxHeldBytes, maxHoldMs } = this.options.limits;
		let held = this.#held.get(peer);
		if (!held) {
			// Bounded in time: content that never arrives means the peer is stuck, and a fresh
			// connection (retry code) resyncs it from the start, so its edits still arrive.
			const timer = setTimeout(() => {
				this.#release(peer);
				peer.close(closeCodes.resyncNeeded, 'missing content did not arrive');
			}, maxHoldMs);
			timer.unref();
			held = { updates: [], bytes: 0, timer };
			this.#held.set(peer, held);
		}
		held.updates.push(update);
		held.bytes += update.byteLength;
		if (held.updates.length > maxHeldUpdates || held.bytes > maxHeldBytes) {
			this.#release(peer);
			throw new RejectedMessage('too much content waiting', closeCodes.resyncNeeded);
		}
	}

	#release(peer: Peer): Uint8Array[] {
		const held = this.#held.get(peer);
		if (!held) return [];
		clearTimeout(held.timer);
		this.#held.delete(peer);
		return held.updates;
	}

	/** After a peer's update went in, what it held back may now fit; in order, until one waits. */
	async #retryHeld(peer: Peer): Promise<void> {
		const waiting = this.#release(peer);
		for (let i = 0; i < waiting.length; i++) {
			const inspection = inspectUpdate(this.doc, waiting[i], this.options.limits);
			if (!inspection.ready) {
				for (const update of waiting.slice(i)) this.#hold(peer, update);
				return;
			}
			await this.#applyChecked(peer, waiting[i], inspection);
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

	#applyFromPeer(peer: Peer, update: Uint8Array): void {
		const before = this.#unstored;
		try {
			Y.applyUpdate(this.doc, update, peer);
		} catch {
			// Inspection let it through, yet Yjs could not integrate it: a forged shape we did not
			// foresee. Whatever Yjs integrated before it stopped is consistent and stored.
			throw new RejectedMessage('update could not be applied');
		}
		// Yjs keeps parts it cannot place as "pending" and includes them when it encodes the whole
		// document: one forged update would reach everyone who joins. Inspection found every
		// dependency, so only forged shapes (e.g. references in a loop across clients) get here.
		const store = this.doc.store as { pendingStructs: unknown; pendingDs: unknown };
		if (store.pendingStructs || store.pendingDs) {
			store.pendingStructs = null;
			store.pendingDs = null;
			throw new RejectedMessage('update refers to content that cannot exist');
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
		this.#deferred = new WeakSet();
		this.#broadcast(encodeSyncStep1(this.doc), null);
	}

	/** Whether the policy deferred any of this peer's edits (they come back with a resync). */
	deferred(peer: Peer): boolean {
		return this.#deferred.has(peer);
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
		Y.transact(this.doc, () => this.#applyLoaded(update), storedOrigin);
	}

	#onUpdate(update: Uint8Array, origin: unknown): void {
		this.#fullState = null;
		// Counted when applied, not when committed: the size limit must hold for a burst too.
		this.#storedBytes += update.byteLength;
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
				if (author) this.options.policy.afterStoreUpdate?.({ room: this, peer: author });
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
				const owner = this.#owners.get(entry.clientId);
				if (owner !== undefined && owner !== peer.owner) continue;
				const known = this.awareness.meta.get(entry.clientId);
				if (known && known.clock >= entry.clock) continue;
			}
			kept.push(entry);
		}
		const claimed = new Set([...owned, ...kept.map((e) => e.clientId)]);
		if (claimed.size > maxClientIdsPerConnection) throw new RejectedMessage('too many client ids');
		if (!kept.length) return;
		// Presence comes first when a client connects: claiming its id now means nobody can write
		// under it while the person is offline before their first edit reached us.
		for (const { clientId } of kept)
			if (!this.#owners.has(clientId)) this.#claimInBackground(peer, clientId);
		awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(kept), peer);
	}

	#claimInBackground(peer: Peer, client: number): void {
		this.#owners.set(client, peer.owner);
		this.options.writer.claim(this.name, client, peer.owner).then(
			(owner) => this.#owners.set(client, owner),
			(error) => {
				this.#owners.delete(client);
				this.options.onError(error);
			}
		);
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
		// Merged per room: re-broadcasting each message to every peer costs peers² sends per second
		// in a big room. After a quiet spell it goes out at once; under load, flushes keep a gap
		// that grows with the room.
		if (!this.#presenceTimer) this.#schedulePresence();
	};

	/** Milliseconds until the next flush may go out; 0 after a quiet spell. */
	#presenceWait(): number {
		const gap = presenceGapMs(this.peers.size, this.options.awarenessIntervalMs);
		return this.#lastPresenceFlush + gap - performance.now();
	}

	#schedulePresence() {
		this.#presenceTimer = setTimeout(this.#flushPresence, Math.max(0, this.#presenceWait()));
	}

	#flushPresence = () => {
		this.#presenceTimer = null;
		// Timers may fire a millisecond early (the loop's clock is cached); the gap is a promise.
		if (this.#presenceWait() > 0) return this.#schedulePresence();
		this.#lastPresenceFlush = performance.now();
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
				this.#storedBytes = await this.options.persistence.compact(this.name, this.doc, (rows) =>
					Y.transact(this.doc, () => rows.forEach((row) => this.#applyLoaded(row)), storedOrigin)
				);
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
		for (const peer of [...this.#held.keys()]) this.#release(peer);
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

/**
 * Least time between two presence flushes of a room. Each flush is one message to every peer, so
 * this bounds what each client receives per second: a room of 50 waits at most 10 ms (people see
 * cursors move at once), a room of 400 at most `maxMs` (20 messages a second each at 50 ms).
 */
export function presenceGapMs(peers: number, maxMs: number): number {
	const small = 50;
	const large = 400;
	if (peers <= small) return (peers / small) * Math.min(10, maxMs);
	const share = Math.min(1, (peers - small) / (large - small));
	return Math.min(10, maxMs) + share * Math.max(0, maxMs - 10);
}
