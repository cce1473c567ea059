import { afterEach, beforeEach, expect, test } from 'vitest';
import * as Y from 'yjs';
import { setPlan, setSettings } from '../../src/lib/collab/control';
import { zukunftswerkstattTemplate } from '../../src/lib/domain/facilitation/phases';
import { closeCodes, documentName } from '../../src/lib/collab/documents';
import {
	addCard,
	addCluster,
	cardsOf,
	deleteCard,
	readBinnedCards,
	readCards,
	restoreCard,
	updateCard
} from '../../src/lib/collab/wall';
import { addMeasure, readMeasures } from '../../src/lib/collab/measures';
import { readPushedStatus } from '../../src/lib/results/pushed-status';
import { closeWorkshop, loadStoredDoc } from '../../src/lib/server/close-workshop';
import type { User } from '../../src/lib/server/accounts';
import type { Workshop } from '../../src/lib/server/workshops';
import {
	createStaff,
	createTestWorkshop,
	joinAsGuest,
	staffSessionToken
} from '../helpers/fixtures';
import { describeEachStore, type TestStore } from '../helpers/stores';
import { connectClient, eventually, startSyncServer } from '../helpers/sync';

/**
 * Who may change which card, held by the sync server against clients that write whatever they
 * like into their own copy (the stock client with direct Yjs calls is such a modified client:
 * nothing in it checks rights). Each refusal closes the writer with 4403 and stores nothing.
 */
