import fc from 'fast-check';
import { expect, test } from 'vitest';
import * as Y from 'yjs';
import {
	addCard,
	cardsOf,
	deleteCard,
	readCards,
	restoreCard,
	updateCard,
	type Card
} from '$lib/collab/wall';
import { refreshChangedCards } from './wall-refresh';

/** Follows a document the way WallState does: the quick refresh where it applies, else a full read. */
function follow(doc: Y.Doc) {
	const seen = { cards: readCards(doc), quick: 0 };
	cardsOf(doc).observeDeep((events) => {
		const changed = refreshChangedCards(doc, seen.cards, events);
		if (changed) seen.quick++;
		seen.cards = changed ?? readCards(doc);
	});
	return seen;
}

test('a move re-reads only the moved card and keeps every other card object', () => {
	const doc = new Y.Doc();
	const ids = [0, 1, 2].map((i) =>
		addCard(doc, { text: `Karte ${i}`, x: i, y: 0, colour: 'green' })
	);
	const seen = follow(doc);
	const before = seen.cards;
	updateCard(doc, ids[1], { x: 500, y: 200 });
	expect(seen.quick).toBe(1);
	expect(seen.cards).toEqual(readCards(doc));
	expect(seen.cards.find((c) => c.id === ids[1])).toMatchObject({ x: 500, y: 200 });
	const others = seen.cards.filter((c) => c.id !== ids[1]);
	expect(others).toHaveLength(2);
	for (const card of others) expect(before).toContain(card);
});

test('adding, binning and restoring a card take the full read', () => {
	const doc = new Y.Doc();
	const id = addCard(doc, { text: 'Lärm', x: 0, y: 0, colour: 'yellow' });
	const seen = follow(doc);
	addCard(doc, { text: 'Kein Spielplatz', x: 200, y: 0, colour: 'green' });
	deleteCard(doc, id);
	restoreCard(doc, { id });
	expect(seen.quick).toBe(0);
	expect(seen.cards).toEqual(readCards(doc));
});

test('a change to a binned card is not mistaken for one on the wall', () => {
	const doc = new Y.Doc();
	const id = addCard(doc, { text: 'Lärm', x: 0, y: 0, colour: 'yellow' });
	deleteCard(doc, id);
	const seen = follow(doc);
	cardsOf(doc).get(id)?.set('text', 'Lärm nachts');
	expect(seen.quick).toBe(0);
	expect(seen.cards).toEqual([]);
});

test('whatever peers do, the followed cards equal a full read', () => {
	const colours = ['green', 'yellow', 'pink'] as const;
	const step = fc.oneof(
		fc.record({ kind: fc.constant('add' as const), text: fc.string({ maxLength: 8 }) }),
		fc.record({
			kind: fc.constant('move' as const),
			at: fc.nat(),
			x: fc.integer(),
			y: fc.integer()
		}),
		fc.record({
			kind: fc.constant('edit' as const),
			at: fc.nat(),
			text: fc.string({ maxLength: 8 })
		}),
		fc.record({ kind: fc.constant('bin' as const), at: fc.nat() }),
		fc.record({ kind: fc.constant('restore' as const), at: fc.nat() }),
		fc.record({ kind: fc.constant('order' as const), at: fc.nat(), createdAt: fc.nat() }),
		fc.record({ kind: fc.constant('junk' as const), at: fc.nat() })
	);
	fc.assert(
		fc.property(fc.array(step, { maxLength: 30 }), fc.boolean(), (steps, batched) => {
			const doc = new Y.Doc();
			const seen = follow(doc);
			const ids: string[] = [];
			const run = () => {
				for (const s of steps) {
					const id = ids.length > 0 && 'at' in s ? ids[s.at % ids.length] : null;
					if (s.kind === 'add')
						ids.push(addCard(doc, { text: s.text, x: 0, y: 0, colour: colours[ids.length % 3] }));
					else if (!id) continue;
					else if (s.kind === 'move') updateCard(doc, id, { x: s.x, y: s.y });
					else if (s.kind === 'edit') updateCard(doc, id, { text: s.text });
					else if (s.kind === 'bin') deleteCard(doc, id);
					else if (s.kind === 'restore') restoreCard(doc, { id });
					else if (s.kind === 'order') cardsOf(doc).get(id)?.set('createdAt', s.createdAt);
					else cardsOf(doc).get(id)?.set('x', 'nicht eine Zahl');
				}
			};
			if (batched) doc.transact(run);
			else run();
			const expected: Card[] = readCards(doc);
			expect(seen.cards).toEqual(expected);
		})
	);
});
