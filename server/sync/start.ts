import type { Db } from '../../src/lib/server/db';
import { createSyncServer, type SyncConfig, type WorkshopSyncServer } from '.';
import { createRedisRelay, type Relay } from './relay';

/**
 * The sync engine as the entry points run it: on the store they opened, with the Redis relay when
 * REDIS_URL is set (several processes behind one load balancer need both on PostgreSQL).
 */
export async function startSyncEngine(
	db: Db,
	config: Partial<SyncConfig> = {}
): Promise<{ sync: WorkshopSyncServer; relay: Relay | null; stop(): Promise<void> }> {
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
