import { Extension } from '@tiptap/core';
import { isChangeOrigin } from '@tiptap/extension-collaboration';
import type { Fragment } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { maxVisionTextLength } from './paste';

/** Characters of text in a piece of the document; the one measure the length limit uses. */
export function countText(content: Fragment): number {
	let count = 0;
	content.descendants((node) => {
		if (node.isText) count += node.text?.length ?? 0;
	});
	return count;
}

export interface LengthLimitOptions {
	max: number;
	onRefused: () => void;
}

/**
 * Refuses local edits (typing, drops, commands) that would make the text longer than `max`. Pastes are
 * checked earlier, in the editor's paste handler, so the person gets the specific message; this is the
 * net under every other way in. Changes that arrive through Yjs (other people, undo/redo) are never
 * refused: the shared document is the truth, and refusing them would only make this view diverge.
 */
export function createLengthLimitPlugin(max: number, onRefused: () => void): Plugin {
	return new Plugin({
		key: new PluginKey('visionLengthLimit'),
		filterTransaction: (tr, state) => {
			if (!tr.docChanged || isChangeOrigin(tr)) return true;
			const after = countText(tr.doc.content);
			if (after <= max || after <= countText(state.doc.content)) return true;
			onRefused();
			return false;
		}
	});
}

/** The length limit as a Tiptap extension. */
export const LengthLimit = Extension.create<LengthLimitOptions>({
	name: 'visionLengthLimit',
	addOptions() {
		return { max: maxVisionTextLength, onRefused: () => {} };
	},
	addProseMirrorPlugins() {
		return [createLengthLimitPlugin(this.options.max, this.options.onRefused)];
	}
});
