import { expect, test } from 'vitest';
import * as Y from 'yjs';
import {
	addDraft,
	deleteDraft,
	listDrafts,
	placeDrafts,
	readDrafts,
	removeDrafts,
	restoreDraft,
	updateDraft
} from './drafts';
import { addCard, readCards, updateCard } from './wall';

test('published drafts become cards on their board under the ids given, in fresh places', () => {
	const drafts = new Y.Doc();
	const content = new Y.Doc();
	addCard(content, { text: 'schon da', x: 40, y: 40, colour: 'yellow', board: 'kritik' });
	const ids = ['Eins', 'Zwei', '   '].map((text) =>
		addDraft(drafts, { text, x: 0, y: 0, colour: 'green', board: 'kritik' })
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
	for (let i = 0; i < 5; i++) addDraft(drafts, { text: `K${i}`, x: 0, y: 0, colour: 'blue' });
	placeDrafts(content, readDrafts(drafts));
	expect(new Set(readCards(content).map((c) => c.createdAt)).size).toBe(1);
});

test('publishing the same drafts again changes nothing on the wall', () => {
	const drafts = new Y.Doc();
	const content = new Y.Doc();
	addDraft(drafts, { text: 'Einmal', x: 0, y: 0, colour: 'pink', board: 'kritik' });
	const batch = readDrafts(drafts).map((d) => ({ ...d, id: `wall-${d.id}` }));
	placeDrafts(content, batch);
	const [placed] = readCards(content);
	updateCard(content, placed.id, { x: 999, y: 999 });
	placeDrafts(content, batch);
	expect(readCards(content)).toEqual([{ ...placed, x: 999, y: 999 }]);
});

test('once removed, a draft leaves neither its id nor its text in the stored document', () => {
	const drafts = new Y.Doc();
	const kept = addDraft(drafts, { text: 'bleibt q1', x: 0, y: 0, colour: 'pink' });
	const gone = addDraft(drafts, { text: 'geht q2', x: 0, y: 0, colour: 'pink' });
	updateDraft(drafts, gone, { text: 'geht doch q3' });
	removeDrafts(drafts, [gone]);
	const stored = Buffer.from(Y.encodeStateAsUpdate(drafts)).toString('utf8');
	for (const trace of [gone, 'geht q2', 'geht doch q3']) expect(stored).not.toContain(trace);
	expect(stored).toContain(kept);
	expect(listDrafts(drafts).map((d) => d.text)).toEqual(['bleibt q1']);
});

test('the author edits, deletes and restores a draft; a restored draft has a new id', () => {
	const drafts = new Y.Doc();
	const id = addDraft(drafts, { text: 'Erst so', x: 0, y: 0, colour: 'pink', board: 'kritik' });
	expect(updateDraft(drafts, id, { text: 'Dann so', colour: 'blue' })).toBe(true);
	expect(updateDraft(drafts, 'gibt-es-nicht', { text: 'x' })).toBe(false);
	const removed = deleteDraft(drafts, id)!;
	expect(removed).toMatchObject({ text: 'Dann so', colour: 'blue', board: 'kritik' });
	expect(listDrafts(drafts)).toEqual([]);
	const restored = restoreDraft(drafts, removed);
	expect(restored).not.toBe(id);
	expect(listDrafts(drafts)).toEqual([{ ...removed, id: restored }]);
});

test('drafts an older version kept in the map are still read, edited and published', () => {
	const drafts = new Y.Doc();
	const old = addCard(drafts, { text: 'alt', x: 0, y: 0, colour: 'yellow', board: 'kritik' });
	const fresh = addDraft(drafts, { text: 'neu', x: 0, y: 0, colour: 'yellow', board: 'kritik' });
	expect(readDrafts(drafts).map((d) => [d.id, d.legacy])).toEqual(
		expect.arrayContaining([
			[old, true],
			[fresh, false]
		])
	);
	expect(updateDraft(drafts, old, { text: 'alt, geändert' })).toBe(true);
	expect(readDrafts(drafts).find((d) => d.id === old)?.text).toBe('alt, geändert');
	removeDrafts(drafts, [old, fresh]);
	expect(readDrafts(drafts)).toEqual([]);
});

test('entries a hostile client wrote into the list are checked or skipped, never thrown', () => {
	const drafts = new Y.Doc();
	const list = drafts.getArray<unknown>('drafts');
	const noId = new Y.Map<unknown>();
	const odd = new Y.Map<unknown>();
	list.push(['kein Eintrag', 42, noId, odd]);
	noId.set('text', 'ohne id');
	odd.set('id', 'x1');
	odd.set('text', 7);
	odd.set('x', 'links');
	expect(listDrafts(drafts)).toEqual([
		expect.objectContaining({ id: 'x1', text: '', x: 0, legacy: false })
	]);
	expect(readDrafts(drafts)).toEqual([]);
});
