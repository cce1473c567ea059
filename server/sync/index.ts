import type { Db } from '../../src/lib/server/db';
import { coreDefaults, createSyncCore, type CoreConfig, type SyncServer } from './core';
import { createWorkshopPolicy, type WorkshopPolicyOptions } from './workshop-policy';

export type { SyncServer } from './core';

export type SyncConfig = CoreConfig & WorkshopPolicyOptions;

/** The sync engine as the app runs it: the core with the workshop rules plugged in. */
export function createSyncServer(db: Db, config: Partial<SyncConfig> = {}): SyncServer {
	const onError = config.onError ?? coreDefaults.onError;
	const policy = createWorkshopPolicy(db, {
		anonymousDelayMs: config.anonymousDelayMs ?? [3000, 8000],
		onError
	});
	return createSyncCore(db, { ...config, onError }, policy);
}
