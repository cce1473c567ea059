import { createHmac } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { readControl, setLocked, setSettings } from '../../src/lib/collab/control';
import { closeCodes, documentName, privateDocumentName } from '../../src/lib/collab/documents';
import { addDraft, listDrafts } from '../../src/lib/collab/drafts';
import { cardsOf, readCards } from '../../src/lib/collab/wall';
import { hashCardKey, newCardKey } from '../../src/lib/collab/card-keys';
import { changeOwnCard, type OwnCardChange } from '../../src/lib/server/own-cards';
import { dataCommentCreator, readDataComments } from '../../src/lib/collab/data-board';
import { changeOwnDataComment } from '../../src/lib/server/own-data-comments';
import { maxCardLength } from '../../src/lib/domain/cards';
import { sessionCookieName } from '../../src/lib/server/auth/session';
import type { Workshop } from '../../src/lib/server/workshops';
import { DocPersistence } from '../../server/sync/persistence';
import {
	createStaff,
	createTestWorkshop,
	joinAsGuest,
	staffSessionToken
} from '../helpers/fixtures';
import { describeEachStore, openSqliteStore, type TestStore } from '../helpers/stores';
import { connectClient, eventually, startSyncServer } from '../helpers/sync';

/**
 * Anonymous cards against someone who reads the database file and every live document: after
 * publishing, nothing stored and nothing sent ties a card to the participant who wrote it.
 */
function anonymousWorkshop(open: () => Promise<TestStore>, anonymousDelayMs: [number, number]) {
	const ctx = {} as {
		store: TestStore;
		server: Awaited<ReturnType<typeof startSyncServer>>;
		workshop: Workshop;
		facilitator: string;
		alice: { cookie: string; participantId: string };
		bob: { cookie: string; participantId: string };
	};
	const clients: { destroy(): void }[] = [];

	beforeEach(async () => {
		ctx.store = await open();
		const staff = await createStaff(ctx.store.db, 'facilitator');
		ctx.workshop = await createTestWorkshop(ctx.store.db, staff);
		ctx.facilitator = `${sessionCookieName('staff')}=${await staffSessionToken(ctx.store.db, staff)}`;
		const guest = async (name: string) => {
			const joined = await joinAsGuest(ctx.store.db, ctx.workshop, staff, { name });
			return {
				cookie: `${sessionCookieName('guest')}=${joined.sessionToken}`,
				participantId: joined.participantId
			};
		};
		ctx.alice = await guest('Alice');
		ctx.bob = await guest('Bob');
		ctx.server = await startSyncServer(ctx.store.db, { anonymousDelayMs });
	});

	afterEach(async () => {
		for (const c of clients.splice(0)) c.destroy();
		await ctx.server.stop();
		await ctx.store.dispose();
	});

	const names = {
		control: () => documentName(ctx.workshop.id, 'control'),
		content: () => documentName(ctx.workshop.id, 'content'),
		drafts: (who: { participantId: string }) =>
			privateDocumentName(ctx.workshop.id, who.participantId)
	};

	function client(name: string, cookie: string) {
		const c = connectClient(ctx.server.url, name, cookie, { ack: true });
		clients.push(c);
		return c;
	}

	/** The facilitator switches anonymous mode on; resolves once the server has it. */
	async function goAnonymous() {
		const host = client(names.control(), ctx.facilitator);
		await host.synced();
		setSettings(host.doc, { anonymous: true, privateWriting: false });
		await eventually(() => expect(readControl(host.doc).settings.anonymous).toBe(true));
		await eventually(async () => {
			const stored = await storedDoc(names.control());
			expect(readControl(stored).settings.anonymous).toBe(true);
		});
		return host;
	}

	/** What the store holds of one document, as a process starting now would load it. */
	async function storedRows(name: string): Promise<Uint8Array[]> {
		const rows = await ctx.store.db.all<{ data: Uint8Array }>(
			`SELECT data FROM doc_snapshots WHERE doc = ?
			 UNION ALL SELECT data FROM doc_updates WHERE doc = ?`,
			[name, name]
		);
		return rows.map((row) => new Uint8Array(row.data));
	}

	async function storedDoc(name: string): Promise<Y.Doc> {
		const doc = new Y.Doc();
		for (const data of await storedRows(name)) Y.applyUpdate(doc, data);
		return doc;
	}

	return { ctx, names, client, goAnonymous, storedRows };
}

