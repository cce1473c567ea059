import { expect, test } from 'vitest';
import * as Y from 'yjs';
import { placeDrafts, readDrafts, removeDrafts } from './drafts';
import { addCard, readCards } from './wall';

test('published drafts become new cards on their board, with new ids and places, and leave nothing behind', () => {
	const drafts = new Y.Doc();
	const content = new Y.Doc();
	addCard(content, { text: 'schon da', x: 40, y: 40, colour: 'yellow', board: 'kritik' });
	const ids = ['Eins', 'Zwei', '   '].map((text) =>
		addCard(drafts, { text, x: 0, y: 0, colour: 'green', board: 'kritik' })
	);
	const waiting = readDrafts(drafts);
	expect(waiting.map((d) => d.text).sort()).toEqual(['Eins', 'Zwei']);

	placeDrafts(content, waiting);
	removeDrafts(
		drafts,
		waiting.map((d) => d.id)
	);
	const wall = readCards(content).filter((c) => c.text !== 'schon da');
	expect(wall.map((c) => c.text).sort()).toEqual(['Eins', 'Zwei']);
	for (const card of wall) {
		expect(ids).not.toContain(card.id);
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
