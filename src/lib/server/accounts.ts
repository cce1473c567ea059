import type { Db } from './db';
import type { StaffRole } from '../domain/roles';
import { checkPasswordStrength, hashPassword, verifyPassword } from './auth/password';
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

/** Checks e-mail and password; the caller rate-limits. Same answer for unknown user and bad password. */
export async function verifyLogin(db: Db, email: string, password: string): Promise<User | null> {
	const row = await db.get<UserRow>('SELECT * FROM users WHERE email = ?', [normalizeEmail(email)]);
	if (!row) {
		// Hash anyway so response time does not reveal whether the address exists.
		await hashPassword(password);
		return null;
	}
	return (await verifyPassword(row.password_hash, password)) ? toUser(row) : null;
}

// One-time links: the setup link for the first admin, and staff invitations.
const setupLinkLifetimeMs = 24 * 60 * 60 * 1000;
export const staffInviteLifetimeMs = 7 * 24 * 60 * 60 * 1000;

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
			"INSERT INTO one_time_links (token_hash, purpose, role, expires_at) VALUES (?, 'setup', 'admin', ?)",
			[hashToken(token), now + setupLinkLifetimeMs]
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
		"INSERT INTO one_time_links (token_hash, purpose, role, created_by, expires_at) VALUES (?, 'staff', ?, ?, ?)",
		[hashToken(token), role, createdBy, now + staffInviteLifetimeMs]
	);
	return token;
}

export interface OneTimeLink {
	purpose: 'setup' | 'staff';
	role: StaffRole;
}

export async function findOneTimeLink(
	db: Db,
	token: string,
	now = Date.now()
): Promise<OneTimeLink | null> {
	const row = await db.get<{ purpose: 'setup' | 'staff'; role: StaffRole }>(
		'SELECT purpose, role FROM one_time_links WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?',
		[hashToken(token), now]
	);
	return row ?? null;
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
	if (!(await findOneTimeLink(db, token, now))) return { ok: false, error: 'link.invalid' };
	const problem = checkAccount(input);
	if (problem) return { ok: false, error: problem };
	const passwordHash = await hashPassword(input.password);
	const email = normalizeEmail(input.email);
	return db.transaction(async (tx) => {
		const link = await tx.get<{ role: StaffRole; purpose: string }>(
			'SELECT role, purpose FROM one_time_links WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?',
			[hashToken(token), now]
		);
		if (!link) return { ok: false, error: 'link.invalid' } as const;
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
