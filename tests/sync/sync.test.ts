import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { closeCodes, documentName } from '../../src/lib/collab/documents';
import { invalidateSession } from '../../src/lib/server/auth/session';
import { hashToken } from '../../src/lib/server/auth/tokens';
import { revokeInvite } from '../../src/lib/server/invites';
import { addCard, readCards, updateCard, deleteCard } from '../../src/lib/collab/wall';
import { openDatabase, type Db } from '../../src/lib/server/db';
import type { User } from '../../src/lib/server/accounts';
import type { Workshop } from '../../src/lib/server/workshops';
import {
	createStaff,
	createTestWorkshop,
	joinAsGuest,
	staffSessionToken
} from '../helpers/fixtures';
import { openSqliteStore, type TestStore } from '../helpers/stores';
import { connectClient, eventually, handledBy, rawSocket, startSyncServer } from '../helpers/sync';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('sync server', () => {
	let dir: string;
	let store: TestStore;
	let server: Awaited<ReturnType<typeof startSyncServer>>;
	let facilitator: User;
	let workshop: Workshop;
	let content: string;
	const cookies: Record<'staff' | 'alice' | 'bob' | 'observer' | 'stranger', string> = {} as never;
	const clients: { destroy(): void }[] = [];

	function client(cookie?: string, name = content) {
		const c = connectClient(server.url, name, cookie);
		clients.push(c);
		return c;
	}

	beforeEach(async () => {
		dir = mkdtempSync(join(tmpdir(), 'qw-sync-'));
		store = await openSqliteStore(dir);
		const { db } = store;
		facilitator = await createStaff(db, 'facilitator');
		workshop = await createTestWorkshop(db, facilitator);
		const other = await createTestWorkshop(db, facilitator, 'Andere Werkstatt');
		content = documentName(workshop.id, 'content');
		cookies.staff = `__Host-qw_session=${await staffSessionToken(db, facilitator)}`;
		cookies.alice = `__Host-qw_guest=${(await joinAsGuest(db, workshop, facilitator, { name: 'Alice' })).sessionToken}`;
		cookies.bob = `__Host-qw_guest=${(await joinAsGuest(db, workshop, facilitator, { name: 'Bob' })).sessionToken}`;
		cookies.observer = `__Host-qw_guest=${(await joinAsGuest(db, workshop, facilitator, { role: 'observer' })).sessionToken}`;
		cookies.stranger = `__Host-qw_guest=${(await joinAsGuest(db, other, facilitator)).sessionToken}`;
		server = await startSyncServer(db);
	});

	afterEach(async () => {
		for (const c of clients.splice(0)) c.destroy();
		try {
			await server.stop();
		} finally {
			await store.dispose();
			rmSync(dir, { recursive: true, force: true });
		}
	});

	test('two participants and the facilitator see each other’s cards', async () => {
		const alice = client(cookies.alice);
		const bob = client(cookies.bob);
		const staff = client(cookies.staff);
		await Promise.all([alice.synced(), bob.synced(), staff.synced()]);
		const id = addCard(alice.doc, {
			text: 'Zu wenig Licht im Park',
			x: 40,
			y: 40,
			colour: 'yellow'
		});
		await eventually(() =>
			expect(readCards(bob.doc).map((c) => c.text)).toEqual(['Zu wenig Licht im Park'])
		);
		updateCard(staff.doc, id, { x: 400 });
		updateCard(alice.doc, id, { text: 'Zu wenig Licht im Stadtpark' });
		await eventually(() => {
			for (const c of [alice, bob, staff])
				expect(readCards(c.doc)[0]).toMatchObject({ text: 'Zu wenig Licht im Stadtpark', x: 400 });
		});
		deleteCard(alice.doc, id);
		await eventually(() => expect(readCards(staff.doc)).toEqual([]));
	});

	test('random concurrent edits from three clients converge to one state', async () => {
		const peers = [client(cookies.alice), client(cookies.bob), client(cookies.staff)];
		const own = peers.map(() => new Set<string>());
		await Promise.all(peers.map((p) => p.synced()));
		await fc.assert(
			fc.asyncProperty(
				fc.array(
					fc.record({
						who: fc.nat(2),
						op: fc.constantFrom('add', 'move', 'edit', 'delete'),
						n: fc.nat(50)
					}),
					{ minLength: 1, maxLength: 30 }
				),
				async (ops) => {
					for (const [i, { who, op, n }] of ops.entries()) {
						const doc = peers[who].doc;
						// Everyone moves any card; participants edit and bin their own (the facilitator, 2, any).
						const ids = readCards(doc)
							.map((c) => c.id)
							.filter((id) => op === 'move' || who === 2 || own[who].has(id));
						const target = ids[n % Math.max(1, ids.length)];
						if (op === 'add' || !target)
							own[who].add(addCard(doc, { text: `K${i}`, x: n, y: i, colour: 'green' }));
						else if (op === 'move') updateCard(doc, target, { x: n, y: i });
						else if (op === 'edit') updateCard(doc, target, { text: `E${i}-${n}` });
						else deleteCard(doc, target);
						if (n % 7 === 0) await new Promise((r) => setImmediate(r));
					}
					await eventually(() => {
						const expected = Y.encodeStateVector(peers[0].doc);
						for (const p of peers) {
							expect(p.closes).toEqual([]);
							expect(Y.encodeStateVector(p.doc)).toEqual(expected);
							expect(readCards(p.doc)).toEqual(readCards(peers[0].doc));
						}
					});
				}
			),
			{ numRuns: 15 }
		);
	});

	test('presence shows who is connected and disappears when they leave', async () => {
		const alice = client(cookies.alice);
		const bob = client(cookies.bob);
		await Promise.all([alice.synced(), bob.synced()]);
		alice.provider.awareness.setLocalStateField('user', { name: 'Alice', colour: '#1d5c63' });
		await eventually(() =>
			expect([...bob.provider.awareness.getStates().values()].map((s) => s.user?.name)).toContain(
				'Alice'
			)
		);
		alice.destroy();
		await eventually(() =>
			expect(
				[...bob.provider.awareness.getStates().values()].map((s) => s.user?.name)
			).not.toContain('Alice')
		);
	});

	test('a connection without credentials is refused with 4401 before any document data', async () => {
		const alice = client(cookies.alice);
		await alice.synced();
		addCard(alice.doc, { text: 'geheim', x: 0, y: 0, colour: 'yellow' });
		await eventually(async () => {
			const row = await store.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM doc_updates');
			expect(Number(row?.n)).toBeGreaterThan(0);
		});
		const anonymous = rawSocket(`${server.url}/${content}`);
		expect(await anonymous.closed).toBe(4401);
		expect(anonymous.received).toEqual([]);
		const forged = rawSocket(`${server.url}/${content}`, '__Host-qw_guest=forged-token');
		expect(await forged.closed).toBe(4401);
		expect(forged.received).toEqual([]);
		// The stock client understands 4401 as final and stops retrying.
		const stock = client(undefined);
		await new Promise<void>((resolve) => stock.provider.once('closed', () => resolve()));
		expect(stock.provider.shouldConnect).toBe(false);
		expect(readCards(stock.doc)).toEqual([]);
	});

	test('a guest of another workshop is refused with 4403; an unknown document with 4404', async () => {
		const stranger = rawSocket(`${server.url}/${content}`, cookies.stranger);
		expect(await stranger.closed).toBe(4403);
		expect(stranger.received).toEqual([]);
		const participantOnControl = rawSocket(`${server.url}/${workshop.id}/private`, cookies.alice);
		expect(await participantOnControl.closed).toBe(4404);
		const unknownWorkshop = rawSocket(`${server.url}/zzzz/content`, cookies.staff);
		expect(await unknownWorkshop.closed).toBe(4404);
	});

	test('revoking an invite closes its guests’ open connections at once', async () => {
		const revokedGuest = await joinAsGuest(store.db, workshop, facilitator, { name: 'Rita' });
		const rita = client(`__Host-qw_guest=${revokedGuest.sessionToken}`);
		const staff = client(cookies.staff);
		await Promise.all([rita.synced(), staff.synced()]);
		const closed = new Promise<void>((resolve) => rita.provider.once('closed', () => resolve()));
		await revokeInvite(server.services, workshop.id, revokedGuest.inviteId);
		await closed;
		expect(rita.closes).toContain(4401);
		addCard(rita.doc, { text: 'nach dem Widerruf', x: 0, y: 0, colour: 'pink' });
		addCard(staff.doc, { text: 'Moderation', x: 0, y: 0, colour: 'blue' });
		await eventually(() => expect(readCards(server.sync.rooms.get(content)!.doc)).toHaveLength(1));
		expect(readCards(staff.doc).map((c) => c.text)).toEqual(['Moderation']);
	});

	test('logging out closes that person’s live connections', async () => {
		const token = await staffSessionToken(store.db, facilitator);
		const staff = client(`__Host-qw_session=${token}`);
		const other = client(cookies.staff);
		await Promise.all([staff.synced(), other.synced()]);
		const closed = new Promise<void>((resolve) => staff.provider.once('closed', () => resolve()));
		await invalidateSession(server.services, hashToken(token));
		await closed;
		expect(staff.closes).toContain(4401);
		expect(other.provider.wsconnected).toBe(true);
	});

	test('a read-only observer receives edits; its own write is refused with 4403 and reaches no one', async () => {
		const alice = client(cookies.alice);
		const observer = client(cookies.observer);
		await Promise.all([alice.synced(), observer.synced()]);
		addCard(alice.doc, { text: 'von Alice', x: 0, y: 0, colour: 'blue' });
		await eventually(() =>
			expect(readCards(observer.doc).map((c) => c.text)).toContain('von Alice')
		);
		addCard(observer.doc, { text: 'vom Zuschauer', x: 0, y: 0, colour: 'pink' });
		await eventually(() => expect(observer.closes).toContain(closeCodes.forbidden));
		const room = server.sync.rooms.get(content)!;
		expect(readCards(room.doc).map((c) => c.text)).toEqual(['von Alice']);
		await room.flush();
		const rows = await store.db.all<{ data: Uint8Array }>('SELECT data FROM doc_updates');
		const stored = Buffer.concat(rows.map((r) => Buffer.from(r.data))).toString('utf8');
		expect(stored).toContain('von Alice');
		expect(stored).not.toContain('vom Zuschauer');
		expect(readCards(alice.doc).map((c) => c.text)).toEqual(['von Alice']);
	});

	test('malformed messages close only that connection (4400); the room carries on', async () => {
		const alice = client(cookies.alice);
		const bob = client(cookies.bob);
		await Promise.all([alice.synced(), bob.synced()]);
		addCard(alice.doc, { text: 'bleibt', x: 0, y: 0, colour: 'yellow' });
		await eventually(() => expect(readCards(bob.doc)).toHaveLength(1));

		const cases = [
			new Uint8Array([]),
			new Uint8Array([0]),
			new Uint8Array([0, 2]),
			new Uint8Array([0, 2, 50, 1, 2]),
			new Uint8Array([7, 7, 7]),
			new Uint8Array([1, 200, 200, 200, 200, 200]),
			new Uint8Array([0, 9, 0])
		];
		for (const bytes of cases) {
			const bad = rawSocket(`${server.url}/${content}`, cookies.alice);
			await bad.opened;
			bad.socket.send(bytes);
			expect(await bad.closed, `bytes ${[...bytes]}`).toBe(4400);
		}
		// Random bytes: refused (4400), or handled and the connection still works (a sentinel sent
		// after them is handled).
		const room = server.sync.rooms.get(content)!;
		await fc.assert(
			fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 64 }), async (bytes) => {
				const bad = rawSocket(`${server.url}/${content}`, cookies.bob);
				await bad.opened;
				bad.socket.send(bytes);
				const outcome = await handledBy(room, bad);
				bad.socket.close();
				expect(['handled', 1000, 1005, 4400]).toContain(outcome);
			}),
			{ numRuns: 150 }
		);

		const id = addCard(bob.doc, { text: 'nach dem Angriff', x: 0, y: 0, colour: 'green' });
		await eventually(() => expect(readCards(alice.doc).map((c) => c.id)).toContain(id));
		expect(readCards(alice.doc).map((c) => c.text)).toEqual(
			expect.arrayContaining(['bleibt', 'nach dem Angriff'])
		);
		expect(readCards(room.doc)).toEqual(readCards(alice.doc));
	});

	test('an edit another client has seen survives the server dying without a goodbye', async () => {
		const alice = client(cookies.alice);
		const bob = client(cookies.bob);
		await Promise.all([alice.synced(), bob.synced()]);
		for (let i = 0; i < 20; i++)
			addCard(alice.doc, { text: `Karte ${i}`, x: i, y: i, colour: 'orange' });
		await eventually(() => expect(readCards(bob.doc)).toHaveLength(20));
		const seen = readCards(bob.doc);

		// No close(), no flush: the process is gone. A new process opens the same file.
		server.http.closeAllConnections();
		server.http.close();
		for (const c of clients.splice(0)) c.destroy();
		const reopened: Db = openDatabase(join(dir, 'store.sqlite'));
		try {
			const restarted = await startSyncServer(reopened);
			try {
				const carol = connectClient(restarted.url, content, cookies.staff);
				await carol.synced();
				expect(readCards(carol.doc)).toEqual(seen);
				carol.destroy();
			} finally {
				await restarted.stop();
			}
		} finally {
			await reopened.close();
		}
	});

	test('a graceful restart compacts the log and loses nothing', async () => {
		const alice = client(cookies.alice);
		await alice.synced();
		for (let i = 0; i < 30; i++)
			addCard(alice.doc, { text: `Karte ${i}`, x: i, y: i, colour: 'orange' });
		const expected = readCards(alice.doc);
		await eventually(async () => {
			const row = await store.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM doc_updates');
			expect(Number(row?.n)).toBe(30);
		});
		for (const c of clients.splice(0)) c.destroy();
		await server.stop();
		expect(await store.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM doc_updates')).toEqual({
			n: 0
		});
		server = await startSyncServer(store.db);
		const again = client(cookies.bob);
		await again.synced();
		expect(readCards(again.doc)).toEqual(expected);
	});

	test('shutting down stores everything and tells clients to reconnect (retry code 4503)', async () => {
		const alice = client(cookies.alice);
		await alice.synced();
		addCard(alice.doc, { text: 'vor dem Herunterfahren', x: 0, y: 0, colour: 'yellow' });
		await eventually(() =>
			expect(server.sync.rooms.get(content)?.doc.getMap('cards').size).toBe(1)
		);
		await server.stop();
		await eventually(() => expect(alice.closes).toContain(4503));
		// 4503 is not final: the stock client keeps trying, and finds the restarted server.
		expect(alice.provider.shouldConnect).toBe(true);
		server = await startSyncServer(store.db);
		const bob = client(cookies.bob);
		await bob.synced();
		expect(readCards(bob.doc).map((c) => c.text)).toEqual(['vor dem Herunterfahren']);
	});

	test('an empty room is stored and unloaded after its idle time', async () => {
		await server.stop();
		server = await startSyncServer(store.db, { unloadAfterMs: 50 });
		const alice = client(cookies.alice);
		await alice.synced();
		addCard(alice.doc, { text: 'bleibt gespeichert', x: 0, y: 0, colour: 'yellow' });
		await eventually(() =>
			expect(server.sync.rooms.get(content)?.doc.getMap('cards').size).toBe(1)
		);
		alice.destroy();
		await eventually(() => expect(server.sync.rooms.has(content)).toBe(false));
		const bob = client(cookies.bob);
		await bob.synced();
		expect(readCards(bob.doc).map((c) => c.text)).toEqual(['bleibt gespeichert']);
	});
});
