import { afterEach, beforeEach, expect, test } from 'vitest';
import { describeEachStore, type TestStore } from '../../../../tests/helpers/stores';
import { migrate, type Db, type Queryable } from '.';

/** A gate a test opens by hand: the barrier between two transactions. */
function gate<T = void>() {
	let open!: (value: T) => void;
	const opened = new Promise<T>((resolve) => (open = resolve));
	return { open, opened };
}

/** The PostgreSQL backend running this transaction; SQLite has only one, so null. */
async function backendOf(db: Db, tx: Queryable): Promise<number | null> {
	if (db.kind !== 'postgres') return null;
	return (await tx.get<{ pid: number }>('SELECT pg_backend_pid() AS pid'))!.pid;
}

/**
 * Resolves once another connection waits for a lock that `holder` holds (PostgreSQL). SQLite runs
 * one transaction at a time, so there a second transaction is waiting as soon as it is started.
 */
async function someoneWaitsFor(db: Db, holder: number | null): Promise<void> {
	if (holder === null) return;
	for (let tries = 0; tries < 500; tries++) {
		const row = await db.get<{ n: number }>(
			'SELECT COUNT(*) AS n FROM pg_stat_activity WHERE ?::int = ANY(pg_blocking_pids(pid))',
			[holder]
		);
		if (Number(row?.n) > 0) return;
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
	throw new Error(`nobody waited for backend ${holder}`);
}

describeEachStore('store adapter', (open) => {
	let store: TestStore;
	beforeEach(async () => {
		store = await open();
	});
	afterEach(() => store.dispose());

	test('runs the same placeholder SQL and reads rows back', async () => {
		const { db } = store;
		await db.run(
			'INSERT INTO users (id, email, name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)',
			['u1', 'a@example.org', 'Ayşe Öztürk', 'admin', 'x', 1_700_000_000_123]
		);
		const row = await db.get<{ name: string; created_at: number }>(
			'SELECT name, created_at FROM users WHERE id = ?',
			['u1']
		);
		expect(row).toEqual({ name: 'Ayşe Öztürk', created_at: 1_700_000_000_123 });
		expect(await db.all('SELECT id FROM users WHERE id = ?', ['none'])).toEqual([]);
		expect((await db.run('DELETE FROM users WHERE id = ?', ['u1'])).changes).toBe(1);
	});

	test('stores binary data byte for byte', async () => {
		const bytes = new Uint8Array([0, 1, 2, 255, 254, 0, 128]);
		await store.db.run('INSERT INTO doc_updates (doc, data, created_at) VALUES (?, ?, ?)', [
			'd',
			bytes,
			1
		]);
		const row = await store.db.get<{ data: Uint8Array }>(
			'SELECT data FROM doc_updates WHERE doc = ?',
			['d']
		);
		expect(new Uint8Array(row!.data)).toEqual(bytes);
	});

	test('a failing transaction leaves nothing behind', async () => {
		const { db } = store;
		await expect(
			db.transaction(async (tx) => {
				await tx.run("INSERT INTO doc_snapshots (doc, data, updated_at) VALUES ('a', ?, 1)", [
					new Uint8Array([1])
				]);
				throw new Error('boom');
			})
		).rejects.toThrow('boom');
		expect(await db.get("SELECT doc FROM doc_snapshots WHERE doc = 'a'")).toBeUndefined();
	});

	test('concurrent transactions do not interleave', async () => {
		const { db } = store;
		await Promise.all(
			Array.from({ length: 20 }, (_, i) =>
				db.transaction(async (tx) => {
					await tx.run('INSERT INTO doc_updates (doc, data, created_at) VALUES (?, ?, ?)', [
						'c',
						new Uint8Array([i]),
						i
					]);
					await new Promise((r) => setTimeout(r, 1));
					const n = await tx.get<{ n: number }>(
						"SELECT COUNT(*) AS n FROM doc_updates WHERE doc = 'c'"
					);
					return Number(n?.n);
				})
			)
		);
		const n = await db.get<{ n: number }>("SELECT COUNT(*) AS n FROM doc_updates WHERE doc = 'c'");
		expect(Number(n?.n)).toBe(20);
	});

	test('migrating again changes nothing', async () => {
		const before = await store.db.all('SELECT version FROM schema_migrations ORDER BY version');
		await migrate(store.db);
		await Promise.all([migrate(store.db), migrate(store.db)]);
		expect(await store.db.all('SELECT version FROM schema_migrations ORDER BY version')).toEqual(
			before
		);
	});

	test('a transaction locking a key makes the next one with that key wait until it ends', async () => {
		const { db } = store;
		const order: string[] = [];
		const held = gate<number | null>();
		const release = gate();
		const first = db.transaction(async (tx) => {
			await tx.lockKey('close-workshop:w1');
			held.open(await backendOf(db, tx));
			await release.opened;
			order.push('first ends');
		});
		const holder = await held.opened;
		const second = db.transaction(async (tx) => {
			await tx.lockKey('close-workshop:w1');
			order.push('second has the key');
		});
		await someoneWaitsFor(db, holder);
		release.open();
		await Promise.all([first, second]);
		expect(order).toEqual(['first ends', 'second has the key']);
	});

	test('different keys do not wait for each other', async (context) => {
		const { db } = store;
		// SQLite runs one transaction at a time whatever the keys: nothing to show there.
		if (db.kind !== 'postgres') return context.skip();
		const held = gate();
		const release = gate();
		const first = db.transaction(async (tx) => {
			await tx.lockKey('a');
			held.open();
			await release.opened;
		});
		await held.opened;
		await db.transaction((tx) => tx.lockKey('b'));
		release.open();
		await first;
	});

	test('a row locked for update stays unchanged by others until the transaction ends', async () => {
		const { db } = store;
		await db.run('INSERT INTO doc_snapshots (doc, data, updated_at) VALUES (?, ?, ?)', [
			'r',
			new Uint8Array([1]),
			1
		]);
		const held = gate<number | null>();
		const release = gate();
		const first = db.transaction(async (tx) => {
			const row = await tx.lockRow<{ updated_at: number }>(
				'SELECT updated_at FROM doc_snapshots WHERE doc = ?',
				['r']
			);
			held.open(await backendOf(db, tx));
			await release.opened;
			await tx.run('UPDATE doc_snapshots SET updated_at = ? WHERE doc = ?', [
				Number(row!.updated_at) + 1,
				'r'
			]);
		});
		const holder = await held.opened;
		const second = db.transaction(async (tx) => {
			const row = await tx.lockRow<{ updated_at: number }>(
				'SELECT updated_at FROM doc_snapshots WHERE doc = ?',
				['r']
			);
			await tx.run('UPDATE doc_snapshots SET updated_at = ? WHERE doc = ?', [
				Number(row!.updated_at) + 1,
				'r'
			]);
		});
		await someoneWaitsFor(db, holder);
		release.open();
		await Promise.all([first, second]);
		// Read-then-write in both: without the lock both read 1 and the result would be 2.
		const row = await db.get<{ updated_at: number }>(
			'SELECT updated_at FROM doc_snapshots WHERE doc = ?',
			['r']
		);
		expect(Number(row!.updated_at)).toBe(3);
		expect(
			await db.transaction((tx) =>
				tx.lockRow('SELECT updated_at FROM doc_snapshots WHERE doc = ?', ['none'])
			)
		).toBeUndefined();
	});

	test('a row locked for sharing holds off changes but not other readers', async (context) => {
		const { db } = store;
		if (db.kind !== 'postgres') return context.skip();
		await db.run('INSERT INTO doc_snapshots (doc, data, updated_at) VALUES (?, ?, ?)', [
			's',
			new Uint8Array([1]),
			1
		]);
		const order: string[] = [];
		const held = gate<number | null>();
		const release = gate();
		const first = db.transaction(async (tx) => {
			await tx.lockRow('SELECT updated_at FROM doc_snapshots WHERE doc = ?', ['s'], 'share');
			held.open(await backendOf(db, tx));
			await release.opened;
			order.push('reader ends');
		});
		const holder = await held.opened;
		await db.transaction((tx) =>
			tx.lockRow('SELECT updated_at FROM doc_snapshots WHERE doc = ?', ['s'], 'share')
		);
		const writer = db
			.run('UPDATE doc_snapshots SET updated_at = 2 WHERE doc = ?', ['s'])
			.then(() => order.push('writer done'));
		await someoneWaitsFor(db, holder);
		release.open();
		await Promise.all([first, writer]);
		expect(order).toEqual(['reader ends', 'writer done']);
	});
});
