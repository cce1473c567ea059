import * as Y from 'yjs';
import { cardsOf, readCardFields, type Card } from '$lib/collab/wall';

/**
 * The wall's cards after a change that only changed fields of cards already on it (a move, an
 * edit, a new colour or group): those cards are read again, every other card object stays as it
 * was. Null when the change needs the full read: cards added, removed, binned or restored, a
 * changed creation time (the order), a change to a card not on the list (one in the bin).
 *
 * With 1,000 cards and people moving them several times a second, reading and checking every card
 * on each move (and handing every view 1,000 new objects) was the wall's steady cost; a move now
 * costs one card, and the result is still what `readCards` would return.
 */
export function refreshChangedCards(
	doc: Y.Doc,
	previous: readonly Card[],
	events: readonly Y.YEvent<Y.AbstractType<unknown>>[]
): Card[] | null {
	const all = cardsOf(doc);
	const changed = new Set<string>();
	for (const event of events) {
		const id = event.path[0];
		const fields = event.target;
		// A card's own field map has the path [id]; an event on the map of cards adds or removes.
		if (event.path.length !== 1 || typeof id !== 'string' || !(fields instanceof Y.Map))
			return null;
		const keys = (event as Y.YMapEvent<unknown>).keysChanged;
		if (keys.has('deletedAt') || keys.has('createdAt') || all.get(id) !== fields) return null;
		changed.add(id);
	}
	if (changed.size === 0) return null;
	let found = 0;
	const next = previous.map((card) => {
		if (!changed.has(card.id)) return card;
		found++;
		return readCardFields(card.id, fields(all, card.id));
	});
	return found === changed.size ? next : null;
}

const fields = (all: Y.Map<Y.Map<unknown>>, id: string) => all.get(id) as Y.Map<unknown>;
