import fc from 'fast-check';
import { expect, test } from 'vitest';
import * as Y from 'yjs';
import {
	addMeasure,
	deleteMeasure,
	draftToMeasureInput,
	measuresOf,
	readMeasures,
	restoreMeasure,
	updateMeasure
} from './measures';
import { measureStatuses } from '../domain/measures';

test('add, edit, delete and undo a measure', () => {
	const doc = new Y.Doc();
	const id = addMeasure(doc, { title: 'Bank aufstellen', responsible: 'Grünflächenamt' });
	updateMeasure(doc, id, { dueOn: '2026-09-30', quickWin: true, goalIds: ['g1'] });
	expect(readMeasures(doc)).toMatchObject([
		{
			id,
			title: 'Bank aufstellen',
			responsible: 'Grünflächenamt',
			dueOn: '2026-09-30',
			quickWin: true,
			goalIds: ['g1'],
			status: 'idea'
		}
	]);
	const removed = deleteMeasure(doc, id);
	expect(readMeasures(doc)).toEqual([]);
	restoreMeasure(doc, removed!);
	expect(readMeasures(doc)).toEqual([removed]);
	expect(updateMeasure(doc, 'missing', { title: 'x' })).toBe(false);
});

test('two people editing different cells of one row both keep their edit', () => {
	const a = new Y.Doc();
	const b = new Y.Doc();
	const id = addMeasure(a, { title: 'Sprechstunde' });
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
	updateMeasure(a, id, { responsible: 'Quartiersmanagement' });
	updateMeasure(b, id, { dueOn: '2026-12-01', title: 'Sprechstunde im Café' });
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
	expect(readMeasures(a)).toEqual(readMeasures(b));
	expect(readMeasures(a)[0]).toMatchObject({
		title: 'Sprechstunde im Café',
		responsible: 'Quartiersmanagement',
		dueOn: '2026-12-01'
	});
});

test('an update that changes nothing writes nothing', () => {
	const doc = new Y.Doc();
	const id = addMeasure(doc, { title: 'x', goalIds: ['a'] });
	let updates = 0;
	doc.on('update', () => updates++);
	updateMeasure(doc, id, { title: 'x', goalIds: ['a'] });
	expect(updates).toBe(0);
});

test('whatever peers write into the measures map, reading gives well-formed measures', () => {
	fc.assert(
		fc.property(
			fc.dictionary(
				fc.string({ maxLength: 50 }),
				fc.dictionary(
					fc.constantFrom(
						'title',
						'status',
						'quickWin',
						'goalIds',
						'districtCodes',
						'createdAt',
						'budget'
					),
					fc.oneof(
						fc.string({ maxLength: 300 }),
						fc.integer(),
						fc.double(),
						fc.boolean(),
						fc.constant(null),
						fc.array(fc.oneof(fc.string(), fc.integer()))
					)
				)
			),
			(entries) => {
				const doc = new Y.Doc();
				doc.transact(() => {
					for (const [id, fields] of Object.entries(entries)) {
						const map = new Y.Map<unknown>();
						measuresOf(doc).set(id, map);
						for (const [key, value] of Object.entries(fields)) map.set(key, value);
					}
				});
				for (const m of readMeasures(doc)) {
					expect(typeof m.title).toBe('string');
					expect(m.title.length).toBeLessThanOrEqual(200);
					expect(measureStatuses).toContain(m.status);
					expect(typeof m.quickWin).toBe('boolean');
					expect(m.goalIds.every((g) => typeof g === 'string')).toBe(true);
					expect(Number.isFinite(m.createdAt)).toBe(true);
				}
			}
		)
	);
});

test('a draft with a bad field keeps the rest; a draft without a title is skipped', () => {
	const doc = new Y.Doc();
	addMeasure(doc, {
		title: 'Nachbarschaftsfest',
		startOn: '2026-06-01',
		dueOn: '2026-05-01',
		budget: '2.000',
		districtCodes: ['planungsraum:0101']
	});
	const [draft] = readMeasures(doc);
	const { input, cleared } = draftToMeasureInput(draft);
	expect(cleared).toEqual(['dueOn']);
	expect(input).toMatchObject({
		title: 'Nachbarschaftsfest',
		startOn: '2026-06-01',
		dueOn: null,
		budget: 2000,
		districts: [{ level: 'planungsraum', code: '0101' }]
	});
	expect(draftToMeasureInput({ ...draft, title: ' ' }).input).toBeNull();
});

test('two people typing in the same field at once both keep their text', () => {
	const a = new Y.Doc();
	const b = new Y.Doc();
	const id = addMeasure(a, { title: 'Bank' });
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
	updateMeasure(a, id, { title: 'Bank am Spielplatz' });
	updateMeasure(b, id, { title: 'Neue Bank' });
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
	expect(readMeasures(a)).toEqual(readMeasures(b));
	expect(readMeasures(a)[0].title).toBe('Neue Bank am Spielplatz');
});

test('a document from before, with plain strings, is read and turns into shared text on the first edit', () => {
	const doc = new Y.Doc();
	const fields = new Y.Map<unknown>();
	measuresOf(doc).set('old1', fields);
	fields.set('title', 'Alter Titel');
	fields.set('responsible', 'Amt');
	fields.set('createdAt', 1);
	expect(readMeasures(doc)[0]).toMatchObject({ title: 'Alter Titel', responsible: 'Amt' });
	updateMeasure(doc, 'old1', { title: 'Alter Titel, neu' });
	expect(fields.get('title')).toBeInstanceOf(Y.Text);
	expect(fields.get('responsible')).toBe('Amt');
	expect(readMeasures(doc)[0].title).toBe('Alter Titel, neu');
});

test('new and restored measures hold their free text as Y.Text, dates as strings', () => {
	const doc = new Y.Doc();
	const id = addMeasure(doc, { title: 'Hoffest', startOn: '2026-05-01' });
	const fields = measuresOf(doc).get(id)!;
	expect(fields.get('title')).toBeInstanceOf(Y.Text);
	expect(fields.get('startOn')).toBe('2026-05-01');
	const removed = deleteMeasure(doc, id)!;
	restoreMeasure(doc, removed);
	expect(measuresOf(doc).get(id)!.get('description')).toBeInstanceOf(Y.Text);
	expect(readMeasures(doc)).toEqual([removed]);
});
