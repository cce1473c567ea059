import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { addDraft, deleteDraft, listDrafts, updateDraft } from '../../src/lib/collab/drafts';
import { addCard, cardsOf, deleteCard, updateCard } from '../../src/lib/collab/wall';
import { seeded } from './random';
import type { Actor, FuzzWorkshop, Room } from './world';

/**
 * Honest people in rooms that receive no garbage, with the stock client (`WebsocketProvider` over
 * `ws`) as a browser runs it: they edit all along, ride out every crash and restart, and at the
 * end must agree with each other and with what a fresh process loads from the store.
 */
export interface HonestClient {
	room: Room;
	actor: Actor;
	writes: boolean;
	doc: Y.Doc;
	provider: WebsocketProvider;
	/** Close codes the client saw; 4400–4499 make the stock client give up for good. */
	closes: number[];
	/** The server's reasons for those closes. */
	reasons: string[];
}

function stockClient(url: string, room: Room, actor: Actor) {
	class CookieWebSocket extends WebSocket {
		constructor(address: string, protocols?: string | string[]) {
			super(address, protocols, { headers: { cookie: actor.cookie } });
		}
	}
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(url, room.name, doc, {
		WebSocketPolyfill: CookieWebSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true,
		maxBackoffTime: 500
	});
	return { doc, provider };
}

/** What a room holds, in a form two documents can be compared by. */
export function contentOf(doc: Y.Doc, room: Room): string {
	const view: Record<string, unknown> = {};
	if (room.kind === 'content') {
		view.cards = cardsOf(doc).toJSON();
		view.notes = doc.getText('notes').toString();
	}
	if (room.kind === 'private') view.drafts = listDrafts(doc);
	if (room.kind === 'control') {
		view.honest = doc.getMap('honest').toJSON();
		view.draftCounts = doc.getMap('draftCounts').toJSON();
	}
	return canonical(view);
}

/** JSON with keys sorted: a Y.Map lists its keys in the order this copy happened to learn them. */
function canonical(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (value && typeof value === 'object')
		return `{${Object.keys(value)
			.sort()
			.map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
			.join(',')}}`;
	return JSON.stringify(value) ?? 'undefined';
}

function stateVectorOf(doc: Y.Doc): string {
	return [...Y.decodeStateVector(Y.encodeStateVector(doc))]
		.sort(([a], [b]) => a - b)
		.map(([client, clock]) => `${client}:${clock}`)
		.join(',');
}

/** What a room holds: comparable content and state vector, and the whole state as an update. */
export interface RoomState {
	content: string;
	stateVector: string;
	update: Uint8Array;
}

export class HonestClients {
	readonly clients: HonestClient[] = [];
	edits = 0;
	/** The Yjs client ids honest clients wrote under (a document may change its id). */
	readonly authors = new Set<number>();
	#timer: NodeJS.Timeout | null = null;
	readonly #random: () => number;

	constructor(
		readonly url: string,
		readonly workshops: FuzzWorkshop[],
		seed: number
	) {
		this.#random = seeded(seed);
		// The stock client adds an exit listener per provider in Node.
		process.setMaxListeners(Math.max(process.getMaxListeners(), workshops.length * 12 + 20));
		for (const workshop of workshops) {
			const [control, content, ownPrivate] = workshop.rooms;
			const [first, second] = workshop.participants;
			const people: [Room, Actor, boolean][] = [
				[content, workshop.facilitator, true],
				[content, first, true],
				[content, second, true],
				[content, workshop.observer, false],
				// The same person in two tabs.
				[control, workshop.facilitator, true],
				[control, workshop.facilitator, true],
				[control, workshop.observer, false],
				[ownPrivate, first, true],
				[ownPrivate, first, true]
			];
			for (const [room, actor, writes] of people) {
				const { doc, provider } = stockClient(url, room, actor);
				const client: HonestClient = {
					room,
					actor,
					writes,
					doc,
					provider,
					closes: [],
					reasons: []
				};
				provider.on('connection-close', (event) => {
					if (!event) return;
					client.closes.push(event.code);
					if (event.reason) client.reasons.push(`${event.code} ${event.reason}`);
				});
				this.clients.push(client);
			}
		}
	}

