import Database from 'better-sqlite3';
import postgres from 'postgres';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * One tiny adapter so that SQLite and PostgreSQL run the same SQL text.
 * Queries use `?` placeholders (rewritten to `$n` for PostgreSQL); never put a literal `?` in SQL.
 * Booleans are stored as 0/1 and timestamps as BIGINT milliseconds so both stores read alike.
 */
export type SqlValue = string | number | bigint | null | Uint8Array;

export interface Queryable {
	all<T>(sql: string, params?: SqlValue[]): Promise<T[]>;
	get<T>(sql: string, params?: SqlValue[]): Promise<T | undefined>;
	run(sql: string, params?: SqlValue[]): Promise<{ changes: number }>;
}

/**
 * A transaction, with the locks that make concurrent writers take turns. Callers say what they
 * need held; each store decides how. PostgreSQL (read committed, many connections) takes real
 * locks until the transaction ends. SQLite needs none: BEGIN IMMEDIATE and the adapter's queue
 * already run one transaction at a time, and it has no `FOR UPDATE`.
 */
export interface Tx extends Queryable {
	/**
	 * Other transactions locking the same key wait until this one ends: for work that reads, then
	 * writes rows that may not exist yet (a row lock cannot hold those). PostgreSQL:
	 * `pg_advisory_xact_lock(hashtext(key))`.
	 */
	lockKey(key: string): Promise<void>;
	/**
	 * `get`, with the row kept until the transaction ends: `update` against every other lock and
	 * change of it, `share` only against changes (readers do not wait for each other). PostgreSQL:
	 * `FOR UPDATE` / `FOR SHARE` appended to `sql`, which must be one plain SELECT.
	 */
	lockRow<T>(sql: string, params?: SqlValue[], mode?: RowLock): Promise<T | undefined>;
}

export type RowLock = 'update' | 'share';

export interface Db extends Queryable {
	readonly kind: 'sqlite' | 'postgres';
	/** The SQLite file (for a second connection, e.g. the sync engine's writer thread). */
	readonly path?: string;
	/** Runs `fn` in one transaction; a thrown error rolls everything back. */
	transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
	close(): Promise<void>;
}

export function isPostgresUrl(url: string): boolean {
	return /^postgres(ql)?:\/\//.test(url);
}

/** `DATABASE_URL` may be a PostgreSQL URL, a `file:` URL or a plain path; empty means ./data. */
export function openDatabase(url: string | undefined): Db {
	if (url && isPostgresUrl(url)) return new PostgresDb(url);
	return new SqliteDb(sqlitePath(url));
}

export function sqlitePath(url: string | undefined): string {
	if (!url) return resolve('data', 'quartierswerkstatt.sqlite');
	if (url === ':memory:') return url;
	if (url.startsWith('file:')) return fileURLToPath(new URL(url, `file://${process.cwd()}/`));
	return resolve(url);
}

class SqliteDb implements Db {
	readonly kind = 'sqlite';
	readonly #db: Database.Database;
	/** Preparing is the costly part of a small query; statements are kept and reused. */
	readonly #statements = new Map<string, Database.Statement>();
	/** Serialises transactions: better-sqlite3 has one connection, and async callbacks interleave. */
	#queue: Promise<unknown> = Promise.resolve();
	#inTransaction = false;

	constructor(readonly path: string) {
		if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
		this.#db = new Database(path);
		this.#db.pragma('journal_mode = WAL');
		// FULL: a committed update survives a power cut, which the sync engine promises.
		this.#db.pragma('synchronous = FULL');
		this.#db.pragma('foreign_keys = ON');
		this.#db.pragma('busy_timeout = 5000');
		// Deleted rows are overwritten with zeros, and a checkpointed log shrinks to nothing, so a
		// copy of the file holds no trace of them: compaction deletes anonymous drafts' text once
		// they are published (server/sync/erase.ts). The sync writer thread sets the same.
		this.#db.pragma('secure_delete = ON');
		this.#db.pragma('journal_size_limit = 0');
		// Checkpoints (copying the log into the file) run on the sync writer thread, not here: after
		// a 50 MB import the copy held the event loop for 300 ms. Closing the store checkpoints too.
		this.#db.pragma('wal_autocheckpoint = 0');
	}

