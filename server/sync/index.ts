import type { IncomingMessage } from 'node:http';
import { createAccessEvents } from '../../src/lib/server/access-events';
import type { Db } from '../../src/lib/server/db';
import type { LiveDocuments } from '../../src/lib/server/live-documents';
import { isAllowedOrigin, siteOrigin } from '../../src/lib/server/origin';
import { coreDefaults, createSyncCore, type CoreConfig, type SyncServer } from './core';
import { createWorkshopPolicy, type WorkshopPolicyOptions } from './workshop-policy';

export type { SyncServer } from './core';

export type SyncConfig = CoreConfig & WorkshopPolicyOptions;

export interface WorkshopSyncServer extends SyncServer {
	/** For the app's server actions (src/lib/server/services.ts). */
	readonly documents: LiveDocuments;
}

/**
 * The sync engine as the app runs it: the core with the workshop rules plugged in. The entry points
 * pass the `access` signal they also give the app; without one (tests, sync-only processes, where
 * access changes arrive through the relay) the engine listens to a signal of its own.
 */
export function createSyncServer(db: Db, config: Partial<SyncConfig> = {}): WorkshopSyncServer {
	const onError = config.onError ?? coreDefaults.onError;
	const { hooks, documents } = createWorkshopPolicy(db, {
		anonymousDelayMs: config.anonymousDelayMs ?? [3000, 8000],
		access: config.access ?? createAccessEvents(),
		onError
	});
	const core = createSyncCore(db, { allowOrigin: sameOrigin, ...config, onError }, hooks);
	return Object.assign(core, { documents });
}

/**
 * The page that opens the socket must be this site: `ORIGIN` when it is set (behind a proxy), else
 * the host the request was sent to (`npm run dev` answers on localhost and 127.0.0.1 alike).
 */
function sameOrigin(request: IncomingMessage): boolean {
	const origin = request.headers.origin;
	if (process.env.ORIGIN) return isAllowedOrigin(origin, siteOrigin());
	if (origin === undefined) return true;
	try {
		return new URL(origin).host === request.headers.host;
	} catch {
		return false;
	}
}
