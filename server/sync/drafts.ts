import { createHmac } from 'node:crypto';
import {
	readControl,
	readLocked,
	setDraftsWaiting,
	type ControlState
} from '../../src/lib/collab/control';
import { documentName } from '../../src/lib/collab/documents';
import { placeDrafts, readDrafts, removeDrafts, type Draft } from '../../src/lib/collab/drafts';
import { newId } from '../../src/lib/ids';
import { evenSnapshotTimes, StoreEraser } from './erase';
import type { Room } from './room';

/** What the publisher needs of the engine: its rooms, loaded on demand and let go afterwards. */
export interface DraftRooms {
	open(name: string): Room;
	release(room: Room): void;
	/** Names of every private document of a workshop, stored or loaded. */
	privateDocuments(workshopId: string): Promise<string[]>;
}

export interface DraftPublisherOptions {
	/** A secret shared by all processes: a published card's id is keyed with it (see `cardId`). */
	secret: Promise<string>;
	/**
	 * Anonymous cards wait a random time in this range and go up together with everyone's. The
	 * count of waiting drafts is written after a random wait too, a third as long (the facilitator
	 * watches it; 1–2.7 s by default).
	 */
	anonymousDelayMs: [number, number];
	onError: (error: unknown) => void;
}

interface WorkshopRooms {
	control: Room;
	content: Room | null;
	privates: Room[];
}

/**
 * Moves private drafts onto the wall, as the server (DESIGN.md §5), and keeps the count of waiting
 * drafts. Anonymity must hold against anyone who reads a live document or the database file
 * (server/sync/README.md, "Anonymity"):
 *
 * - Every waiting draft of the workshop goes up in one batch: one transaction, one time, one
 *   shuffled order. Anonymous cards that are not held for a reveal wait a random time first, so
 *   the moment a card appears does not point at whoever just tapped "add".
 * - The control document holds one total of waiting drafts, counted here from all private
 *   documents and written after a random wait, for everyone's changes together. Per-document
 *   counts exist only in this process's memory, for the moment of counting.
 * - After a batch the authors' logs are folded into snapshots without the drafts, every private
 *   snapshot of the workshop gets the same time, and the store erases the deleted rows (erase.ts).
 *   A published card's id cannot be recomputed from what is stored: see `cardId`.
 *
 * Publishing and counting run one at a time per workshop.
 */
export class DraftPublisher {
	readonly #rooms: DraftRooms;
	readonly #options: DraftPublisherOptions;
	readonly #queues = new Map<string, Promise<unknown>>();
	readonly #publishTimers = new Map<string, NodeJS.Timeout>();
	readonly #countTimers = new Map<string, NodeJS.Timeout>();
	/** The total this process last counted or wrote, per workshop. */
	readonly #totals = new Map<string, number>();
	#eraser: StoreEraser | null = null;

	constructor(rooms: DraftRooms, options: DraftPublisherOptions) {
		this.#rooms = rooms;
		this.#options = options;
	}