	#prepare(sql: string): Database.Statement {
		let statement = this.#statements.get(sql);
		if (!statement) {
			statement = this.#db.prepare(sql);
			// Statements built with a variable number of placeholders are not worth keeping for ever.
			if (this.#statements.size < 500) this.#statements.set(sql, statement);
		}
		return statement;
	}

	#exec: Queryable = {
		all: async <T>(sql: string, params: SqlValue[] = []) =>
			this.#prepare(sql).all(...params) as T[],
		get: async <T>(sql: string, params: SqlValue[] = []) =>
			this.#prepare(sql).get(...params) as T | undefined,
		run: async (sql: string, params: SqlValue[] = []) => ({
			changes: this.#prepare(sql).run(...params).changes
		})
	};

	/** Transactions already run one at a time (see `Tx`): nothing more to lock. */
	#tx: Tx = {
		...this.#exec,
		lockKey: async () => undefined,
		lockRow: (sql, params) => this.#exec.get(sql, params)
	};

	async #outsideTransaction(): Promise<void> {
		while (this.#inTransaction) await this.#queue.catch(() => undefined);
	}

	async all<T>(sql: string, params?: SqlValue[]) {
		await this.#outsideTransaction();
		return this.#exec.all<T>(sql, params);
	}
	async get<T>(sql: string, params?: SqlValue[]) {
		await this.#outsideTransaction();
		return this.#exec.get<T>(sql, params);
	}
	async run(sql: string, params?: SqlValue[]) {
		await this.#outsideTransaction();
		return this.#exec.run(sql, params);
	}

	transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
		const work = async () => {
			this.#inTransaction = true;
			this.#db.exec('BEGIN IMMEDIATE');
			try {
				const result = await fn(this.#tx);
				this.#db.exec('COMMIT');
				return result;
			} catch (error) {
				this.#db.exec('ROLLBACK');
				throw error;
			} finally {
				this.#inTransaction = false;
			}
		};
		const result = this.#queue.then(work, work);
		this.#queue = result.catch(() => undefined);
		return result;
	}

	async close() {
		await this.#queue;
		this.#db.close();
	}
}

type Sql = postgres.Sql<Record<string, never>>;

function placeholders(sql: string): string {
	let n = 0;
	return sql.replace(/\?/g, () => `$${++n}`);
}

function postgresQueryable(sql: Sql | postgres.TransactionSql<Record<string, never>>): Queryable {
	const query = (text: string, params: SqlValue[] = []) =>
		sql.unsafe(placeholders(text), params as postgres.ParameterOrJSON<never>[]);
	return {
		all: async <T>(text: string, params?: SqlValue[]) =>
			(await query(text, params)) as unknown as T[],
		get: async <T>(text: string, params?: SqlValue[]) =>
			(await query(text, params))[0] as T | undefined,
		run: async (text: string, params?: SqlValue[]) => ({
			changes: (await query(text, params)).count
		})
	};
}

function postgresTx(tx: postgres.TransactionSql<Record<string, never>>): Tx {
	const query = postgresQueryable(tx);
	return {
		...query,
		lockKey: async (key) => {
			await query.get('SELECT pg_advisory_xact_lock(hashtext(?))', [key]);
		},
		lockRow: (sql, params, mode = 'update') =>
			query.get(`${sql} ${mode === 'share' ? 'FOR SHARE' : 'FOR UPDATE'}`, params)
	};
}

class PostgresDb implements Db {
	readonly kind = 'postgres';
	readonly #sql: Sql;
	readonly #query: Queryable;

	constructor(url: string) {
		this.#sql = postgres(url, {
			max: 10,
			onnotice: () => undefined,
			// BIGINT columns hold millisecond timestamps: well inside Number's safe range.
			types: {
				bigint: {
					to: 20,
					from: [20],
					serialize: (value: number) => String(value),
					parse: (value: string) => Number(value)
				}
			}
		}) as unknown as Sql;
		this.#query = postgresQueryable(this.#sql);
	}

	all<T>(sql: string, params?: SqlValue[]) {
		return this.#query.all<T>(sql, params);
	}
	get<T>(sql: string, params?: SqlValue[]) {
		return this.#query.get<T>(sql, params);
	}
	run(sql: string, params?: SqlValue[]) {
		return this.#query.run(sql, params);
	}
	async transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
		return (await this.#sql.begin((tx) => fn(postgresTx(tx)))) as T;
	}
	async close() {
		await this.#sql.end({ timeout: 5 });
	}
}
