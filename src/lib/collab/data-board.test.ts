import * as Y from 'yjs';
import { expect, test } from 'vitest';
import {
	addDataComment,
	changeDataBoard,
	checkCommentText,
	dataBoardsOf,
	deleteDataComment,
	readDataBoard,
	readDataComments,
	readNextReports,
	setDataBoard,
	setNextReport,
	updateDataComment
} from './data-board';

test('the board state is read back as written, and junk reads as the defaults', () => {
	const doc = new Y.Doc();
	expect(readDataBoard(doc, 'datenlage')).toEqual({
		district: null,
		indicators: null,
		highlight: null
	});
	setDataBoard(doc, 'datenlage', {
		district: 'planungsraum:0100',
		indicators: ['alq'],
		highlight: 'alq'
	});
	expect(readDataBoard(doc, 'datenlage').highlight).toBe('alq');
	dataBoardsOf(doc).set('other', {
		district: 5,
		indicators: ['ok', { x: 1 }, 'ok'],
		highlight: ''
	});
	expect(readDataBoard(doc, 'other')).toEqual({
		district: null,
		indicators: ['ok'],
		highlight: null
	});
});

test('highlighting a hidden indicator shows it; hiding the highlighted one ends the highlight', () => {
	const none = { district: null, indicators: null, highlight: null };
	expect(changeDataBoard(none, { highlight: 'c' }, ['a', 'b'])).toEqual({
		district: null,
		indicators: ['a', 'b', 'c'],
		highlight: 'c'
	});
	const shown = { district: null, indicators: ['a', 'c'], highlight: 'c' };
	expect(changeDataBoard(shown, { indicators: ['a'] }, [])).toEqual({
		district: null,
		indicators: ['a'],
		highlight: null
	});
	expect(changeDataBoard(shown, { indicators: null }, ['a', 'c']).highlight).toBe('c');
});

test('comments carry their indicator and board; empty or overlong text is refused', () => {
	const doc = new Y.Doc();
	const id = addDataComment(doc, {
		board: 'datenlage',
		district: 'planungsraum:0100',
		indicator: 'alq',
		text: 'Stimmt so nicht, weil viele nicht gemeldet sind'
	});
	addDataComment(doc, { board: 'other', district: '', indicator: 'alq', text: 'x' });
	expect(readDataComments(doc, 'datenlage')).toMatchObject([{ id, indicator: 'alq' }]);
	updateDataComment(doc, id, 'geändert');
	expect(readDataComments(doc, 'datenlage')[0].text).toBe('geändert');
	deleteDataComment(doc, id);
	expect(readDataComments(doc, 'datenlage')).toEqual([]);
	expect(checkCommentText('   ')).toEqual({ ok: false, error: 'data.commentEmpty' });
	expect(checkCommentText('x'.repeat(501))).toEqual({ ok: false, error: 'data.commentTooLong' });
	expect(checkCommentText(' gut ')).toEqual({ ok: true, text: 'gut' });
});

test('who reports next and when are two fields, so two people filling them both win', () => {
	const a = new Y.Doc();
	const b = new Y.Doc();
	// Both write to a measure neither has a next report for yet, before they hear of each other.
	setNextReport(a, 'm1', 'reporter', 'Kiezbüro');
	setNextReport(b, 'm1', 'reportOn', '2027-03-01');
	setNextReport(a, 'm1', 'reporter', 'Kiezbüro Nord');
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
	expect(readNextReports(a)).toEqual({ m1: { reporter: 'Kiezbüro Nord', reportOn: '2027-03-01' } });
	expect(readNextReports(b)).toEqual(readNextReports(a));
});
