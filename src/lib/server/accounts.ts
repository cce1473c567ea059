import type { Db } from './db';
import type { AppServices } from './services';
import type { StaffRole } from '../domain/roles';
import { checkPasswordStrength, hashPassword, verifyPassword } from './auth/password';
import { invalidateUserSessions } from './auth/session';
import { hashToken } from './auth/tokens';
import { newId, newToken } from '../ids';

export interface User {
	id: string;
	email: string;
	name: string;
	role: StaffRole;
	createdAt: number;
}

interface UserRow {
	id: string;
	email: string;
	name: string;
	role: StaffRole;
	created_at: number;
	password_hash: string;
	deactivated_at: number | null;
}

const toUser = (row: UserRow): User => ({
	id: row.id,
	email: row.email,
	name: row.name,
	role: row.role,
	createdAt: row.created_at
});

export type AccountError =
	| 'account.nameMissing'
	| 'account.emailInvalid'
	| 'account.emailTaken'
	| 'password.tooShort'
	| 'password.tooLong'
	| 'link.invalid';

export type Result<T, E = AccountError> = { ok: true; value: T } | { ok: false; error: E };

export interface NewAccount {
	name: string;
	email: string;
	password: string;
}

function checkAccount(input: NewAccount): AccountError | null {
	if (!input.name.trim() || input.name.length > 100) return 'account.nameMissing';
	const email = normalizeEmail(input.email);
	if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 200)
		return 'account.emailInvalid';
	return checkPasswordStrength(input.password);
}

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

export async function countUsers(db: Db): Promise<number> {
	const row = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM users');
	return Number(row?.n ?? 0);
}

export async function listUsers(db: Db): Promise<User[]> {
	const rows = await db.all<UserRow>('SELECT * FROM users ORDER BY name');
	return rows.map(toUser);
}

/**
 * Checks e-mail and password; the caller rate-limits. Same answer for an unknown user, a bad
 * password and a deactivated account, so the login form does not tell anyone which accounts exist
 * or were switched off.
 */
export async function verifyLogin(db: Db, email: string, password: string): Promise<User | null> {
	const row = await db.get<UserRow>('SELECT * FROM users WHERE email = ?', [normalizeEmail(email)]);
	if (!row) {
		// Hash anyway so response time does not reveal whether the address exists.
		await hashPassword(password);
		return null;
	}
	// A deactivated account is still verified (one hash, like every other attempt): answering
	// early would make it measurably faster than a wrong password.
	const matches = await verifyPassword(row.password_hash, password);
	return matches && row.deactivated_at === null ? toUser(row) : null;
}

// One-time links: the setup link for the first admin, staff invitations and password resets.
const setupLinkLifetimeMs = 24 * 60 * 60 * 1000;
export const staffInviteLifetimeMs = 7 * 24 * 60 * 60 * 1000;
/** Short, because whoever holds the link can take over the account until it is used. */
export const resetLinkLifetimeMs = 24 * 60 * 60 * 1000;

/**
 * With no account yet, makes a fresh setup link (older ones stop working) and returns its token;
 * returns null once an account exists. There is no default password.
 */
export async function createSetupLinkIfNeeded(db: Db, now = Date.now()): Promise<string | null> {
	if ((await countUsers(db)) > 0) return null;
	const token = newToken();
	await db.transaction(async (tx) => {
		await tx.run("DELETE FROM one_time_links WHERE purpose = 'setup'");
		await tx.run(
			"INSERT INTO one_time_links (token_hash, purpose, role, expires_at, created_at) VALUES (?, 'setup', 'admin', ?, ?)",
			[hashToken(token), now + setupLinkLifetimeMs, now]
		);
	});
	return token;
}

export async function createStaffInvite(
	db: Db,
	role: StaffRole,
	createdBy: string,
	now = Date.now()
): Promise<string> {
	const token = newToken();
	await db.run(
		"INSERT INTO one_time_links (token_hash, purpose, role, created_by, expires_at, created_at) VALUES (?, 'staff', ?, ?, ?, ?)",
		[hashToken(token), role, createdBy, now + staffInviteLifetimeMs, now]
	);
	return token;
}

/** What a working link opens: a new account (setup, staff) or a new password for an existing one. */
export type OneTimeLink =
	| { purpose: 'setup' | 'staff'; role: StaffRole }
	| { purpose: 'reset'; userId: string; name: string; email: string };

interface LinkRow {
	purpose: string;
	role: StaffRole | null;
	user_id: string | null;
	user_name: string | null;
	user_email: string | null;
	user_deactivated_at: number | null;
}

/** A reset link works only while its account is active: deactivating must not leave a way back in. */
const workingLinkSql = `SELECT l.purpose, l.role, l.user_id, u.name AS user_name,
		u.email AS user_email, u.deactivated_at AS user_deactivated_at
	FROM one_time_links l LEFT JOIN users u ON u.id = l.user_id
	WHERE l.token_hash = ? AND l.used_at IS NULL AND l.expires_at > ?`;

function toLink(row: LinkRow | undefined): OneTimeLink | null {
	if (!row) return null;
	if (row.purpose === 'reset') {
		if (!row.user_id || row.user_name === null || row.user_deactivated_at !== null) return null;
		return {
			purpose: 'reset',
			userId: row.user_id,
			name: row.user_name,
			email: row.user_email ?? ''
		};
	}
	if ((row.purpose === 'setup' || row.purpose === 'staff') && row.role) {
		return { purpose: row.purpose, role: row.role };
	}
	return null;
}

export async function findOneTimeLink(
	db: Db,
	token: string,
	now = Date.now()
): Promise<OneTimeLink | null> {
	return toLink(await db.get<LinkRow>(workingLinkSql, [hashToken(token), now]));
}

