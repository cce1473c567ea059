import { createAccessEvents } from '../src/lib/server/access-events';
import { openStore } from '../src/lib/server/db';
import { scheduleRetention } from '../src/lib/server/privacy/retention';
import type { AppServices } from '../src/lib/server/services';
import type { SyncConfig, WorkshopSyncServer } from './sync';
import { startSyncEngine } from './sync/start';

export interface RunningServices {
	/** What the app receives (src/lib/server/services.ts). */
	services: AppServices;
	sync: WorkshopSyncServer;
	/** Stores every document, closes the sync clients with a retry code, then the store. */
	stop(): Promise<void>;
}

/**
 * The services as every entry point starts them (server/index.ts, the dev plugin in vite.config.ts,
 * server/sync-only.ts), in order: the store from DATABASE_URL, the access signal, the sync engine on
 * both, and the engine's live documents for the app.
 */
export async function startServices(config: Partial<SyncConfig> = {}): Promise<RunningServices> {
	const db = await openStore(process.env.DATABASE_URL);
	const access = createAccessEvents();
	const engine = await startSyncEngine(db, { ...config, access });
	// DSGVO: guest data past the retention time is removed once a day (privacy/retention.ts).
	const retention = scheduleRetention(db, {
		onError: (error) => console.error('[retention]', error)
	});
	return {
		services: { db, access, documents: engine.sync.documents },
		sync: engine.sync,
		async stop() {
			await retention.stop();
			await engine.stop();
			await db.close();
		}
	};
}
