import * as Y from 'yjs';
import type { Db } from '../../src/lib/server/db';

/**
 * Each document is a snapshot plus a log of the updates since. Updates are appended before anyone
 * else sees them; the log is folded into a new snapshot (re-encoded from the live Y.Doc, never by
 * merging the log) when it grows long and when the document is unloaded.
 */
export interface StoredUpdate {
	doc: string;
	update: Uint8Array;
}

export class DocPersistence {
	constructor(readonly db: Db) {}

	/** Builds the document from its snapshot and log; returns how many log entries it read. */
	async load(name: string, into: Y.Doc, origin: unknown): Promise<number> {
		// One transaction: a compaction in between must not hide the log behind an old snapshot.
		const { snapshot, updates } = await this.db.transaction(async (tx) => ({
			snapshot: await tx.get<{ data: Uint8Array }>('SELECT data FROM doc_snapshots WHERE doc = ?', [
				name
			]),
			updates: await tx.all<{ data: Uint8Array }>(
				'SELECT data FROM doc_updates WHERE doc = ? ORDER BY id',
				[name]
			)
		}));
		Y.transact(
			into,
			() => {
				if (snapshot) Y.applyUpdate(into, snapshot.data);
				for (const row of updates) Y.applyUpdate(into, row.data);
			},
			origin
		);
		return updates.length;
	}

	/** All updates of one batch in one transaction: one fsync for many edits. */
	async append(updates: StoredUpdate[], now = Date.now()): Promise<void> {
		if (!updates.length) return;
		await this.db.transaction(async (tx) => {
			for (const { doc, update } of updates) {
				await tx.run('INSERT INTO doc_updates (doc, data, created_at) VALUES (?, ?, ?)', [
					doc,
					update,
					now
				]);
			}
		});
	}

	/** Replaces snapshot and log with one snapshot of `doc`'s current state. */
	async compact(name: string, doc: Y.Doc, now = Date.now()): Promise<void> {
		const state = Y.encodeStateAsUpdate(doc);
		await this.db.transaction(async (tx) => {
			await tx.run(
				`INSERT INTO doc_snapshots (doc, data, updated_at) VALUES (?, ?, ?)
				ON CONFLICT (doc) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`,
				[name, state, now]
			);
			await tx.run('DELETE FROM doc_updates WHERE doc = ?', [name]);
		});
	}
}
