import type * as Y from 'yjs';
import {
	cardsOf,
	clustersOf,
	readBinnedCards,
	readCards,
	readClusters,
	type BinnedCard,
	type Card,
	type ClusterFrame
} from '$lib/collab/wall';

/** The wall's cards and clusters as runes, refreshed from Yjs on every change (local or remote). */
export class WallState {
	cards = $state<Card[]>([]);
	/** Deleted cards, newest first: the facilitator restores from here. */
	binned = $state<BinnedCard[]>([]);
	clusters = $state<ClusterFrame[]>([]);
	readonly #doc: Y.Doc;
	readonly #refreshCards = () => {
		this.cards = readCards(this.#doc);
		this.binned = readBinnedCards(this.#doc);
	};
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
