/**
 * Import of any statistics table through the mapping step (issue 11, point 1). The upload is kept as
 * a draft between the steps, so a browser without JavaScript posts only the mapping, not the file
 * again; the reading runs on the import thread (see import-worker.ts), and the values are stored by
 * the same all-or-nothing `importIndicatorValues` as every other indicator import. A mapping can be
 * saved under a name and is offered for next year's file with the same headers.
 */
import type { Db } from '../db';
import { newId } from '../../ids';
import type { ImportOutcome, UploadProblem } from '../../domain/planning/import-events';
import type { SavedMapping, TableMapping } from '../../domain/planning/table-mapping';
import { yieldToEventLoop } from './batch';
import { levelExists } from './districts';
import type { ImportProgressPayload } from './import-log';
import { ImportFailure, transferable, withImportThread, type ImportThread } from './import-thread';
import type { MappedTableResult, TableViewResult } from './import-worker';
import { importIndicatorValues } from './indicators';
import { recomputeRollupsIn, RollupRefused } from './rollup';
import type { ImportProgress, UploadedFile } from './uploads';

/** Drafts older than this are removed when the next file is uploaded. */
export const draftLifetimeMs = 24 * 60 * 60 * 1000;

export interface TableDraft {
	id: string;
	fileName: string;
	level: string;
	createdBy: string | null;
	createdAt: number;
	mapping: TableMapping | null;
}

interface DraftRow {
	id: string;
	file_name: string;
	level: string;
	created_by: string | null;
	created_at: number;
	mapping: string | null;
}

const toDraft = (row: DraftRow): TableDraft => ({
	id: row.id,
	fileName: row.file_name,
	level: row.level,
	createdBy: row.created_by,
	createdAt: Number(row.created_at),
	mapping: row.mapping === null ? null : (JSON.parse(row.mapping) as TableMapping)
});

export type Refusal = { ok: false; errors: UploadProblem[] };

const refuse = (...messages: string[]): Refusal => ({
	ok: false,
	errors: messages.map((message) => ({ message }))
});

/** Keeps an uploaded table for the mapping step; the level must have districts already. */
export async function createTableDraft(
	db: Db,
	input: { file: UploadedFile; level: string; createdBy: string; now?: number }
): Promise<{ ok: true; id: string } | Refusal> {
	if (!(await levelExists(db, input.level))) {
		return refuse(
			`Die Ebene „${input.level}“ hat noch keine Gebiete. Bitte zuerst die Gebiete importieren.`
		);
	}
	const now = input.now ?? Date.now();
	const id = newId();
	await db.run('DELETE FROM indicator_upload_drafts WHERE created_at < ?', [now - draftLifetimeMs]);
	await db.run(
		`INSERT INTO indicator_upload_drafts (id, created_by, file_name, level, bytes, mapping, created_at)
		VALUES (?, ?, ?, ?, ?, NULL, ?)`,
		[id, input.createdBy, input.file.name.slice(0, 300), input.level, input.file.bytes, now]
	);
	return { ok: true, id };
}

/** A draft of this staff member; another person's draft is not found. */
export async function getTableDraft(
	db: Db,
	id: string,
	userId: string
): Promise<TableDraft | null> {
	const row = await db.get<DraftRow>(
		`SELECT id, file_name, level, created_by, created_at, mapping FROM indicator_upload_drafts
		WHERE id = ? AND created_by = ?`,
		[id, userId]
	);
	return row ? toDraft(row) : null;
}

async function draftBytes(db: Db, id: string): Promise<Uint8Array> {
	const row = await db.get<{ bytes: Uint8Array }>(
		'SELECT bytes FROM indicator_upload_drafts WHERE id = ?',
		[id]
	);
	if (!row) throw new Error(`draftBytes: no draft ${id}`);
	// A copy the thread may take over: the driver's buffer may share memory with others.
	return new Uint8Array(row.bytes);
}

/** The planner's latest mapping (and level), so the next step and a reload show it. */
export async function storeDraftMapping(
	db: Db,
	id: string,
	changes: { mapping: TableMapping | null; level?: string }
): Promise<void> {
	await db.run(
		'UPDATE indicator_upload_drafts SET mapping = ?, level = COALESCE(?, level) WHERE id = ?',
		[changes.mapping === null ? null : JSON.stringify(changes.mapping), changes.level ?? null, id]
	);
}

