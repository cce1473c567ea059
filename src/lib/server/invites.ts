import type { Db } from './db';
import type { GuestRole } from '../domain/roles';
import { createSession } from './auth/session';
import { hashToken } from './auth/tokens';
import { newId, newToken } from '../ids';
import type { AppServices } from './services';

/**
 * Invite links for participants and observers. Only the token's hash is stored, so a link is shown
 * when it is made; showing it again makes a fresh link to the same invite (`newInviteLink`).
 */
export interface Invite {
	id: string;
	workshopId: string;
	role: GuestRole;
	label: string;
	expiresAt: number;
	revokedAt: number | null;
	createdAt: number;
	participants: number;
}

interface InviteRow {
	id: string;
	workshop_id: string;
	role: GuestRole;
	label: string;
	expires_at: number;
	revoked_at: number | null;
	created_at: number;
	participants: number;
}

export async function createInvite(
	db: Db,
	options: {
		workshopId: string;
		role: GuestRole;
		label: string;
		lifetimeMs: number;
		createdBy: string;
	},
	now = Date.now()
): Promise<{ token: string; invite: Invite }> {
	const token = newToken();
	const invite: Invite = {
		id: newId(),
		workshopId: options.workshopId,
		role: options.role,
		label: options.label,
		expiresAt: now + options.lifetimeMs,
		revokedAt: null,
		createdAt: now,
		participants: 0
	};
	await db.run(
		`INSERT INTO invites (id, workshop_id, token_hash, role, label, expires_at, created_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		[
			invite.id,
			invite.workshopId,
			hashToken(token),
			invite.role,
			invite.label,
			invite.expiresAt,
			options.createdBy,
			now
		]
	);
	await db.run('INSERT INTO invite_links (token_hash, invite_id, created_at) VALUES (?, ?, ?)', [
		hashToken(token),
		invite.id,
		now
	]);
	return { token, invite };
}

/**
 * A fresh link to an invite that still works, for showing its QR code and link again: only hashes
 * are kept, so the old link cannot be read back, but the new one leads to the same invite (same
 * role, same revocation) and the old one keeps working. Null for an unknown, revoked or expired
 * invite, or one of another workshop.
 */
export async function newInviteLink(
	db: Db,
	workshopId: string,
	inviteId: string,
	now = Date.now()
): Promise<string | null> {
	const invite = await db.get<{ id: string }>(
		'SELECT id FROM invites WHERE id = ? AND workshop_id = ? AND revoked_at IS NULL AND expires_at > ?',
		[inviteId, workshopId, now]
	);
	if (!invite) return null;
	const token = newToken();
	await db.run('INSERT INTO invite_links (token_hash, invite_id, created_at) VALUES (?, ?, ?)', [
		hashToken(token),
		invite.id,
		now
	]);
	return token;
}

export async function listInvites(db: Db, workshopId: string): Promise<Invite[]> {
	const rows = await db.all<InviteRow>(
		`SELECT i.id, i.workshop_id, i.role, i.label, i.expires_at, i.revoked_at, i.created_at,
			(SELECT COUNT(*) FROM participants p WHERE p.invite_id = i.id AND p.removed_at IS NULL)
				AS participants
		FROM invites i WHERE i.workshop_id = ? ORDER BY i.created_at DESC`,
		[workshopId]
	);
	return rows.map((row) => ({
		id: row.id,
		workshopId: row.workshop_id,
		role: row.role,
		label: row.label,
		expiresAt: row.expires_at,
		revokedAt: row.revoked_at,
		createdAt: row.created_at,
		participants: Number(row.participants)
	}));
}

/**
 * Revoking also ends the sessions of everyone who joined through the link; the sync engine closes
 * their live connections.
 */
export async function revokeInvite(
	{ db, access }: Pick<AppServices, 'db' | 'access'>,
	workshopId: string,
	inviteId: string,
	now = Date.now()
) {
	const result = await db.run(
		'UPDATE invites SET revoked_at = ? WHERE id = ? AND workshop_id = ? AND revoked_at IS NULL',
		[now, inviteId, workshopId]
	);
	if (result.changes === 1) access.announce({ workshopId });
	return result.changes === 1;
}

export type InviteLookup =
	| { ok: true; invite: { id: string; workshopId: string; role: GuestRole; workshopTitle: string } }
	| { ok: false; error: 'invite.unknown' | 'invite.expired' | 'invite.revoked' };

export async function findInvite(db: Db, token: string, now = Date.now()): Promise<InviteLookup> {
	const row = await db.get<{
		id: string;
		workshop_id: string;
		role: GuestRole;
		expires_at: number;
		revoked_at: number | null;
		title: string;
	}>(
		`SELECT i.id, i.workshop_id, i.role, i.expires_at, i.revoked_at, w.title
		FROM invite_links l JOIN invites i ON i.id = l.invite_id JOIN workshops w ON w.id = i.workshop_id
		WHERE l.token_hash = ?`,
		[hashToken(token)]
	);
	if (!row) return { ok: false, error: 'invite.unknown' };
	if (row.revoked_at !== null) return { ok: false, error: 'invite.revoked' };
	if (row.expires_at <= now) return { ok: false, error: 'invite.expired' };
	return {
		ok: true,
		invite: { id: row.id, workshopId: row.workshop_id, role: row.role, workshopTitle: row.title }
	};
}

export const maxDisplayNameLength = 40;

export type JoinResult =
	| {
			ok: true;
			workshopId: string;
			participantId: string;
			role: GuestRole;
			session: { token: string; expiresAt: number };
	  }
	| {
			ok: false;
			error: 'invite.unknown' | 'invite.expired' | 'invite.revoked' | 'join.nameTooLong';
	  };

/** Turns an invite into a participant with a workshop-scoped guest session. */
export async function joinWithInvite(
	db: Db,
	token: string,
	displayName: string | null,
	now = Date.now()
): Promise<JoinResult> {
	return joinFound(db, await findInvite(db, token, now), displayName, now);
}

/** Joins through an invite already looked up (by its link or a projector's join code). */
export async function joinFound(
	db: Db,
	found: InviteLookup,
	displayName: string | null,
	now = Date.now()
): Promise<JoinResult> {
	const name = displayName?.trim() || null;
	if (name && name.length > maxDisplayNameLength) return { ok: false, error: 'join.nameTooLong' };
	if (!found.ok) return found;
	const participantId = newId();
	await db.run(
		'INSERT INTO participants (id, workshop_id, invite_id, display_name, role, created_at) VALUES (?, ?, ?, ?, ?, ?)',
		[participantId, found.invite.workshopId, found.invite.id, name, found.invite.role, now]
	);
	const session = await createSession(db, { participantId }, now);
	return {
		ok: true,
		workshopId: found.invite.workshopId,
		participantId,
		role: found.invite.role,
		session
	};
}
