import { untrack } from 'svelte';
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
import { refreshChangedCards } from './wall-refresh';

/** The wall's cards and clusters as runes, refreshed from Yjs on every change (local or remote). */
export class WallState {
	// Raw state: each refresh hands over new arrays of plain objects and nothing mutates them, so a
	// deep proxy (a signal per field of 1,000 cards, a trap on every read) would only cost time.
	cards = $state.raw<Card[]>([]);
	/** Deleted cards, newest first: the facilitator restores from here. */
	binned = $state.raw<BinnedCard[]>([]);
	clusters = $state.raw<ClusterFrame[]>([]);
	readonly #doc: Y.Doc;
	readonly #refreshCards = (events: Y.YEvent<Y.AbstractType<unknown>>[] = []) => {
		// Untracked: a local write inside an effect runs this observer, and must not subscribe it.
		const previous = untrack(() => this.cards);
		const changed = refreshChangedCards(this.#doc, previous, events);
		if (changed) {
			this.cards = changed;
			return;
		}
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
