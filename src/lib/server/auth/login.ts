import { normalizeEmail, verifyLogin, type User } from '../accounts';
import type { Db } from '../db';
import type { LoginLimits } from '../login-limits';

export type LoginOutcome =
	| { ok: true; user: User }
	| { ok: false; reason: 'invalid' }
	| { ok: false; reason: 'throttled'; retryAfterMs: number };

/**
 * One login attempt under the throttle. The attempt reserves its place in both limits before the
 * password is verified (scrypt: 64 MiB and a fraction of a second each), in one synchronous step
 * with the check, so parallel attempts cannot all pass the check while the first one is still
 * hashing: at most `limit` attempts per window ever reach the hash. A success gives the address
 * slot back and clears the account's count; a failure, or an error on the way, keeps both.
 */
export async function attemptLogin(
	db: Db,
	limits: LoginLimits,
	input: { email: string; password: string; address: string }
): Promise<LoginOutcome> {
	const email = normalizeEmail(input.email);
	const accountKey = `${input.address}|${email}`;
	const wait = Math.max(
		limits.address.retryAfter(input.address),
		limits.account.retryAfter(accountKey)
	);
	if (wait > 0) return { ok: false, reason: 'throttled', retryAfterMs: wait };
	const addressSlot = limits.address.reserve(input.address);
	limits.account.reserve(accountKey);

	const user = await verifyLogin(db, email, input.password);
	if (!user) return { ok: false, reason: 'invalid' };
	limits.address.release(input.address, addressSlot);
	limits.account.reset(accountKey);
	return { ok: true, user };
}
