import * as Y from 'yjs';
import type { Db } from '../../src/lib/server/db';

/**
 * Each document is a snapshot plus a log of the updates since. Updates are appended before anyone
 * else sees them; the log is folded into a new snapshot (re-encoded from the live Y.Doc, never by
 * merging the log: `Y.mergeUpdates` over a long log becomes minutes-slow) when it grows long and
 * when the document is unloaded.
 */
export type StoredUpdate =
	| { doc: string; update: Uint8Array }
	/** Records the owner of a Yjs client id unless it has one (see `Room#claimClients`). */
	| { doc: string; claim: { client: number; owner: string } };

/** Per entry: the update's row id, or the owner the store holds for the claimed client id. */
export type StoredResult = number | string;

export interface LoadedDoc {
	snapshot: Uint8Array | null;
	snapshotAt: number;
	updates: { id: number; data: Uint8Array }[];
}

export class DocPersistence {
	constructor(readonly db: Db) {}

	/** Snapshot and log in one transaction: a compaction in between must not hide part of the log. */
	async load(name: string): Promise<LoadedDoc> {
		return this.db.transaction(async (tx) => {
			const snapshot = await tx.get<{ data: Uint8Array; updated_at: number }>(
				'SELECT data, updated_at FROM doc_snapshots WHERE doc = ?',
				[name]
			);
			const updates = await tx.all<{ id: number; data: Uint8Array }>(
				'SELECT id, data FROM doc_updates WHERE doc = ? ORDER BY id',
				[name]
			);
			return {
				snapshot: snapshot ? new Uint8Array(snapshot.data) : null,
				snapshotAt: snapshot ? Number(snapshot.updated_at) : 0,
				updates: updates.map((row) => ({ id: Number(row.id), data: new Uint8Array(row.data) }))
			};
		});
	}

	/**
	 * Updates (and client-id claims) of several documents in one transaction: one fsync for a whole
	 * event-loop turn. Claims go the same way so that no write ever waits on the main thread for
	 * the lock the SQLite writer thread holds.
	 */
	async append(entries: StoredUpdate[], now = Date.now()): Promise<StoredResult[]> {
		if (!entries.length) return [];
		return this.db.transaction(async (tx) => {
			const results: StoredResult[] = [];
			for (const entry of entries) {
				if ('claim' in entry) {
					const { client, owner } = entry.claim;
					await tx.run(
						'INSERT INTO doc_clients (doc, client_id, owner) VALUES (?, ?, ?) ON CONFLICT (doc, client_id) DO NOTHING',
						[entry.doc, client, owner]
					);
					const row = await tx.get<{ owner: string }>(
						'SELECT owner FROM doc_clients WHERE doc = ? AND client_id = ?',
						[entry.doc, client]
					);
					results.push(row?.owner ?? owner);
					continue;
				}
				const row = await tx.get<{ id: number }>(
					'INSERT INTO doc_updates (doc, data, created_at) VALUES (?, ?, ?) RETURNING id',
					[entry.doc, entry.update, now]
				);
				results.push(Number(row?.id));
			}
			return results;
		});
	}

	/**
	 * Rows another process may have stored: everything after `afterId`, plus the last `windowMs`
	 * (PostgreSQL ids are not committed in order, so a late commit can sit below `afterId`).
	 */
	async readRecent(
		name: string,
		afterId: number,
		since: number
	): Promise<{ id: number; data: Uint8Array }[]> {
		const rows = await this.db.all<{ id: number; data: Uint8Array }>(
			'SELECT id, data FROM doc_updates WHERE doc = ? AND (id > ? OR created_at >= ?) ORDER BY id',
			[name, afterId, since]
		);
		return rows.map((row) => ({ id: Number(row.id), data: new Uint8Array(row.data) }));
	}

	async readSnapshotIfNewer(
		name: string,
		after: number
	): Promise<{ data: Uint8Array; at: number } | null> {
		const row = await this.db.get<{ data: Uint8Array; updated_at: number }>(
			'SELECT data, updated_at FROM doc_snapshots WHERE doc = ? AND updated_at > ?',
			[name, after]
		);
		return row ? { data: new Uint8Array(row.data), at: Number(row.updated_at) } : null;
	}

	/** Names of stored documents that start with `prefix` (e.g. a workshop's private drafts). */
	async listDocuments(prefix: string): Promise<string[]> {
		const pattern = `${prefix.replace(/[\\%_]/g, '\\$&')}%`;
		const rows = await this.db.all<{ doc: string }>(
			`SELECT doc FROM doc_updates WHERE doc LIKE ? ESCAPE '\\'
			 UNION SELECT doc FROM doc_snapshots WHERE doc LIKE ? ESCAPE '\\'`,
			[pattern, pattern]
		);
		return rows.map((row) => row.doc);
	}

	/**
	 * Folds the log into a snapshot. Inside one transaction it first applies every logged row to
	 * `doc` through `applyRows` (rows another process stored may be missing from it; the room checks
	 * each as it does on load), then writes the snapshot and deletes exactly the rows it read, so a
	 * row committed meanwhile is never deleted unseen. Returns the snapshot's size in bytes.
	 */
	async compact(
		name: string,
		doc: Y.Doc,
		applyRows: (rows: Uint8Array[]) => void,
		now = Date.now()
	): Promise<number> {
		return this.db.transaction(async (tx) => {
			// Compactions of one document take turns across processes (PostgreSQL).
			await tx.lockKey(name);
			const rows = await tx.all<{ id: number; data: Uint8Array }>(
				'SELECT id, data FROM doc_updates WHERE doc = ? ORDER BY id',
				[name]
			);
			if (rows.length) applyRows(rows.map((row) => new Uint8Array(row.data)));
			const snapshot = Y.encodeStateAsUpdate(doc);
			await tx.run(
				`INSERT INTO doc_snapshots (doc, data, updated_at) VALUES (?, ?, ?)
				ON CONFLICT (doc) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`,
				[name, snapshot, now]
			);
			for (let i = 0; i < rows.length; i += 500) {
				const ids = rows.slice(i, i + 500).map((row) => Number(row.id));
				await tx.run(`DELETE FROM doc_updates WHERE id IN (${ids.map(() => '?').join(', ')})`, ids);
			}
			return snapshot.byteLength;
		});
	}

	/** Owners of a document's Yjs client ids (see `Room#claimClients`). */
	async loadClients(name: string): Promise<{ client: number; owner: string }[]> {
		const rows = await this.db.all<{ client_id: number; owner: string }>(
			'SELECT client_id, owner FROM doc_clients WHERE doc = ?',
			[name]
		);
		return rows.map((row) => ({ client: Number(row.client_id), owner: row.owner }));
	}
}
