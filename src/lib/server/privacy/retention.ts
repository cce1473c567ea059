import { reindexArchive } from '../archive/search';
import type { Db } from '../db';
import { sweepDeletedDocuments } from './delete-workshop';
import { eraseFreedSpace, workshopDocuments } from './erase';
import { clearNames } from './names';

/**
 * How long guest data is kept after a workshop closes (DSGVO, archive issue point 5): display
 * names, guest sessions (the participants' own links) and private drafts. The cards, texts and
 * measures stay; they belong to the documentation.
 *
 * Default 90 days: long enough for the participants to look at the results and for the
 * documentation to be checked, short enough that names do not linger. Admins set it between 1
 * day and 10 years on /admin/settings.
 */
export const defaultRetentionDays = 90;
export const minRetentionDays = 1;
export const maxRetentionDays = 3650;
const settingName = 'retention.guestDays';
const dayMs = 24 * 60 * 60 * 1000;

export type RetentionError = 'privacy.retention.notNumber' | 'privacy.retention.outOfRange';

export async function readRetentionDays(db: Db): Promise<number> {
	const row = await db.get<{ value: string }>('SELECT value FROM site_settings WHERE name = ?', [
		settingName
	]);
	const days = Number(row?.value);
	return Number.isInteger(days) && days >= minRetentionDays && days <= maxRetentionDays
		? days
		: defaultRetentionDays;
}

/** Checks what the form sent: a whole number of days in range; anything else changes nothing. */
export function checkRetentionDays(
	input: string
): { ok: true; days: number } | { ok: false; error: RetentionError } {
	const text = input.trim();
	if (!/^[+-]?\d{1,9}$/.test(text)) return { ok: false, error: 'privacy.retention.notNumber' };
	const days = Number(text);
	if (days < minRetentionDays || days > maxRetentionDays)
		return { ok: false, error: 'privacy.retention.outOfRange' };
	return { ok: true, days };
}

export async function saveRetentionDays(
	db: Db,
	input: string
): Promise<{ ok: true; days: number } | { ok: false; error: RetentionError }> {
	const checked = checkRetentionDays(input);
	if (!checked.ok) return checked;
	await db.run(
		`INSERT INTO site_settings (name, value) VALUES (?, ?)
		ON CONFLICT (name) DO UPDATE SET value = excluded.value`,
		[settingName, String(checked.days)]
	);
	return checked;
}

export interface RetentionReport {
	/** Workshops closed longer ago than the retention time that still had guest data. */
	workshops: number;
	names: number;
	sessions: number;
	/** Stored rows of private documents (drafts) removed. */
	draftRows: number;
	/** Rows live rooms stored for workshops deleted before. */
	deletedDocumentRows: number;
}

/**
 * The daily job: for every workshop closed more than the retention time before `now`, removes the
 * participants' names (as a facilitator would, the documentation made again), ends and deletes
 * their guest sessions and deletes their private documents. Safe to run any number of times.
 */
export async function runRetention(db: Db, now = Date.now()): Promise<RetentionReport> {
	const days = await readRetentionDays(db);
	const closedBefore = now - days * dayMs;
	const due = await db.all<{ workshop_id: string }>(
		'SELECT workshop_id FROM archives WHERE closed_at <= ? ORDER BY closed_at',
		[closedBefore]
	);
	const report: RetentionReport = {
		workshops: 0,
		names: 0,
		sessions: 0,
		draftRows: 0,
		deletedDocumentRows: 0
	};
	for (const { workshop_id: workshopId } of due) {
		const done = await db.transaction(async (tx) => {
			const { cleared: names, regenerated } = await clearNames(tx, workshopId, 'all', now);
			const sessions = (
				await tx.run(
					`DELETE FROM sessions WHERE participant_id IN
					(SELECT id FROM participants WHERE workshop_id = ?)`,
					[workshopId]
				)
			).changes;
			let draftRows = 0;
			const drafts = `${workshopDocuments(workshopId).slice(0, -1)}private/%`;
			for (const table of ['doc_updates', 'doc_snapshots', 'doc_clients'])
				draftRows += (await tx.run(`DELETE FROM ${table} WHERE doc LIKE ? ESCAPE '\\'`, [drafts]))
					.changes;
			return { names, sessions, draftRows, regenerated };
		});
		if (done.regenerated) await reindexArchive(db, workshopId);
		if (done.names + done.sessions + done.draftRows > 0) report.workshops++;
		report.names += done.names;
		report.sessions += done.sessions;
		report.draftRows += done.draftRows;
	}
	report.deletedDocumentRows = await sweepDeletedDocuments(db);
	if (report.workshops > 0 || report.deletedDocumentRows > 0) await eraseFreedSpace(db);
	return report;
}

/**
 * Runs the job once soon after the start and then once a day, in the process that runs the app
 * (server/services.ts). Several processes may each run it; it does the same work once.
 */
export function scheduleRetention(
	db: Db,
	{
		onError,
		onDone,
		firstAfterMs = 60_000,
		everyMs = dayMs
	}: {
		onError: (error: unknown) => void;
		onDone?: (report: RetentionReport) => void;
		firstAfterMs?: number;
		everyMs?: number;
	}
): { stop(): Promise<void> } {
	let running: Promise<void> | null = null;
	const run = () => {
		running ??= runRetention(db)
			.then((report) => onDone?.(report), onError)
			.finally(() => (running = null));
	};
	const first = setTimeout(run, firstAfterMs);
	const daily = setInterval(run, everyMs);
	first.unref();
	daily.unref();
	return {
		async stop() {
			clearTimeout(first);
			clearInterval(daily);
			await running;
		}
	};
}
