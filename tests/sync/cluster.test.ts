import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { documentName } from '../../src/lib/collab/documents';
import { addCard, readCards, updateCard } from '../../src/lib/collab/wall';
import { createRedisRelay } from '../../server/sync/relay';
import { createAccessEvents } from '../../src/lib/server/access-events';
import { migrate, openDatabase, type Db } from '../../src/lib/server/db';
import type { User } from '../../src/lib/server/accounts';
import { revokeInvite } from '../../src/lib/server/invites';
import type { Workshop } from '../../src/lib/server/workshops';
import { createStaff, createTestWorkshop, joinAsGuest } from '../helpers/fixtures';
import { spawnSyncProcess, type SyncProcess } from '../helpers/process';
import { createPostgresSchema, postgresUrl, servicesRequired } from '../helpers/stores';
import { connectClient, eventually } from '../helpers/sync';

/**
 * Several sync processes on one PostgreSQL, linked by Redis: clients of one document on different
 * processes see each other, and killing a process loses no acknowledged edit.
 */
const redisUrl = process.env.TEST_REDIS_URL;
const available = Boolean(postgresUrl && redisUrl);
if (!available && servicesRequired) {
	test('PostgreSQL and Redis are available (REQUIRE_SERVICES=1)', () => {
		throw new Error('REQUIRE_SERVICES=1 but TEST_DATABASE_URL or TEST_REDIS_URL is not set');
	});
}

describe.skipIf(!available)('several sync processes (PostgreSQL + Redis)', () => {
	let schema: Awaited<ReturnType<typeof createPostgresSchema>>;
	let db: Db;
	let content: string;
	let facilitator: User;
	let workshop: Workshop;
	let env: Record<string, string>;
	const cookies: string[] = [];
	const processes: SyncProcess[] = [];

	async function spawn(extra: Record<string, string> = {}) {
		const p = await spawnSyncProcess({ ...env, ...extra });
		processes.push(p);
		return p;
	}

	beforeAll(async () => {
		schema = await createPostgresSchema();
		db = openDatabase(schema.url);
		await migrate(db);
		facilitator = await createStaff(db, 'facilitator');
		workshop = await createTestWorkshop(db, facilitator);
		content = documentName(workshop.id, 'content');
		for (let i = 0; i < 4; i++)
			cookies.push(
				`__Host-qw_guest=${(await joinAsGuest(db, workshop, facilitator, { name: `P${i}` })).sessionToken}`
			);
		env = {
			DATABASE_URL: schema.url,
			REDIS_URL: redisUrl!,
			SYNC_REDIS_PREFIX: `qw:test:${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`
		};
	});

	// Every process ends with SIGTERM (a clean shutdown), unless the test killed it already; one
	// that printed an error or exited by itself fails the test.
	afterEach(async () => {
		const results = await Promise.allSettled(processes.splice(0).map((p) => p.kill('SIGTERM')));
		const failed = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
		if (failed.length) throw failed[0];
	});

	afterAll(async () => {
		await db?.close();
		await schema?.drop();
	});

	test('clients on two processes see each other’s edits and presence', async () => {
		// Reconciliation off: whatever arrives here came through the Redis relay.
		const relayOnly = { SYNC_RECONCILE_MS: '600000' };
		const [one, two] = await Promise.all([spawn(relayOnly), spawn(relayOnly)]);
		const a = connectClient(one.url, content, cookies[0]);
		const b = connectClient(two.url, content, cookies[1]);
		try {
			await Promise.all([a.synced(), b.synced()]);
			const id = addCard(a.doc, { text: 'über Prozess eins', x: 0, y: 0, colour: 'yellow' });
			await eventually(() =>
				expect(readCards(b.doc).map((c) => c.text)).toEqual(['über Prozess eins'])
			);
			// Another participant may move the card (its text is its author's).
			updateCard(b.doc, id, { x: 99, y: 12 });
			await eventually(() => expect(readCards(a.doc)[0]).toMatchObject({ x: 99, y: 12 }));
			a.provider.awareness.setLocalStateField('user', { name: 'Anna' });
			await eventually(() =>
				expect([...b.provider.awareness.getStates().values()].map((s) => s.user?.name)).toContain(
					'Anna'
				)
			);
		} finally {
			a.destroy();
			b.destroy();
		}
	});

	test('killing one process loses no acknowledged edit', async () => {
		const [one, two] = await Promise.all([spawn(), spawn()]);
		const writer = connectClient(one.url, content, cookies[2], { ack: true });
		const watcher = connectClient(two.url, content, cookies[3]);
		await Promise.all([writer.synced(), watcher.synced()]);
		const written: { id: string; clock: number }[] = [];
		const storm = setInterval(() => {
			for (let k = 0; k < 5; k++) {
				const id = addCard(writer.doc, { text: 'Sturm', x: k, y: 0, colour: 'green' });
				written.push({ id, clock: writer.ownClock() });
			}
		}, 5);
		const acknowledged = () => written.filter((c) => c.clock <= writer.storedClock());
		// Killed mid-storm, once the process has acknowledged a fair number of cards.
		await eventually(() => expect(acknowledged().length).toBeGreaterThan(20), 10_000);
		await one.kill('SIGKILL');
		clearInterval(storm);
		const acked = acknowledged().map((c) => c.id);
		writer.destroy();
		await eventually(() => {
			const present = new Set(readCards(watcher.doc).map((c) => c.id));
			expect(acked.filter((id) => !present.has(id))).toEqual([]);
		}, 10_000);
		const late = connectClient(two.url, content, cookies[0]);
		await late.synced();
		const present = new Set(readCards(late.doc).map((c) => c.id));
		expect(acked.filter((id) => !present.has(id))).toEqual([]);
		late.destroy();
		watcher.destroy();
	});

	test('an invite revoked through one process closes its guests on the others', async () => {
		const two = await spawn();
		const guest = await joinAsGuest(db, workshop, facilitator, { name: 'Rita' });
		const rita = connectClient(two.url, content, `__Host-qw_guest=${guest.sessionToken}`);
		const relay = await createRedisRelay(redisUrl!, { prefix: env.SYNC_REDIS_PREFIX });
		try {
			await rita.synced();
			const closed = new Promise<void>((resolve) => rita.provider.once('closed', () => resolve()));
			// What the engine beside the app does with its announcements: tell the other processes.
			const access = createAccessEvents();
			access.subscribe((change) => relay.publishAccessChange(change));
			await revokeInvite({ db, access }, workshop.id, guest.inviteId);
			await closed;
			expect(rita.closes).toContain(4401);
		} finally {
			rita.destroy();
			await relay.close();
		}
	});

	test('when Redis drops messages, reconciliation with the database still converges', async () => {
		// Different prefixes: the two processes never hear each other through Redis.
		const one = await spawn({ SYNC_REDIS_PREFIX: `${env.SYNC_REDIS_PREFIX}:a` });
		const two = await spawn({ SYNC_REDIS_PREFIX: `${env.SYNC_REDIS_PREFIX}:b` });
		const a = connectClient(one.url, content, cookies[0]);
		const b = connectClient(two.url, content, cookies[1]);
		try {
			await Promise.all([a.synced(), b.synced()]);
			addCard(a.doc, { text: 'nur über die Datenbank', x: 0, y: 0, colour: 'blue' });
			await eventually(
				() => expect(readCards(b.doc).map((c) => c.text)).toContain('nur über die Datenbank'),
				10_000
			);
		} finally {
			a.destroy();
			b.destroy();
		}
	});
});
