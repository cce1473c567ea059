import type { Attachment } from 'svelte/attachments';
import * as Y from 'yjs';
import { fieldText, measuresOf, measureTextLimits, sharedText } from '$lib/collab/measures';
import type { SharedTextField } from '$lib/collab/measures';
import { applyText, moveIndex } from '$lib/collab/text-edits';

type TextInput = HTMLInputElement | HTMLTextAreaElement;

/**
 * Binds an input or textarea to one shared text field of a live measure. Keystrokes become the
 * smallest Y.Text edit; a peer's edit is written into the element at once, in the Yjs observer, with
 * the caret moved along. Doing that synchronously (not on Svelte's next render) is what keeps the
 * element and the Y.Text equal between two keystrokes, so a diff against the Y.Text never undoes a
 * peer's words.
 */
export function sharedTextField(
	doc: Y.Doc,
	measureId: string,
	key: SharedTextField,
	editable: boolean
): Attachment<TextInput> {
	return (element) => {
		const max = measureTextLimits[key];
		const fields = measuresOf(doc).get(measureId);
		if (!(fields instanceof Y.Map)) return;
		let bound: Y.Text | null = null;

		const onText = (event: Y.YTextEvent, transaction: Y.Transaction) => {
			if (transaction.local) return;
			const focused = document.activeElement === element;
			const start = element.selectionStart ?? 0;
			const end = element.selectionEnd ?? 0;
			element.value = fieldText(event.target, max);
			if (focused)
				element.setSelectionRange(moveIndex(start, event.delta), moveIndex(end, event.delta));
		};
		/** Follows the field's current value: a Y.Text, or a string in documents from before. */
		const bind = () => {
			const value = fields.get(key);
			const text = value instanceof Y.Text ? value : null;
			if (text !== bound) {
				bound?.unobserve(onText);
				text?.observe(onText);
				bound = text;
			}
			const shown = fieldText(value, max);
			if (element.value !== shown) element.value = shown;
		};
		const onFields = (event: Y.YMapEvent<unknown>) => {
			if (event.keysChanged.has(key)) bind();
		};
		const onInput = () => {
			if (!editable) return;
			doc.transact(() => applyText(sharedText(fields, key), element.value.slice(0, max)));
			bind();
		};

		bind();
		fields.observe(onFields);
		element.addEventListener('input', onInput);
		return () => {
			element.removeEventListener('input', onInput);
			fields.unobserve(onFields);
			bound?.unobserve(onText);
		};
	};
}
