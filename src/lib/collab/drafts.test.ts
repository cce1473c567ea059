import { expect, test } from 'vitest';
import * as Y from 'yjs';
import { placeDrafts, readDrafts, removeDrafts } from './drafts';
import { addCard, readCards, updateCard } from './wall';

test('published drafts become cards on their board under the ids given, in fresh places', () => {
	const drafts = new Y.Doc();
	const content = new Y.Doc();
	addCard(content, { text: 'schon da', x: 40, y: 40, colour: 'yellow', board: 'kritik' });
	const ids = ['Eins', 'Zwei', '   '].map((text) =>
		addCard(drafts, { text, x: 0, y: 0, colour: 'green', board: 'kritik' })
	);
	const waiting = readDrafts(drafts);
	expect(waiting.map((d) => d.text).sort()).toEqual(['Eins', 'Zwei']);

	placeDrafts(
		content,
		waiting.map((d) => ({ ...d, id: `wall-${d.id}` }))
	);
	removeDrafts(
		drafts,
		waiting.map((d) => d.id)
	);
	const wall = readCards(content).filter((c) => c.text !== 'schon da');
	expect(wall.map((c) => c.text).sort()).toEqual(['Eins', 'Zwei']);
	for (const card of wall) {
		expect(ids.map((id) => `wall-${id}`)).toContain(card.id);
		expect(card).toMatchObject({ board: 'kritik', cluster: '', colour: 'green' });
	}
	// Slots 1 and 2 of the wall's grid, after the card already there.
	expect(wall.map((c) => `${c.x},${c.y}`).sort()).toEqual(['240,40', '440,40']);
	expect(readDrafts(drafts)).toEqual([]);
});

test('every card of the same person gets the same publication time, so the clock tells nothing', () => {
	const drafts = new Y.Doc();
	const content = new Y.Doc();
	for (let i = 0; i < 5; i++) addCard(drafts, { text: `K${i}`, x: 0, y: 0, colour: 'blue' });
	placeDrafts(content, readDrafts(drafts));
	expect(new Set(readCards(content).map((c) => c.createdAt)).size).toBe(1);
});

test('publishing the same drafts again changes nothing on the wall', () => {
	const drafts = new Y.Doc();
	const content = new Y.Doc();
	addCard(drafts, { text: 'Einmal', x: 0, y: 0, colour: 'pink', board: 'kritik' });
	const batch = readDrafts(drafts).map((d) => ({ ...d, id: `wall-${d.id}` }));
	placeDrafts(content, batch);
	const [placed] = readCards(content);
	updateCard(content, placed.id, { x: 999, y: 999 });
	placeDrafts(content, batch);
	expect(readCards(content)).toEqual([{ ...placed, x: 999, y: 999 }]);
});
