import { can, type Actor } from '../../domain/roles';
import { translate, type Locale } from '../../i18n';
import type { Db } from '../db';
import type { AppServices } from '../services';
import { eraseFreedSpace, workshopDocuments } from './erase';

/** The record a deletion leaves: which workshop, who deleted it and when. */
export interface WorkshopDeletion {
	workshopId: string;
	title: string;
	deletedByName: string;
	deletedAt: number;
}

export type DeleteWorkshopResult =
	{ ok: true; deletion: WorkshopDeletion } | { ok: false; error: 'forbidden' | 'notFound' };

/**
 * Deletes a workshop with everything it holds (DSGVO, archive issue point 5): its rows go by the
 * schema's cascade (invites, participants and their sessions, votes, the archive entry), its live
 * documents' log, snapshots and writers here, and the measures it produced stay in the register
 * without the link back. One audit record is left. Then the sync engine closes every connection
 * to its rooms (the workshop no longer exists, so the re-check refuses them) and the freed space
 * is erased. A room that was still open may store its last snapshot when it unloads; the daily
 * retention run removes documents of deleted workshops again (`sweepDeletedDocuments`).
 */
export async function deleteWorkshop(
	{ db, access }: Pick<AppServices, 'db' | 'access'>,
	workshopId: string,
	actor: Actor | null,
	now = Date.now(),
	sweepAfterMs: number | null = 2 * 60_000
): Promise<DeleteWorkshopResult> {
	if (actor?.kind !== 'staff' || !can(actor, 'workshop.delete'))
		return { ok: false, error: 'forbidden' };
	const deletion = await db.transaction(async (tx) => {
		await tx.lockKey(`close-workshop:${workshopId}`);
		const workshop = await tx.get<{ title: string }>('SELECT title FROM workshops WHERE id = ?', [
			workshopId
		]);
		if (!workshop) return null;
		const record: WorkshopDeletion = {
			workshopId,
			title: workshop.title,
			deletedByName: actor.name,
			deletedAt: now
		};
		await tx.run(
			// A workshop imported again (admin/transfer) and deleted again: the newest deletion counts.
			`INSERT INTO workshop_deletions (workshop_id, title, deleted_by, deleted_by_name, deleted_at)
			VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (workshop_id) DO UPDATE SET title = excluded.title,
			deleted_by = excluded.deleted_by, deleted_by_name = excluded.deleted_by_name,
			deleted_at = excluded.deleted_at`,
			[workshopId, record.title, actor.userId, record.deletedByName, now]
		);
		await deleteDocuments(tx, workshopId);
		await tx.run('DELETE FROM workshops WHERE id = ?', [workshopId]);
		return record;
	});
	if (!deletion) return { ok: false, error: 'notFound' };
	access.announce({ workshopId });
	await eraseFreedSpace(db);
	// A room the sync engine still held stores its last snapshot when it unloads, 30 s after its
	// last connection closed (server/sync/core.ts): swept once after that, and daily by retention.
	if (sweepAfterMs !== null)
		setTimeout(() => {
			sweepDeletedDocuments(db)
				.then((removed) => (removed > 0 ? eraseFreedSpace(db) : undefined))
				.catch(() => undefined); // the daily run sweeps again
		}, sweepAfterMs).unref();
	return { ok: true, deletion };
}

async function deleteDocuments(tx: Pick<Db, 'run'>, workshopId: string): Promise<number> {
	const pattern = workshopDocuments(workshopId);
	let removed = 0;
	for (const table of ['doc_updates', 'doc_snapshots', 'doc_clients'])
		removed += (await tx.run(`DELETE FROM ${table} WHERE doc LIKE ? ESCAPE '\\'`, [pattern]))
			.changes;
	return removed;
}

/** Removes what live rooms stored for deleted workshops after the deletion; returns rows removed. */
export async function sweepDeletedDocuments(db: Db): Promise<number> {
	// Not a workshop that exists again (imported from another installation after the deletion).
	const deleted = await db.all<{ workshop_id: string }>(
		`SELECT d.workshop_id FROM workshop_deletions d
		WHERE NOT EXISTS (SELECT 1 FROM workshops w WHERE w.id = d.workshop_id)`
	);
	let removed = 0;
	for (const { workshop_id } of deleted) removed += await deleteDocuments(db, workshop_id);
	return removed;
}

/** The audit records, newest first. */
export async function listWorkshopDeletions(db: Db): Promise<WorkshopDeletion[]> {
	const rows = await db.all<{
		workshop_id: string;
		title: string;
		deleted_by_name: string;
		deleted_at: number;
	}>(
		`SELECT workshop_id, title, deleted_by_name, deleted_at FROM workshop_deletions
		ORDER BY deleted_at DESC, workshop_id`
	);
	return rows.map((row) => ({
		workshopId: row.workshop_id,
		title: row.title,
		deletedByName: row.deleted_by_name,
		deletedAt: Number(row.deleted_at)
	}));
}

/** The record of one deleted workshop, or null when it was never deleted. */
export async function findWorkshopDeletion(
	db: Db,
	workshopId: string
): Promise<WorkshopDeletion | null> {
	const row = await db.get<{ title: string; deleted_by_name: string; deleted_at: number }>(
		'SELECT title, deleted_by_name, deleted_at FROM workshop_deletions WHERE workshop_id = ?',
		[workshopId]
	);
	return row
		? {
				workshopId,
				title: row.title,
				deletedByName: row.deleted_by_name,
				deletedAt: Number(row.deleted_at)
			}
		: null;
}

/** A day as the page's reader writes it ("4. Dezember 2026"), in the municipality's time zone. */
export function longDay(locale: Locale, at: number): string {
	return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'de-DE', {
		dateStyle: 'long',
		timeZone: 'Europe/Berlin'
	}).format(at);
}

/** Why a workshop's archive is not there: deleted (and when), or there is none. */
export async function goneMessage(db: Db, workshopId: string, locale: Locale): Promise<string> {
	const deletion = await findWorkshopDeletion(db, workshopId);
	return deletion
		? translate(locale, 'privacy.deleted.archiveGone', {
				date: longDay(locale, deletion.deletedAt)
			})
		: translate(locale, 'archive.page.none');
}