/** Every string a stored document still carries: map keys (also of deleted entries) and values. */
function storedStrings(updates: Uint8Array[]): Set<string> {
	const strings = new Set<string>();
	for (const update of updates) {
		for (const struct of Y.decodeUpdate(update).structs) {
			if (!(struct instanceof Y.Item)) continue;
			if (typeof struct.parentSub === 'string') strings.add(struct.parentSub);
			if (typeof struct.parent === 'string') strings.add(struct.parent);
			const content = struct.content;
			if (content instanceof Y.ContentString) strings.add(content.str);
			if (content instanceof Y.ContentAny)
				for (const value of content.arr) if (typeof value === 'string') strings.add(value);
		}
	}
	return strings;
}

/** The attack: key every stored string with every stored secret, as card ids used to be made. */
function recomputable(secrets: string[], docNames: string[], strings: Set<string>): Set<string> {
	const ids = new Set<string>();
	const hmac = (secret: string, value: string) =>
		createHmac('sha256', secret).update(value).digest('hex').slice(0, 16);
	for (const secret of secrets)
		for (const value of strings) {
			ids.add(hmac(secret, value));
			ids.add(hmac(secret, `card:${value}`));
			for (const name of docNames) ids.add(hmac(secret, `card:${name}/${value}`));
		}
	return ids;
}

describeEachStore('anonymous drafts in the store', (open) => {
	const { ctx, names, client, goAnonymous, storedRows } = anonymousWorkshop(open, [50, 100]);

	test('after publishing, no draft text or draft id is stored with its author, and no card id can be recomputed', async () => {
		await goAnonymous();
		const a = client(names.drafts(ctx.alice), ctx.alice.cookie);
		const b = client(names.drafts(ctx.bob), ctx.bob.cookie);
		const watcher = client(names.content(), ctx.facilitator);
		await Promise.all([a, b, watcher].map((c) => c.synced()));
		const texts = ['Alice sagt qx1', 'Alice sagt qx2', 'Bob sagt qx3'];
		const draftIds = [
			addDraft(a.doc, { text: texts[0], x: 0, y: 0, colour: 'pink', board: 'kritik' }),
			addDraft(a.doc, { text: texts[1], x: 0, y: 0, colour: 'pink', board: 'kritik' }),
			addDraft(b.doc, { text: texts[2], x: 0, y: 0, colour: 'green', board: 'kritik' })
		];
		await eventually(() =>
			expect(
				readCards(watcher.doc)
					.map((c) => c.text)
					.sort()
			).toEqual(texts)
		);
		const cardIds = readCards(watcher.doc).map((c) => c.id);
		const privateNames = [names.drafts(ctx.alice), names.drafts(ctx.bob)];

		await eventually(async () => {
			for (const name of privateNames) {
				const bytes = Buffer.concat(await storedRows(name)).toString('latin1');
				for (const secret of [...texts, ...draftIds]) expect(bytes).not.toContain(secret);
			}
		});
		const secrets = (
			await ctx.store.db.all<{ value: string }>('SELECT value FROM server_secrets')
		).map((row) => row.value);
		const strings = new Set<string>();
		for (const name of privateNames)
			for (const value of storedStrings(await storedRows(name))) strings.add(value);
		const guessed = recomputable(secrets, privateNames, strings);
		expect(cardIds.filter((id) => guessed.has(id))).toEqual([]);

		if (ctx.store.db.kind === 'postgres') {
			// Deleted rows stay in the table file until VACUUM prunes them (see server/sync/README.md).
			await eventually(async () => {
				const row = await ctx.store.db.get<{ last_vacuum: unknown }>(
					`SELECT last_vacuum FROM pg_stat_user_tables
					 WHERE relname = 'doc_updates' AND schemaname = current_schema()`
				);
				expect(row?.last_vacuum).toBeTruthy();
			});
		}
	});

	test('the stored times do not tell whose drafts went up in a batch', async () => {
		await goAnonymous();
		const a = client(names.drafts(ctx.alice), ctx.alice.cookie);
		const b = client(names.drafts(ctx.bob), ctx.bob.cookie);
		const watcher = client(names.content(), ctx.facilitator);
		await Promise.all([a, b, watcher].map((c) => c.synced()));
		addDraft(a.doc, { text: 'erste Runde A', x: 0, y: 0, colour: 'pink', board: 'kritik' });
		addDraft(b.doc, { text: 'erste Runde B', x: 0, y: 0, colour: 'pink', board: 'kritik' });
		await eventually(() => expect(readCards(watcher.doc)).toHaveLength(2));
		// Only Alice writes in the second batch.
		addDraft(a.doc, { text: 'zweite Runde A', x: 0, y: 0, colour: 'pink', board: 'kritik' });
		await eventually(() => expect(readCards(watcher.doc)).toHaveLength(3));

		const times = async () => {
			const rows = await ctx.store.db.all<{ doc: string; updated_at: number }>(
				'SELECT doc, updated_at FROM doc_snapshots WHERE doc IN (?, ?)',
				[names.drafts(ctx.alice), names.drafts(ctx.bob)]
			);
			const logged = await ctx.store.db.get<{ n: number }>(
				'SELECT COUNT(*) AS n FROM doc_updates WHERE doc IN (?, ?)',
				[names.drafts(ctx.alice), names.drafts(ctx.bob)]
			);
			return {
				snapshots: rows.length,
				at: new Set(rows.map((r) => Number(r.updated_at))).size,
				logged: Number(logged?.n)
			};
		};
		await eventually(async () => expect(await times()).toEqual({ snapshots: 2, at: 1, logged: 0 }));
	});

	test('a draft longer than a card may be is refused by the server, as on the wall', async () => {
		const a = client(names.drafts(ctx.alice), ctx.alice.cookie);
		await a.synced();
		addDraft(a.doc, { text: 'a'.repeat(maxCardLength + 1), x: 0, y: 0, colour: 'pink' });
		await eventually(() => expect(a.closes).toContain(closeCodes.malformed));
		const room = ctx.server.sync.rooms.get(names.drafts(ctx.alice));
		expect(room && listDrafts(room.doc)).toEqual([]);
	});
});

