import type * as Y from 'yjs';
import {
	readDataBoard,
	readDataComments,
	type DataBoardState,
	type DataComment
} from '$lib/collab/data-board';

/**
 * The Datenlage board as runes: the facilitator's choice from the control document and the
 * comments from the content document, both re-read (and re-checked) on every change.
 */
export class DataBoardLive {
	state: DataBoardState;
	comments: DataComment[];
	readonly #control: Y.Doc;
	readonly #content: Y.Doc;
	readonly #board: string;
	readonly #readState = () => (this.state = readDataBoard(this.#control, this.#board));
	readonly #readComments = () => (this.comments = readDataComments(this.#content, this.#board));

	constructor(control: Y.Doc, content: Y.Doc, board: string) {
		this.#control = control;
		this.#content = content;
		this.#board = board;
		this.state = $state(readDataBoard(control, board));
		this.comments = $state(readDataComments(content, board));
		control.on('update', this.#readState);
		content.on('update', this.#readComments);
	}

	destroy(): void {
		this.#control.off('update', this.#readState);
		this.#content.off('update', this.#readComments);
	}
}
