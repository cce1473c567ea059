import { statSync } from 'node:fs';
import { afterEach, expect, test } from 'vitest';
import { SqliteAppender } from '../../server/sync/sqlite-appender';
import { openSqliteStore, type TestStore } from '../helpers/stores';
import { eventually } from '../helpers/sync';

let store: TestStore | undefined;
let appender: SqliteAppender | undefined;

afterEach(async () => {
	await appender?.close();
	await store?.dispose();
});

test('the writer thread copies the log into the file; the event loop never does', async () => {
	store = await openSqliteStore();
	const path = store.db.path!;
	const fileSize = () => statSync(path).size;
	const before = fileSize();
	// 4 MB written on the main connection: more than SQLite's automatic checkpoint (1000 pages)
	// would let pass before copying the log into the file on this thread.
	const chunk = Buffer.alloc(256 * 1024, 7);
	for (let i = 0; i < 16; i++)
		await store.db.run('INSERT INTO doc_updates (doc, data, created_at) VALUES (?, ?, ?)', [
			'checkpoint',
			chunk,
			i
		]);
	expect(fileSize()).toBe(before);

	appender = new SqliteAppender(path);
	await eventually(() => expect(fileSize()).toBeGreaterThan(before + 4 * 1024 * 1024));
});