	/** Everyone who writes makes an edit every `everyMs`, online or not. */
	startEditing(everyMs = 40): void {
		this.#timer = setInterval(() => {
			for (const client of this.clients)
				if (client.writes && this.#random() % 3 === 0) this.#edit(client);
		}, everyMs);
	}

	stopEditing(): void {
		if (this.#timer) clearInterval(this.#timer);
		this.#timer = null;
	}

	/** Takes everyone offline (they keep editing), e.g. while the server's store is changed. */
	disconnect(): void {
		for (const client of this.clients) client.provider.disconnect();
	}

	connect(): void {
		for (const client of this.clients) client.provider.connect();
	}

	#edit(client: HonestClient): void {
		const { doc, room } = client;
		const n = this.#random();
		this.edits++;
		this.authors.add(doc.clientID);
		if (room.kind === 'control') {
			// A part of the control document the app does not use: the facilitator's client may write it.
			doc.getMap('honest').set(`k${n % 50}`, { n, at: this.edits });
		} else if (room.kind === 'private') this.#editDrafts(doc, n);
		else this.#editWall(client, n);
	}

	/** Cards each honest client made: participants change the text of and bin only their own. */
	readonly #ownCards = new WeakMap<HonestClient, Set<string>>();

	#editWall(client: HonestClient, n: number): void {
		const { doc } = client;
		const ids = [...cardsOf(doc).keys()];
		const own = this.#ownCards.get(client) ?? new Set<string>();
		this.#ownCards.set(client, own);
		const mine = client.actor === client.room.workshop.facilitator ? ids : [...own];
		const choice = n % 10;
		if (choice < 4 || ids.length < 3) {
			own.add(
				addCard(doc, { text: `Idee ${n % 1000}`, x: n % 800, y: (n >>> 8) % 600, colour: 'yellow' })
			);
		} else if (choice < 6) {
			updateCard(doc, ids[n % ids.length], { x: n % 900, y: (n >>> 4) % 600 });
		} else if (choice < 7 && mine.length > 0) {
			updateCard(doc, mine[n % mine.length], { text: `geändert ${n % 97}` });
		} else if (choice < 8 && mine.length > 20) {
			deleteCard(doc, mine[n % mine.length]);
		} else {
			const notes = doc.getText('notes');
			if (choice === 9 && notes.length > 10) notes.delete(n % (notes.length - 5), 3);
			else notes.insert(n % (notes.length + 1), `w${n % 10} `);
		}
	}

	#editDrafts(doc: Y.Doc, n: number): void {
		const ids = listDrafts(doc).map((d) => d.id);
		const choice = n % 10;
		if (choice < 5 || ids.length < 3)
			addDraft(doc, { text: `Entwurf ${n % 1000}`, x: 0, y: 0, colour: 'pink' });
		else if (choice < 8) updateDraft(doc, ids[n % ids.length], { text: `überarbeitet ${n % 97}` });
		else if (ids.length > 10) deleteDraft(doc, ids[n % ids.length]);
	}

	/** Rooms whose clients do not (yet) agree, with the reason. */
	disagreements(): string[] {
		const problems: string[] = [];
		for (const room of new Set(this.clients.map((c) => c.room))) {
			const members = this.clients.filter((c) => c.room === room);
			const gaveUp = members.filter((c) => c.closes.some((code) => code >= 4400 && code < 4500));
			for (const c of gaveUp)
				problems.push(
					`${room.name}: ${c.actor.role}'s client was shut out (${c.reasons.join(', ') || c.closes.join(', ')})`
				);
			const offline = members.filter((c) => !c.provider.synced);
			if (offline.length) problems.push(`${room.name}: ${offline.length} client(s) not synced`);
			const states = new Set(
				members.map((c) => `${stateVectorOf(c.doc)}|${contentOf(c.doc, room)}`)
			);
			if (states.size > 1)
				problems.push(
					`${room.name}: ${states.size} different states among ${members.length} clients`
				);
		}
		return problems;
	}

	/** The agreed state of each room, from its first client. */
	expected(): Map<Room, RoomState> {
		const result = new Map<Room, RoomState>();
		for (const client of this.clients)
			if (!result.has(client.room)) result.set(client.room, stateOf(client.doc, client.room));
		return result;
	}

	destroy(): void {
		this.stopEditing();
		for (const client of this.clients) {
			client.provider.destroy();
			client.doc.destroy();
		}
	}
}

function stateOf(doc: Y.Doc, room: Room): RoomState {
	return {
		content: contentOf(doc, room),
		stateVector: stateVectorOf(doc),
		update: Y.encodeStateAsUpdate(doc)
	};
}

/**
 * Whether the store holds what the clients agreed on; the reason if not, null if it does.
 *
 * The store may be ahead of the clients, but only by the server's own writes: it writes the count
 * of waiting drafts into the control document after a random wait (server/sync/drafts.ts), also
 * after the clients stopped editing, and stores before it forwards. A count committed just before
 * the SIGKILL reached no client, so the clients' agreement is no barrier for it. Everything an
 * honest client wrote, though, must be stored exactly: its author holds it, and the others agree.
 */
export function storedMismatch(
	room: Room,
	want: RoomState,
	got: RoomState,
	authors: ReadonlySet<number>
): string | null {
	if (got.content === want.content && got.stateVector === want.stateVector) return null;
	const differs = `stored state differs from the clients' (${got.content.length} vs ${want.content.length} characters)`;
	const doc = new Y.Doc();
	try {
		Y.applyUpdate(doc, got.update);
		const stored = `${stateVectorOf(doc)}|${contentOf(doc, room)}`;
		// Anything the clients hold that the store lacks (insertions or deletions) changes the doc.
		Y.applyUpdate(doc, want.update);
		if (`${stateVectorOf(doc)}|${contentOf(doc, room)}` !== stored)
			return `${differs}; the store lacks part of it`;
		const clients = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(want.update));
		for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(doc)))
			if (authors.has(client) && clients.get(client) !== clock)
				return `${differs}; the store holds honest edits (client ${client}) no client has`;
		return null;
	} finally {
		doc.destroy();
	}
}

/**
 * Loads a room with a fresh stock client (as a person opening it later would) and returns what it
 * holds, or why it could not.
 */
export async function loadFresh(
	url: string,
	room: Room,
	actor: Actor,
	timeoutMs: number
): Promise<RoomState | { error: string }> {
	const { doc, provider } = stockClient(url, room, actor);
	const closes: number[] = [];
	provider.on('connection-close', (event) => {
		if (event) closes.push(event.code);
	});
	try {
		const synced = await new Promise<boolean>((resolve) => {
			const timer = setTimeout(() => resolve(false), timeoutMs);
			provider.once('sync', () => {
				clearTimeout(timer);
				resolve(true);
			});
		});
		if (!synced)
			return {
				error: `not loaded within ${timeoutMs} ms (close codes ${closes.join(', ') || 'none'})`
			};
		return stateOf(doc, room);
	} finally {
		provider.destroy();
		doc.destroy();
	}
}
