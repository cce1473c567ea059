/**
 * The record of every district and indicator import: who brought which file, when, and what changed.
 * Planners need it to answer "where does this number come from?" long after the upload.
 */
import type { Db, Queryable, Tx } from '../db';

export type ImportKind = 'districts' | 'indicators';

/** Passed to `onProgress` after each batch; throwing from the hook aborts and rolls back the import. */
export interface ImportProgressPayload {
	phase: 'districts' | 'values';
	done: number;
	total: number;
}

export type ImportProgressHook = (payload: ImportProgressPayload) => void | Promise<void>;

export interface ImportOptions {
	fileName: string;
	/** The staff member who imported; null for imports without a person (seed scripts). */
	createdBy: string | null;
}

export interface ImportLogEntry {
	id: number;
	kind: ImportKind;
	fileName: string;
	rows: number;
	createdBy: string | null;
	createdAt: number;
	summary: Record<string, unknown>;
}

interface ImportLogRow {
	id: number;
	kind: ImportKind;
	file_name: string;
	rows: number;
	created_by: string | null;
	created_at: number;
	summary: string;
}

/**
 * Imports replace a whole level or period after reading what is there. Two at once on PostgreSQL
 * (read committed) could each miss the other's new rows and leave a mix of both files; imports are
 * rare and take well under a second, so they simply take turns. SQLite's BEGIN IMMEDIATE already
 * serialises every transaction.
 */
export function waitForOtherImports(tx: Tx): Promise<void> {
	return tx.lockKey('planning-import');
}

/** Written inside the import's transaction, so a rolled-back import leaves no entry either. */
export async function recordImport(
	tx: Queryable,
	entry: { kind: ImportKind; rows: number; summary: object } & ImportOptions,
	now = Date.now()
): Promise<number> {
	const row = await tx.get<{ id: number }>(
		`INSERT INTO import_log (kind, file_name, rows, created_by, created_at, summary)
		VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
		[entry.kind, entry.fileName, entry.rows, entry.createdBy, now, JSON.stringify(entry.summary)]
	);
	return Number(row!.id);
}

export async function listImports(
	db: Db,
	options: { limit?: number } = {}
): Promise<ImportLogEntry[]> {
	const rows = await db.all<ImportLogRow>(
		'SELECT * FROM import_log ORDER BY created_at DESC, id DESC LIMIT ?',
		[options.limit ?? 50]
	);
	return rows.map((row) => ({
		id: Number(row.id),
		kind: row.kind,
		fileName: row.file_name,
		rows: Number(row.rows),
		createdBy: row.created_by,
		createdAt: Number(row.created_at),
		summary: JSON.parse(row.summary) as Record<string, unknown>
	}));
}
