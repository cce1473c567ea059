import type { IncomingMessage } from 'node:http';
import type { AccessEvents } from './access-events';
import type { Db } from './db';
import type { LiveDocuments } from './live-documents';

/**
 * What the app needs from the process it runs in: the store, the sync engine's live documents and
 * the access signal to the engine. The entry point creates them, in that order of dependence (the
 * engine needs the store and the signal), and hands them to the app; routes and helpers take them
 * from `locals.services` or as parameters, never from a module of their own. The SvelteKit bundle
 * and server/ each carry a copy of every module here, so a module-level instance would not be
 * shared between them.
 */
export interface AppServices {
	db: Db;
	documents: LiveDocuments;
	access: AccessEvents;
}

// Symbol.for: the same key in the entry point's copy of this module and in the bundle's.
const requestKey = Symbol.for('quartierswerkstatt.services');
const devKey = Symbol.for('quartierswerkstatt.devServices');

type Carrier = { [requestKey]?: AppServices };

/**
 * Production (server/index.ts): the services ride on each request handed to adapter-node's handler,
 * which passes the request on as `platform.req`.
 */
export function attachServices(req: IncomingMessage, services: AppServices): void {
	(req as IncomingMessage & Carrier)[requestKey] = services;
}

export function servicesOfRequest(req: IncomingMessage): AppServices | undefined {
	return (req as IncomingMessage & Carrier)[requestKey];
}

/**
 * `npm run dev` only: SvelteKit's dev server gives the app no `platform` and no way to the Node
 * request, so the Vite plugin (vite.config.ts) provides the services once for the process, and
 * src/hooks.server.ts reads them only in dev. The one process-wide handle of the app.
 */
type DevHolder = { [devKey]?: AppServices };

export function provideDevServices(services: AppServices): void {
	(globalThis as DevHolder)[devKey] = services;
}

/** Vite starts the new dev server before it closes the old one: only the provider withdraws. */
export function withdrawDevServices(services: AppServices): void {
	const holder = globalThis as DevHolder;
	if (holder[devKey] === services) delete holder[devKey];
}

export function devServices(): AppServices | undefined {
	return (globalThis as DevHolder)[devKey];
}