describeEachStore('anonymous authors fix their own cards through the server', (open) => {
	const { ctx, names, client, goAnonymous, storedRows } = anonymousWorkshop(open, [20, 40]);

	/** Alice writes a keyed draft; resolves with her key and the published card. */
	async function publishedWithKey() {
		await goAnonymous();
		const a = client(names.drafts(ctx.alice), ctx.alice.cookie);
		const watcher = client(names.content(), ctx.facilitator);
		await Promise.all([a.synced(), watcher.synced()]);
		const key = newCardKey();
		const keyHash = hashCardKey(key);
		addDraft(a.doc, {
			text: 'Zu wenig Bänke',
			x: 0,
			y: 0,
			colour: 'pink',
			board: 'kritik',
			keyHash
		});
		await eventually(() => expect(readCards(watcher.doc)).toHaveLength(1));
		const card = readCards(watcher.doc)[0];
		return { key, keyHash, card, watcher };
	}

	test('the key lets its holder edit, bin and restore the card; the card keeps only the hash', async () => {
		const { key, keyHash, card, watcher } = await publishedWithKey();
		expect(card.keyHash).toBe(keyHash);
		const change = (kind: OwnCardChange) =>
			changeOwnCard(ctx.server.services, ctx.workshop.id, {
				cardId: card.id,
				key,
				change: kind,
				facilitator: false
			});
		expect(
			await change({ kind: 'edit', text: '  Zu wenig Bänke am Markt ', colour: 'green' })
		).toEqual({ ok: true });
		await eventually(() =>
			expect(readCards(watcher.doc)[0]).toMatchObject({
				text: 'Zu wenig Bänke am Markt',
				colour: 'green'
			})
		);
		expect(await change({ kind: 'bin' })).toEqual({ ok: true });
		await eventually(() => expect(readCards(watcher.doc)).toHaveLength(0));
		expect(await change({ kind: 'restore' })).toEqual({ ok: true });
		await eventually(() => expect(readCards(watcher.doc)).toHaveLength(1));
		// Alice's private document keeps no trace of the hash once the card is up.
		await eventually(async () => {
			const drafts = Buffer.concat(await storedRows(names.drafts(ctx.alice))).toString('latin1');
			expect(drafts).not.toContain(keyHash);
		});
		// Neither the key nor anything naming Alice is stored with the card.
		const stored = Buffer.concat(await storedRows(names.content())).toString('latin1');
		expect(stored).not.toContain(key);
		expect(stored).not.toContain(ctx.alice.participantId);
	});

	test('a wrong key, another card, an empty text or a locked board change nothing', async () => {
		const { key, card, watcher } = await publishedWithKey();
		const attempt = (cardId: string, withKey: string, change: OwnCardChange) =>
			changeOwnCard(ctx.server.services, ctx.workshop.id, {
				cardId,
				key: withKey,
				change,
				facilitator: false
			});
		const edit: OwnCardChange = { kind: 'edit', text: 'gefälscht', colour: 'pink' };
		expect(await attempt(card.id, newCardKey(), edit)).toEqual({
			ok: false,
			error: 'ownCard.notYours'
		});
		expect(await attempt(card.id, 'kurz', edit)).toEqual({ ok: false, error: 'ownCard.notYours' });
		expect(await attempt(card.id, card.keyHash!, edit)).toEqual({
			ok: false,
			error: 'ownCard.notYours'
		});
		expect(await attempt('no-such-card', key, edit)).toEqual({ ok: false, error: 'ownCard.gone' });
		expect(await attempt(card.id, key, { kind: 'edit', text: '   ', colour: 'pink' })).toEqual({
			ok: false,
			error: 'wall.cardEmpty'
		});
		const host = client(names.control(), ctx.facilitator);
		await host.synced();
		setLocked(host.doc, true);
		await eventually(async () =>
			expect(
				await ctx.server.services.documents.read(names.control(), (doc) => readControl(doc).locked)
			).toBe(true)
		);
		expect(await attempt(card.id, key, edit)).toEqual({ ok: false, error: 'wall.lockedNote' });
		expect(readCards(watcher.doc)[0].text).toBe('Zu wenig Bänke');
	});

	test('a participant cannot plant a key hash on a published card through the socket', async () => {
		const { card } = await publishedWithKey();
		const bob = client(names.content(), ctx.bob.cookie);
		await bob.synced();
		const forged = hashCardKey(newCardKey());
		bob.doc.transact(() => cardsOf(bob.doc).get(card.id)?.set('keyHash', forged));
		await eventually(() => expect(bob.closes).toContain(closeCodes.forbidden));
		const fresh = client(names.content(), ctx.facilitator);
		await fresh.synced();
		expect(readCards(fresh.doc)[0].keyHash).toBe(card.keyHash);
	});
});

