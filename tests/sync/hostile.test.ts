import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as encoding from 'lib0/encoding';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { encodeUpdate } from '../../server/sync/protocol';
import { setLocked, setVoteResults } from '../../src/lib/collab/control';
import { closeCodes, documentName } from '../../src/lib/collab/documents';
import { addCard, readCards } from '../../src/lib/collab/wall';
import { maxCardLength } from '../../src/lib/domain/cards';
import { maxVisionTextLength, visionField } from '../../src/lib/domain/vision';
import { measureTextLimits } from '../../src/lib/collab/measures';
import type { Db } from '../../src/lib/server/db';
import type { Workshop } from '../../src/lib/server/workshops';
import {
	createStaff,
	createTestWorkshop,
	joinAsGuest,
	staffSessionToken
} from '../helpers/fixtures';
import { describeEachStore, type TestStore } from '../helpers/stores';
import {
	connectClient,
	eventually,
	handledBy,
	rawSocket,
	startSyncServer,
	type TestSyncServer
} from '../helpers/sync';

/** A value nested `depth` levels: [[[…]]]. Built iteratively, as an attacker's script would. */
function nested(depth: number): unknown {
	let value: unknown = 'innen';
	for (let i = 0; i < depth; i++) value = [value];
	return value;
}

/** An update that sets `key` in the root map `root` of a fresh document (its own client id). */
function updateSetting(root: string, key: string, value: unknown, clientID?: number): Uint8Array {
	const doc = new Y.Doc();
	if (clientID !== undefined) doc.clientID = clientID;
	doc.getMap(root).set(key, value);
	return Y.encodeStateAsUpdate(doc);
}

function syncStep1Raw(stateVector: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, 0);
	encoding.writeVarUint(encoder, 0);
	encoding.writeVarUint8Array(encoder, stateVector);
	return encoding.toUint8Array(encoder);
}

