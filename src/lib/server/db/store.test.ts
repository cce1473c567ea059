import { afterEach, beforeEach, expect, test } from 'vitest';
import { describeEachStore, type TestStore } from '../../../../tests/helpers/stores';
import { migrate } from '.';

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
});