	/** A participant's private document changed: count again soon, and publish soon if anonymous. */
	async draftsChanged(workshopId: string, drafts: Room): Promise<void> {
		this.#countLater(workshopId);
		if (readDrafts(drafts.doc).length === 0) return;
		const state = await this.#withRoom(documentName(workshopId, 'control'), (control) =>
			readControl(control.doc)
		);
		this.#maybePublish(workshopId, state, true);
	}

	/** Anonymous without private writing and not locked: waiting cards go up after a short wait. */
	controlChanged(workshopId: string, state: ControlState): void {
		const counted = this.#totals.get(workshopId);
		// Another process wrote the total it saw (or an older version left its counts): count
		// again, so every process settles on what the store holds.
		if (counted !== undefined && counted !== state.draftsWaiting) this.#countLater(workshopId);
		this.#maybePublish(workshopId, state, state.draftsWaiting > 0 || (counted ?? 0) > 0);
	}

	/** Publishes every waiting draft of the workshop in one batch; returns how many. */
	publishAll(workshopId: string, { unlessLocked = false } = {}): Promise<number> {
		return this.#serial(workshopId, () => this.#publishBatch(workshopId, unlessLocked));
	}

	close(): void {
		for (const timers of [this.#publishTimers, this.#countTimers]) {
			for (const timer of timers.values()) clearTimeout(timer);
			timers.clear();
		}
	}

	#maybePublish(workshopId: string, state: ControlState, waiting: boolean): void {
		const { anonymous, privateWriting } = state.settings;
		if (!anonymous || privateWriting || state.locked || !waiting) return;
		const delay = this.#options.anonymousDelayMs;
		this.#later(this.#publishTimers, workshopId, delay, () =>
			this.publishAll(workshopId, { unlessLocked: true })
		);
	}

	#countLater(workshopId: string): void {
		const delay = this.#options.anonymousDelayMs.map((ms) => ms / 3) as [number, number];
		this.#later(this.#countTimers, workshopId, delay, () => this.#count(workshopId));
	}

	/**
	 * Runs `work` after a random wait in `[min, max]`. Calls meanwhile join the same run instead of
	 * postponing it, so a steady stream of writers cannot hold it off.
	 */
	#later(
		timers: Map<string, NodeJS.Timeout>,
		workshopId: string,
		[min, max]: [number, number],
		work: () => Promise<unknown>
	) {
		if (timers.has(workshopId)) return;
		const timer = setTimeout(
			() => {
				timers.delete(workshopId);
				work().catch(this.#options.onError);
			},
			min + Math.random() * (max - min)
		);
		timer.unref();
		timers.set(workshopId, timer);
	}

	#serial<T>(workshopId: string, work: () => Promise<T>): Promise<T> {
		const previous = this.#queues.get(workshopId) ?? Promise.resolve();
		const next = previous.catch(() => undefined).then(work);
		this.#queues.set(workshopId, next);
		void next
			.finally(() => {
				if (this.#queues.get(workshopId) === next) this.#queues.delete(workshopId);
			})
			.catch(() => undefined);
		return next;
	}

	/** Counts the drafts of every private document and writes the total (only the total). */
	#count(workshopId: string): Promise<void> {
		return this.#serial(workshopId, () =>
			this.#withWorkshop(workshopId, false, async ({ control, privates }) => {
				const total = waitingIn(privates);
				this.#totals.set(workshopId, total);
				await control.change((doc) => setDraftsWaiting(doc, total));
			})
		);
	}

	async #publishBatch(workshopId: string, unlessLocked: boolean): Promise<number> {
		const secret = await this.#options.secret;
		return this.#withWorkshop(workshopId, true, async ({ control, content, privates }) => {
			if (unlessLocked && readLocked(control.doc)) return 0;
			// From reading the drafts to handing every change to the writer nothing awaits: the writer
			// commits all updates of one event-loop turn in one transaction (writer.ts), so the cards
			// reach the wall in the same commit that removes their drafts and sets the count. A crash
			// leaves both or neither; no draft is lost, and none goes up twice.
			const batch = privates
				.map((room) => ({ room, drafts: readDrafts(room.doc) }))
				.filter(({ drafts }) => drafts.length > 0);
			const cards = batch.flatMap(({ room, drafts }) =>
				drafts.map((draft) => ({ ...draft, id: cardId(secret, room.name, draft) }))
			);
			const stored = [
				content!.change((doc) => placeDrafts(doc, cards)),
				...batch.map(({ room, drafts }) =>
					room.change((doc) =>
						removeDrafts(
							doc,
							drafts.map((draft) => draft.id)
						)
					)
				)
			];
			const left = waitingIn(privates);
			this.#totals.set(workshopId, left);
			stored.push(control.change((doc) => setDraftsWaiting(doc, left)));
			await Promise.all(stored);
			if (batch.length > 0)
				await this.#eraseTraces(
					workshopId,
					batch.map(({ room }) => room)
				);
			return cards.length;
		});
	}

	/**
	 * The authors' logs held each draft's text beside their document name: they are folded into
	 * snapshots without it, every private snapshot of the workshop gets the same time (the time
	 * alone would name the authors of a batch), and the store erases what it deleted.
	 */
	async #eraseTraces(workshopId: string, authors: Room[]): Promise<void> {
		// One at a time, each in an event-loop turn of its own: on SQLite a compaction holds the
		// thread until its commit is on disk, and a conference has hundreds of authors per batch.
		for (const room of authors) {
			await room.compact();
			await new Promise((resolve) => setImmediate(resolve));
		}
		const { db } = authors[0].options.persistence;
		await evenSnapshotTimes(db, `${workshopId}/private/`);
		this.#eraser ??= new StoreEraser(db, this.#options.onError);
		void this.#eraser.request();
	}

	async #withWorkshop<T>(
		workshopId: string,
		withContent: boolean,
		work: (rooms: WorkshopRooms) => Promise<T>
	): Promise<T> {
		const control = this.#rooms.open(documentName(workshopId, 'control'));
		const content = withContent ? this.#rooms.open(documentName(workshopId, 'content')) : null;
		const privates: Room[] = [];
		try {
			for (const name of await this.#rooms.privateDocuments(workshopId))
				privates.push(this.#rooms.open(name));
			await Promise.all([control, content, ...privates].map((room) => room?.ready));
			return await work({ control, content, privates });
		} finally {
			for (const room of [control, content, ...privates]) if (room) this.#rooms.release(room);
		}
	}

	async #withRoom<T>(name: string, work: (room: Room) => T): Promise<T> {
		const room = this.#rooms.open(name);
		try {
			await room.ready;
			return work(room);
		} finally {
			this.#rooms.release(room);
		}
	}
}

function waitingIn(privates: Room[]): number {
	return privates.reduce((sum, room) => sum + readDrafts(room.doc).length, 0);
}

/**
 * A published card's id: an HMAC of the draft's id under the server secret. Derived, so a batch
 * repeated after a crash, or run by two processes at once, writes the same cards instead of
 * doubling them. The draft id is random (its author's device chose it) and, once published, gone
 * from the store (drafts.ts), so the secret alone recomputes nothing. Drafts from an older
 * version's map leave their id behind as a deleted key: theirs gets a random card id (the one
 * commit with the removal keeps it from doubling after a crash).
 */
function cardId(secret: string, docName: string, draft: Draft): string {
	if (draft.legacy) return newId();
	return createHmac('sha256', secret)
		.update(`card:${docName}/${draft.id}`)
		.digest('hex')
		.slice(0, 20);
}
