import * as Y from 'yjs';
import { measureTextLimits } from '../../src/lib/collab/measures';
import { maxClusterName } from '../../src/lib/collab/wall';
import { maxCardLength } from '../../src/lib/domain/cards';
import { isVisionField, maxVisionTextLength } from '../../src/lib/domain/vision';
import { RejectedMessage, type DeletedItem, type NewItem, type TypePath } from './inspect';

/**
 * The length limits of the forms, held by the server as well: a modified client could otherwise
 * put a novel on a card or in the vision text, which everyone then downloads. Readers still cut
 * what they show (old documents), but nothing longer is stored from now on.
 */
const fieldLimits: Record<string, Record<string, number>> = {
	cards: { text: maxCardLength },
	// Private drafts: a list of entries with the card's fields (`drafts/<entry>/text`).
	drafts: { text: maxCardLength },
	clusters: { name: maxClusterName },
	measures: measureTextLimits
};

/**
 * Throws `RejectedMessage` when an update would make a text longer than its limit. A field is a
 * plain string (checked as it comes) or a Y.Text (`<root>/<entry>/<field>`, the measures' shared
 * text fields): then its length after the update is what it has, plus what the update inserts,
 * minus what it deletes, and nothing but plain text may go in.
 */
export function refuseOverlongText(
	doc: Y.Doc,
	items: readonly NewItem[],
	deletes: readonly DeletedItem[] = []
): void {
	const visionGrowth = new Map<string, number>();
	const textGrowth = new Map<string, { path: TypePath; limit: number; added: number }>();
	for (const item of items) {
		const limit = fieldLimit(item.parent, item.key);
		if (limit !== undefined) {
			for (const value of item.values ?? [])
				if (typeof value === 'string' && value.length > limit)
					throw new RejectedMessage(`text longer than ${limit} characters`);
			continue;
		}
		const textLimit = sharedTextLimit(item.parent);
		if (textLimit !== undefined) {
			if (item.text === null) throw new RejectedMessage('only plain text in a text field');
			const key = item.parent.join('/');
			const growth = textGrowth.get(key) ?? { path: item.parent, limit: textLimit, added: 0 };
			growth.added += item.text.length;
			textGrowth.set(key, growth);
			continue;
		}
		const root = item.parent[0];
		if (item.text !== null && root && isVisionField(root))
			visionGrowth.set(root, (visionGrowth.get(root) ?? 0) + item.text.length);
	}
	for (const [root, added] of visionGrowth) {
		if (textLength(doc.getXmlFragment(root)) + added > maxVisionTextLength)
			throw new RejectedMessage(`vision text longer than ${maxVisionTextLength} characters`);
	}
	if (textGrowth.size === 0) return;
	for (const removed of deletes) {
		const growth = textGrowth.get(removed.parent.join('/'));
		if (growth) growth.added -= removed.length;
	}
	for (const { path, limit, added } of textGrowth.values()) {
		if (sharedTextLength(doc, path) + added > limit)
			throw new RejectedMessage(`text longer than ${limit} characters`);
	}
}

/**
 * Text inside a field's Y.Text: `measures/<entry id>/<field>`. Other limited fields (cards,
 * clusters, drafts) are plain strings, so anything nested under them is refused outright.
 */
function sharedTextLimit(parent: TypePath): number | undefined {
	if (parent.length !== 3 || parent[1] === null || parent[2] === null) return undefined;
	const limit = fieldLimits[parent[0] ?? '']?.[parent[2]];
	if (limit !== undefined && parent[0] !== 'measures')
		throw new RejectedMessage('this field takes plain text only');
	return limit;
}

/** The current length of a field's Y.Text in the document (0 if it is new or not a Y.Text). */
function sharedTextLength(doc: Y.Doc, path: TypePath): number {
	const entry = doc.getMap(path[0] ?? '').get(path[1] ?? '');
	const text = entry instanceof Y.Map ? entry.get(path[2] ?? '') : null;
	return text instanceof Y.Text ? text.length : 0;
}

/** Fields of a map entry: `<root>/<entry id>/<field>`. */
function fieldLimit(parent: TypePath, key: string | null): number | undefined {
	if (parent.length !== 2 || key === null) return undefined;
	return fieldLimits[parent[0] ?? '']?.[key];
}

/** Characters of text in a rich-text fragment, as the editor counts them (no line breaks). */
function textLength(fragment: Y.XmlFragment | Y.XmlElement): number {
	let length = 0;
	const stack: (Y.XmlFragment | Y.XmlElement)[] = [fragment];
	while (stack.length) {
		for (const child of stack.pop()!.toArray()) {
			if (child instanceof Y.XmlText) length += child.length;
			else if (child instanceof Y.XmlElement) stack.push(child);
		}
	}
	return length;
}