describeEachStore('hostile input to the sync engine', (open) => {
	let dir: string;
	let store: TestStore;
	let db: Db;
	let server: TestSyncServer;
	let workshop: Workshop;
	let content: string;
	let control: string;
	const cookies: Record<'staff' | 'alice' | 'bob' | 'observer', string> = {} as never;
	const clients: { destroy(): void }[] = [];

	function client(cookie: string, name = content) {
		const c = connectClient(server.url, name, cookie);
		clients.push(c);
		return c;
	}

	async function restart(config: Parameters<typeof startSyncServer>[1] = {}) {
		for (const c of clients.splice(0)) c.destroy();
		await server.stop();
		server = await startSyncServer(db, config);
	}

	beforeEach(async () => {
		dir = mkdtempSync(join(tmpdir(), 'qw-hostile-'));
		store = await open();
		db = store.db;
		const facilitator = await createStaff(db, 'facilitator');
		workshop = await createTestWorkshop(db, facilitator);
		content = documentName(workshop.id, 'content');
		control = documentName(workshop.id, 'control');
		const guest = async (options: Parameters<typeof joinAsGuest>[3]) =>
			`__Host-qw_guest=${(await joinAsGuest(db, workshop, facilitator, options)).sessionToken}`;
		cookies.staff = `__Host-qw_session=${await staffSessionToken(db, facilitator)}`;
		cookies.alice = await guest({ name: 'Alice' });
		cookies.bob = await guest({ name: 'Bob' });
		cookies.observer = await guest({ role: 'observer' });
		server = await startSyncServer(db);
	});

	afterEach(async () => {
		for (const c of clients.splice(0)) c.destroy();
		await server.stop();
		await store.dispose();
		rmSync(dir, { recursive: true, force: true });
	});

	test('a malformed state vector from a read-only observer closes only that connection', async () => {
		const alice = client(cookies.alice);
		await alice.synced();
		const bad = rawSocket(`${server.url}/${content}`, cookies.observer);
		await bad.opened;
		bad.socket.send(new Uint8Array([0x00, 0x00, 0x01, 0x05]));
		expect(await bad.closed).toBe(closeCodes.malformed);
		// Truncated and absurd state vectors too.
		for (const vector of [[0x01], [0x02, 0x05], [0xff, 0xff, 0xff, 0xff, 0x0f]]) {
			const next = rawSocket(`${server.url}/${content}`, cookies.bob);
			await next.opened;
			next.socket.send(syncStep1Raw(new Uint8Array(vector)));
			expect(await next.closed, `vector ${vector}`).toBe(closeCodes.malformed);
		}
		const id = addCard(alice.doc, { text: 'läuft weiter', x: 0, y: 0, colour: 'yellow' });
		const bob = client(cookies.bob);
		await eventually(() => expect(readCards(bob.doc).map((c) => c.id)).toEqual([id]));
	});

	test('values nested past the limit are refused live; values within it are kept', async () => {
		const watcher = client(cookies.staff);
		await watcher.synced();
		const room = server.sync.rooms.get(content)!;
		const deep = rawSocket(`${server.url}/${content}`, cookies.alice);
		await deep.opened;
		deep.socket.send(encodeUpdate(updateSetting('extra', 'tief', nested(5000))));
		expect(await deep.closed).toBe(closeCodes.malformed);
		expect(room.doc.getMap('extra').has('tief')).toBe(false);

		const fine = rawSocket(`${server.url}/${content}`, cookies.alice);
		await fine.opened;
		fine.socket.send(encodeUpdate(updateSetting('extra', 'flach', nested(20))));
		expect(await handledBy(room, fine)).toBe('handled');
		expect(room.doc.getMap('extra').get('flach')).toEqual(nested(20));
	});

	test('a stored row no fresh process could decode is left out; the document still opens', async () => {
		const alice = client(cookies.alice);
		await alice.synced();
		const kept = addCard(alice.doc, { text: 'gespeichert', x: 0, y: 0, colour: 'yellow' });
		await eventually(() =>
			expect(readCards(server.sync.rooms.get(content)!.doc).map((c) => c.id)).toEqual([kept])
		);
		await restart();
		// Planted past every check, as a damaged or older store could hold it.
		await db.run('INSERT INTO doc_updates (doc, data, created_at) VALUES (?, ?, ?)', [
			content,
			updateSetting('extra', 'gift', nested(6000)),
			Date.now()
		]);
		server.expectErrors(/stored row left out/);
		const bob = client(cookies.bob);
		await eventually(() => expect(readCards(bob.doc).map((c) => c.id)).toEqual([kept]));
		expect(server.sync.rooms.get(content)!.doc.getMap('extra').has('gift')).toBe(false);
		// Other rooms were never affected, and the room still takes edits.
		const id = addCard(bob.doc, { text: 'danach', x: 0, y: 0, colour: 'green' });
		await eventually(() =>
			expect(readCards(server.sync.rooms.get(content)!.doc).map((c) => c.id)).toContain(id)
		);
	});

	test('a room that cannot load closes its connections with a retry code; others carry on', async () => {
		// The store fails while loading, once: what a dropped database connection does. (Checking
		// a session reads single rows; only loading a document runs a transaction here.)
		let failNextLoad = false;
		const flaky = new Proxy(db, {
			get(target, property, receiver) {
				if (property === 'transaction' && failNextLoad) {
					failNextLoad = false;
					return () => Promise.reject(new Error('store unavailable (test)'));
				}
				const value = Reflect.get(target, property, receiver);
				return typeof value === 'function' ? value.bind(target) : value;
			}
		});
		await server.stop();
		server = await startSyncServer(flaky);
		server.expectErrors(/store unavailable \(test\)/);
		failNextLoad = true;
		const staff = rawSocket(`${server.url}/${content}`, cookies.staff);
		expect(await staff.closed).toBe(closeCodes.storeUnavailable);
		// The next connection loads it, and the process never went down.
		const alice = client(cookies.alice);
		await alice.synced();
		const id = addCard(alice.doc, { text: 'geht weiter', x: 0, y: 0, colour: 'yellow' });
		const bob = client(cookies.bob);
		await eventually(() => expect(readCards(bob.doc).map((c) => c.id)).toEqual([id]));
	});

	test('nobody can write under another person’s client id, even while that person is offline', async () => {
		const alice = client(cookies.alice);
		await alice.synced();
		addCard(alice.doc, { text: 'vor dem Abbruch', x: 0, y: 0, colour: 'yellow' });
		const room = () => server.sync.rooms.get(content)!;
		await eventually(() => expect(readCards(room().doc)).toHaveLength(1));
		alice.provider.disconnect();
		const offline = addCard(alice.doc, {
			text: 'offline geschrieben',
			x: 0,
			y: 0,
			colour: 'green'
		});

		// A fresh process: ownership is stored, not only remembered.
		const aliceDoc = alice.doc;
		clients.splice(clients.indexOf(alice), 1);
		await server.stop();
		server = await startSyncServer(db);
		const watcher = client(cookies.staff);
		await watcher.synced();

		// Bob takes Alice's client id and writes where her offline edit will go.
		const forger = new Y.Doc();
		Y.applyUpdate(forger, Y.encodeStateAsUpdate(watcher.doc));
		// Set after loading: Yjs would pick a new id on seeing its own id in remote content.
		forger.clientID = aliceDoc.clientID;
		const before = Y.encodeStateVector(forger);
		addCard(forger, { text: 'untergeschoben', x: 0, y: 0, colour: 'pink' });
		const forged = rawSocket(`${server.url}/${content}`, cookies.bob);
		await forged.opened;
		forged.socket.send(encodeUpdate(Y.encodeStateAsUpdate(forger, before)));
		expect(await forged.closed).toBe(closeCodes.malformed);

		// Alice comes back: her offline card arrives, Bob's never did.
		const back = connectClient(server.url, content, cookies.alice);
		clients.push(back);
		Y.applyUpdate(back.doc, Y.encodeStateAsUpdate(aliceDoc));
		await eventually(() =>
			expect(readCards(watcher.doc).map((c) => c.text)).toEqual([
				'vor dem Abbruch',
				'offline geschrieben'
			])
		);
		expect(readCards(watcher.doc).map((c) => c.id)).toContain(offline);
		alice.provider.destroy();
	});

	test('an update that builds on edits still to come waits for them instead of closing', async () => {
		const watcher = client(cookies.staff);
		await watcher.synced();
		const room = server.sync.rooms.get(content)!;
		const author = new Y.Doc();
		const first = addCard(author, { text: 'offline', x: 0, y: 0, colour: 'yellow' });
		const afterFirst = Y.encodeStateVector(author);
		const firstUpdate = Y.encodeStateAsUpdate(author);
		const second = addCard(author, {
			text: 'gleich nach dem Verbinden',
			x: 0,
			y: 0,
			colour: 'green'
		});
		const secondUpdate = Y.encodeStateAsUpdate(author, afterFirst);

		const socket = rawSocket(`${server.url}/${content}`, cookies.alice);
		await socket.opened;
		socket.socket.send(encodeUpdate(secondUpdate));
		expect(await handledBy(room, socket)).toBe('handled');
		expect(readCards(room.doc)).toHaveLength(0);
		socket.socket.send(encodeUpdate(firstUpdate));
		await eventually(() =>
			expect(
				readCards(watcher.doc)
					.map((c) => c.id)
					.sort()
			).toEqual([first, second].sort())
		);
		expect(socket.socket.readyState).toBe(socket.socket.OPEN);
		// What waited was never part of what others were sent before its base arrived.
		expect(Y.encodeStateAsUpdate(room.doc)).toEqual(Y.encodeStateAsUpdate(watcher.doc));
	});

	test('a stock client that edited offline and types right after reconnecting keeps everything', async () => {
		const watcher = client(cookies.staff);
		const alice = client(cookies.alice);
		await Promise.all([watcher.synced(), alice.synced()]);
		alice.provider.disconnect();
		const offline = addCard(alice.doc, { text: 'offline', x: 0, y: 0, colour: 'yellow' });
		let typed = '';
		// The first thing after the socket opens, before the server's sync step 1 arrives: this
		// update builds on the offline card, which only the client's sync step 2 will bring.
		alice.provider.on('status', ({ status }: { status: string }) => {
			if (status !== 'connected' || typed) return;
			typed = addCard(alice.doc, { text: 'sofort getippt', x: 0, y: 0, colour: 'green' });
		});
		alice.provider.connect();
		await eventually(() =>
			expect(
				readCards(watcher.doc)
					.map((c) => c.id)
					.sort()
			).toEqual([offline, typed].sort())
		);
		expect(alice.closes).toEqual([]);
	});

	test('content that never arrives ends the wait with a retry code, not a final one', async () => {
		await restart({ limits: { maxHoldMs: 100 } as never });
		const author = new Y.Doc();
		addCard(author, { text: 'fehlt', x: 0, y: 0, colour: 'yellow' });
		const before = Y.encodeStateVector(author);
		addCard(author, { text: 'wartet', x: 0, y: 0, colour: 'green' });
		const socket = rawSocket(`${server.url}/${content}`, cookies.alice);
		await socket.opened;
		socket.socket.send(encodeUpdate(Y.encodeStateAsUpdate(author, before)));
		const code = await socket.closed;
		expect(code).toBe(closeCodes.resyncNeeded);
		expect(code).toBeGreaterThanOrEqual(4500);
	});

	test('a document stops growing at its size limit (4413), and nothing past it is stored', async () => {
		await restart({ limits: { maxDocumentBytes: 20_000 } as never });
		const watcher = client(cookies.staff);
		await watcher.synced();
		const room = server.sync.rooms.get(content)!;
		const writer = new Y.Doc();
		const socket = rawSocket(`${server.url}/${content}`, cookies.alice);
		await socket.opened;
		for (let i = 0; i < 2; i++) {
			const before = Y.encodeStateVector(writer);
			writer.getMap('extra').set(`teil${i}`, 'x'.repeat(8000));
			socket.socket.send(encodeUpdate(Y.encodeStateAsUpdate(writer, before)));
		}
		expect(await handledBy(room, socket)).toBe('handled');
		const before = Y.encodeStateVector(writer);
		writer.getMap('extra').set('teil2', 'x'.repeat(8000));
		socket.socket.send(encodeUpdate(Y.encodeStateAsUpdate(writer, before)));
		expect(await socket.closed).toBe(closeCodes.tooLarge);
		expect(room.doc.getMap('extra').has('teil2')).toBe(false);
		expect(room.doc.getMap('extra').has('teil1')).toBe(true);
	});

	test('card text over the limit is refused by the server, not only by the form', async () => {
		const watcher = client(cookies.staff);
		await watcher.synced();
		const room = server.sync.rooms.get(content)!;
		const ok = new Y.Doc();
		addCard(ok, { text: 'a'.repeat(maxCardLength), x: 0, y: 0, colour: 'yellow' });
		const long = new Y.Doc();
		addCard(long, { text: 'a'.repeat(maxCardLength + 1), x: 0, y: 0, colour: 'yellow' });
		const socket = rawSocket(`${server.url}/${content}`, cookies.alice);
		await socket.opened;
		socket.socket.send(encodeUpdate(Y.encodeStateAsUpdate(ok)));
		expect(await handledBy(room, socket)).toBe('handled');
		socket.socket.send(encodeUpdate(Y.encodeStateAsUpdate(long)));
		expect(await socket.closed).toBe(closeCodes.malformed);
		expect(readCards(room.doc).map((c) => c.text.length)).toEqual([maxCardLength]);
	});

	test('a measure shared text field keeps its limit, counted after the deletes of the same update', async () => {
		const watcher = client(cookies.staff);
		await watcher.synced();
		const room = server.sync.rooms.get(content)!;
		const limit = measureTextLimits.title;
		const author = new Y.Doc();
		const fields = new Y.Map<unknown>();
		author.getMap('measures').set('m2', fields);
		const title = new Y.Text('a'.repeat(limit));
		fields.set('title', title);
		const socket = rawSocket(`${server.url}/${content}`, cookies.alice);
		await socket.opened;
		socket.socket.send(encodeUpdate(Y.encodeStateAsUpdate(author)));
		expect(await handledBy(room, socket)).toBe('handled');
		// Replacing ten characters by ten others keeps the length: allowed.
		let before = Y.encodeStateVector(author);
		author.transact(() => {
			title.delete(0, 10);
			title.insert(0, 'b'.repeat(10));
		});
		socket.socket.send(encodeUpdate(Y.encodeStateAsUpdate(author, before)));
		expect(await handledBy(room, socket)).toBe('handled');
		// One more character: refused before it is applied.
		before = Y.encodeStateVector(author);
		title.insert(0, 'c');
		socket.socket.send(encodeUpdate(Y.encodeStateAsUpdate(author, before)));
		expect(await socket.closed).toBe(closeCodes.malformed);
		const kept = room.doc.getMap('measures').get('m2') as Y.Map<unknown>;
		expect((kept.get('title') as Y.Text).toString()).toBe('b'.repeat(10) + 'a'.repeat(limit - 10));

		// Something other than text inside a text field, and a Y.Text where cards take a string.
		const embed = new Y.Doc();
		const other = new Y.Map<unknown>();
		embed.getMap('measures').set('m3', other);
		const rich = new Y.Text();
		other.set('description', rich);
		rich.insertEmbed(0, { big: 'x'.repeat(1000) });
		const bob = rawSocket(`${server.url}/${content}`, cookies.bob);
		await bob.opened;
		bob.socket.send(encodeUpdate(Y.encodeStateAsUpdate(embed)));
		expect(await bob.closed).toBe(closeCodes.malformed);
		const card = new Y.Doc();
		const cardFields = new Y.Map<unknown>();
		card.getMap('cards').set('c9', cardFields);
		cardFields.set('text', new Y.Text('y'.repeat(maxCardLength + 1)));
		const carol = rawSocket(`${server.url}/${content}`, cookies.alice);
		await carol.opened;
		carol.socket.send(encodeUpdate(Y.encodeStateAsUpdate(card)));
		expect(await carol.closed).toBe(closeCodes.malformed);
		expect(room.doc.getMap('measures').has('m3')).toBe(false);
		expect(room.doc.getMap('cards').has('c9')).toBe(false);
	});

	test('the vision text and measure fields keep their limits on the server too', async () => {
		const watcher = client(cookies.staff);
		await watcher.synced();
		const room = server.sync.rooms.get(content)!;
		const field = visionField('fantasie');
		const author = new Y.Doc();
		const paragraph = new Y.XmlElement('paragraph');
		const text = new Y.XmlText();
		author.getXmlFragment(field).insert(0, [paragraph]);
		paragraph.insert(0, [text]);
		text.insert(0, 'a'.repeat(maxVisionTextLength - 10));
		const socket = rawSocket(`${server.url}/${content}`, cookies.alice);
		await socket.opened;
		socket.socket.send(encodeUpdate(Y.encodeStateAsUpdate(author)));
		expect(await handledBy(room, socket)).toBe('handled');
		const before = Y.encodeStateVector(author);
		text.insert(0, 'b'.repeat(11));
		socket.socket.send(encodeUpdate(Y.encodeStateAsUpdate(author, before)));
		expect(await socket.closed).toBe(closeCodes.malformed);
		expect(room.doc.getXmlFragment(field).toString()).not.toContain('b');

		const measure = new Y.Doc();
		const fields = new Y.Map<unknown>();
		measure.getMap('measures').set('m1', fields);
		fields.set('title', 'x'.repeat(measureTextLimits.title + 1));
		const bob = rawSocket(`${server.url}/${content}`, cookies.bob);
		await bob.opened;
		bob.socket.send(encodeUpdate(Y.encodeStateAsUpdate(measure)));
		expect(await bob.closed).toBe(closeCodes.malformed);
		expect(room.doc.getMap('measures').has('m1')).toBe(false);
	});

	test('a facilitator’s client cannot write vote results; the server’s own writes go through', async () => {
		const watcher = client(cookies.staff, control);
		await watcher.synced();
		const room = server.sync.rooms.get(control)!;
		const socket = rawSocket(`${server.url}/${control}`, cookies.staff);
		await socket.opened;
		const lock = new Y.Doc();
		setLocked(lock, true);
		socket.socket.send(encodeUpdate(Y.encodeStateAsUpdate(lock)));
		expect(await handledBy(room, socket)).toBe('handled');
		expect(room.doc.getMap('control').get('locked')).toBe(true);

		const forged = new Y.Doc();
		setVoteResults(forged, 'kritik', {
			roundId: 'r1',
			results: [{ itemId: 'karte', dots: 99, voters: 1, rank: 1 }]
		});
		socket.socket.send(encodeUpdate(Y.encodeStateAsUpdate(forged)));
		expect(await socket.closed).toBe(closeCodes.malformed);
		expect(room.doc.getMap('voteResults').size).toBe(0);

		await room.change((doc) => setVoteResults(doc, 'kritik', { roundId: 'r1', results: [] }));
		await eventually(() => expect(watcher.doc.getMap('voteResults').has('kritik')).toBe(true));
	});

	test('a facilitator who reconnects after the server rewrote its own fields is not shut out', async () => {
		const facilitator = client(cookies.staff, control);
		await facilitator.synced();
		const room = server.sync.rooms.get(control)!;
		// Overwriting deletes the server's first entry; the facilitator's client now holds that
		// deletion, and its sync step 2 on reconnecting repeats it.
		for (const roundId of ['r1', 'r2'])
			await room.change((doc) => setVoteResults(doc, 'kritik', { roundId, results: [] }));
		await eventually(() =>
			expect(facilitator.doc.getMap('voteResults').get('kritik')).toMatchObject({ roundId: 'r2' })
		);
		facilitator.provider.disconnect();
		facilitator.provider.connect();
		await facilitator.synced();
		// Barrier: the connection's messages are handled in order, so this write lands after step 2.
		setLocked(facilitator.doc, true);
		await eventually(() => expect(room.doc.getMap('control').get('locked')).toBe(true));
		expect(facilitator.closes).toEqual([]);
	});

	test('a page of another origin cannot open a socket with a visitor’s cookie', async () => {
		const host = new URL(server.url).host;
		const open = (origin: string) => {
			const socket = new WebSocket(`${server.url}/${content}`, {
				headers: { cookie: cookies.staff },
				origin
			});
			return new Promise<number | 'admitted'>((resolve) => {
				socket.once('message', () => {
					resolve('admitted');
					socket.close();
				});
				socket.once('close', (code) => resolve(code));
			});
		};
		for (const origin of [
			'http://evil.example',
			`http://sub.${host}`,
			'null',
			'http://localhost:1'
		])
			expect(await open(origin), origin).toBe(closeCodes.forbidden);
		expect(await open(`http://${host}`)).toBe('admitted');
	});
});