describeEachStore('anonymous comments on the Datenlage board (issue 13)', (open) => {
	const { ctx, names, client, goAnonymous, storedRows } = anonymousWorkshop(open, [20, 40]);
	const comment = { board: 'daten', district: 'lor:01100101', indicator: 'arbeitslos' };

	test('the server writes the comment: the store ties it to no participant, the key holder still edits and deletes it', async () => {
		await goAnonymous();
		const watcher = client(names.content(), ctx.facilitator);
		await watcher.synced();
		const key = newCardKey();
		const change = (body: Parameters<typeof changeOwnDataComment>[2]['change'], withKey = key) =>
			changeOwnDataComment(ctx.server.services, ctx.workshop.id, {
				key: withKey,
				change: body,
				facilitator: false
			});
		const added = await change({ kind: 'add', ...comment, text: ' Stimmt so nicht, weil … ' });
		if (!added.ok) throw new Error(added.error);
		await eventually(() =>
			expect(readDataComments(watcher.doc)).toMatchObject([
				{ id: added.id, text: 'Stimmt so nicht, weil …', keyHash: hashCardKey(key) }
			])
		);
		// Whose client wrote it: nobody's (the server's own id has no owner row).
		const creator = dataCommentCreator(watcher.doc, added.id)!;
		const owners = await ctx.store.db.all<{ owner: string }>(
			'SELECT owner FROM doc_clients WHERE doc = ? AND client_id = ?',
			[names.content(), creator]
		);
		expect(owners).toEqual([]);
		const stored = Buffer.concat(await storedRows(names.content())).toString('latin1');
		expect(stored).not.toContain(key);
		expect(stored).not.toContain(ctx.alice.participantId);

		expect(
			await change({ kind: 'edit', id: added.id, text: 'Zahl ist alt' }, newCardKey())
		).toEqual({ ok: false, error: 'data.commentNotYours' });
		expect(await change({ kind: 'edit', id: added.id, text: '   ' })).toEqual({
			ok: false,
			error: 'data.commentEmpty'
		});
		expect(await change({ kind: 'edit', id: added.id, text: 'Zahl ist alt' })).toMatchObject({
			ok: true
		});
		await eventually(() => expect(readDataComments(watcher.doc)[0].text).toBe('Zahl ist alt'));
		expect(await change({ kind: 'delete', id: added.id }, newCardKey())).toEqual({
			ok: false,
			error: 'data.commentNotYours'
		});
		expect(await change({ kind: 'delete', id: added.id })).toMatchObject({ ok: true });
		await eventually(() => expect(readDataComments(watcher.doc)).toEqual([]));
	});

	test('a participant cannot plant a key hash on a comment through the socket', async () => {
		await goAnonymous();
		const bob = client(names.content(), ctx.bob.cookie);
		await bob.synced();
		const added = await changeOwnDataComment(ctx.server.services, ctx.workshop.id, {
			key: newCardKey(),
			change: { kind: 'add', ...comment, text: 'Echt' },
			facilitator: false
		});
		if (!added.ok) throw new Error(added.error);
		await eventually(() => expect(readDataComments(bob.doc)).toHaveLength(1));
		bob.doc.transact(() => {
			const forged = bob.doc.getMap('dataComments').get(added.id) as Y.Map<unknown>;
			forged.set('keyHash', hashCardKey(newCardKey()));
		});
		await eventually(() => expect(bob.closes).toContain(closeCodes.forbidden));
	});
});

