import { afterEach, beforeEach, expect, test } from 'vitest';
import { describeEachStore, type TestStore } from '../../../tests/helpers/stores';
import {
	countUsers,
	createSetupLinkIfNeeded,
	createStaffInvite,
	findOneTimeLink,
	redeemOneTimeLink,
	verifyLogin
} from './accounts';
import { hashPassword } from './auth/password';

const account = {
	name: 'Erste Admin',
	email: 'Admin@Example.org ',
	password: 'ein-gutes-passwort'
};

describeEachStore('staff accounts', (open) => {
	let store: TestStore;
	beforeEach(async () => {
		store = await open();
	});
	afterEach(() => store.dispose());

	test('an empty store gets a setup link that works exactly once', async () => {
		const token = await createSetupLinkIfNeeded(store.db);
		expect(token).toBeTruthy();
		expect(await findOneTimeLink(store.db, token!)).toEqual({ purpose: 'setup', role: 'admin' });
		const first = await redeemOneTimeLink(store.db, token!, account);
		expect(first).toMatchObject({ ok: true, value: { role: 'admin', email: 'admin@example.org' } });
		const again = await redeemOneTimeLink(store.db, token!, { ...account, email: 'b@example.org' });
		expect(again).toEqual({ ok: false, error: 'link.invalid' });
		expect(await createSetupLinkIfNeeded(store.db)).toBeNull();
		expect(await countUsers(store.db)).toBe(1);
	});

	test('a link that does not work is refused before any password is hashed', async () => {
		const setup = await createSetupLinkIfNeeded(store.db);
		const cpuMs = () => {
			const { user, system } = process.cpuUsage();
			return (user + system) / 1000;
		};
		let start = cpuMs();
		await hashPassword(account.password);
		const oneHash = cpuMs() - start;
		start = cpuMs();
		for (const token of [`${setup}x`, 'erfunden', '', 'a'.repeat(500), ...'0123456'])
			expect(await redeemOneTimeLink(store.db, token, account)).toEqual({
				ok: false,
				error: 'link.invalid'
			});
		// Ten refusals cost less CPU time together than one scrypt hash: none of them hashed, so
		// posting to /setup/<anything> cannot keep the server busy.
		expect(cpuMs() - start).toBeLessThan(oneHash);
		expect(await countUsers(store.db)).toBe(0);
	});

	test('a new setup link voids the previous one', async () => {
		const old = await createSetupLinkIfNeeded(store.db);
		const fresh = await createSetupLinkIfNeeded(store.db);
		expect(await findOneTimeLink(store.db, old!)).toBeNull();
		expect(await findOneTimeLink(store.db, fresh!)).not.toBeNull();
	});

	test('two people racing on one link get one account between them', async () => {
		const token = (await createSetupLinkIfNeeded(store.db))!;
		const results = await Promise.all([
			redeemOneTimeLink(store.db, token, { ...account, email: 'a@example.org' }),
			redeemOneTimeLink(store.db, token, { ...account, email: 'b@example.org' })
		]);
		expect(results.filter((r) => r.ok)).toHaveLength(1);
		expect(await countUsers(store.db)).toBe(1);
	});

	test('bad account input is refused and uses nothing up', async () => {
		const token = (await createSetupLinkIfNeeded(store.db))!;
		for (const [input, error] of [
			[{ ...account, name: ' ' }, 'account.nameMissing'],
			[{ ...account, email: 'keine-adresse' }, 'account.emailInvalid'],
			[{ ...account, password: 'kurz' }, 'password.tooShort']
		] as const) {
			expect(await redeemOneTimeLink(store.db, token, input)).toEqual({ ok: false, error });
		}
		expect(await findOneTimeLink(store.db, token)).not.toBeNull();
		expect(await countUsers(store.db)).toBe(0);
	});

	test('staff invitations create accounts with the invited role and expire', async () => {
		const admin = await redeemOneTimeLink(
			store.db,
			(await createSetupLinkIfNeeded(store.db))!,
			account
		);
		if (!admin.ok) throw new Error(admin.error);
		const now = Date.now();
		const token = await createStaffInvite(store.db, 'planner', admin.value.id, now);
		const taken = await redeemOneTimeLink(store.db, token, { ...account, name: 'Doppelt' });
		expect(taken).toEqual({ ok: false, error: 'account.emailTaken' });
		const planner = await redeemOneTimeLink(store.db, token, {
			name: 'Paula Plan',
			email: 'paula@example.org',
			password: 'ein-gutes-passwort'
		});
		expect(planner).toMatchObject({ ok: true, value: { role: 'planner' } });
		const expired = await createStaffInvite(
			store.db,
			'facilitator',
			admin.value.id,
			now - 8 * 86_400_000
		);
		expect(await findOneTimeLink(store.db, expired)).toBeNull();
	});

	test('login checks the password and ignores the e-mail case', async () => {
		await redeemOneTimeLink(store.db, (await createSetupLinkIfNeeded(store.db))!, account);
		expect(await verifyLogin(store.db, 'ADMIN@example.org', 'ein-gutes-passwort')).toMatchObject({
			name: 'Erste Admin'
		});
		expect(await verifyLogin(store.db, 'admin@example.org', 'falsch-falsch')).toBeNull();
		expect(await verifyLogin(store.db, 'niemand@example.org', 'ein-gutes-passwort')).toBeNull();
	});
});
