import { expect, test } from 'vitest';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { createCaretAwareness, readCaretUser } from './caret-awareness';

function twoPeople() {
	const mine = new Awareness(new Y.Doc());
	const theirs = new Awareness(new Y.Doc());
	const deliver = () =>
		applyAwarenessUpdate(mine, encodeAwarenessUpdate(theirs, [theirs.clientID]), 'test');
	return { mine, theirs, deliver };
}

test('anonymous people show as the anonymous name, long names are cut', () => {
	expect(readCaretUser({ name: null, colour: '#1d5c63' }, 'Anonym')).toEqual({
		name: 'Anonym',
		color: '#1d5c63'
	});
	expect(readCaretUser({ name: '   ' }, 'Anonym').name).toBe('Anonym');
	expect(readCaretUser({ name: 'x'.repeat(500) }, 'Anonym').name).toHaveLength(40);
	expect(readCaretUser(undefined, 'Anonym').name).toBe('Anonym');
});

test('colours that are not #rrggbb become grey', () => {
	expect(readCaretUser({ name: 'A', colour: 'red;background:url(x)' }, 'Anonym').color).toBe(
		'#666666'
	);
	expect(readCaretUser({ name: 'A', color: '#ff0000' }, 'Anonym').color).toBe('#666666');
});

test('the caret plugin sees copies, so its defaults never leak into the shared awareness', () => {
	const { mine, theirs, deliver } = twoPeople();
	theirs.setLocalStateField('user', { name: null, colour: '#1d5c63' });
	deliver();
	const view = createCaretAwareness(mine, () => 'Anonym');
	const seen = view.getStates().get(theirs.clientID) as { user: { name: string } };
	expect(seen.user.name).toBe('Anonym');
	seen.user.name = 'User: 1';
	expect((mine.getStates().get(theirs.clientID)?.user as { name: unknown }).name).toBeNull();
	expect(view.states.get(theirs.clientID)).toEqual(view.getStates().get(theirs.clientID));
});

test('malformed cursors from peers are dropped, well-formed ones pass', () => {
	const { mine, theirs, deliver } = twoPeople();
	const view = createCaretAwareness(mine, () => 'Anonym');
	theirs.setLocalStateField('cursor', { anchor: 'boom', head: { item: { client: 'x' } } });
	deliver();
	expect(view.getStates().get(theirs.clientID)?.cursor).toBeNull();
	const doc = new Y.Doc();
	const text = doc.getText('t');
	text.insert(0, 'abc');
	const pos = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, 1));
	theirs.setLocalStateField('cursor', { anchor: pos, head: pos });
	deliver();
	expect(view.getStates().get(theirs.clientID)?.cursor).toEqual({ anchor: pos, head: pos });
});

test('writes go to single fields and keep what other features stored', () => {
	const { mine } = twoPeople();
	mine.setLocalStateField('pointer', { x: 1, y: 2 });
	const view = createCaretAwareness(mine, () => 'Anonym');
	view.setLocalStateField('cursor', null);
	expect(mine.getLocalState()).toMatchObject({ pointer: { x: 1, y: 2 }, cursor: null });
});
