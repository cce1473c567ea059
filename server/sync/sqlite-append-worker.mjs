// Writer thread for the sync engine on SQLite: appends batches of updates (and client-id claims)
// in one transaction each.
// With synchronous=FULL every commit waits for the disk (fsync); on this thread that wait no longer
// stalls the event loop that serves the connections. Plain JS: it runs as-is under tsx, Vite and
// Vitest alike.
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';

const db = new Database(workerData.path);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma('busy_timeout = 5000');
// As on the main connection (src/lib/server/db/adapter.ts): nothing deleted stays readable in the
// file, and the log is cut back to nothing whenever a checkpoint resets it.
db.pragma('secure_delete = ON');
db.pragma('journal_size_limit = 0');
const insert = db.prepare(
	'INSERT INTO doc_updates (doc, data, created_at) VALUES (?, ?, ?) RETURNING id'
);
// Client-id claims (server/sync/persistence.ts) share the batch: the first owner stays.
const claim = db.prepare(
	'INSERT INTO doc_clients (doc, client_id, owner) VALUES (?, ?, ?) ON CONFLICT (doc, client_id) DO NOTHING'
);
const ownerOf = db.prepare('SELECT owner FROM doc_clients WHERE doc = ? AND client_id = ?');
const appendAll = db.transaction((rows, now) =>
	rows.map((row) => {
		if (!row.claim) return insert.get(row.doc, row.update, now).id;
		claim.run(row.doc, row.claim.client, row.claim.owner);
		return ownerOf.get(row.doc, row.claim.client).owner;
	})
);

// The main connection leaves checkpoints to this thread (src/lib/server/db/adapter.ts): its own
// commits checkpoint as usual, and a quiet second does too, so a big import's log is copied into
// the file here instead of on the event loop. PASSIVE never waits for readers or writers.
setInterval(() => {
	try {
		db.pragma('wal_checkpoint(PASSIVE)');
	} catch {
		// Busy or locked for a moment: the next second tries again.
	}
}, 1000).unref();

parentPort.on('message', ({ id, rows, now }) => {
	try {
		parentPort.postMessage({ id, ids: appendAll(rows, now) });
	} catch (error) {
		parentPort.postMessage({ id, error: String(error?.message ?? error) });
	}
});
