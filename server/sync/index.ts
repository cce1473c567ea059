import type { IncomingMessage } from 'node:http';
import type { Db } from '../../src/lib/server/db';
import { isAllowedOrigin, siteOrigin } from '../../src/lib/server/origin';
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
	return createSyncCore(db, { allowOrigin: sameOrigin, ...config, onError }, policy);
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
