import * as Y from 'yjs';
import { expect, test } from 'vitest';
import { readPushedStatus } from './pushed-status';

test('the pushed status is read tolerantly: only a known status string counts', () => {
	const doc = new Y.Doc();
	expect(readPushedStatus(doc)).toBeNull();
	doc.getMap('control').set('status', 'closed');
	expect(readPushedStatus(doc)).toBe('closed');
	doc.getMap('control').set('status', { closed: true });
	expect(readPushedStatus(doc)).toBeNull();
	doc.getMap('control').set('status', 'geschlossen');
	expect(readPushedStatus(doc)).toBeNull();
});
