import * as Y from 'yjs';
import { maxVisionTextLength } from '../domain/vision';

/** A block of the vision text as plain words: shown on the projector and in the closed results. */
export interface VisionBlock {
	kind: 'heading' | 'paragraph' | 'item';
	text: string;
}

/** Deeper than any document the editor makes; the sync server allows 32 levels of types. */
const maxDepth = 32;

/**
 * The vision text's blocks (headings, paragraphs, list items) as plain text, at most as much text
 * as a vision may hold. Read from the shared Y.XmlFragment the editor writes, without HTML: peers
 * write anything into a CRDT, so nothing of it is ever rendered as markup.
 */
export function visionBlocks(fragment: Y.XmlFragment): VisionBlock[] {
	const blocks: VisionBlock[] = [];
	let budget = maxVisionTextLength;
	const add = (kind: VisionBlock['kind'], whole: string) => {
		const text = whole.slice(0, budget);
		budget -= text.length;
		if (text.trim()) blocks.push({ kind, text });
	};
	const walk = (node: Y.XmlFragment | Y.XmlElement, inItem: boolean, depth: number) => {
		for (const child of node.toArray()) {
			if (budget <= 0 || depth > maxDepth) return;
			if (child instanceof Y.XmlElement) {
				const name = child.nodeName;
				if (name === 'paragraph' || name === 'heading')
					add(inItem ? 'item' : name === 'heading' ? 'heading' : 'paragraph', plainText(child));
				else walk(child, inItem || name === 'listItem', depth + 1);
			} else if (child instanceof Y.XmlText) add(inItem ? 'item' : 'paragraph', plainText(child));
		}
	};
	walk(fragment, false, 0);
	return blocks;
}

function plainText(node: Y.XmlElement | Y.XmlText): string {
	if (node instanceof Y.XmlText)
		return (node.toDelta() as { insert?: unknown }[])
			.map((part) => (typeof part.insert === 'string' ? part.insert : ''))
			.join('');
	return node
		.toArray()
		.map((child) =>
			child instanceof Y.XmlElement || child instanceof Y.XmlText ? plainText(child) : ''
		)
		.join('');
}
