import type * as Y from 'yjs';

/**
 * The sync engine's live documents, for server actions (votes, reveal) that must change a shared
 * document as the server: the change is applied to the loaded document under the server's own
 * client id, stored, and only then sent to everyone, like any other edit. The engine provides it
 * (`createSyncServer(…).documents`); the app receives it as `locals.services.documents`.
 */
export interface LiveDocuments {
	/** Changes a document as the server; resolves once the change is stored. */
	change(name: string, edit: (doc: Y.Doc) => void): Promise<void>;
	/** Reads the current state of a document (loading it if no one has it open). */
	read<T>(name: string, view: (doc: Y.Doc) => T): Promise<T>;
	/** Moves every waiting private card of a workshop onto its wall; returns how many. */
	publishDrafts(workshopId: string): Promise<number>;
}