describeEachStore('card rights', (open) => {
	let store: TestStore;
	let server: Awaited<ReturnType<typeof startSyncServer>>;
	let workshop: Workshop;
	let staff: User;
	const cookies: Record<'host' | 'alice' | 'bob', string> = {} as never;
	const clients: ReturnType<typeof connectClient>[] = [];
	const content = () => documentName(workshop.id, 'content');

	async function client(who: keyof typeof cookies, name = content()) {
		const c = connectClient(server.url, name, cookies[who], { ack: true });
		clients.push(c);
		await c.synced();
		return c;
	}

	/** Everything this client wrote is stored (the server acknowledged its own clock). */
	const stored = (c: ReturnType<typeof connectClient>) =>
		eventually(() => expect(c.storedClock()).toBe(c.ownClock()));

	beforeEach(async () => {
		store = await open();
		staff = await createStaff(store.db, 'facilitator');
		workshop = await createTestWorkshop(store.db, staff);
		cookies.host = `__Host-qw_session=${await staffSessionToken(store.db, staff)}`;
		for (const name of ['alice', 'bob'] as const)
			cookies[name] =
				`__Host-qw_guest=${(await joinAsGuest(store.db, workshop, staff, { name })).sessionToken}`;
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

	async function aliceCard() {
		const alice = await client('alice');
		const id = addCard(alice.doc, { text: 'Von Alice', x: 10, y: 10, colour: 'yellow' });
		await stored(alice);
		return { alice, id };
	}

	test('another participant may move and group a card, but not rewrite, recolour or bin it', async () => {
		const { id } = await aliceCard();
		const bob = await client('bob');
		await eventually(() => expect(readCards(bob.doc)).toHaveLength(1));
		const group = addCluster(bob.doc, { name: 'Verkehr', board: '', x: 0, y: 0 });
		updateCard(bob.doc, id, { x: 300, y: 200, cluster: group });
		await stored(bob);

		const forgeries: [string, (doc: Y.Doc) => void][] = [
			['text', (doc) => updateCard(doc, id, { text: 'Von Bob geändert' })],
			['colour', (doc) => updateCard(doc, id, { colour: 'pink' })],
			['bin', (doc) => deleteCard(doc, id)],
			['removal', (doc) => cardsOf(doc).delete(id)],
			[
				'a new card under the same id',
				(doc) => addCard(doc, { text: 'Übernommen', x: 0, y: 0, colour: 'blue' }, id)
			]
		];
		for (const [what, forge] of forgeries) {
			const forger = await client('bob');
			forge(forger.doc);
			await eventually(() => expect(forger.closes, what).toContain(closeCodes.forbidden));
		}
		const kept = readCards(await loadStoredDoc(store.db, content()));
		expect(kept).toMatchObject([
			{ id, text: 'Von Alice', colour: 'yellow', x: 300, y: 200, cluster: group }
		]);
	});

	test('only the facilitator marks cards as typed in from paper', async () => {
		const { alice, id } = await aliceCard();
		const forgeries: [string, (doc: Y.Doc) => void][] = [
			[
				'a new card marked as paper',
				(doc) =>
					addCard(doc, { text: 'Angeblich Papier', x: 0, y: 0, colour: 'blue', fromPaper: true })
			],
			['her own card marked afterwards', (doc) => cardsOf(doc).get(id)?.set('fromPaper', true)]
		];
		for (const [what, forge] of forgeries) {
			const forger = await client('alice');
			forge(forger.doc);
			await eventually(() => expect(forger.closes, what).toContain(closeCodes.forbidden));
		}
		const host = await client('host');
		const paper = addCard(host.doc, {
			text: 'Von einer Papierkarte',
			x: 40,
			y: 40,
			colour: 'yellow',
			fromPaper: true
		});
		await stored(host);
		const kept = readCards(await loadStoredDoc(store.db, content()));
		expect(kept.map((c) => [c.id, c.fromPaper ?? false])).toEqual([
			[id, false],
			[paper, true]
		]);
		expect(alice.closes).toEqual([]);
	});

	test('the author bins and un-bins her own card; the facilitator restores from the bin', async () => {
		const { alice, id } = await aliceCard();
		deleteCard(alice.doc, id);
		await stored(alice);
		expect(readCards(alice.doc)).toEqual([]);
		restoreCard(alice.doc, { id });
		await stored(alice);
		deleteCard(alice.doc, id);
		await stored(alice);
		const host = await client('host');
		expect(readBinnedCards(host.doc).map((c) => c.text)).toEqual(['Von Alice']);
		// Taking a card out of the bin only deletes a field: no new clock to wait for, so wait
		// for the store to show it.
		restoreCard(host.doc, { id });
		await eventually(async () => {
			const kept = await loadStoredDoc(store.db, content());
			expect(readCards(kept).map((c) => c.text)).toEqual(['Von Alice']);
			expect(readBinnedCards(kept)).toEqual([]);
		});
		// The facilitator may change anyone's card and remove it for good.
		host.doc.transact(() => {
			updateCard(host.doc, id, { text: 'Von der Moderation gekürzt' });
			cardsOf(host.doc).delete(id);
		});
		await eventually(async () =>
			expect(cardsOf(await loadStoredDoc(store.db, content())).has(id)).toBe(false)
		);
	});

	test('with the cards fixed, only facilitators move and group; new cards still come', async () => {
		const { id } = await aliceCard();
		const control = await client('host', documentName(workshop.id, 'control'));
		setSettings(control.doc, { anonymous: false, privateWriting: false, fixedCards: true });
		await stored(control);
		const bob = await client('bob');
		addCard(bob.doc, { text: 'Neu von Bob', x: 500, y: 40, colour: 'green' });
		await stored(bob);
		const mover = await client('bob');
		updateCard(mover.doc, id, { x: 999 });
		await eventually(() => expect(mover.closes).toContain(closeCodes.forbidden));
		const grouper = await client('bob');
		addCluster(grouper.doc, { name: 'Gruppe', board: '', x: 0, y: 0 });
		await eventually(() => expect(grouper.closes).toContain(closeCodes.forbidden));
		const host = await client('host');
		updateCard(host.doc, id, { x: 777 });
		await stored(host);
		const kept = readCards(await loadStoredDoc(store.db, content()));
		expect(kept.map((c) => [c.text, c.x])).toEqual([
			['Von Alice', 777],
			['Neu von Bob', 500]
		]);
	});

	test('the author keeps her right after a reload (a new client id) and on another device', async () => {
		const { alice, id } = await aliceCard();
		alice.destroy();
		const again = await client('alice');
		updateCard(again.doc, id, { text: 'Von Alice, korrigiert' });
		await stored(again);
		expect(readCards(await loadStoredDoc(store.db, content()))[0].text).toBe(
			'Von Alice, korrigiert'
		);
	});

	const facilitatorActor = () =>
		({ kind: 'staff', userId: staff.id, name: staff.name, role: 'facilitator' }) as const;

	test('closing is pushed to every open page, then every further write is refused with 4410', async () => {
		const alice = await client('alice');
		const control = await client('alice', documentName(workshop.id, 'control'));
		const measure = addMeasure(alice.doc, { title: 'Bank am Brunnen' });
		await stored(alice);
		const result = await closeWorkshop(server.services, workshop.id, facilitatorActor());
		expect(result).toMatchObject({ ok: true, report: { copied: 1 } });
		await eventually(() => expect(readPushedStatus(control.doc)).toBe('closed'));
		await eventually(() => expect(alice.closes).toContain(closeCodes.workshopClosed));
		// A page that opens now reads (the results), and nothing it writes is taken.
		const late = await client('alice');
		addCard(late.doc, { text: 'Nach dem Ende', x: 0, y: 0, colour: 'pink' });
		await eventually(() => expect(late.closes.length).toBeGreaterThan(0));
		const kept = await loadStoredDoc(store.db, content());
		expect(readMeasures(kept).map((m) => m.id)).toEqual([measure]);
		expect(readCards(kept)).toEqual([]);
		const row = await store.db.get<{ status: string }>(
			'SELECT status FROM workshops WHERE id = ?',
			[workshop.id]
		);
		expect(row?.status).toBe('closed');
	});

	test('an edit that arrives after the close was pushed is refused before it is applied', async () => {
		const alice = await client('alice');
		// The push alone (the moment between it and the connections being closed).
		await server.services.documents.change(documentName(workshop.id, 'control'), (doc) =>
			doc.getMap('control').set('status', 'closed')
		);
		addCard(alice.doc, { text: 'Eine Sekunde zu spät', x: 0, y: 0, colour: 'pink' });
		await eventually(() => expect(alice.closes).toContain(closeCodes.workshopClosed));
		expect(readCards(await loadStoredDoc(store.db, content()))).toEqual([]);
	});

	test('nobody but the server writes the status, not even a facilitator', async () => {
		const host = await client('host', documentName(workshop.id, 'control'));
		host.doc.getMap('control').set('status', 'closed');
		await eventually(() => expect(host.closes).toContain(closeCodes.malformed));
		const kept = await loadStoredDoc(store.db, documentName(workshop.id, 'control'));
		expect(readPushedStatus(kept)).toBeNull();
	});

	test('starting the first phase makes the workshop live, in the store and on every page', async () => {
		const host = await client('host', documentName(workshop.id, 'control'));
		const watcher = await client('alice', documentName(workshop.id, 'control'));
		const plan = zukunftswerkstattTemplate('de');
		setPlan(host.doc, plan);
		await stored(host);
		expect(readPushedStatus(watcher.doc)).toBeNull();
		setPlan(host.doc, { ...plan, currentPhaseId: 'vorbereitung' });
		await eventually(() => expect(readPushedStatus(watcher.doc)).toBe('live'));
		const row = await store.db.get<{ status: string }>(
			'SELECT status FROM workshops WHERE id = ?',
			[workshop.id]
		);
		expect(row?.status).toBe('live');
	});
});
