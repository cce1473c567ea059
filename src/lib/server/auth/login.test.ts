import { afterEach, beforeEach, expect, test } from 'vitest';
import { createStaff } from '../../../../tests/helpers/fixtures';
import { openSqliteStore, type TestStore } from '../../../../tests/helpers/stores';
import { createLoginLimits } from '../login-limits';
import { attemptLogin } from './login';

let store: TestStore;
beforeEach(async () => {
	store = await openSqliteStore();
});
afterEach(() => store.dispose());

const password = 'ein-gutes-passwort';
// Small limits: each verified attempt costs a full scrypt hash (64 MiB, a fraction of a second).
const small = { perAccount: 3, perAddress: 5 };

test('parallel wrong passwords: no more reach the password check than the limit allows', async () => {
	const user = await createStaff(store.db, 'facilitator', 'Mia');
	const limits = createLoginLimits(small);
	const tries = 8;
	const outcomes = await Promise.all(
		Array.from({ length: tries }, (_, i) =>
			attemptLogin(store.db, limits, {
				email: user.email,
				password: `falsch-${i}-passwort`,
				address: '198.51.100.7'
			})
		)
	);
	// Only a verified attempt can say "invalid"; the rest were turned away before hashing.
	const verified = outcomes.filter((o) => !o.ok && o.reason === 'invalid').length;
	expect(verified).toBe(limits.account.limit);
	expect(outcomes.filter((o) => !o.ok && o.reason === 'throttled')).toHaveLength(
		tries - limits.account.limit
	);
	// The right password is refused too while the account is throttled.
	const right = await attemptLogin(store.db, limits, {
		email: user.email,
		password,
		address: '198.51.100.7'
	});
	expect(right).toMatchObject({ ok: false, reason: 'throttled' });
});

test('the address limit holds across many e-mail addresses sent at once', async () => {
	const limits = createLoginLimits(small);
	const tries = limits.address.limit + 4;
	const outcomes = await Promise.all(
		Array.from({ length: tries }, (_, i) =>
			attemptLogin(store.db, limits, {
				email: `niemand${i}@example.org`,
				password: 'falsches-passwort',
				address: '203.0.113.9'
			})
		)
	);
	expect(outcomes.filter((o) => !o.ok && o.reason === 'invalid')).toHaveLength(
		limits.address.limit
	);
});

test('a successful login frees its slot and clears the account count', async () => {
	const user = await createStaff(store.db, 'planner', 'Ole');
	const limits = createLoginLimits(small);
	const address = '192.0.2.44';
	const attempt = (pw: string) =>
		attemptLogin(store.db, limits, { email: user.email, password: pw, address });
	for (let i = 0; i < limits.account.limit - 1; i++)
		expect(await attempt('falsches-passwort')).toMatchObject({ reason: 'invalid' });
	const ok = await attempt(password);
	expect(ok).toMatchObject({ ok: true, user: { id: user.id } });
	// The account starts over: a full round of wrong passwords before the next lock.
	for (let i = 0; i < limits.account.limit; i++)
		expect(await attempt('falsches-passwort')).toMatchObject({ reason: 'invalid' });
	expect(await attempt(password)).toMatchObject({ reason: 'throttled' });
	// Another address is not locked out by this one's failures.
	expect(
		await attemptLogin(store.db, limits, { email: user.email, password, address: '192.0.2.45' })
	).toMatchObject({ ok: true });
});
