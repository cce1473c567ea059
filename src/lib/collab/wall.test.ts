import fc from 'fast-check';
import { expect, test } from 'vitest';
import * as Y from 'yjs';
import {
	addCard,
	addCluster,
	cardsOf,
	clusterAt,
	clusterBounds,
	deleteCard,
	deleteCluster,
	readCards,
	readClusters,
	restoreCard,
	slotInCluster,
	updateCard
} from './wall';
import { maxCardLength } from '../domain/cards';

test('add, edit, move, delete and undo a card', () => {
	const doc = new Y.Doc();
	const id = addCard(doc, { text: 'Kein Spielplatz', x: 40, y: 40, colour: 'green' });
	updateCard(doc, id, { text: 'Kein sicherer Spielplatz', x: 300 });
	expect(readCards(doc)).toMatchObject([
		{ id, text: 'Kein sicherer Spielplatz', x: 300, y: 40, colour: 'green' }
	]);
	const removed = deleteCard(doc, id);
	expect(readCards(doc)).toEqual([]);
	restoreCard(doc, removed!);
	expect(readCards(doc)).toEqual([removed]);
	expect(updateCard(doc, 'missing', { x: 1 })).toBe(false);
});

test('concurrent move and edit of one card both survive', () => {
	const a = new Y.Doc();
	const b = new Y.Doc();
	const id = addCard(a, { text: 'Lärm', x: 0, y: 0, colour: 'yellow' });
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
	updateCard(a, id, { x: 500, y: 200 });
	updateCard(b, id, { text: 'Lärm nachts', colour: 'pink' });
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
	expect(readCards(a)).toEqual(readCards(b));
	expect(readCards(a)[0]).toMatchObject({ text: 'Lärm nachts', x: 500, y: 200, colour: 'pink' });
});

test('whatever peers write into the cards map, reading gives well-formed cards', () => {
	fc.assert(
		fc.property(
			fc.dictionary(
				fc.string({ maxLength: 8 }),
				fc.record(
					{
						text: fc.anything(),
						x: fc.anything(),
						y: fc.anything(),
						colour: fc.anything(),
						createdAt: fc.anything()
					},
					{ requiredKeys: [] }
				)
			),
			(entries) => {
				const doc = new Y.Doc();
				const map = cardsOf(doc);
				for (const [id, fields] of Object.entries(entries)) {
					const card = new Y.Map<unknown>();
					map.set(id, card);
					for (const [key, value] of Object.entries(fields)) {
						try {
							card.set(key, value);
						} catch {
							// Yjs itself refuses some values (e.g. functions); that is fine.
						}
					}
				}
				map.set('not-a-map', 'plain string' as unknown as Y.Map<unknown>);
				for (const card of readCards(doc)) {
					expect(typeof card.text).toBe('string');
					expect(card.text.length).toBeLessThanOrEqual(maxCardLength);
					expect(Number.isFinite(card.x) && Number.isFinite(card.y)).toBe(true);
					expect(['yellow', 'orange', 'green', 'blue', 'pink']).toContain(card.colour);
				}
			}
		)
	);
});

test('random concurrent edits on three replicas converge', () => {
	fc.assert(
		fc.property(
			fc.array(
				fc.record({
					replica: fc.nat(2),
					op: fc.constantFrom('add', 'move', 'edit', 'delete'),
					n: fc.nat(20)
				}),
				{ maxLength: 40 }
			),
			fc.array(fc.nat(2), { maxLength: 10 }),
			(ops, syncPoints) => {
				const docs = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
				const sync = () => {
					for (const from of docs)
						for (const to of docs) if (from !== to) Y.applyUpdate(to, Y.encodeStateAsUpdate(from));
				};
				ops.forEach(({ replica, op, n }, i) => {
					const doc = docs[replica];
					const ids = readCards(doc).map((c) => c.id);
					const target = ids[n % Math.max(1, ids.length)];
					if (op === 'add' || !target)
						addCard(doc, { text: `Karte ${i}`, x: n, y: i, colour: 'blue' });
					else if (op === 'move') updateCard(doc, target, { x: n * 10, y: i });
					else if (op === 'edit') updateCard(doc, target, { text: `geändert ${i}` });
					else deleteCard(doc, target);
					if (syncPoints.includes(i % 3))
						Y.applyUpdate(docs[(replica + 1) % 3], Y.encodeStateAsUpdate(doc));
				});
				sync();
				expect(readCards(docs[1])).toEqual(readCards(docs[0]));
				expect(readCards(docs[2])).toEqual(readCards(docs[0]));
			}
		)
	);
});

test('a cluster frame wraps its cards; a card dropped inside joins it, outside leaves it', () => {
	const doc = new Y.Doc();
	const clusterId = addCluster(doc, { name: 'Verkehr', board: 'kritik', x: 600, y: 40 });
	const [cluster] = readClusters(doc, 'kritik');
	const slot = slotInCluster(cluster, 0);
	const frame = { id: clusterId, ...clusterBounds(cluster, [slot]) };
	expect(frame.x).toBeLessThanOrEqual(slot.x);
	expect(frame.x + frame.width).toBeGreaterThanOrEqual(slot.x + 180);
	expect(clusterAt([frame], slot)).toBe(clusterId);
	expect(clusterAt([frame], { x: 0, y: 0 })).toBe('');
	expect(readClusters(doc, 'phantasie')).toEqual([]);
});

test('dissolving a cluster keeps its cards and only ungroups them', () => {
	const doc = new Y.Doc();
	const clusterId = addCluster(doc, { name: 'Grün', board: 'kritik', x: 0, y: 0 });
	const cardId = addCard(doc, { text: 'Bäume', x: 0, y: 0, colour: 'green', cluster: clusterId });
	deleteCluster(doc, clusterId);
	expect(readClusters(doc)).toEqual([]);
	expect(readCards(doc)).toMatchObject([{ id: cardId, text: 'Bäume', cluster: '' }]);
});
