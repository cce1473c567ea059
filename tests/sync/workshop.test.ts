import { afterEach, beforeEach, expect, test } from 'vitest';
import * as Y from 'yjs';
import {
	readControl,
	setLocked,
	setPlan,
	setSettings,
	setVote
} from '../../src/lib/collab/control';
import { newId } from '../../src/lib/ids';
import { closeCodes, documentName, privateDocumentName } from '../../src/lib/collab/documents';
import { addCard, readCards } from '../../src/lib/collab/wall';
import { zukunftswerkstattTemplate } from '../../src/lib/domain/facilitation/phases';
import { castDot, markDone, revealResults, viewVote } from '../../src/lib/server/votes';
import type { User } from '../../src/lib/server/accounts';
import type { Workshop } from '../../src/lib/server/workshops';
import {
	createStaff,
	createTestWorkshop,
	joinAsGuest,
	staffSessionToken
} from '../helpers/fixtures';
import { describeEachStore, type TestStore } from '../helpers/stores';
import {
	cardAuthors,
	connectClient,
	eventually,
	presenceBarrier,
	rawSocket,
	startSyncServer
} from '../helpers/sync';

/**
 * The live workshop's rules, played with real clients against a real sync server: who may write
 * the control document, private documents, the lock, anonymous publishing and the dot vote.
 */