/** The districts of a level with their parents' names, a page at a time, for the import thread. */
async function* districtRefPages(db: Db, level: string, size = 1000) {
	let after = '';
	for (;;) {
		const rows = await db.all<{
			code: string;
			name: string;
			parent_code: string | null;
			parent_name: string | null;
		}>(
			`SELECT d.code, d.name, d.parent_code, p.name AS parent_name FROM districts d
			LEFT JOIN districts p ON p.level = d.parent_level AND p.code = d.parent_code
			WHERE d.level = ? AND d.code > ? ORDER BY d.code LIMIT ?`,
			[level, after, size]
		);
		if (rows.length === 0) return;
		yield {
			type: 'districtRefs' as const,
			codes: rows.map((r) => r.code),
			names: rows.map((r) => r.name),
			parentCodes: rows.map((r) => r.parent_code),
			parentNames: rows.map((r) => r.parent_name)
		};
		after = rows[rows.length - 1].code;
		if (rows.length < size) return;
		await yieldToEventLoop();
	}
}

async function onThread<T>(
	db: Db,
	level: string,
	work: (thread: ImportThread) => Promise<T>
): Promise<T | { ok: false; message: string }> {
	try {
		return await withImportThread(async (thread) => {
			for await (const page of districtRefPages(db, level)) thread.note(page);
			return work(thread);
		});
	} catch (error) {
		if (error instanceof ImportFailure) return { ok: false, message: error.message };
		throw error;
	}
}

/** The mapping page for a draft: the stored mapping, or a proposal (a fitting saved one first). */
export async function viewTableDraft(
	db: Db,
	draft: TableDraft,
	options: { apply?: string | null } = {}
): Promise<TableViewResult> {
	const saved = await listSavedMappings(db);
	const file = await draftBytes(db, draft.id);
	return onThread(db, draft.level, (thread) => {
		const { bytes, transfer } = transferable(file);
		return thread.run(
			{
				type: 'tableView',
				file: bytes,
				mapping: options.apply ? null : draft.mapping,
				saved: saved.map(({ name, mapping }) => ({ name, mapping })),
				apply: options.apply ?? null
			},
			transfer
		);
	});
}

const namePattern = /^[^\n\r\t]{1,80}$/u;

/**
 * Reads the draft with the mapping and stores the values, all or nothing; with `saveAs`, also saves
 * the mapping under that name (after the values are in: a mapping that does not import is not saved).
 */
