import * as Y from 'yjs';

/** A block of the vision text as plain words: shown on the projector and in read-only results. */
export interface VisionBlock {
	kind: 'heading' | 'paragraph' | 'item';
	text: string;
}

const maxBlocks = 400;

/**
 * The vision text's blocks (headings, paragraphs, list items) as plain text. Read from the shared
 * Y.XmlFragment the editor writes, without HTML: peers write anything into a CRDT, so nothing of
 * it is ever rendered as markup.
 */
export function visionBlocks(fragment: Y.XmlFragment): VisionBlock[] {
	const blocks: VisionBlock[] = [];
	const visit = (node: Y.XmlElement | Y.XmlFragment, inList: boolean, depth: number) => {
		for (const child of node.toArray()) {
			if (blocks.length >= maxBlocks || depth > 8) return;
			if (!(child instanceof Y.XmlElement)) continue;
			const name = child.nodeName;
			if (name === 'bulletList' || name === 'orderedList') visit(child, true, depth + 1);
			else if (name === 'listItem' || name === 'blockquote') visit(child, inList, depth + 1);
			else {
				const text = plainText(child).trim();
				if (!text) continue;
				blocks.push({ kind: name === 'heading' ? 'heading' : inList ? 'item' : 'paragraph', text });
			}
		}
	};
	visit(fragment, false, 0);
	return blocks;
}

function plainText(element: Y.XmlElement): string {
	let text = '';
	for (const child of element.toArray()) {
		if (child instanceof Y.XmlText)
			for (const op of child.toDelta() as { insert?: unknown }[])
				if (typeof op.insert === 'string') text += op.insert;
		if (child instanceof Y.XmlElement) text += plainText(child);
	}
	return text;
}
