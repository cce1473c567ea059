import * as Y from 'yjs';
import { cardsOf, nextCardPosition, readCards, type Card } from './wall';

/**
 * Private drafts live in `<workshop>/private/<participant>` with the same card fields as the wall.
 * Publishing copies them onto the shared wall as cards written by the server (one time, a
 * shuffled order, fresh places) and only then removes them from the private document. The caller
 * gives each card its wall id (derived from the draft, see server/sync/drafts.ts), so publishing
 * the same draft twice changes nothing: a crash in between can never lose or double a card.
 */
export function readDrafts(drafts: Y.Doc): Card[] {
	return readCards(drafts).filter((card) => card.text.trim() !== '');
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
			createdAt: now
		};
		for (const [name, value] of Object.entries(card)) fields.set(name, value);
	}
}

export function removeDrafts(drafts: Y.Doc, ids: readonly string[]): void {
	for (const id of ids) cardsOf(drafts).delete(id);
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
