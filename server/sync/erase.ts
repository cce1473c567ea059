import type { Db } from '../../src/lib/server/db';

/**
 * What the store keeps of rows it has deleted, erased as far as each store allows. Used after
 * publishing anonymous drafts: the private documents' log rows held each draft's text beside its
 * author's document name, and compaction deleted them (server/sync/README.md, "Anonymity").
 *
 * SQLite: every connection runs with `secure_delete` (src/lib/server/db/adapter.ts and the writer
 * thread), so a deleted row is overwritten with zeros in its page. The write-ahead log still holds
 * the earlier versions of those pages until a checkpoint copies the zeroed pages into the file;
 * TRUNCATE then empties the log file.
 *
 * PostgreSQL: a deleted row stays in the table file (and in the server's own WAL) until VACUUM
 * prunes it. VACUUM cannot run in a transaction and takes a while on big tables, so runs are
 * folded together and spaced out. It frees the space for reuse; it does not promise to zero it.
 */
export class StoreEraser {
	#running: Promise<void> | null = null;
	#again = false;

	constructor(
		readonly db: Db,
		private readonly onError: (error: unknown) => void,
		/** Least time between two runs (VACUUM reads the whole table). */
		private readonly minIntervalMs = db.kind === 'postgres' ? 5000 : 0
	) {}

	/** Erases soon. A request while a run is under way makes one more run after it. */
	request(): Promise<void> {
		if (this.#running) {
			this.#again = true;
			return this.#running;
		}
		this.#running = this.#loop().finally(() => (this.#running = null));
		return this.#running;
	}

	async #loop(): Promise<void> {
		do {
			this.#again = false;
			await this.#erase().catch(this.onError);
			if (this.#again && this.minIntervalMs > 0)
				await new Promise((resolve) => setTimeout(resolve, this.minIntervalMs).unref());
		} while (this.#again);
	}

	async #erase(): Promise<void> {
		if (this.db.kind === 'postgres') {
			await this.db.run('VACUUM doc_updates, doc_snapshots');
			return;
		}
		if (!this.db.path || this.db.path === ':memory:') return;
		// The writer thread may be committing: SQLite then answers "busy", and we try again shortly.
		for (let attempt = 1; ; attempt++) {
			const result = await this.db.get<{ busy: number }>('PRAGMA wal_checkpoint(TRUNCATE)');
			if (!result?.busy) return;
			if (attempt === 5)
				throw new Error('WAL checkpoint stayed busy: erased drafts wait for the next');
			await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
		}
	}
}

/**
 * Gives every stored private document of a workshop the same snapshot time. Publishing folds each
 * author's log into a snapshot stamped with the time; left as it is, the stamps would tell whose
 * drafts went up in which batch (and in a batch of one card, whose card it is).
 */
export async function evenSnapshotTimes(db: Db, prefix: string, now = Date.now()): Promise<void> {
	const pattern = `${prefix.replace(/[\\%_]/g, '\\$&')}%`;
	// Never backwards: other processes look for snapshots newer than the one they read.
	await db.run(
		`UPDATE doc_snapshots SET updated_at = ? WHERE doc LIKE ? ESCAPE '\\' AND updated_at < ?`,
		[now, pattern, now]
	);
}
