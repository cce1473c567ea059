import type * as Y from 'yjs';
import {
	cardsOf,
	clustersOf,
	readCards,
	readClusters,
	type Card,
	type ClusterFrame
} from '$lib/collab/wall';

/** The wall's cards and clusters as runes, refreshed from Yjs on every change (local or remote). */
export class WallState {
	cards = $state<Card[]>([]);
	clusters = $state<ClusterFrame[]>([]);
	readonly #doc: Y.Doc;
	readonly #refreshCards = () => (this.cards = readCards(this.#doc));
	readonly #refreshClusters = () => (this.clusters = readClusters(this.#doc));

	constructor(doc: Y.Doc) {
		this.#doc = doc;
		cardsOf(doc).observeDeep(this.#refreshCards);
		clustersOf(doc).observeDeep(this.#refreshClusters);
		this.#refreshCards();
		this.#refreshClusters();
	}

	destroy(): void {
		cardsOf(this.#doc).unobserveDeep(this.#refreshCards);
		clustersOf(this.#doc).unobserveDeep(this.#refreshClusters);
	}
}
