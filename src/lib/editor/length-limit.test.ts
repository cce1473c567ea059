import { EditorState } from '@tiptap/pm/state';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import { expect, test } from 'vitest';
import { countText, createLengthLimitPlugin } from './length-limit';
import { visionSchema } from './schema';

const schema = visionSchema();

function stateWith(text: string, max: number, refused: string[]) {
	return EditorState.create({
		schema,
		doc: schema.node('doc', null, [schema.node('paragraph', null, text ? schema.text(text) : [])]),
		plugins: [createLengthLimitPlugin(max, () => refused.push('refused'))]
	});
}

test('counts only characters, not block boundaries or line breaks', () => {
	const doc = schema.node('doc', null, [
		schema.node('heading', { level: 2 }, schema.text('Ziel')),
		schema.node('paragraph', null, [schema.text('ab'), schema.node('hardBreak'), schema.text('c')])
	]);
	expect(countText(doc.content)).toBe(7);
});

test('typing up to the limit works, one character more is refused', () => {
	const refused: string[] = [];
	const state = stateWith('12345678', 10, refused);
	const ok = state.applyTransaction(state.tr.insertText('9a', 9));
	expect(ok.state.doc.textContent).toBe('123456789a');
	const over = ok.state.applyTransaction(ok.state.tr.insertText('b', 11));
	expect(over.state.doc.textContent).toBe('123456789a');
	expect(refused).toEqual(['refused']);
});

test('deleting from an over-long text is always allowed', () => {
	const refused: string[] = [];
	const state = stateWith('x'.repeat(20), 10, refused);
	const result = state.applyTransaction(state.tr.delete(1, 3));
	expect(result.state.doc.textContent).toHaveLength(18);
	expect(refused).toEqual([]);
});

test('changes that come from other people through Yjs are never refused', () => {
	const refused: string[] = [];
	const state = stateWith('x'.repeat(10), 10, refused);
	const remote = state.tr
		.insertText('from a peer', 1)
		.setMeta(ySyncPluginKey, { isChangeOrigin: true });
	expect(state.applyTransaction(remote).state.doc.textContent).toHaveLength(21);
	expect(refused).toEqual([]);
});
