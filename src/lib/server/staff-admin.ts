import type { Db, Tx } from './db';
import type { StaffRole } from '../domain/roles';
import type { Result } from './accounts';
import { invalidateUserSessions } from './auth/session';
import type { AppServices } from './services';

/**
 * The admin's work on the team: who is on it, their roles, who is switched off, and the links
 * still out there (invitations and password resets). Every change that narrows someone's rights
 * ends that person's sessions, which also makes the sync engine re-check their live connections.
 */

type Services = Pick<AppServices, 'db' | 'access'>;

export type StaffAdminError =
	| 'staff.notFound'
	| 'staff.lastAdmin'
	| 'staff.alreadyDeactivated'
	| 'staff.alreadyActive'
	| 'staff.linkGone';

export interface StaffMember {
	id: string;
	name: string;
	email: string;
	role: StaffRole;
	createdAt: number;
	/** Null while the account is active. */
	deactivatedAt: number | null;
}

interface StaffRow {
	id: string;
	name: string;
	email: string;
	role: StaffRole;
	created_at: number;
	deactivated_at: number | null;
}

/** Active people first, then the deactivated ones, each by name. */
export async function listStaff(db: Db): Promise<StaffMember[]> {
	const rows = await db.all<StaffRow>(
		`SELECT id, name, email, role, created_at, deactivated_at FROM users
		ORDER BY CASE WHEN deactivated_at IS NULL THEN 0 ELSE 1 END, name, email`
	);
	return rows.map(toMember);
}

/**
 * Reads the target under a lock that every change of admin rights takes, so two admins removing
 * each other's rights at the same moment cannot both succeed and leave nobody to manage the team.
 */
async function lockTarget(tx: Tx, userId: string): Promise<StaffRow | undefined> {
	await tx.lockKey('staff-admins');
	return tx.get<StaffRow>(
		'SELECT id, name, email, role, created_at, deactivated_at FROM users WHERE id = ?',
		[userId]
	);
}

/** True when `user` is the only active admin, so taking their rights would leave none. */
async function isLastActiveAdmin(tx: Tx, user: StaffRow): Promise<boolean> {
	if (user.role !== 'admin' || user.deactivated_at !== null) return false;
	const others = await tx.get<{ n: number }>(
		"SELECT COUNT(*) AS n FROM users WHERE role = 'admin' AND deactivated_at IS NULL AND id <> ?",
		[user.id]
	);
	return Number(others?.n ?? 0) === 0;
}

/**
 * Switches an account off: it cannot log in, its sessions end and its unused reset links are
 * deleted. What the person wrote keeps their name.
 */
export async function deactivateStaff(
	services: Services,
	userId: string,
	now = Date.now()
): Promise<Result<StaffMember, StaffAdminError>> {
	const result = await services.db.transaction(async (tx) => {
		const user = await lockTarget(tx, userId);
		if (!user) return { ok: false, error: 'staff.notFound' } as const;
		if (user.deactivated_at !== null)
			return { ok: false, error: 'staff.alreadyDeactivated' } as const;
		if (await isLastActiveAdmin(tx, user)) return { ok: false, error: 'staff.lastAdmin' } as const;
		await tx.run('UPDATE users SET deactivated_at = ? WHERE id = ?', [now, userId]);
		await tx.run(
			"DELETE FROM one_time_links WHERE purpose = 'reset' AND user_id = ? AND used_at IS NULL",
			[userId]
		);
		return { ok: true, value: toMember({ ...user, deactivated_at: now }) } as const;
	});
	if (result.ok) await invalidateUserSessions(services, userId);
	return result;
}

/** Lets a deactivated account log in again (with its old password, or a reset link). */
export async function reactivateStaff(
	db: Db,
	userId: string
): Promise<Result<StaffMember, StaffAdminError>> {
	return db.transaction(async (tx) => {
		const user = await lockTarget(tx, userId);
		if (!user) return { ok: false, error: 'staff.notFound' } as const;
		if (user.deactivated_at === null) return { ok: false, error: 'staff.alreadyActive' } as const;
		await tx.run('UPDATE users SET deactivated_at = NULL WHERE id = ?', [userId]);
		return { ok: true, value: toMember({ ...user, deactivated_at: null }) } as const;
	});
}

