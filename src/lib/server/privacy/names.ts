import { refreshArchiveAuthors } from '../archive/archive-entry';
import { reindexArchive } from '../archive/search';
import type { Db, Queryable } from '../db';
import { eraseFreedSpace } from './erase';

/** Someone whose name the workshop keeps, for the list where staff can remove it. */
export interface NamedParticipant {
	id: string;
	displayName: string;
	nameConsent: boolean;
}

/** Everyone of a workshop who still has a name, removed people too (their name is still kept). */
export async function listNamedParticipants(
	db: Db,
	workshopId: string
): Promise<NamedParticipant[]> {
	const rows = await db.all<{ id: string; display_name: string; name_consent: number }>(
		`SELECT id, display_name, name_consent FROM participants
		WHERE workshop_id = ? AND display_name IS NOT NULL ORDER BY created_at, id`,
		[workshopId]
	);
	return rows.map((row) => ({
		id: row.id,
		displayName: row.display_name,
		nameConsent: Number(row.name_consent) === 1
	}));
}

export type RemoveNameResult =
	{ ok: true; regenerated: boolean } | { ok: false; error: 'privacy.names.notFound' };

/**
 * Clears the names of participants inside an open transaction: the name and the consent go, the
 * person stays (what they wrote stays, unnamed). The archive's authors are worked out again, so a
 * removed name also leaves the export and, with it, every generated document.
 */
export async function clearNames(
	tx: Queryable,
	workshopId: string,
	participantIds: string[] | 'all',
	now: number
): Promise<{ cleared: number; regenerated: boolean }> {
	let cleared = 0;
	if (participantIds === 'all') {
		cleared = (
			await tx.run(
				`UPDATE participants SET display_name = NULL, name_consent = 0
				WHERE workshop_id = ? AND display_name IS NOT NULL`,
				[workshopId]
			)
		).changes;
	} else {
		for (const id of participantIds)
			cleared += (
				await tx.run(
					`UPDATE participants SET display_name = NULL, name_consent = 0
					WHERE id = ? AND workshop_id = ? AND display_name IS NOT NULL`,
					[id, workshopId]
				)
			).changes;
	}
	const regenerated = cleared > 0 && (await refreshArchiveAuthors(tx, workshopId, now));
	return { cleared, regenerated };
}

/**
 * Removes one participant's display name from a workshop later (DSGVO, archive issue point 5):
 * content stays, the name goes from the participant, the archive's export and the documents made
 * from it (`regenerated`: the caller makes them again, see archive-files.ts). The store's free
 * space is erased afterwards, so the name cannot be read from the database file either. Live
 * documents hold no names (cards carry none; presence is never stored).
 */
export async function removeDisplayName(
	db: Db,
	workshopId: string,
	participantId: string,
	now = Date.now()
): Promise<RemoveNameResult> {
	const result = await db.transaction((tx) => clearNames(tx, workshopId, [participantId], now));
	if (result.cleared === 0) return { ok: false, error: 'privacy.names.notFound' };
	// The archive search indexes the export; it follows the rewritten one.
	if (result.regenerated) await reindexArchive(db, workshopId);
	await eraseFreedSpace(db, ['participants', 'archives']);
	return { ok: true, regenerated: result.regenerated };
}
