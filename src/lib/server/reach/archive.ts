import type { Queryable } from '../db';
import { reachSection, reachSectionId } from '../archive/documents/reach';

/**
 * Participants may answer after the close, when the documentation already exists: its reach
 * section is then replaced by the new totals, in the answer's transaction. The stored manifest is
 * dropped (the next making of the files stores the new one), as after a name is removed; the
 * regeneration time is not touched, since it would date the last answer.
 */
export async function refreshArchiveReach(tx: Queryable, workshopId: string): Promise<boolean> {
	const row = await tx.get<{ export_json: string }>(
		'SELECT export_json FROM archives WHERE workshop_id = ?',
		[workshopId]
	);
	if (!row) return false;
	const exported = JSON.parse(row.export_json) as { phases?: { id: string }[] };
	const phases = (exported.phases ?? []).filter((p) => p.id !== reachSectionId);
	const next = { ...exported, phases: [...phases, ...(await reachSection(tx, workshopId))] };
	await tx.run('UPDATE archives SET export_json = ?, manifest_json = NULL WHERE workshop_id = ?', [
		JSON.stringify(next),
		workshopId
	]);
	return true;
}
