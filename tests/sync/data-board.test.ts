import { afterEach, beforeEach, expect, test } from 'vitest';
import type * as Y from 'yjs';
import {
	addDataComment,
	dataBoardsOf,
	dataCommentsOf,
	deleteDataComment,
	readDataBoard,
	readDataComments,
	readNextReports,
	setDataBoard,
	setNextReport,
	updateDataComment
} from '../../src/lib/collab/data-board';
import { closeCodes, documentName } from '../../src/lib/collab/documents';
import { loadStoredDoc } from '../../src/lib/server/close-workshop';
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
 * The Datenlage board (issue 13) against modified clients: the stock client with direct Yjs calls
 * checks no rights, so whatever the sync server lets through would reach everyone.
 */
describeEachStore('data board rights', (open) => {
	let store: TestStore;
	let server: Awaited<ReturnType<typeof startSyncServer>>;
	let workshop: Workshop;
	let staff: User;
	const cookies: Record<'host' | 'alice' | 'bob', string> = {} as never;
	const clients: ReturnType<typeof connectClient>[] = [];
	const content = () => documentName(workshop.id, 'content');
	const control = () => documentName(workshop.id, 'control');

	async function client(who: keyof typeof cookies, name = content()) {
		const c = connectClient(server.url, name, cookies[who], { ack: true });
		clients.push(c);
		await c.synced();
		return c;
	}
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

	test('nobody but the server writes what the board shows: a participant and even a facilitator client are refused', async () => {
		await server.services.documents.change(control(), (doc) =>
			setDataBoard(doc, 'datenlage', { district: null, indicators: ['alq'], highlight: 'alq' })
		);
		const forgeries: [keyof typeof cookies, (doc: Y.Doc) => void][] = [
			[
				'alice',
				(doc) =>
					setDataBoard(doc, 'datenlage', { district: null, indicators: ['x'], highlight: 'x' })
			],
			['alice', (doc) => dataBoardsOf(doc).delete('datenlage')],
			[
				'host',
				(doc) =>
					setDataBoard(doc, 'datenlage', {
						district: null,
						indicators: ['erfunden'],
						highlight: 'erfunden'
					})
			]
		];
		for (const [who, forge] of forgeries) {
			const forger = await client(who, control());
			await eventually(() => expect(readDataBoard(forger.doc, 'datenlage').highlight).toBe('alq'));
			forge(forger.doc);
			await eventually(() => expect(forger.closes.length, who).toBeGreaterThan(0));
			if (who === 'alice') expect(forger.closes).toContain(closeCodes.forbidden);
		}
		const kept = await loadStoredDoc(store.db, control());
		expect(readDataBoard(kept, 'datenlage')).toEqual({
			district: null,
			indicators: ['alq'],
			highlight: 'alq'
		});
	});

	test('a participant pins comments and changes only her own; the facilitator may remove any', async () => {
		const alice = await client('alice');
		const own = addDataComment(alice.doc, {
			board: 'datenlage',
			district: 'planungsraum:0100',
			indicator: 'alq',
			text: 'Stimmt so nicht, weil viele nicht gemeldet sind'
		});
		await stored(alice);
		updateDataComment(alice.doc, own, 'Stimmt so nicht, weil die Zahl alt ist');
		await stored(alice);

		const forgeries: [string, (doc: Y.Doc) => void][] = [
			['rewrite', (doc) => updateDataComment(doc, own, 'Von Bob')],
			['delete', (doc) => deleteDataComment(doc, own)],
			[
				'a new comment under her id',
				(doc) =>
					addDataComment(
						doc,
						{ board: 'datenlage', district: '', indicator: 'alq', text: 'x' },
						own
					)
			],
			[
				'an overlong comment of his own',
				(doc) =>
					addDataComment(doc, {
						board: 'datenlage',
						district: '',
						indicator: 'alq',
						text: 'x'.repeat(501)
					})
			],
			[
				'a field that comments do not have',
				(doc) =>
					doc.transact(() => {
						const id = addDataComment(doc, {
							board: 'datenlage',
							district: '',
							indicator: 'alq',
							text: 'ok'
						});
						dataCommentsOf(doc).get(id)?.set('fromPaper', true);
					})
			]
		];
		for (const [what, forge] of forgeries) {
			const forger = await client('bob');
			await eventually(() => expect(readDataComments(forger.doc)).toHaveLength(1));
			forge(forger.doc);
			await eventually(() => expect(forger.closes, what).toContain(closeCodes.forbidden));
		}
		const kept = readDataComments(await loadStoredDoc(store.db, content()));
		expect(kept).toMatchObject([{ id: own, text: 'Stimmt so nicht, weil die Zahl alt ist' }]);

		const bob = await client('bob');
		const his = addDataComment(bob.doc, {
			board: 'datenlage',
			district: '',
			indicator: 'kinderarmut',
			text: 'Passt'
		});
		await stored(bob);
		deleteDataComment(bob.doc, his);
		const host = await client('host');
		deleteDataComment(host.doc, own);
		// A delete adds no item, so the acknowledged clock says nothing: wait for the store itself.
		await eventually(async () =>
			expect(readDataComments(await loadStoredDoc(store.db, content()))).toEqual([])
		);
		expect(alice.closes).toEqual([]);
		expect(bob.closes).toEqual([]);
	});

	test('who reports next: anyone writing the plan fills it in, as plain short text only', async () => {
		const alice = await client('alice');
		setNextReport(alice.doc, 'm1', 'reporter', 'Kiezbüro');
		setNextReport(alice.doc, 'm1', 'reportOn', '2027-03-01');
		await stored(alice);
		const forger = await client('bob');
		setNextReport(forger.doc, 'm1', 'reporter', 'x'.repeat(201));
		await eventually(() => expect(forger.closes).toContain(closeCodes.forbidden));
		const kept = readNextReports(await loadStoredDoc(store.db, content()));
		expect(kept).toEqual({ m1: { reporter: 'Kiezbüro', reportOn: '2027-03-01' } });
	});
});