/**
 * Creates the account a one-time link promises and uses the link up, in one transaction:
 * two people racing on one link get one account between them.
 */
export async function redeemOneTimeLink(
	db: Db,
	token: string,
	input: NewAccount,
	now = Date.now()
): Promise<Result<User>> {
	// Hashing costs 64 MiB and a fraction of a second, so only a link that works gets that far:
	// otherwise anyone could keep the server busy by posting to /setup/<anything>. The lookup is
	// one indexed query on the token's SHA-256; the transaction below checks the link again.
	const found = await findOneTimeLink(db, token, now);
	// A reset link opens an existing account; it must never create a second one.
	if (!found || found.purpose === 'reset') return { ok: false, error: 'link.invalid' };
	const problem = checkAccount(input);
	if (problem) return { ok: false, error: problem };
	const passwordHash = await hashPassword(input.password);
	const email = normalizeEmail(input.email);
	return db.transaction(async (tx) => {
		const link = toLink(await tx.get<LinkRow>(workingLinkSql, [hashToken(token), now]));
		if (!link || link.purpose === 'reset') return { ok: false, error: 'link.invalid' } as const;
		if (link.purpose === 'setup') {
			const users = await tx.get<{ n: number }>('SELECT COUNT(*) AS n FROM users');
			if (Number(users?.n) > 0) return { ok: false, error: 'link.invalid' } as const;
		}
		if (await tx.get('SELECT id FROM users WHERE email = ?', [email])) {
			return { ok: false, error: 'account.emailTaken' } as const;
		}
		const used = await tx.run(
			'UPDATE one_time_links SET used_at = ? WHERE token_hash = ? AND used_at IS NULL',
			[now, hashToken(token)]
		);
		if (used.changes !== 1) return { ok: false, error: 'link.invalid' } as const;
		const user: User = {
			id: newId(),
			email,
			name: input.name.trim(),
			role: link.role,
			createdAt: now
		};
		await tx.run(
			'INSERT INTO users (id, email, name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)',
			[user.id, user.email, user.name, user.role, passwordHash, now]
		);
		return { ok: true, value: user } as const;
	});
}

/**
 * Makes a one-time link that lets an active staff member set a new password, and returns its
 * token with the account's name. Only the token's hash is kept; a new link voids the account's older unused ones, so only
 * the link handed out last works.
 */
export async function createResetLink(
	db: Db,
	userId: string,
	createdBy: string,
	now = Date.now()
): Promise<Result<{ token: string; name: string }, 'staff.notFound' | 'staff.resetDeactivated'>> {
	const token = newToken();
	return db.transaction(async (tx) => {
		// Locked, so a deactivation running at the same time either sees this link and deletes it,
		// or happens first and is seen here.
		const user = await tx.lockRow<{ name: string; deactivated_at: number | null }>(
			'SELECT name, deactivated_at FROM users WHERE id = ?',
			[userId]
		);
		if (!user) return { ok: false, error: 'staff.notFound' } as const;
		if (user.deactivated_at !== null)
			return { ok: false, error: 'staff.resetDeactivated' } as const;
		await tx.run(
			"DELETE FROM one_time_links WHERE purpose = 'reset' AND user_id = ? AND used_at IS NULL",
			[userId]
		);
		await tx.run(
			"INSERT INTO one_time_links (token_hash, purpose, user_id, created_by, expires_at, created_at) VALUES (?, 'reset', ?, ?, ?, ?)",
			[hashToken(token), userId, createdBy, now + resetLinkLifetimeMs, now]
		);
		return { ok: true, value: { token, name: user.name } } as const;
	});
}

/**
 * Sets the new password a reset link allows and uses the link up in one transaction (two racing
 * submissions: one wins), then ends every session of the account, wherever it was opened: whoever
 * may have known the old password is out.
 */
export async function resetPasswordWithLink(
	services: Pick<AppServices, 'db' | 'access'>,
	token: string,
	password: string,
	now = Date.now()
): Promise<Result<User>> {
	const { db } = services;
	// As in redeemOneTimeLink: no hashing for a link that does not work.
	const found = await findOneTimeLink(db, token, now);
	if (!found || found.purpose !== 'reset') return { ok: false, error: 'link.invalid' };
	const problem = checkPasswordStrength(password);
	if (problem) return { ok: false, error: problem };
	const passwordHash = await hashPassword(password);
	const result = await db
		.transaction(async (tx) => {
			const link = toLink(await tx.get<LinkRow>(workingLinkSql, [hashToken(token), now]));
			if (!link || link.purpose !== 'reset') return { ok: false, error: 'link.invalid' } as const;
			const used = await tx.run(
				'UPDATE one_time_links SET used_at = ? WHERE token_hash = ? AND used_at IS NULL',
				[now, hashToken(token)]
			);
			if (used.changes !== 1) return { ok: false, error: 'link.invalid' } as const;
			// The account must still be active as the password changes (deactivation may race).
			const changed = await tx.run(
				'UPDATE users SET password_hash = ? WHERE id = ? AND deactivated_at IS NULL',
				[passwordHash, link.userId]
			);
			if (changed.changes !== 1) throw new LinkLost();
			const row = await tx.get<UserRow>('SELECT * FROM users WHERE id = ?', [link.userId]);
			return { ok: true, value: toUser(row!) } as const;
		})
		.catch((error: unknown) => {
			// Thrown, not returned, so the link's use rolls back with the password.
			if (error instanceof LinkLost) return { ok: false, error: 'link.invalid' } as const;
			throw error;
		});
	if (result.ok) await invalidateUserSessions(services, result.value.id);
	return result;
}

class LinkLost extends Error {}
