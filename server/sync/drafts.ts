import { createHmac } from 'node:crypto';
import { readControl, setDraftCount } from '../../src/lib/collab/control';
import { documentName } from '../../src/lib/collab/documents';
import { placeDrafts, readDrafts, removeDrafts } from '../../src/lib/collab/drafts';
import type { Card } from '../../src/lib/collab/wall';
import type { Room } from './room';

/** What the publisher needs of the engine: its rooms, loaded on demand and let go afterwards. */
export interface DraftRooms {
	open(name: string): Room;
	release(room: Room): void;
	/** Names of every private document of a workshop, stored or loaded. */
	privateDocuments(workshopId: string): Promise<string[]>;
}

export interface DraftPublisherOptions {
	/** A secret shared by all processes: published ids and count keys are keyed with it. */
	secret: Promise<string>;
	/** Anonymous cards wait a random time in this range and go up together with everyone's. */
	anonymousDelayMs: [number, number];
	onError: (error: unknown) => void;
}

/**
 * Moves private drafts onto the wall, as the server (DESIGN.md §5).
 *
 * Anonymity rests on three things here. Every waiting draft of the workshop goes up in one batch:
 * one transaction, one time, one shuffled order, so no card can be grouped with another of the
 * same person. Anonymous cards that are not held for a reveal are batched too, after a random
 * wait, so the moment a card appears does not point at whoever just tapped "add". And every id
 * the facilitator can see (card ids, draft-count keys) is an HMAC under a server secret, so it
 * cannot be recomputed from a participant id.
 *
 * Publishing runs one batch at a time per workshop, and card ids are derived from the draft, so
 * a batch repeated after a crash, or run by two processes at once, yields the same cards.
 */
export class DraftPublisher {
	readonly #rooms: DraftRooms;
	readonly #options: DraftPublisherOptions;
	readonly #queues = new Map<string, Promise<unknown>>();
	readonly #timers = new Map<string, NodeJS.Timeout>();

	constructor(rooms: DraftRooms, options: DraftPublisherOptions) {
		this.#rooms = rooms;
		this.#options = options;
	}

	/** A participant's private document changed: update the count, and publish soon if anonymous. */
	async draftsChanged(workshopId: string, drafts: Room): Promise<void> {
		const key = await this.#key('count', drafts.name);
		const count = readDrafts(drafts.doc).length;
		const state = await this.#withRoom(documentName(workshopId, 'control'), async (control) => {
			await control.change((doc) => setDraftCount(doc, key, count));
			return readControl(control.doc);
		});
		this.controlChanged(workshopId, state);
	}

	/** Anonymous without private writing and not locked: waiting cards go up after a short wait. */
	controlChanged(workshopId: string, state: ReturnType<typeof readControl>): void {
		const { anonymous, privateWriting } = state.settings;
		if (!anonymous || privateWriting || state.locked || state.draftsWaiting === 0) return;
		if (this.#timers.has(workshopId)) return;
		const [min, max] = this.#options.anonymousDelayMs;
		const timer = setTimeout(
			() => {
				this.#timers.delete(workshopId);
				void this.publishAll(workshopId, { unlessLocked: true }).catch(this.#options.onError);
			},
			min + Math.random() * (max - min)
		);
		timer.unref();
		this.#timers.set(workshopId, timer);
	}

	/** Publishes every waiting draft of the workshop in one batch; returns how many. */
	publishAll(workshopId: string, { unlessLocked = false } = {}): Promise<number> {
		const previous = this.#queues.get(workshopId) ?? Promise.resolve();
		const next = previous
			.catch(() => undefined)
			.then(() => this.#publishBatch(workshopId, unlessLocked));
		this.#queues.set(workshopId, next);
		void next
			.finally(() => {
				if (this.#queues.get(workshopId) === next) this.#queues.delete(workshopId);
			})
			.catch(() => undefined);
		return next;
	}

	close(): void {
		for (const timer of this.#timers.values()) clearTimeout(timer);
		this.#timers.clear();
	}

	async #publishBatch(workshopId: string, unlessLocked: boolean): Promise<number> {
		const control = this.#rooms.open(documentName(workshopId, 'control'));
		const content = this.#rooms.open(documentName(workshopId, 'content'));
		const names = await this.#rooms.privateDocuments(workshopId);
		const privates = names.map((name) => this.#rooms.open(name));
		try {
			await Promise.all([control.ready, content.ready, ...privates.map((room) => room.ready)]);
			if (unlessLocked && readControl(control.doc).locked) return 0;
			const batch = await Promise.all(
				privates.map(async (room) => ({
					room,
					drafts: readDrafts(room.doc),
					countKey: await this.#key('count', room.name)
				}))
			);
			const cards: Card[] = [];
			for (const { room, drafts } of batch)
				for (const draft of drafts)
					cards.push({ ...draft, id: await this.#key('card', `${room.name}/${draft.id}`) });
			if (cards.length > 0) await content.change((doc) => placeDrafts(doc, cards));
			// Only once the wall has them do the drafts leave the private documents; folding the log
			// into a snapshot then drops their text from the store as well.
			for (const { room, drafts } of batch) {
				if (drafts.length === 0) continue;
				await room.change((doc) =>
					removeDrafts(
						doc,
						drafts.map((draft) => draft.id)
					)
				);
				await room.compact();
			}
			await control.change((doc) => {
				for (const { countKey } of batch) setDraftCount(doc, countKey, 0);
			});
			return cards.length;
		} finally {
			for (const room of [control, content, ...privates]) this.#rooms.release(room);
		}
	}

	async #withRoom<T>(name: string, work: (room: Room) => Promise<T>): Promise<T> {
		const room = this.#rooms.open(name);
		try {
			await room.ready;
			return await work(room);
		} finally {
			this.#rooms.release(room);
		}
	}

	async #key(purpose: string, value: string): Promise<string> {
		const secret = await this.#options.secret;
		return createHmac('sha256', secret).update(`${purpose}:${value}`).digest('hex').slice(0, 16);
	}
}