export async function runTableImport(
	db: Db,
	draft: TableDraft,
	mapping: TableMapping,
	options: { createdBy: string; saveAs?: string },
	onProgress: ImportProgress = () => undefined
): Promise<ImportOutcome> {
	const started = performance.now();
	const saveAs = options.saveAs?.trim() ?? '';
	if (saveAs !== '' && !namePattern.test(saveAs)) {
		return refuse('Der Name der Zuordnung darf höchstens 80 Zeichen lang sein.');
	}
	if (!(await levelExists(db, draft.level))) {
		return refuse(`Die Ebene „${draft.level}“ hat keine Gebiete mehr.`);
	}
	await onProgress({ type: 'progress', phase: 'check', done: 0, total: 1 });
	const file = await draftBytes(db, draft.id);
	const read: MappedTableResult | { ok: false; message: string } = await onThread(
		db,
		draft.level,
		(thread) => {
			const { bytes, transfer } = transferable(file);
			return thread.run(
				{ type: 'mappedTable', file: bytes, mapping, save: saveAs !== '' },
				transfer
			);
		}
	);
	if (!read.ok) {
		if ('message' in read) return refuse(read.message);
		return { ok: false, errors: read.problems.map((p) => ({ message: p.message, line: p.line })) };
	}
	await onProgress({ type: 'progress', phase: 'check', done: 1, total: 1 });
	let counts: Awaited<ReturnType<typeof importIndicatorValues>>;
	try {
		// The computed values of the higher levels change in the same transaction as the figures
		// they come from: a roll-up that cannot be computed stores nothing at all.
		counts = await importIndicatorValues(
			db,
			{ indicators: read.indicators, level: draft.level, values: read.values },
			{
				fileName: draft.fileName,
				createdBy: options.createdBy,
				inTransaction: async (tx) => {
					await recomputeRollupsIn(tx);
				}
			},
			(p: ImportProgressPayload) => onProgress({ type: 'progress', ...p })
		);
	} catch (error) {
		if (!(error instanceof RollupRefused)) throw error;
		return refuse(
			'Die Tabelle wurde nicht importiert, weil die Werte der übergeordneten Ebenen damit nicht ' +
				'berechnet werden können. Bitte die fehlenden Werte in der Tabelle ergänzen oder unter ' +
				'„Werte für übergeordnete Ebenen“ die Berechnung ändern.',
			...error.problems.map((p) => p.message)
		);
	}
	if (saveAs !== '' && read.saved) {
		await saveTableMapping(db, {
			name: saveAs,
			level: draft.level,
			header: read.header,
			mapping: read.saved,
			createdBy: options.createdBy
		});
	}
	return {
		ok: true,
		kind: 'indicators',
		fileName: draft.fileName,
		level: draft.level,
		indicators: counts.indicators,
		periods: counts.periods,
		rows: read.summary.rows,
		values: counts.values,
		nullValues: counts.nullValues,
		replaced: counts.replaced,
		invalidRows: read.summary.invalidRows,
		districtsWithoutRow: read.summary.districtsWithoutRow,
		numberFormats: read.summary.numberFormats,
		warnings: [
			...read.fileWarnings,
			...(read.skippedLines.length > 0
				? [`Übersprungene Zeilen: ${read.skippedLines.join(', ')}.`]
				: [])
		],
		ms: Math.round(performance.now() - started)
	};
}

// Saved mappings ----------------------------------------------------------------------------------

export interface SavedMappingEntry {
	name: string;
	level: string;
	header: string[];
	mapping: SavedMapping;
	updatedAt: number;
}

export async function saveTableMapping(
	db: Db,
	input: {
		name: string;
		level: string;
		header: string[];
		mapping: SavedMapping;
		createdBy: string;
	}
): Promise<void> {
	await db.run(
		`INSERT INTO indicator_mappings (name, level, headers, mapping, created_by, updated_at)
		VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (name) DO UPDATE SET level = excluded.level, headers = excluded.headers,
			mapping = excluded.mapping, created_by = excluded.created_by, updated_at = excluded.updated_at`,
		[
			input.name.trim(),
			input.level,
			JSON.stringify(input.header),
			JSON.stringify(input.mapping),
			input.createdBy,
			Date.now()
		]
	);
}

export async function listSavedMappings(db: Db): Promise<SavedMappingEntry[]> {
	const rows = await db.all<{
		name: string;
		level: string;
		headers: string;
		mapping: string;
		updated_at: number;
	}>('SELECT name, level, headers, mapping, updated_at FROM indicator_mappings ORDER BY name');
	return rows.map((row) => ({
		name: row.name,
		level: row.level,
		header: JSON.parse(row.headers) as string[],
		mapping: JSON.parse(row.mapping) as SavedMapping,
		updatedAt: Number(row.updated_at)
	}));
}

/** Saves the draft's current mapping under a name without importing (the "Speichern" button). */
export async function saveDraftMapping(
	db: Db,
	draft: TableDraft,
	mapping: TableMapping,
	input: { name: string; createdBy: string }
): Promise<{ ok: true } | Refusal> {
	const name = input.name.trim();
	if (!namePattern.test(name)) {
		return refuse('Bitte geben Sie der Zuordnung einen Namen (höchstens 80 Zeichen).');
	}
	const file = await draftBytes(db, draft.id);
	const read = await onThread(db, draft.level, (thread) => {
		const { bytes, transfer } = transferable(file);
		return thread.run({ type: 'savedMapping', file: bytes, mapping }, transfer);
	});
	if (!read.ok) return refuse(read.message);
	await saveTableMapping(db, {
		name,
		level: draft.level,
		header: read.header,
		mapping: read.saved,
		createdBy: input.createdBy
	});
	return { ok: true };
}
