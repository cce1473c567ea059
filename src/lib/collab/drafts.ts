import * as Y from 'yjs';
import { newId } from '../ids';
import {
	cardsOf,
	nextCardPosition,
	readCardFields,
	readCards,
	sortCards,
	updateCard,
	type Card,
	type NewCard
} from './wall';

/**
 * Private drafts live in `<workshop>/private/<participant>`: one Y.Array `drafts` of Y.Maps with the
 * wall's card fields plus the draft's `id`.
 *
 * A list and not a map keyed by id, for anonymity: a Y.Map keeps the key of every deleted entry
 * for good (Yjs needs it to order concurrent writes), so the private document would keep the id
 * of each published draft beside its author's name, and card ids made from it could be traced
 * back. A deleted list entry is garbage-collected with everything in it, down to a length: once
 * published, neither the draft's id nor its text is left in the document.
 *
 * Drafts written by an older version sit in the Y.Map `cards` (as on the wall); they are still
 * read, edited and published (`legacy`), but every new draft goes into the list.
 *
 * Publishing copies drafts onto the shared wall as cards written by the server (one time, a
 * shuffled order, fresh places) and removes them from the private document. The caller gives each
 * card its wall id (server/sync/drafts.ts).
 */
export interface Draft extends Card {
	/** From the map of an older version, which keeps the id after publishing (see above). */
	legacy: boolean;
}

export function draftsOf(doc: Y.Doc): Y.Array<Y.Map<unknown>> {
	return doc.getArray('drafts');
}

const isDraftId = (value: unknown): value is string =>
	typeof value === 'string' && value.length > 0 && value.length <= 64;

/** Every draft, as its author sees them (empty ones too), checked like the wall's cards. */
export function listDrafts(doc: Y.Doc): Draft[] {
	const drafts: Draft[] = [];
	const seen = new Set<string>();
	draftsOf(doc).forEach((fields) => {
		if (!(fields instanceof Y.Map)) return;
		const id = fields.get('id');
		if (!isDraftId(id) || seen.has(id)) return;
		seen.add(id);
		drafts.push({ ...readCardFields(id, fields), legacy: false });
	});
	for (const card of readCards(doc)) if (!seen.has(card.id)) drafts.push({ ...card, legacy: true });
	return sortCards(drafts);
}

/** The drafts that go up when published: those with text. */
export function readDrafts(doc: Y.Doc): Draft[] {
	return listDrafts(doc).filter((draft) => draft.text.trim() !== '');
}

export function addDraft(doc: Y.Doc, fields: NewCard, id = newId()): string {
	doc.transact(() => {
		const draft = new Y.Map<unknown>();
		draftsOf(doc).push([draft]);
		const all = { board: '', cluster: '', ...fields, createdAt: Date.now(), id };
		for (const [key, value] of Object.entries(all)) draft.set(key, value);
	});
	return id;
}

export function updateDraft(
	doc: Y.Doc,
	id: string,
	changes: Partial<Pick<Card, 'text' | 'colour' | 'x' | 'y'>>
): boolean {
	const fields = draftsOf(doc)
		.toArray()
		.find((entry) => entry instanceof Y.Map && entry.get('id') === id);
	if (!fields) return updateCard(doc, id, changes);
	doc.transact(() => {
		for (const [key, value] of Object.entries(changes)) fields.set(key, value);
	});
	return true;
}

export function deleteDraft(doc: Y.Doc, id: string): Draft | null {
	const draft = listDrafts(doc).find((d) => d.id === id) ?? null;
	if (draft) removeDrafts(doc, [id]);
	return draft;
}

/**
 * Undo of a delete: the draft comes back with its text, place and colour, into the list and under
 * a new id (an id from an older version's map stays there as a deleted key, see above).
 */
export function restoreDraft(doc: Y.Doc, draft: Card): string {
	const { text, x, y, colour, board, cluster, createdAt, keyHash } = draft;
	const id = newId();
	doc.transact(() => {
		const fields = new Y.Map<unknown>();
		draftsOf(doc).push([fields]);
		const all = {
			id,
			text,
			x,
			y,
			colour,
			board,
			cluster,
			createdAt,
			...(keyHash ? { keyHash } : {})
		};
		for (const [key, value] of Object.entries(all)) fields.set(key, value);
	});
	return id;
}

export function removeDrafts(drafts: Y.Doc, ids: readonly string[]): void {
	const gone = new Set(ids);
	drafts.transact(() => {
		const list = draftsOf(drafts);
		const entries = list.toArray();
		// From the end, so the indexes still to visit stay where they are.
		for (let i = entries.length - 1; i >= 0; i--) {
			const fields = entries[i];
			if (fields instanceof Y.Map && gone.has(fields.get('id') as string)) list.delete(i, 1);
		}
		for (const id of gone) if (cardsOf(drafts).has(id)) cardsOf(drafts).delete(id);
	});
}

export function placeDrafts(content: Y.Doc, drafts: readonly Card[]): void {
	const shuffled = drafts.filter((draft) => !cardsOf(content).has(draft.id));
	shuffle(shuffled);
	const perBoard = new Map<string, number>();
	for (const card of readCards(content))
		perBoard.set(card.board, (perBoard.get(card.board) ?? 0) + 1);
	const now = Date.now();
	for (const draft of shuffled) {
		const count = perBoard.get(draft.board) ?? 0;
		perBoard.set(draft.board, count + 1);
		const fields = new Y.Map<unknown>();
		cardsOf(content).set(draft.id, fields);
		const card = {
			text: draft.text,
			colour: draft.colour,
			board: draft.board,
			cluster: '',
			...nextCardPosition(count),
			createdAt: now,
			// The author's device holds the key to this hash: it lets them fix the card later.
			...(draft.keyHash ? { keyHash: draft.keyHash } : {})
		};
		for (const [name, value] of Object.entries(card)) fields.set(name, value);
	}
}

function shuffle<T>(items: T[]): void {
	for (let i = items.length - 1; i > 0; i--) {
		const j = randomInt(i + 1);
		[items[i], items[j]] = [items[j], items[i]];
	}
}

function randomInt(below: number): number {
	const value = new Uint32Array(1);
	crypto.getRandomValues(value);
	return value[0] % below;
}
