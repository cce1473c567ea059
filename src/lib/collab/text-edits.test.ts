import fc from 'fast-check';
import { expect, test } from 'vitest';
import * as Y from 'yjs';
import { applyText, diffText, moveIndex } from './text-edits';

test('the change between two strings keeps their common start and end', () => {
	expect(diffText('Bank', 'Bank am See')).toEqual({ index: 4, remove: 0, insert: ' am See' });
	expect(diffText('Bank am See', 'Bank See')).toEqual({ index: 5, remove: 3, insert: '' });
	expect(diffText('', '')).toEqual({ index: 0, remove: 0, insert: '' });
});

test('applying the change of any two strings gives the new string', () => {
	fc.assert(
		fc.property(
			fc.string({ unit: 'grapheme' }),
			fc.string({ unit: 'grapheme' }),
			(before, after) => {
				const text = new Y.Doc().getText('t');
				text.insert(0, before);
				applyText(text, after);
				expect(text.toString()).toBe(after);
			}
		)
	);
});

test('a change never splits an emoji into lone surrogates', () => {
	fc.assert(
		fc.property(
			fc.string({ unit: 'grapheme' }),
			fc.string({ unit: 'grapheme' }),
			(before, after) => {
				const { index, remove } = diffText(before, after);
				for (const at of [index, index + remove]) {
					const code = before.charCodeAt(at);
					expect(at > 0 && code >= 0xdc00 && code <= 0xdfff).toBe(false);
				}
			}
		)
	);
});

test('a caret moves with text inserted or deleted before it, not after it', () => {
	const doc = new Y.Doc();
	const text = doc.getText('t');
	text.insert(0, 'Bank am See');
	const seen: number[] = [];
	text.observe((event) => seen.push(moveIndex(7, event.delta)));
	text.insert(0, 'Neue ');
	text.delete(0, 5);
	text.insert(10, '!!');
	text.delete(3, 6);
	expect(seen).toEqual([12, 2, 7, 3]);
});

test('a caret lands where the same text is after any remote edit', () => {
	fc.assert(
		fc.property(
			fc.string({ minLength: 1 }),
			fc.nat(),
			fc.nat(),
			fc.nat(),
			fc.string(),
			(initial, caretSeed, atSeed, removeSeed, insert) => {
				const doc = new Y.Doc();
				const text = doc.getText('t');
				text.insert(0, initial);
				const caret = caretSeed % (initial.length + 1);
				const at = atSeed % (initial.length + 1);
				const remove = Math.min(removeSeed % 4, initial.length - at);
				// A marker after the caret stays right after it whatever the edit elsewhere.
				let moved = -1;
				text.observe((event) => (moved = moveIndex(caret, event.delta)));
				doc.transact(() => {
					if (remove) text.delete(at, remove);
					if (insert) text.insert(at, insert);
				});
				if (!remove && !insert) return;
				const after = text.toString();
				if (at + remove < caret) expect(after.slice(moved)).toBe(initial.slice(caret));
				if (at >= caret) expect(moved).toBe(caret);
			}
		)
	);
});
