import { openDatabase, type Db } from './adapter';
import { migrate } from './migrations';

export type { Db, Queryable, RowLock, SqlValue, Tx } from './adapter';
export { openDatabase } from './adapter';
export { migrate } from './migrations';

/**
 * The store at `url` (DATABASE_URL for the entry points), migrated to the current schema. The entry
 * point opens it once and hands it to the app and the sync engine (src/lib/server/services.ts).
 */
export async function openStore(url: string | undefined): Promise<Db> {
	const db = openDatabase(url);
	await migrate(db);
	return db;
}