describeEachStore('live workshop', (open) => {
	let store: TestStore;
	let server: Awaited<ReturnType<typeof startSyncServer>>;
	let workshop: Workshop;
	let staff: User;
	let facilitator: string;
	let alice: { cookie: string; participantId: string };
	let bob: { cookie: string; participantId: string };
	const clients: { destroy(): void }[] = [];

	const content = () => documentName(workshop.id, 'content');
	const control = () => documentName(workshop.id, 'control');

	function client(name: string, cookie: string) {
		const c = connectClient(server.url, name, cookie, { ack: true });
		clients.push(c);
		return c;
	}

	/** A fresh read of what the store holds, as a process starting now would load it. */
	async function stored(name: string): Promise<Y.Doc> {
		await server.sync.rooms.get(name)?.flush();
		const doc = new Y.Doc();
		const snapshot = await store.db.get<{ data: Uint8Array }>(
			'SELECT data FROM doc_snapshots WHERE doc = ?',
			[name]
		);
		if (snapshot) Y.applyUpdate(doc, new Uint8Array(snapshot.data));
		for (const row of await store.db.all<{ data: Uint8Array }>(
			'SELECT data FROM doc_updates WHERE doc = ? ORDER BY id',
			[name]
		))
			Y.applyUpdate(doc, new Uint8Array(row.data));
		return doc;
	}

	async function guest(name: string, of = workshop) {
		const joined = await joinAsGuest(store.db, of, staff, { name });
		return {
			cookie: `__Host-qw_guest=${joined.sessionToken}`,
			participantId: joined.participantId
		};
	}

	beforeEach(async () => {
		store = await open();
		staff = await createStaff(store.db, 'facilitator');
		workshop = await createTestWorkshop(store.db, staff);
		facilitator = `__Host-qw_session=${await staffSessionToken(store.db, staff)}`;
		alice = await guest('Alice');
		bob = await guest('Bob');
		// Anonymous cards wait 3–8 s in production; here just long enough to batch.
		server = await startSyncServer(store.db, { anonymousDelayMs: [50, 100] });
	});

	afterEach(async () => {
		for (const c of clients.splice(0)) c.destroy();
		try {
			await server.stop();
		} finally {
			await store.dispose();
		}
	});

	test('participants read the control document; a write to it is refused with 4403 and goes nowhere', async () => {
		const host = client(control(), facilitator);
		const forger = client(control(), alice.cookie);
		await Promise.all([host.synced(), forger.synced()]);
		host.doc.transact(() => setPlan(host.doc, zukunftswerkstattTemplate('de')));
		await eventually(() => expect(readControl(forger.doc).plan?.phases).toHaveLength(5));
		// A forged phase change and lock: applied on the forger's own screen only.
		const plan = readControl(forger.doc).plan!;
		setPlan(forger.doc, { ...plan, currentPhaseId: 'verwirklichung' });
		setLocked(forger.doc, true);
		await eventually(() => expect(forger.closes).toContain(closeCodes.forbidden));
		const room = server.sync.rooms.get(control())!;
		expect(readControl(room.doc).plan?.currentPhaseId).toBeNull();
		expect(readControl(room.doc).locked).toBe(false);
		expect(readControl(host.doc).plan?.currentPhaseId).toBeNull();
		expect(readControl(host.doc).locked).toBe(false);
		const kept = readControl(await stored(control()));
		expect(kept.plan?.currentPhaseId).toBeNull();
		expect(kept.locked).toBe(false);
	});

	test('a private document opens for its participant alone', async () => {
		const name = privateDocumentName(workshop.id, alice.participantId);
		const own = rawSocket(`${server.url}/${name}`, alice.cookie);
		await own.opened;
		const codes = await Promise.all(
			[bob.cookie, facilitator].map((cookie) => rawSocket(`${server.url}/${name}`, cookie).closed)
		);
		expect(codes).toEqual([4403, 4403]);
		own.socket.close();
	});

	test('a locked board holds participant edits back and takes them after the unlock', async () => {
		const host = client(control(), facilitator);
		const hostWall = client(content(), facilitator);
		const writer = client(content(), alice.cookie);
		const watcher = client(content(), bob.cookie);
		await Promise.all([host, hostWall, writer, watcher].map((c) => c.synced()));
		setLocked(host.doc, true);
		await eventually(async () => expect(readControl(await stored(control())).locked).toBe(true));

		addCard(writer.doc, { text: 'während gesperrt', x: 0, y: 0, colour: 'yellow' });
		addCard(hostWall.doc, { text: 'von der Moderation', x: 0, y: 0, colour: 'blue' });
		await eventually(() =>
			expect(readCards(watcher.doc).map((c) => c.text)).toContain('von der Moderation')
		);
		// The writer's presence follows its card: once the room has it, the card was held back.
		const wall = server.sync.rooms.get(content())!;
		await presenceBarrier(writer, wall.awareness);
		expect(readCards(wall.doc).map((c) => c.text)).toEqual(['von der Moderation']);
		expect(readCards(watcher.doc).map((c) => c.text)).not.toContain('während gesperrt');
		expect(readCards(await stored(content())).map((c) => c.text)).toEqual(['von der Moderation']);

		setLocked(host.doc, false);
		await eventually(() =>
			expect(readCards(watcher.doc).map((c) => c.text)).toContain('während gesperrt')
		);
		await eventually(async () => expect(readCards(await stored(content()))).toHaveLength(2));
	});

	test('anonymous: a draft reaches the wall as the server’s card, and no store keeps its author', async () => {
		const host = client(control(), facilitator);
		await host.synced();
		setSettings(host.doc, { anonymous: true, privateWriting: false });
		await eventually(async () =>
			expect(readControl(await stored(control())).settings.anonymous).toBe(true)
		);
		const draftsName = privateDocumentName(workshop.id, alice.participantId);
		const drafts = client(draftsName, alice.cookie);
		const aliceWall = client(content(), alice.cookie);
		const watcher = client(content(), facilitator);
		await Promise.all([drafts, aliceWall, watcher].map((c) => c.synced()));

		addCard(drafts.doc, { text: 'Zu wenig Bänke', x: 0, y: 0, colour: 'pink', board: 'kritik' });
		await eventually(() =>
			expect(readCards(watcher.doc)).toMatchObject([{ text: 'Zu wenig Bänke', board: 'kritik' }])
		);
		const [card] = readCards(watcher.doc);
		const authors = cardAuthors(watcher.doc, card.id);
		expect(new Set(authors).size).toBe(1);
		expect(authors).not.toContain(drafts.doc.clientID);
		expect(authors).not.toContain(aliceWall.doc.clientID);
		await eventually(() => expect(readCards(drafts.doc)).toEqual([]));

		// The store: the wall holds neither names nor participant ids, and the private log was
		// folded into a snapshot without the text.
		const wallRows = await store.db.all<{ data: Uint8Array }>(
			'SELECT data FROM doc_updates WHERE doc = ?',
			[content()]
		);
		const wallBytes = Buffer.concat(wallRows.map((r) => Buffer.from(r.data))).toString('latin1');
		for (const secret of ['Alice', alice.participantId]) expect(wallBytes).not.toContain(secret);
		await eventually(async () => {
			const privateRows = await store.db.all<{ data: Uint8Array }>(
				`SELECT data FROM doc_updates WHERE doc = ?
				 UNION ALL SELECT data FROM doc_snapshots WHERE doc = ?`,
				[draftsName, draftsName]
			);
			const text = Buffer.concat(privateRows.map((r) => Buffer.from(r.data))).toString('utf8');
			expect(text).not.toContain('Zu wenig Bänke');
		});
	});

	test('private writing: drafts wait, are counted, and the reveal publishes them all', async () => {
		const host = client(control(), facilitator);
		await host.synced();
		setSettings(host.doc, { anonymous: false, privateWriting: true });
		const a = client(privateDocumentName(workshop.id, alice.participantId), alice.cookie);
		const b = client(privateDocumentName(workshop.id, bob.participantId), bob.cookie);
		const watcher = client(content(), facilitator);
		await Promise.all([a, b, watcher].map((c) => c.synced()));
		addCard(a.doc, { text: 'A1', x: 0, y: 0, colour: 'yellow', board: 'kritik' });
		addCard(a.doc, { text: 'A2', x: 0, y: 0, colour: 'yellow', board: 'kritik' });
		addCard(b.doc, { text: 'B1', x: 0, y: 0, colour: 'green', board: 'kritik' });
		await eventually(() => expect(readControl(host.doc).draftsWaiting).toBe(3));
		expect(readCards(watcher.doc)).toEqual([]);

		expect(await server.sync.documents.publishDrafts(workshop.id)).toBe(3);
		await eventually(() =>
			expect(
				readCards(watcher.doc)
					.map((c) => c.text)
					.sort()
			).toEqual(['A1', 'A2', 'B1'])
		);
		await eventually(() => expect(readControl(host.doc).draftsWaiting).toBe(0));
		expect(readCards(a.doc)).toEqual([]);
		// One batch: one publication time for everyone's cards, so the clock groups nobody's.
		expect(new Set(readCards(watcher.doc).map((c) => c.createdAt)).size).toBe(1);
		// Published again: nothing left, nothing doubled.
		expect(await server.sync.documents.publishDrafts(workshop.id)).toBe(0);
		expect(readCards(watcher.doc)).toHaveLength(3);
	});

	/**
	 * A barrier for the draft publisher's timer: an anonymous card in a second, unlocked workshop,
	 * written now, goes up once its timer fires. With a fixed delay, timers fire in the order they
	 * were set, so once that card is on its wall, every timer set before this call has fired.
	 */
	async function anonymousTimersBefore() {
		const other = await createTestWorkshop(store.db, staff, 'Zweite Werkstatt');
		const olga = await guest('Olga', other);
		const host = client(documentName(other.id, 'control'), facilitator);
		const drafts = client(privateDocumentName(other.id, olga.participantId), olga.cookie);
		const wall = client(documentName(other.id, 'content'), facilitator);
		await Promise.all([host, drafts, wall].map((c) => c.synced()));
		setSettings(host.doc, { anonymous: true, privateWriting: false });
		await eventually(async () =>
			expect(readControl(await stored(documentName(other.id, 'control'))).settings.anonymous).toBe(
				true
			)
		);
		addCard(drafts.doc, { text: 'Wächter', x: 0, y: 0, colour: 'blue', board: 'kritik' });
		await eventually(() => expect(readCards(wall.doc).map((c) => c.text)).toEqual(['Wächter']));
	}

	test('anonymous cards written in a row go up once each, in one batch, and never onto a locked board', async () => {
		// A fixed delay, so that `anonymousTimersBefore` is a barrier.
		await server.stop();
		server = await startSyncServer(store.db, { anonymousDelayMs: [60, 60] });
		const host = client(control(), facilitator);
		const a = client(privateDocumentName(workshop.id, alice.participantId), alice.cookie);
		const b = client(privateDocumentName(workshop.id, bob.participantId), bob.cookie);
		const watcher = client(content(), facilitator);
		await Promise.all([host, a, b, watcher].map((c) => c.synced()));
		setSettings(host.doc, { anonymous: true, privateWriting: false });
		setLocked(host.doc, true);
		await eventually(async () => expect(readControl(await stored(control())).locked).toBe(true));

		addCard(a.doc, { text: 'eins', x: 0, y: 0, colour: 'yellow', board: 'kritik' });
		addCard(a.doc, { text: 'zwei', x: 0, y: 0, colour: 'yellow', board: 'kritik' });
		addCard(b.doc, { text: 'drei', x: 0, y: 0, colour: 'green', board: 'kritik' });
		await eventually(() => expect(readControl(host.doc).draftsWaiting).toBe(3));
		await anonymousTimersBefore();
		expect(readCards(server.sync.rooms.get(content())!.doc)).toEqual([]);
		expect(readCards(watcher.doc)).toEqual([]);

		setLocked(host.doc, false);
		await eventually(() =>
			expect(
				readCards(watcher.doc)
					.map((c) => c.text)
					.sort()
			).toEqual(['drei', 'eins', 'zwei'])
		);
		await eventually(() => expect(readControl(host.doc).draftsWaiting).toBe(0));
		// Nothing is left to go up a second time; a batch still running would finish first.
		expect(await server.sync.documents.publishDrafts(workshop.id)).toBe(0);
		expect(readCards(server.sync.rooms.get(content())!.doc)).toHaveLength(3);
		expect(readCards(watcher.doc)).toHaveLength(3);
		expect(new Set(readCards(watcher.doc).map((c) => c.createdAt)).size).toBe(1);
	});

	test('dot votes: the server holds the budget and the per-item limit; totals only on reveal', async () => {
		const host = client(control(), facilitator);
		const reader = client(control(), alice.cookie);
		await Promise.all([host.synced(), reader.synced()]);
		const roundId = newId();
		setVote(host.doc, 'kritik', {
			roundId,
			on: 'cards',
			items: ['a', 'b', 'c'],
			budgetPerPerson: 2,
			maxPerItem: 1,
			open: true,
			revealed: false
		});
		await eventually(async () =>
			expect(readControl(await stored(control())).votes.kritik).toBeTruthy()
		);
		const vote = (voter: string, itemId: string, delta: 1 | -1 = 1) =>
			castDot(server.services, { workshopId: workshop.id, board: 'kritik', voter, itemId, delta });

		expect((await vote('p:alice', 'a')).ok).toBe(true);
		expect(await vote('p:alice', 'a')).toEqual({ ok: false, error: 'vote.overItemLimit' });
		expect((await vote('p:alice', 'b')).ok).toBe(true);
		expect(await vote('p:alice', 'c')).toEqual({ ok: false, error: 'vote.overBudget' });
		expect(await vote('p:alice', 'zzz')).toEqual({ ok: false, error: 'vote.unknownItem' });
		expect((await vote('p:alice', 'a', -1)).ok).toBe(true);
		expect((await vote('p:alice', 'c')).ok).toBe(true);

		// Ten clicks at once from two tabs: exactly the budget is spent.
		const burst = await Promise.all(
			['a', 'b', 'c', 'a', 'b', 'c', 'a', 'b', 'c', 'a'].map((item) => vote('p:bob', item))
		);
		expect(burst.filter((r) => r.ok)).toHaveLength(2);

		const own = await viewVote(server.services, {
			workshopId: workshop.id,
			board: 'kritik',
			voter: 'p:alice',
			facilitator: false
		});
		expect(own?.results).toBeNull();
		expect(own?.own).toEqual({ b: 1, c: 1 });
		expect(own?.remaining).toBe(0);
		const running = await viewVote(server.services, {
			workshopId: workshop.id,
			board: 'kritik',
			voter: 'u:host',
			facilitator: true
		});
		expect(running?.results?.reduce((sum, r) => sum + r.dots, 0)).toBe(4);
		expect(readControl(reader.doc).voteResults).toEqual({});

		expect(own?.done).toBe(false);
		await markDone(server.services, { workshopId: workshop.id, board: 'kritik', voter: 'p:alice' });
		await markDone(server.services, { workshopId: workshop.id, board: 'kritik', voter: 'p:alice' });
		await eventually(() =>
			expect(readControl(reader.doc).voteDone.kritik).toEqual({ roundId, done: 1 })
		);
		// Asked again (a reload), the server still knows Alice is done, and only Alice.
		const again = (voter: string) =>
			viewVote(server.services, {
				workshopId: workshop.id,
				board: 'kritik',
				voter,
				facilitator: false
			});
		expect((await again('p:alice'))?.done).toBe(true);
		expect((await again('p:bob'))?.done).toBe(false);

		// "Ich bin fertig" counts only while the vote is open (checked below, after the reveal).
		await revealResults(server.services, { workshopId: workshop.id, board: 'kritik' });
		await eventually(() =>
			expect(readControl(reader.doc).voteResults.kritik?.roundId).toBe(roundId)
		);
		const shown = readControl(reader.doc);
		expect(shown.votes.kritik).toMatchObject({ open: false, revealed: true });
		expect(shown.voteResults.kritik.results.map((r) => r.dots)).toEqual(
			[...shown.voteResults.kritik.results.map((r) => r.dots)].sort((x, y) => y - x)
		);
		expect(await vote('p:alice', 'a')).toEqual({ ok: false, error: 'vote.closed' });
		expect(
			await markDone(server.services, { workshopId: workshop.id, board: 'kritik', voter: 'p:bob' })
		).toBe(false);
		// Even a control document that says "open" again cannot reopen a revealed round.
		setVote(host.doc, 'kritik', { ...shown.votes.kritik, open: true, revealed: false });
		await eventually(async () =>
			expect(readControl(await stored(control())).votes.kritik.open).toBe(true)
		);
		expect(await vote('p:alice', 'a')).toEqual({ ok: false, error: 'vote.closed' });
	});
});
