import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { expect, test, vi } from 'vitest';
import { createAccessEvents, type AccessChange } from './access-events';
import type { Db } from './db';
import type { LiveDocuments } from './live-documents';
import {
	attachServices,
	devServices,
	provideDevServices,
	servicesOfRequest,
	withdrawDevServices,
	type AppServices
} from './services';

const fakeServices = (): AppServices => ({
	db: {} as Db,
	documents: {} as LiveDocuments,
	access: createAccessEvents()
});

/** The SvelteKit bundle's copy of the module: a fresh instance, as build/handler.js carries one. */
async function otherCopy(): Promise<typeof import('./services')> {
	vi.resetModules();
	return import('./services');
}

test('services attached to a request by the entry point are found by the bundle’s copy', async () => {
	const services = fakeServices();
	const req = new IncomingMessage(new Socket());
	expect(servicesOfRequest(req)).toBeUndefined();
	attachServices(req, services);
	const bundle = await otherCopy();
	expect(bundle.servicesOfRequest(req)).toBe(services);
	expect(bundle.servicesOfRequest(new IncomingMessage(new Socket()))).toBeUndefined();
});

test('the dev services are withdrawn only by the dev server that provided them', async () => {
	const old = fakeServices();
	const next = fakeServices();
	provideDevServices(old);
	// Vite restarts by starting the new server first, then closing the old one.
	provideDevServices(next);
	withdrawDevServices(old);
	expect((await otherCopy()).devServices()).toBe(next);
	withdrawDevServices(next);
	expect(devServices()).toBeUndefined();
});

test('an access change reaches every subscriber until it unsubscribes', () => {
	const access = createAccessEvents();
	const first: AccessChange[] = [];
	const second: AccessChange[] = [];
	const stopFirst = access.subscribe((change) => first.push(change));
	access.subscribe((change) => second.push(change));
	access.announce({ workshopId: 'w1' });
	stopFirst();
	access.announce({ sessionId: 's1' });
	expect(first).toEqual([{ workshopId: 'w1' }]);
	expect(second).toEqual([{ workshopId: 'w1' }, { sessionId: 's1' }]);
	expect(createAccessEvents()).not.toBe(access);
});
