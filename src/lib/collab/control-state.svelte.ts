import type * as Y from 'yjs';
import { readControl, type ControlState } from './control';

/** The control document as a rune, re-read (and re-checked) on every change. */
export class LiveControl {
	state: ControlState;
	readonly doc: Y.Doc;
	readonly #refresh = () => (this.state = readControl(this.doc));

	constructor(doc: Y.Doc) {
		this.doc = doc;
		this.state = $state(readControl(doc));
		doc.on('update', this.#refresh);
		this.#refresh();
	}

	destroy(): void {
		this.doc.off('update', this.#refresh);
	}
}
