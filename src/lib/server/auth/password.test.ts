import { expect, test } from 'vitest';
import { checkPasswordStrength, hashPassword, verifyPassword } from './password';

test('a hashed password verifies, a wrong one does not', async () => {
	const hash = await hashPassword('Lange-Nacht-im-Kiez');
	expect(hash).toMatch(/^scrypt\$65536\$8\$1\$/);
	expect(hash).not.toContain('Lange-Nacht');
	expect(await verifyPassword(hash, 'Lange-Nacht-im-Kiez')).toBe(true);
	expect(await verifyPassword(hash, 'lange-nacht-im-kiez')).toBe(false);
});

test('the same password hashes differently each time (salted)', async () => {
	expect(await hashPassword('gleiches-passwort')).not.toBe(await hashPassword('gleiches-passwort'));
});

test('a malformed stored hash never verifies', async () => {
	expect(await verifyPassword('', 'x')).toBe(false);
	expect(await verifyPassword('bcrypt$whatever', 'x')).toBe(false);
});

test('passwords must have 10 to 200 characters', () => {
	expect(checkPasswordStrength('kurz')).toBe('password.tooShort');
	expect(checkPasswordStrength('x'.repeat(201))).toBe('password.tooLong');
	expect(checkPasswordStrength('genau-zehn')).toBeNull();
});
