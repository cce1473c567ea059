import type * as Y from 'yjs';
import { readCards, cardsOf, type Card } from '$lib/collab/wall';

/** The wall's cards as a rune, refreshed from Yjs on every change (local or remote). */
export class WallState {
	cards = $state<Card[]>([]);
	readonly #doc: Y.Doc;
	readonly #refresh = () => (this.cards = readCards(this.#doc));

	constructor(doc: Y.Doc) {
		this.#doc = doc;
		cardsOf(doc).observeDeep(this.#refresh);
		this.#refresh();
	}

	destroy(): void {
		cardsOf(this.#doc).unobserveDeep(this.#refresh);
	}
}
