import type * as Y from 'yjs';
import { measuresOf, readMeasures, type LiveMeasure } from '$lib/collab/measures';

/** The live measure plan as a rune, refreshed from Yjs on every change (local or remote). */
export class MeasurePlan {
	measures = $state<LiveMeasure[]>([]);
	readonly #doc: Y.Doc;
	readonly #refresh = () => (this.measures = readMeasures(this.#doc));

	constructor(doc: Y.Doc) {
		this.#doc = doc;
		measuresOf(doc).observeDeep(this.#refresh);
		this.#refresh();
	}

	destroy(): void {
		measuresOf(this.#doc).unobserveDeep(this.#refresh);
	}
}
