import type { Db } from './db';
import { hashToken } from './auth/tokens';
import { newId, newToken } from '../ids';
import { can, isStaffRole, type Actor, type StaffRole } from '../domain/roles';

/**
 * API tokens for other systems (a city's reporting, GIS). Like sessions, only the SHA-256 of the
 * token is stored; the token itself is shown once. A token acts as the planner who made it, so it
 * stops working when that account loses the planner role or is deleted.
 */
export const apiScopes = ['read', 'write'] as const;
export type ApiScope = (typeof apiScopes)[number];

export interface ApiToken {
	id: string;
	name: string;
	scope: ApiScope;
	createdBy: string;
	createdByName: string;
	createdAt: number;
	lastUsedAt: number | null;
	revokedAt: number | null;
}

export interface ValidApiToken {
	tokenId: string;
	scope: ApiScope;
	actor: Extract<Actor, { kind: 'staff' }>;
}

export function isApiScope(value: unknown): value is ApiScope {
	return apiScopes.includes(value as ApiScope);
}

export async function createApiToken(
	db: Db,
	input: { name: string; scope: ApiScope; createdBy: string },
	now = Date.now()
): Promise<{ token: string; id: string }> {
	const token = `qw_${newToken()}`;
	const id = newId();
	await db.run(
		`INSERT INTO api_tokens (id, name, token_hash, scope, created_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?)`,
		[id, input.name, hashToken(token), input.scope, input.createdBy, now]
	);
	return { token, id };
}

/** Every token (admins) or the tokens one person made (planners). */
export async function listApiTokens(db: Db, createdBy?: string): Promise<ApiToken[]> {
	const rows = await db.all<{
		id: string;
		name: string;
		scope: ApiScope;
		created_by: string;
		user_name: string;
		created_at: number;
		last_used_at: number | null;
		revoked_at: number | null;
	}>(
		`SELECT t.id, t.name, t.scope, t.created_by, u.name AS user_name, t.created_at, t.last_used_at,
			t.revoked_at
		FROM api_tokens t JOIN users u ON u.id = t.created_by
		${createdBy ? 'WHERE t.created_by = ?' : ''}
		ORDER BY t.revoked_at IS NOT NULL, t.created_at DESC`,
		createdBy ? [createdBy] : []
	);
	return rows.map((row) => ({
		id: row.id,
		name: row.name,
		scope: row.scope,
		createdBy: row.created_by,
		createdByName: row.user_name,
		createdAt: Number(row.created_at),
		lastUsedAt: row.last_used_at === null ? null : Number(row.last_used_at),
		revokedAt: row.revoked_at === null ? null : Number(row.revoked_at)
	}));
}

/** Revokes a token of `createdBy` (any token when null: admins). False if none was revoked. */
export async function revokeApiToken(
	db: Db,
	id: string,
	createdBy: string | null,
	now = Date.now()
): Promise<boolean> {
	const { changes } = await db.run(
		`UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL
		${createdBy ? 'AND created_by = ?' : ''}`,
		createdBy ? [now, id, createdBy] : [now, id]
	);
	return changes > 0;
}

/** "Last used" is written at most once a minute: a busy client must not turn reads into writes. */
const lastUsedResolutionMs = 60_000;

export async function validateApiToken(
	db: Db,
	token: string,
	now = Date.now()
): Promise<ValidApiToken | null> {
	if (!/^qw_[a-z0-9]{20,64}$/.test(token)) return null;
	const row = await db.get<{
		id: string;
		scope: ApiScope;
		revoked_at: number | null;
		last_used_at: number | null;
		user_id: string;
		name: string;
		role: string;
	}>(
		`SELECT t.id, t.scope, t.revoked_at, t.last_used_at, u.id AS user_id, u.name, u.role
		FROM api_tokens t JOIN users u ON u.id = t.created_by WHERE t.token_hash = ?`,
		[hashToken(token)]
	);
	if (!row || row.revoked_at !== null || !isStaffRole(row.role)) return null;
	const actor = {
		kind: 'staff',
		userId: row.user_id,
		name: row.name,
		role: row.role as StaffRole
	} as const;
	if (!can(actor, 'measures.api')) return null;
	if (row.last_used_at === null || now - Number(row.last_used_at) > lastUsedResolutionMs)
		await db.run('UPDATE api_tokens SET last_used_at = ? WHERE id = ?', [now, row.id]);
	return { tokenId: row.id, scope: row.scope, actor };
}
