import type { GuestRole } from '../domain/roles';
import type { AppServices } from './services';
import type { Db } from './db';

/** Who joined a workshop, for the facilitator's list. Anonymous people have no name here either. */
export interface Participant {
	id: string;
	displayName: string | null;
	/** They agreed, when joining, that their name may stand in the documentation. */
	nameConsent: boolean;
	role: GuestRole;
	inviteLabel: string;
	joinedAt: number;
}

export async function listParticipants(db: Db, workshopId: string): Promise<Participant[]> {
	const rows = await db.all<{
		id: string;
		display_name: string | null;
		name_consent: number;
		role: GuestRole;
		label: string;
		created_at: number;
	}>(
		`SELECT p.id, p.display_name, p.name_consent, p.role, i.label, p.created_at
		FROM participants p JOIN invites i ON i.id = p.invite_id
		WHERE p.workshop_id = ? AND p.removed_at IS NULL AND i.revoked_at IS NULL
		ORDER BY p.created_at`,
		[workshopId]
	);
	return rows.map((row) => ({
		id: row.id,
		displayName: row.display_name,
		nameConsent: Number(row.name_consent) === 1 && row.display_name !== null,
		role: row.role,
		inviteLabel: row.label,
		joinedAt: Number(row.created_at)
	}));
}

/**
 * Removes one person from a workshop: their sessions end and the sync server closes their live
 * connections, while everyone else who joined through the same link stays. What they wrote stays
 * on the walls. The link itself keeps working; revoking it is the facilitator's separate choice.
 */
export async function removeParticipant(
	{ db, access }: Pick<AppServices, 'db' | 'access'>,
	workshopId: string,
	participantId: string,
	now = Date.now()
): Promise<boolean> {
	const removed = await db.transaction(async (tx) => {
		const result = await tx.run(
			'UPDATE participants SET removed_at = ? WHERE id = ? AND workshop_id = ? AND removed_at IS NULL',
			[now, participantId, workshopId]
		);
		if (result.changes !== 1) return false;
		await tx.run('DELETE FROM sessions WHERE participant_id = ?', [participantId]);
		return true;
	});
	if (removed) access.announce({ workshopId });
	return removed;
}

/**
 * Records that a participant agreed, on joining, that their name may stand in the workshop's
 * documentation. Only a participant with a name can agree; nobody agrees by default.
 */
export async function recordNameConsent(db: Db, participantId: string): Promise<void> {
	await db.run(
		'UPDATE participants SET name_consent = 1 WHERE id = ? AND display_name IS NOT NULL',
		[participantId]
	);
}