describeEachStore('the count of waiting drafts', (open) => {
	// Counting waits a third of this (200–300 ms): long enough for two drafts written together.
	const { ctx, names, client } = anonymousWorkshop(open, [600, 900]);

	test('a live reader of the control document sees one total, never a per-person count', async () => {
		const observer = client(names.control(), ctx.bob.cookie);
		await observer.synced();
		const totals: number[] = [];
		observer.doc.on('update', () => {
			const waiting = readControl(observer.doc).draftsWaiting;
			if (waiting !== (totals.at(-1) ?? 0)) totals.push(waiting);
		});
		const a = client(names.drafts(ctx.alice), ctx.alice.cookie);
		const b = client(names.drafts(ctx.bob), ctx.bob.cookie);
		await Promise.all([a.synced(), b.synced()]);
		// Written in the same moment by two people: the count moves once, for both together.
		addDraft(a.doc, { text: 'von A', x: 0, y: 0, colour: 'pink', board: 'kritik' });
		addDraft(b.doc, { text: 'von B', x: 0, y: 0, colour: 'pink', board: 'kritik' });
		await eventually(() => expect(readControl(observer.doc).draftsWaiting).toBe(2));
		expect(totals).toEqual([2]);

		// Every key the control document ever held for draft counts, deleted ones included.
		const keys = new Set<string>();
		const counts = observer.doc.getMap('draftCounts');
		observer.doc.store.clients.forEach((structs) => {
			for (const struct of structs)
				if (struct instanceof Y.Item && struct.parent === counts && struct.parentSub)
					keys.add(struct.parentSub);
		});
		expect([...keys]).toEqual(['total']);
	});

	test('per-person counts an older version left in the control document go with the next count', async () => {
		// As the previous version stored it: one count per participant, under a stable key.
		const legacy = new Y.Doc();
		legacy.getMap('draftCounts').set('4f1d0c2a9e7b6a51', 2);
		legacy.getMap('draftCounts').set('b3c8e1f0a2d49c77', 1);
		await new DocPersistence(ctx.store.db).append([
			{ doc: names.control(), update: Y.encodeStateAsUpdate(legacy) }
		]);
		const observer = client(names.control(), ctx.bob.cookie);
		const a = client(names.drafts(ctx.alice), ctx.alice.cookie);
		await Promise.all([observer.synced(), a.synced()]);
		addDraft(a.doc, { text: 'neu', x: 0, y: 0, colour: 'pink', board: 'kritik' });
		await eventually(() => {
			expect(readControl(observer.doc).draftsWaiting).toBe(1);
			expect([...observer.doc.getMap('draftCounts').keys()]).toEqual(['total']);
		});
	});
});

