import type * as Y from 'yjs';

/**
 * The sync engine's live documents, for server actions (votes, reveal) that must change a shared
 * document as the server: the change is applied to the loaded document under the server's own
 * client id, stored, and only then sent to everyone, like any other edit.
 *
 * Process-wide on globalThis: the SvelteKit bundle and server/ each carry a copy of this module,
 * and the engine runs beside the app in the same process (`npm start`, and `npm run dev`).
 */
export interface LiveDocuments {
	/** Changes a document as the server; resolves once the change is stored. */
	change(name: string, edit: (doc: Y.Doc) => void): Promise<void>;
	/** Reads the current state of a document (loading it if no one has it open). */
	read<T>(name: string, view: (doc: Y.Doc) => T): Promise<T>;
	/** Moves every waiting private card of a workshop onto its wall; returns how many. */
	publishDrafts(workshopId: string): Promise<number>;
}

const key = Symbol.for('quartierswerkstatt.liveDocuments');
type Holder = { [key]?: LiveDocuments | null };

export function registerLiveDocuments(documents: LiveDocuments): void {
	(globalThis as Holder)[key] = documents;
}

/** Only the engine that registered last unregisters (tests run several engines in one process). */
export function unregisterLiveDocuments(documents: LiveDocuments): void {
	const holder = globalThis as Holder;
	if (holder[key] === documents) holder[key] = null;
}

export function liveDocuments(): LiveDocuments {
	const documents = (globalThis as Holder)[key];
	if (!documents) throw new Error('The sync engine is not running in this process.');
	return documents;
}
