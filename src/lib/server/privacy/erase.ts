import type { Db } from '../db';

/**
 * After names or guest data were removed: what the store keeps of the old rows, erased as far as
 * each store allows (the same reasoning as server/sync/erase.ts, for the app's own tables).
 *
 * SQLite runs with `secure_delete`, so a changed or deleted row is overwritten with zeros in its
 * page; the write-ahead log still holds the earlier pages until a checkpoint copies the new ones
 * into the file, and TRUNCATE empties the log. PostgreSQL keeps old row versions until VACUUM.
 */
export async function eraseFreedSpace(
	db: Db,
	/** PostgreSQL: the tables that changed (VACUUM reads each whole table). */
	tables: readonly string[] = [
		'participants',
		'archives',
		'sessions',
		'doc_updates',
		'doc_snapshots'
	]
): Promise<void> {
	if (db.kind === 'postgres') {
		await db.run(`VACUUM ${tables.join(', ')}`);
		return;
	}
	if (!db.path || db.path === ':memory:') return;
	// The sync engine's writer thread may be committing: SQLite then answers "busy".
	for (let attempt = 1; ; attempt++) {
		const result = await db.get<{ busy: number }>('PRAGMA wal_checkpoint(TRUNCATE)');
		if (!result?.busy) return;
		if (attempt === 8) throw new Error('WAL checkpoint stayed busy: removed data waits');
		await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
	}
}

/** A LIKE pattern for every live document of a workshop (`<id>/content`, `<id>/private/…`). */
export function workshopDocuments(workshopId: string): string {
	return `${workshopId.replace(/[\\%_]/g, '\\$&')}/%`;
}