describe('the SQLite file and its write-ahead log after publishing', () => {
	const { ctx, names, client, goAnonymous, storedRows } = anonymousWorkshop(
		() => openSqliteStore(),
		[50, 100]
	);

	/** The database file and its WAL, byte for byte, as someone copying them would have them. */
	function rawBytes(): Buffer {
		const path = ctx.store.db.path!;
		return Buffer.concat(
			[path, `${path}-wal`].filter((file) => existsSync(file)).map((file) => readFileSync(file))
		);
	}

	/**
	 * Text stored with a participant: anything between an occurrence of their id (the private
	 * document's name, its client rows) and the next document name of the workshop. A row keeps
	 * its document's name right before its data, so this is the participant's own rows.
	 */
	function besideParticipant(bytes: Buffer, participantId: string, workshopId: string): string[] {
		const spans: string[] = [];
		for (
			let at = bytes.indexOf(participantId);
			at >= 0;
			at = bytes.indexOf(participantId, at + 1)
		) {
			const from = at + participantId.length;
			const ends = [bytes.indexOf(workshopId, from), bytes.indexOf(participantId, from)].filter(
				(end) => end >= 0
			);
			const to = Math.min(from + 8192, ...ends);
			spans.push(bytes.subarray(from, to).toString('utf8'));
		}
		return spans;
	}

	test('holds neither the drafts’ text beside the author nor the drafts’ ids', async () => {
		const host = await goAnonymous();
		// Locked: the drafts wait, so the file can be read while they are stored with their author.
		setLocked(host.doc, true);
		await eventually(async () => {
			const control = new Y.Doc();
			for (const data of await storedRows(names.control())) Y.applyUpdate(control, data);
			expect(readControl(control).locked).toBe(true);
		});
		const a = client(names.drafts(ctx.alice), ctx.alice.cookie);
		const watcher = client(names.content(), ctx.facilitator);
		await Promise.all([a.synced(), watcher.synced()]);
		const texts = ['Geheimer Hinweis zq7', 'Noch ein Hinweis zq8'];
		const draftIds = texts.map((text) =>
			addDraft(a.doc, { text, x: 0, y: 0, colour: 'pink', board: 'kritik' })
		);
		await eventually(() => expect(a.storedClock()).toBe(a.ownClock()));
		// Before publishing the text is stored with its author, as it must be to survive a crash:
		// this is what the reading below would find if erasing failed.
		const before = besideParticipant(rawBytes(), ctx.alice.participantId, ctx.workshop.id);
		expect(before.join()).toContain(texts[0]);

		setLocked(host.doc, false);
		await eventually(() => expect(readCards(watcher.doc)).toHaveLength(2));

		await eventually(() => {
			const bytes = rawBytes();
			const spans = besideParticipant(bytes, ctx.alice.participantId, ctx.workshop.id);
			expect(spans.length).toBeGreaterThan(0);
			for (const text of texts) for (const span of spans) expect(span).not.toContain(text);
			for (const id of draftIds) expect(bytes.includes(id)).toBe(false);
		});
	});
});
