import { afterEach, beforeEach, expect, test } from 'vitest';
import * as Y from 'yjs';
import { documentName } from '../../src/lib/collab/documents';
import { addMeasure, readMeasures, updateMeasure } from '../../src/lib/collab/measures';
import { loadStoredDoc } from '../../src/lib/server/close-workshop';
import type { Workshop } from '../../src/lib/server/workshops';
import {
	createStaff,
	createTestWorkshop,
	joinAsGuest,
	staffSessionToken
} from '../helpers/fixtures';
import { describeEachStore, type TestStore } from '../helpers/stores';
import { connectClient, eventually, startSyncServer } from '../helpers/sync';

/** The measure table's text fields merge what several people type at once (a Y.Text per field). */
describeEachStore('measure text fields', (open) => {
	let store: TestStore;
	let server: Awaited<ReturnType<typeof startSyncServer>>;
	let workshop: Workshop;
	const cookies: string[] = [];
	const clients: { destroy(): void }[] = [];

	function client(cookie: string) {
		const c = connectClient(server.url, documentName(workshop.id, 'content'), cookie, {
			ack: true
		});
		clients.push(c);
		return c;
	}

	beforeEach(async () => {
		store = await open();
		const staff = await createStaff(store.db, 'facilitator');
		workshop = await createTestWorkshop(store.db, staff);
		cookies.length = 0;
		cookies.push(`__Host-qw_session=${await staffSessionToken(store.db, staff)}`);
		for (const name of ['Alice', 'Bob'])
			cookies.push(
				`__Host-qw_guest=${(await joinAsGuest(store.db, workshop, staff, { name })).sessionToken}`
			);
		server = await startSyncServer(store.db);
	});

	afterEach(async () => {
		for (const c of clients.splice(0)) c.destroy();
		try {
			await server.stop();
		} finally {
			await store.dispose();
		}
	});

	test('three people typing into the same title at once all keep their words, also after a restart', async () => {
		const [host, alice, bob] = cookies.map(client);
		await Promise.all([host, alice, bob].map((c) => c.synced()));
		const id = addMeasure(host.doc, { title: 'Bank' });
		await eventually(() => {
			expect(readMeasures(alice.doc)[0]?.title).toBe('Bank');
			expect(readMeasures(bob.doc)[0]?.title).toBe('Bank');
		});
		// Each types a word key by key while the others' keys are still on the way: the host in front
		// of the title, Alice and Bob behind it.
		const words = [
			{ who: host, word: 'Neue ', inFront: true },
			{ who: alice, word: ' am Spielplatz', inFront: false },
			{ who: bob, word: '!', inFront: false }
		];
		for (let i = 0; i < 14; i++)
			for (const { who, word, inFront } of words) {
				if (i >= word.length) continue;
				const title = readMeasures(who.doc)[0].title;
				updateMeasure(who.doc, id, {
					title: inFront ? title.slice(0, i) + word[i] + title.slice(i) : title + word[i]
				});
			}
		await eventually(() => {
			const titles = [host, alice, bob].map((c) => readMeasures(c.doc)[0].title);
			expect(new Set(titles).size).toBe(1);
			expect(titles[0]).toMatch(/^Neue Bank/);
			expect(titles[0]).toContain(' am Spielplatz');
			expect(titles[0]).toContain('!');
			expect(titles[0]).toContain('Bank');
		});
		const agreed = readMeasures(host.doc)[0].title;
		await eventually(() =>
			expect([host, alice, bob].every((c) => c.storedClock() >= c.ownClock())).toBe(true)
		);
		for (const c of clients.splice(0)) c.destroy();
		await server.stop();
		server = await startSyncServer(store.db);
		const reloaded = await loadStoredDoc(store.db, documentName(workshop.id, 'content'));
		expect(readMeasures(reloaded)[0].title).toBe(agreed);
		expect(Y.encodeStateAsUpdate(reloaded).length).toBeGreaterThan(0);
	});
});
