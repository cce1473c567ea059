import * as Y from 'yjs';
import { newId } from '../ids';
import { isKeyHash } from './card-keys';
import {
	cardColours,
	cardHeight,
	cardWidth,
	isCardColour,
	maxCardLength,
	type CardColour
} from '../domain/cards';

/**
 * The critique wall in `<workshop>/content`: one Y.Map `cards`, card id → Y.Map of fields.
 * Fields are separate so that one person moving a card and another editing its text both win.
 */
export interface Card {
	id: string;
	text: string;
	x: number;
	y: number;
	colour: CardColour;
	createdAt: number;
	/** The phase whose wall holds the card; '' for cards from before walls had phases. */
	board: string;
	/** The cluster the card is grouped into, or ''. */
	cluster: string;
	/** A card the server published for an anonymous author: the hash of the author's key. */
	keyHash?: string;
	/**
	 * Typed in by the facilitator from a paper card (hybrid sessions), for someone without a
	 * device; only facilitators may set it (server/sync/card-rights.ts).
	 */
	fromPaper?: true;
}

type CardFields = Omit<Card, 'id'>;
export type NewCard = Omit<CardFields, 'createdAt' | 'board' | 'cluster'> &
	Partial<Pick<CardFields, 'board' | 'cluster'>>;

/** The paper cards among these: counted apart, e.g. "12 Karten, davon 4 von Papier". */
export const paperCardCount = (cards: Card[]) => cards.filter((card) => card.fromPaper).length;

export function cardsOf(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
	return doc.getMap('cards');
}

const finite = (value: unknown, fallback: number) =>
	typeof value === 'number' && Number.isFinite(value) ? value : fallback;

/**
 * Reads every card, checking what peers sent before it is rendered: a peer can write anything into
 * a CRDT, so wrong types become defaults and over-long text is cut.
 */
export function readCards(doc: Y.Doc): Card[] {
	const cards: Card[] = [];
	cardsOf(doc).forEach((fields, id) => {
		if (fields instanceof Y.Map && !isBinned(fields)) cards.push(readCardFields(id, fields));
	});
	return sortCards(cards);
}

/**
 * Deleted cards stay in the document with the time they went to the bin (`deletedAt`), so the
 * facilitator can bring them back; every reader but the bin leaves them out.
 */
const isBinned = (fields: Y.Map<unknown>) => typeof fields.get('deletedAt') === 'number';

export interface BinnedCard extends Card {
	deletedAt: number;
}

/** The bin, newest first. */
export function readBinnedCards(doc: Y.Doc): BinnedCard[] {
	const binned: BinnedCard[] = [];
	cardsOf(doc).forEach((fields, id) => {
		if (fields instanceof Y.Map && isBinned(fields))
			binned.push({ ...readCardFields(id, fields), deletedAt: fields.get('deletedAt') as number });
	});
	return binned.sort((a, b) => b.deletedAt - a.deletedAt || a.id.localeCompare(b.id));
}

/** The Yjs client id a card was made under (the sync server decides "own card" by it). */
export function cardCreator(doc: Y.Doc, id: string): number | null {
	const entry = (cardsOf(doc) as unknown as { _map: Map<string, Y.Item> })._map.get(id);
	return entry && !entry.deleted ? entry.id.client : null;
}

/** One card's fields, checked as `readCards` does (private drafts are read the same way). */
export function readCardFields(id: string, fields: Y.Map<unknown>): Card {
	const text = fields.get('text');
	const colour = fields.get('colour');
	const board = fields.get('board');
	const cluster = fields.get('cluster');
	const keyHash = fields.get('keyHash');
	return {
		id,
		text: typeof text === 'string' ? text.slice(0, maxCardLength) : '',
		x: Math.max(-1e6, Math.min(1e6, finite(fields.get('x'), 0))),
		y: Math.max(-1e6, Math.min(1e6, finite(fields.get('y'), 0))),
		colour: isCardColour(colour) ? colour : cardColours[0],
		createdAt: finite(fields.get('createdAt'), 0),
		board: typeof board === 'string' ? board.slice(0, 64) : '',
		cluster: typeof cluster === 'string' ? cluster.slice(0, 64) : '',
		...(isKeyHash(keyHash) ? { keyHash } : {}),
		...(fields.get('fromPaper') === true ? { fromPaper: true as const } : {})
	};
}

