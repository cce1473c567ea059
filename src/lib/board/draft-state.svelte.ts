import type * as Y from 'yjs';
import { draftsOf, listDrafts, type Draft } from '$lib/collab/drafts';
import { cardsOf } from '$lib/collab/wall';

/** The participant's own drafts as runes, refreshed on every change (this device or another). */
export class DraftState {
	drafts = $state<Draft[]>([]);
	readonly #doc: Y.Doc;
	readonly #refresh = () => (this.drafts = listDrafts(this.#doc));

	constructor(doc: Y.Doc) {
		this.#doc = doc;
		draftsOf(doc).observeDeep(this.#refresh);
		// Drafts an older version wrote into the map are still shown until they are published.
		cardsOf(doc).observeDeep(this.#refresh);
		this.#refresh();
	}

	destroy(): void {
		draftsOf(this.#doc).unobserveDeep(this.#refresh);
		cardsOf(this.#doc).unobserveDeep(this.#refresh);
	}
}
