import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { describe } from 'vitest';
import { migrate, openDatabase, type Db } from '../../src/lib/server/db';

/**
 * Store tests run against every store we ship: always SQLite, and PostgreSQL when
 * TEST_DATABASE_URL is set. REQUIRE_SERVICES=1 (CI) turns a missing PostgreSQL into a failure.
 * Each PostgreSQL store gets its own schema, dropped afterwards, so runs never see each other.
 */
export interface TestStore {
	db: Db;
	dispose(): Promise<void>;
}

export const postgresUrl = process.env.TEST_DATABASE_URL;
export const servicesRequired = process.env.REQUIRE_SERVICES === '1';

export async function openSqliteStore(dir?: string): Promise<TestStore> {
	const folder = dir ?? mkdtempSync(join(tmpdir(), 'qw-test-'));
	const db = openDatabase(join(folder, 'store.sqlite'));
	await migrate(db);
	return {
		db,
		async dispose() {
			await db.close();
			if (!dir) rmSync(folder, { recursive: true, force: true });
		}
	};
}

export async function createPostgresSchema(): Promise<{ url: string; drop(): Promise<void> }> {
	if (!postgresUrl) throw new Error('TEST_DATABASE_URL is not set');
	const schema = `qw_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
	const admin = postgres(postgresUrl, { onnotice: () => undefined });
	await admin.unsafe(`CREATE SCHEMA ${schema}`);
	const url = new URL(postgresUrl);
	url.searchParams.set('search_path', schema);
	return {
		url: url.toString(),
		async drop() {
			await admin.unsafe(`DROP SCHEMA ${schema} CASCADE`);
			await admin.end();
		}
	};
}

export async function openPostgresStore(): Promise<TestStore> {
	const schema = await createPostgresSchema();
	const db = openDatabase(schema.url);
	await migrate(db);
	return {
		db,
		async dispose() {
			await db.close();
			await schema.drop();
		}
	};
}

/** Declares the same suite once per store. */
export function describeEachStore(name: string, suite: (open: () => Promise<TestStore>) => void) {
	describe(`${name} (sqlite)`, () => suite(() => openSqliteStore()));
	if (postgresUrl) {
		describe(`${name} (postgres)`, () => suite(openPostgresStore));
	} else if (servicesRequired) {
		describe(`${name} (postgres)`, () =>
			suite(() =>
				Promise.reject(new Error('REQUIRE_SERVICES=1 but TEST_DATABASE_URL is not set'))
			));
	} else {
		describe.skip(`${name} (postgres) — skipped: set TEST_DATABASE_URL to run it`, () =>
			suite(openPostgresStore));
	}
}