export function sortCards<T extends Card>(cards: T[]): T[] {
	return cards.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

export function addCard(doc: Y.Doc, fields: NewCard, id = newId()): string {
	doc.transact(() => {
		const card = new Y.Map<unknown>();
		cardsOf(doc).set(id, card);
		const all = { board: '', cluster: '', ...fields, createdAt: Date.now() };
		for (const [key, value] of Object.entries(all)) card.set(key, value);
	});
	return id;
}

export function updateCard(
	doc: Y.Doc,
	id: string,
	changes: Partial<Omit<CardFields, 'createdAt' | 'board'>>
) {
	const card = cardsOf(doc).get(id);
	if (!(card instanceof Y.Map)) return false;
	doc.transact(() => {
		for (const [key, value] of Object.entries(changes)) card.set(key, value);
	});
	return true;
}

/** Puts a card into the bin (its author or a facilitator); it keeps its id and every field. */
export function deleteCard(doc: Y.Doc, id: string): Card | null {
	const card = readCards(doc).find((c) => c.id === id) ?? null;
	if (card) cardsOf(doc).get(id)?.set('deletedAt', Date.now());
	return card;
}

/** Takes a card out of the bin (undo of a delete, or the facilitator's restore). */
export function restoreCard(doc: Y.Doc, card: Pick<Card, 'id'>): void {
	cardsOf(doc).get(card.id)?.delete('deletedAt');
}

/** Where a new card goes: a loose grid that fills rows of five, so cards do not pile up. */
export function nextCardPosition(count: number): { x: number; y: number } {
	return { x: 40 + (count % 5) * 200, y: 40 + Math.floor(count / 5) * 130 };
}

// Clusters ----------------------------------------------------------------------------------

/** A named group of cards on one board; cards point at it with their `cluster` field. */
export interface ClusterFrame {
	id: string;
	name: string;
	board: string;
	x: number;
	y: number;
	createdAt: number;
}

export const maxClusterName = 60;

export function clustersOf(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
	return doc.getMap('clusters');
}

export function readClusters(doc: Y.Doc, board?: string): ClusterFrame[] {
	const clusters: ClusterFrame[] = [];
	clustersOf(doc).forEach((fields, id) => {
		if (!(fields instanceof Y.Map)) return;
		const name = fields.get('name');
		const clusterBoard = fields.get('board');
		const frame = {
			id,
			name: typeof name === 'string' ? name.slice(0, maxClusterName) : '',
			board: typeof clusterBoard === 'string' ? clusterBoard.slice(0, 64) : '',
			x: Math.max(-1e6, Math.min(1e6, finite(fields.get('x'), 0))),
			y: Math.max(-1e6, Math.min(1e6, finite(fields.get('y'), 0))),
			createdAt: finite(fields.get('createdAt'), 0)
		};
		if (board === undefined || frame.board === board) clusters.push(frame);
	});
	return clusters.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

export function addCluster(
	doc: Y.Doc,
	fields: { name: string; board: string; x: number; y: number },
	id = newId()
): string {
	doc.transact(() => {
		const cluster = new Y.Map<unknown>();
		clustersOf(doc).set(id, cluster);
		const all = { ...fields, name: fields.name.slice(0, maxClusterName), createdAt: Date.now() };
		for (const [key, value] of Object.entries(all)) cluster.set(key, value);
	});
	return id;
}

export function updateCluster(
	doc: Y.Doc,
	id: string,
	changes: Partial<{ name: string; x: number; y: number }>
): void {
	const cluster = clustersOf(doc).get(id);
	if (!(cluster instanceof Y.Map)) return;
	doc.transact(() => {
		for (const [key, value] of Object.entries(changes)) cluster.set(key, value);
	});
}

/** Deleting a group keeps its cards: they only become loose again. */
export function deleteCluster(doc: Y.Doc, id: string): void {
	doc.transact(() => {
		clustersOf(doc).delete(id);
		cardsOf(doc).forEach((card) => {
			if (card instanceof Y.Map && card.get('cluster') === id) card.set('cluster', '');
		});
	});
}

/** The frame of a cluster on the canvas: around its cards, at least big enough for a title. */
const framePadding = 20;
const frameTitle = 36;

export function clusterBounds(
	cluster: ClusterFrame,
	members: readonly Pick<Card, 'x' | 'y'>[]
): { x: number; y: number; width: number; height: number } {
	let minX = cluster.x;
	let minY = cluster.y;
	let maxX = cluster.x + 240;
	let maxY = cluster.y + 160;
	for (const card of members) {
		minX = Math.min(minX, card.x - framePadding);
		minY = Math.min(minY, card.y - framePadding - frameTitle);
		maxX = Math.max(maxX, card.x + cardWidth + framePadding);
		maxY = Math.max(maxY, card.y + cardHeight + framePadding);
	}
	return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

/** Where a card goes when it joins a cluster from the list view: the next free slot in its frame. */
export function slotInCluster(cluster: ClusterFrame, index: number): { x: number; y: number } {
	return {
		x: cluster.x + framePadding + (index % 2) * (cardWidth + 10),
		y: cluster.y + frameTitle + framePadding + Math.floor(index / 2) * (cardHeight + 10)
	};
}

/** The cluster whose frame contains the card's centre, if any (for drops on the canvas). */
export function clusterAt(
	frames: readonly { id: string; x: number; y: number; width: number; height: number }[],
	card: Pick<Card, 'x' | 'y'>
): string {
	const cx = card.x + cardWidth / 2;
	const cy = card.y + cardHeight / 2;
	// The frame drawn last is on top, so it wins where frames overlap.
	for (let i = frames.length - 1; i >= 0; i--) {
		const f = frames[i];
		if (cx >= f.x && cx <= f.x + f.width && cy >= f.y && cy <= f.y + f.height) return f.id;
	}
	return '';
}
