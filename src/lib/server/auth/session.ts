import type { Db } from '../db';
import { isGuestRole, isStaffRole, type Actor } from '../../domain/roles';
import { newToken } from '../../ids';
import { isSecureCookieOrigin, siteOrigin } from '../origin';
import type { AppServices } from '../services';
import { hashToken } from './tokens';

/**
 * Sessions after Lucia's guide: the cookie carries a random token, the table only its SHA-256,
 * so a leaked database does not let anyone log in. Expiry slides: a session used in its second half
 * of life is renewed for the full span.
 */
const day = 24 * 60 * 60 * 1000;
export const sessionLifetimeMs = 30 * day;

/** A staff session (account) and a guest session (invite link) can live side by side. */
export type SessionKind = 'staff' | 'guest';
export const sessionKinds: readonly SessionKind[] = ['staff', 'guest'];

/**
 * The cookie a session travels in. Where the browser keeps `Secure` cookies for the site's origin
 * (https, and loopback addresses: see `isSecureCookieOrigin`), the name carries the `__Host-`
 * prefix: the browser then accepts it only with `Secure`, `Path=/` and no `Domain`, set by this
 * very origin, so a page on a sibling subdomain or another port of the same host cannot plant
 * its own session here (a planted guest cookie would make the visitor write as the attacker).
 * On plain http in a local network no prefix is possible; the plain name is used there.
 *
 * Decided by the configured origin (`ORIGIN`, else http://localhost:$PORT), not by each
 * request: the sync server sees only the Cookie header, and app and sync server must agree.
 * Serving to other machines over plain http therefore needs ORIGIN set to that address, as the
 * CSRF check already does. Only the name for this origin is read; a cookie under the other name
 * is ignored, so nobody can fall back to the plantable one.
 */
export function sessionCookieName(kind: SessionKind, origin = siteOrigin()): string {
	const name = kind === 'staff' ? 'qw_session' : 'qw_guest';
	return isSecureCookieOrigin(origin) ? `__Host-${name}` : name;
}

export interface SessionHolder {
	userId?: string;
	participantId?: string;
}

export interface ValidSession {
	id: string;
	expiresAt: number;
	actor: Actor;
}

export async function createSession(
	db: Db,
	holder: SessionHolder,
	now = Date.now()
): Promise<{ token: string; expiresAt: number }> {
	const token = newToken();
	const expiresAt = now + sessionLifetimeMs;
	await db.run(
		'INSERT INTO sessions (id, user_id, participant_id, expires_at) VALUES (?, ?, ?, ?)',
		[hashToken(token), holder.userId ?? null, holder.participantId ?? null, expiresAt]
	);
	return { token, expiresAt };
}

interface SessionRow {
	id: string;
	expires_at: number;
	user_id: string | null;
	user_name: string | null;
	user_role: string | null;
	participant_id: string | null;
	workshop_id: string | null;
	display_name: string | null;
	participant_role: string | null;
	invite_revoked_at: number | null;
	user_deactivated_at: number | null;
	participant_removed_at: number | null;
}

/**
 * The actor behind a token, or null. Guests lose access the moment their invite is revoked or
 * they are removed; staff the moment their account is deactivated.
 */
export async function validateSessionToken(
	db: Db,
	token: string,
	now = Date.now()
): Promise<ValidSession | null> {
	const id = hashToken(token);
	const row = await db.get<SessionRow>(
		`SELECT s.id, s.expires_at, u.id AS user_id, u.name AS user_name, u.role AS user_role,
			p.id AS participant_id, p.workshop_id, p.display_name, p.role AS participant_role,
			i.revoked_at AS invite_revoked_at, u.deactivated_at AS user_deactivated_at,
			p.removed_at AS participant_removed_at
		FROM sessions s
		LEFT JOIN users u ON u.id = s.user_id
		LEFT JOIN participants p ON p.id = s.participant_id
		LEFT JOIN invites i ON i.id = p.invite_id
		WHERE s.id = ?`,
		[id]
	);
	if (!row) return null;
	if (now >= row.expires_at) {
		await db.run('DELETE FROM sessions WHERE id = ?', [id]);
		return null;
	}
	const actor = actorFrom(row);
	if (!actor) return null;
	let expiresAt = row.expires_at;
	if (now >= expiresAt - sessionLifetimeMs / 2) {
		expiresAt = now + sessionLifetimeMs;
		await db.run('UPDATE sessions SET expires_at = ? WHERE id = ?', [expiresAt, id]);
	}
	return { id, expiresAt, actor };
}

function actorFrom(row: SessionRow): Actor | null {
	if (row.user_id && isStaffRole(row.user_role) && row.user_deactivated_at === null) {
		return { kind: 'staff', userId: row.user_id, name: row.user_name ?? '', role: row.user_role };
	}
	if (
		row.participant_id &&
		row.workshop_id &&
		isGuestRole(row.participant_role) &&
		row.invite_revoked_at === null &&
		row.participant_removed_at === null
	) {
		return {
			kind: 'guest',
			participantId: row.participant_id,
			workshopId: row.workshop_id,
			displayName: row.display_name,
			role: row.participant_role
		};
	}
	return null;
}

/** Ending sessions also tells the sync engine, which closes their live connections. */
type Ending = Pick<AppServices, 'db' | 'access'>;

export async function invalidateSession({ db, access }: Ending, sessionId: string): Promise<void> {
	await db.run('DELETE FROM sessions WHERE id = ?', [sessionId]);
	access.announce({ sessionId });
}

export async function invalidateUserSessions(
	{ db, access }: Ending,
	userId: string
): Promise<void> {
	await db.run('DELETE FROM sessions WHERE user_id = ?', [userId]);
	access.announce({ userId });
}

/** Reads the cookies of a request header, for the WebSocket upgrade (no SvelteKit there). */
export function parseCookies(header: string | undefined): Map<string, string> {
	const cookies = new Map<string, string>();
	for (const raw of (header ?? '').split(';')) {
		const part = raw.trim();
		const eq = part.indexOf('=');
		if (eq < 1) continue;
		const name = part.slice(0, eq).trim();
		try {
			cookies.set(name, decodeURIComponent(part.slice(eq + 1).trim()));
		} catch {
			// A malformed cookie is ignored, never fatal.
		}
	}
	return cookies;
}

/** Staff session first, then the guest session: one browser may hold both. */
export async function authenticateCookies(
	db: Db,
	cookieHeader: string | undefined,
	origin = siteOrigin()
): Promise<ValidSession | null> {
	const cookies = parseCookies(cookieHeader);
	for (const kind of sessionKinds) {
		const token = cookies.get(sessionCookieName(kind, origin));
		if (!token) continue;
		const session = await validateSessionToken(db, token);
		if (session) return session;
	}
	return null;
}
