import * as Y from 'yjs';
import { cardColours, isCardColour, maxCardLength, type CardColour } from '../domain/cards';

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
}

type CardFields = Omit<Card, 'id'>;

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
		if (!(fields instanceof Y.Map)) return;
		const text = fields.get('text');
		const colour = fields.get('colour');
		cards.push({
			id,
			text: typeof text === 'string' ? text.slice(0, maxCardLength) : '',
			x: Math.max(-1e6, Math.min(1e6, finite(fields.get('x'), 0))),
			y: Math.max(-1e6, Math.min(1e6, finite(fields.get('y'), 0))),
			colour: isCardColour(colour) ? colour : cardColours[0],
			createdAt: finite(fields.get('createdAt'), 0)
		});
	});
	return cards.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

function newCardId(): string {
	const bytes = new Uint8Array(8);
	crypto.getRandomValues(bytes);
	return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function addCard(
	doc: Y.Doc,
	fields: Omit<CardFields, 'createdAt'>,
	id = newCardId()
): string {
	doc.transact(() => {
		const card = new Y.Map<unknown>();
		cardsOf(doc).set(id, card);
		for (const [key, value] of Object.entries({ ...fields, createdAt: Date.now() }))
			card.set(key, value);
	});
	return id;
}

export function updateCard(
	doc: Y.Doc,
	id: string,
	changes: Partial<Omit<CardFields, 'createdAt'>>
) {
	const card = cardsOf(doc).get(id);
	if (!(card instanceof Y.Map)) return false;
	doc.transact(() => {
		for (const [key, value] of Object.entries(changes)) card.set(key, value);
	});
	return true;
}

export function deleteCard(doc: Y.Doc, id: string): Card | null {
	const card = readCards(doc).find((c) => c.id === id) ?? null;
	if (card) cardsOf(doc).delete(id);
	return card;
}

/** Undo of a delete: the card comes back with its id, text, place and colour. */
export function restoreCard(doc: Y.Doc, card: Card): void {
	doc.transact(() => {
		const fields = new Y.Map<unknown>();
		cardsOf(doc).set(card.id, fields);
		for (const [key, value] of Object.entries(card)) if (key !== 'id') fields.set(key, value);
	});
}

/** Where a new card goes: a loose grid that fills rows of five, so cards do not pile up. */
export function nextCardPosition(count: number): { x: number; y: number } {
	return { x: 40 + (count % 5) * 200, y: 40 + Math.floor(count / 5) * 130 };
}