/**
 * Gives an account another role. Its sessions end, so the new rights hold at once: live
 * connections opened under the old role are closed and the person logs in again.
 */
export async function changeStaffRole(
	services: Services,
	userId: string,
	role: StaffRole
): Promise<Result<{ member: StaffMember; changed: boolean }, StaffAdminError>> {
	const result = await services.db.transaction(async (tx) => {
		const user = await lockTarget(tx, userId);
		if (!user) return { ok: false, error: 'staff.notFound' } as const;
		if (user.role === role)
			return { ok: true, value: { member: toMember(user), changed: false } } as const;
		if (role !== 'admin' && (await isLastActiveAdmin(tx, user)))
			return { ok: false, error: 'staff.lastAdmin' } as const;
		await tx.run('UPDATE users SET role = ? WHERE id = ?', [role, userId]);
		return { ok: true, value: { member: toMember({ ...user, role }), changed: true } } as const;
	});
	if (result.ok && result.value.changed) await invalidateUserSessions(services, userId);
	return result;
}

function toMember(row: StaffRow): StaffMember {
	return {
		id: row.id,
		name: row.name,
		email: row.email,
		role: row.role,
		createdAt: Number(row.created_at),
		deactivatedAt: row.deactivated_at === null ? null : Number(row.deactivated_at)
	};
}

/** An invitation or reset link that still works, as the admin sees it (never its token). */
export type PendingLink = {
	/** The SHA-256 of the token: names the row for revoking and cannot be turned into a link. */
	tokenHash: string;
	createdByName: string | null;
	/** Null for invitations made before creation times were recorded. */
	createdAt: number | null;
	expiresAt: number;
} & (
	| { purpose: 'staff'; role: StaffRole }
	/** A reset link names the account it opens. */
	| { purpose: 'reset'; userName: string }
);

interface PendingRow {
	token_hash: string;
	purpose: 'staff' | 'reset';
	role: StaffRole | null;
	user_name: string | null;
	creator_name: string | null;
	created_at: number | null;
	expires_at: number;
}

export async function listPendingLinks(db: Db, now = Date.now()): Promise<PendingLink[]> {
	const rows = await db.all<PendingRow>(
		`SELECT l.token_hash, l.purpose, l.role, u.name AS user_name, c.name AS creator_name,
			l.created_at, l.expires_at
		FROM one_time_links l
		LEFT JOIN users u ON u.id = l.user_id
		LEFT JOIN users c ON c.id = l.created_by
		WHERE l.purpose IN ('staff', 'reset') AND l.used_at IS NULL AND l.expires_at > ?
		ORDER BY l.expires_at, l.token_hash`,
		[now]
	);
	return rows.map((row) => {
		const common = {
			tokenHash: row.token_hash,
			createdByName: row.creator_name,
			createdAt: row.created_at === null ? null : Number(row.created_at),
			expiresAt: Number(row.expires_at)
		};
		// A reset link's account is deleted with it (ON DELETE CASCADE), so it always has a name.
		return row.purpose === 'reset'
			? { ...common, purpose: 'reset', userName: row.user_name ?? '' }
			: { ...common, purpose: 'staff', role: row.role ?? 'facilitator' };
	});
}

/** Deletes an unused invitation or reset link, so opening it is refused from now on. */
export async function revokePendingLink(
	db: Db,
	tokenHash: string
): Promise<Result<void, StaffAdminError>> {
	const deleted = await db.run(
		"DELETE FROM one_time_links WHERE token_hash = ? AND purpose IN ('staff', 'reset') AND used_at IS NULL",
		[tokenHash]
	);
	return deleted.changes === 1
		? { ok: true, value: undefined }
		: { ok: false, error: 'staff.linkGone' };
}
