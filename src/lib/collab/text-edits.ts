import * as Y from 'yjs';

/** One contiguous change that turns `before` into `after`: remove `remove` characters at `index`, insert `insert`. */
export interface TextChange {
	index: number;
	remove: number;
	insert: string;
}

/**
 * The smallest single change between two strings (common prefix and suffix kept). An input element
 * reports its whole value on every keystroke; turning that into an insert or delete at the caret is
 * what lets two people typing into the same field both keep their text.
 */
export function diffText(before: string, after: string): TextChange {
	let start = 0;
	const shorter = Math.min(before.length, after.length);
	while (start < shorter && before[start] === after[start]) start++;
	let end = 0;
	while (end < shorter - start && before[before.length - 1 - end] === after[after.length - 1 - end])
		end++;
	// Never split a surrogate pair: a lone half would be stored as garbage.
	if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
	if (end > 0 && isLowSurrogate(before.charCodeAt(before.length - end))) end--;
	return {
		index: start,
		remove: before.length - start - end,
		insert: after.slice(start, after.length - end)
	};
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** Makes the Y.Text read `after` with the smallest change; nothing happens when it already does. */
export function applyText(text: Y.Text, after: string): void {
	const change = diffText(text.toString(), after);
	if (change.remove === 0 && change.insert === '') return;
	const apply = () => {
		if (change.remove) text.delete(change.index, change.remove);
		if (change.insert) text.insert(change.index, change.insert);
	};
	if (text.doc) text.doc.transact(apply);
	else apply();
}

/**
 * Where a caret (or selection end) ends up after a remote change, given as a Y.Text event delta:
 * text inserted before it pushes it right, text deleted before it pulls it left. `position` walks
 * the text as it was, which is what the caret index refers to.
 */
export function moveIndex(index: number, delta: Y.YTextEvent['delta']): number {
	let position = 0;
	let moved = index;
	for (const op of delta) {
		if (position >= index) break;
		if (op.retain !== undefined) position += op.retain;
		else if (typeof op.insert === 'string') moved += op.insert.length;
		else if (op.delete !== undefined) {
			moved -= Math.min(op.delete, index - position);
			position += op.delete;
		}
	}
	return Math.max(0, moved);
}
