import * as Y from 'yjs';

/** Nodes whose children are running text; each becomes one line. */
const textBlocks = new Set(['paragraph', 'heading']);

/**
 * The vision text without formatting: one line per paragraph, heading or list entry, in document
 * order. List markers and marks (bold, links) are left out; a link keeps its visible text.
 *
 * Reads the Yjs fragment directly, without ProseMirror, so it also works on the server and in tests.
 * Unknown elements (content from a newer or foreign client) contribute their text rather than being
 * skipped, so an export never silently drops words.
 */
export function visionPlainText(doc: Y.Doc, field: string): string {
	const lines: string[] = [];
	const visit = (node: Y.XmlElement | Y.XmlText | Y.XmlHook): void => {
		if (!(node instanceof Y.XmlElement)) return;
		if (textBlocks.has(node.nodeName)) {
			lines.push(inlineText(node));
			return;
		}
		for (const child of node.toArray()) {
			if (child instanceof Y.XmlText) lines.push(deltaText(child));
			else visit(child);
		}
	};
	for (const child of doc.getXmlFragment(field).toArray()) {
		if (child instanceof Y.XmlText) lines.push(deltaText(child));
		else visit(child);
	}
	return lines.join('\n');
}

function inlineText(element: Y.XmlElement): string {
	let text = '';
	for (const child of element.toArray()) {
		if (child instanceof Y.XmlText) text += deltaText(child);
		else if (child instanceof Y.XmlElement)
			text += child.nodeName === 'hardBreak' ? '\n' : inlineText(child);
	}
	return text;
}

/** `XmlText.toString()` would render marks as tags; the delta holds just the characters. */
function deltaText(text: Y.XmlText): string {
	return (text.toDelta() as { insert: unknown }[])
		.map((op) => (typeof op.insert === 'string' ? op.insert : ''))
		.join('');
}
