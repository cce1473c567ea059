import { getDb } from '../../src/lib/server/db';
import { createSyncServer, type SyncConfig, type SyncServer } from '.';
import { createRedisRelay, type Relay } from './relay';

/**
 * The sync engine as the entry points run it: the store from DATABASE_URL, and the Redis relay
 * when REDIS_URL is set (several processes behind one load balancer need both on PostgreSQL).
 */
export async function startSyncEngine(
	config: Partial<SyncConfig> = {}
): Promise<{ sync: SyncServer; relay: Relay | null; stop(): Promise<void> }> {
	const db = await getDb();
	const redisUrl = process.env.REDIS_URL;
	if (redisUrl && db.kind === 'sqlite') {
		console.warn(
			'REDIS_URL ist gesetzt, aber der Speicher ist SQLite: mehrere Prozesse brauchen PostgreSQL (DATABASE_URL).'
		);
	}
	const relay = redisUrl
		? await createRedisRelay(redisUrl, { prefix: process.env.SYNC_REDIS_PREFIX || undefined })
		: null;
	const sync = createSyncServer(db, { relay, ...config });
	return {
		sync,
		relay,
		async stop() {
			await sync.close();
			await relay?.close();
		}
	};
}
