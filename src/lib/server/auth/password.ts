import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * scrypt from node:crypto: memory-hard and without a native add-on.
 * N = 2^16, r = 8 costs 64 MiB and ~0.2 s per hash: slow for an attacker's GPU, fine for a login.
 * Parameters are stored with the hash so they can be raised later without breaking old hashes.
 */
const defaults = { N: 2 ** 16, r: 8, p: 1 };
const keyLength = 32;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
	const maxmem = 256 * (options.N ?? 0) * (options.r ?? 0) + 1024 * 1024;
	return new Promise((resolve, reject) =>
		scrypt(password.normalize('NFKC'), salt, keyLength, { ...options, maxmem }, (error, key) =>
			error ? reject(error) : resolve(key)
		)
	);
}

export async function hashPassword(password: string): Promise<string> {
	const salt = randomBytes(16);
	const key = await derive(password, salt, defaults);
	const { N, r, p } = defaults;
	return ['scrypt', N, r, p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
	const [scheme, N, r, p, salt, key] = hash.split('$');
	if (scheme !== 'scrypt' || !key) return false;
	const expected = Buffer.from(key, 'base64');
	const actual = await derive(password, Buffer.from(salt, 'base64'), {
		N: Number(N),
		r: Number(r),
		p: Number(p)
	});
	return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Rules every staff password must meet; returns a message key or null. */
export function checkPasswordStrength(
	password: string
): 'password.tooShort' | 'password.tooLong' | null {
	if (password.length < 10) return 'password.tooShort';
	if (password.length > 200) return 'password.tooLong';
	return null;
}
