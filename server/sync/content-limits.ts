import * as Y from 'yjs';
import { measureTextLimits } from '../../src/lib/collab/measures';
import { maxClusterName } from '../../src/lib/collab/wall';
import { maxCardLength } from '../../src/lib/domain/cards';
import { isVisionField, maxVisionTextLength } from '../../src/lib/domain/vision';
import { RejectedMessage, type NewItem, type TypePath } from './inspect';

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

/** Throws `RejectedMessage` when an update would make a text longer than its limit. */
export function refuseOverlongText(doc: Y.Doc, items: readonly NewItem[]): void {
	const visionGrowth = new Map<string, number>();
	for (const item of items) {
		const limit = fieldLimit(item.parent, item.key);
		if (limit !== undefined) {
			for (const value of item.values ?? [])
				if (typeof value === 'string' && value.length > limit)
					throw new RejectedMessage(`text longer than ${limit} characters`);
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
