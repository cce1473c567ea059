import { hashToken } from './auth/tokens';
import { FailureLimiter } from './auth/rate-limit';
import type { Db } from './db';
import { createInvite, type InviteLookup } from './invites';

/**
 * Short join codes for the projector: six characters people type from the screen at the back of a
 * room (`/j/K7M2QX`). The alphabet leaves out 0/O and 1/I, which are read wrongly from afar.
 *
 * Guessing: 32^6 ≈ 1.07 billion codes. A workshop has a handful of live codes, and each address may
 * get 10 wrong in 15 minutes (and all addresses together 2,000), so even a thousand live codes
 * would take a single address about 400 years on average, and everyone together about 5 months,
 * while a code lives 12 hours at most.
 */
export const joinCodeAlphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const joinCodeLength = 6;
/** A projector shows a code for one session's day; a new one is made each time the view opens. */
export const joinCodeLifetimeMs = 12 * 60 * 60 * 1000;
/** Codes kept per invite: every opening of the projector view makes one. */
const liveCodesPerInvite = 5;

export const joinCodeGuesses = {
	address: new FailureLimiter(10, 15 * 60 * 1000),
	everyone: new FailureLimiter(2000, 15 * 60 * 1000)
};

export function newJoinCode(): string {
	// 256 is a multiple of 32, so `byte % 32` picks every character equally often.
	const bytes = crypto.getRandomValues(new Uint8Array(joinCodeLength));
	return Array.from(bytes, (byte) => joinCodeAlphabet[byte % joinCodeAlphabet.length]).join('');
}

/** What people type, as stored: capitals, without spaces or dashes; null if it cannot be a code. */
export function normalizeJoinCode(input: string): string | null {
	const code = input.slice(0, 40).toUpperCase().replace(/[\s-]/g, '');
	if (code.length !== joinCodeLength) return null;
	for (const char of code) if (!joinCodeAlphabet.includes(char)) return null;
	return code;
}

/**
 * A fresh code for the workshop's newest open participant invite. Without one, a staff member
 * (`createdBy`) gets a "Beamer" invite made for the day; a projector opened by an observer link
 * gets null and shows no code.
 */
export async function mintJoinCode(
	db: Db,
	workshopId: string,
	createdBy: string | null,
	now = Date.now()
): Promise<{ code: string; expiresAt: number } | null> {
	let invite = await db.get<{ id: string; expires_at: number }>(
		`SELECT id, expires_at FROM invites WHERE workshop_id = ? AND role = 'participant'
		AND revoked_at IS NULL AND expires_at > ? ORDER BY created_at DESC LIMIT 1`,
		[workshopId, now + 60_000]
	);
	if (!invite) {
		if (!createdBy) return null;
		const made = await createInvite(
			db,
			{
				workshopId,
				role: 'participant',
				label: 'Beamer',
				lifetimeMs: joinCodeLifetimeMs,
				createdBy
			},
			now
		);
		invite = { id: made.invite.id, expires_at: made.invite.expiresAt };
	}
	const code = newJoinCode();
	const expiresAt = Math.min(Number(invite.expires_at), now + joinCodeLifetimeMs);
	await db.transaction(async (tx) => {
		await tx.run('DELETE FROM join_codes WHERE expires_at <= ?', [now]);
		await tx.run(
			`DELETE FROM join_codes WHERE invite_id = ? AND code_hash NOT IN (
				SELECT code_hash FROM join_codes WHERE invite_id = ? ORDER BY created_at DESC LIMIT ?)`,
			[invite.id, invite.id, liveCodesPerInvite - 1]
		);
		await tx.run(
			'INSERT INTO join_codes (code_hash, invite_id, expires_at, created_at) VALUES (?, ?, ?, ?)',
			[hashToken(code), invite.id, expiresAt, now]
		);
	});
	return { code, expiresAt };
}

/** The invite behind a code, checked as an invite link is (revoked, expired). */
export async function findJoinCode(db: Db, input: string, now = Date.now()): Promise<InviteLookup> {
	const code = normalizeJoinCode(input);
	if (!code) return { ok: false, error: 'invite.unknown' };
	const row = await db.get<{
		id: string;
		workshop_id: string;
		role: 'participant' | 'observer';
		code_expires: number;
		expires_at: number;
		revoked_at: number | null;
		title: string;
	}>(
		`SELECT i.id, i.workshop_id, i.role, c.expires_at AS code_expires, i.expires_at, i.revoked_at, w.title
		FROM join_codes c JOIN invites i ON i.id = c.invite_id JOIN workshops w ON w.id = i.workshop_id
		WHERE c.code_hash = ?`,
		[hashToken(code)]
	);
	if (!row) return { ok: false, error: 'invite.unknown' };
	if (row.revoked_at !== null) return { ok: false, error: 'invite.revoked' };
	if (Number(row.code_expires) <= now || Number(row.expires_at) <= now)
		return { ok: false, error: 'invite.expired' };
	return {
		ok: true,
		invite: { id: row.id, workshopId: row.workshop_id, role: row.role, workshopTitle: row.title }
	};
}

/**
 * Milliseconds this address must wait before trying a code again (0: it may try now). A wrong code
 * takes a slot for the address and one for everyone; a right one gives them back.
 */
export function joinCodeWait(address: string, now = Date.now()): number {
	return Math.max(
		joinCodeGuesses.address.retryAfter(address, now),
		joinCodeGuesses.everyone.retryAfter('*', now)
	);
}

export async function checkJoinCode(
	db: Db,
	address: string,
	input: string,
	now = Date.now()
): Promise<InviteLookup | { ok: false; error: 'joinCode.tooMany'; waitMs: number }> {
	const waitMs = joinCodeWait(address, now);
	if (waitMs > 0) return { ok: false, error: 'joinCode.tooMany', waitMs };
	// The slots are taken before the lookup, so parallel guesses cannot all pass the check.
	const slots = [
		[joinCodeGuesses.address, address, joinCodeGuesses.address.reserve(address, now)],
		[joinCodeGuesses.everyone, '*', joinCodeGuesses.everyone.reserve('*', now)]
	] as const;
	const found = await findJoinCode(db, input, now);
	if (found.ok) for (const [limiter, key, slot] of slots) limiter.release(key, slot);
	return found;
}
