import { afterEach, beforeEach, expect, test } from 'vitest';
import { describeEachStore, type TestStore } from '../../../tests/helpers/stores';
import { createStaff } from '../../../tests/helpers/fixtures';
import { createAccessEvents, type AccessChange } from './access-events';
import {
	countUsers,
	createResetLink,
	createSetupLinkIfNeeded,
	createStaffInvite,
	findOneTimeLink,
	redeemOneTimeLink,
	resetPasswordWithLink,
	verifyLogin,
	type User
} from './accounts';
import { hashPassword } from './auth/password';
import { createSession, validateSessionToken } from './auth/session';
import { hashToken } from './auth/tokens';
import {
	changeStaffRole,
	deactivateStaff,
	listPendingLinks,
	listStaff,
	reactivateStaff,
	revokePendingLink
} from './staff-admin';

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

/** The password tests/helpers/fixtures.ts gives every account it makes. */
const fixturePassword = 'ein-gutes-passwort';
const hour = 3_600_000;

const cpuMs = () => {
	const { user, system } = process.cpuUsage();
	return (user + system) / 1000;
};

describeEachStore('staff administration', (open) => {
	let store: TestStore;
	/** What the admin's changes told the sync engine. */
	let changes: AccessChange[];
	let services: { db: TestStore['db']; access: ReturnType<typeof createAccessEvents> };
	let admin: User;
	let fritz: User;
	beforeEach(async () => {
		store = await open();
		changes = [];
		const access = createAccessEvents();
		access.subscribe((change) => changes.push(change));
		services = { db: store.db, access };
		admin = await createStaff(store.db, 'admin', 'Ada Admin');
		fritz = await createStaff(store.db, 'facilitator', 'Fritz Moderation');
	});
	afterEach(() => store.dispose());

	const login = (user: User, password = fixturePassword) =>
		verifyLogin(store.db, user.email, password);
	const sessionOf = async (user: User) =>
		(await createSession(store.db, { userId: user.id })).token;
	const sessionCount = async (user: User) =>
		Number(
			(
				await store.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM sessions WHERE user_id = ?', [
					user.id
				])
			)?.n
		);

	test('a deactivated account is refused at login like a wrong password, after the same hashing', async () => {
		expect(await login(fritz)).toMatchObject({ id: fritz.id });
		expect(await deactivateStaff(services, fritz.id)).toMatchObject({ ok: true });
		let start = cpuMs();
		expect(await login(fritz, 'falsch-falsch-falsch')).toBeNull();
		const wrongPassword = cpuMs() - start;
		start = cpuMs();
		expect(await login(fritz)).toBeNull();
		const deactivated = cpuMs() - start;
		// Both ran one scrypt hash: an early answer would tell that the account exists but is off.
		expect(deactivated).toBeGreaterThan(wrongPassword / 2);
		expect(await listStaff(store.db)).toContainEqual(
			expect.objectContaining({ id: fritz.id, deactivatedAt: expect.any(Number) })
		);
	});

	test('deactivating ends every session of the account and tells the sync engine', async () => {
		const [laptop, phone] = [await sessionOf(fritz), await sessionOf(fritz)];
		const adminSession = await sessionOf(admin);
		await deactivateStaff(services, fritz.id);
		expect(await validateSessionToken(store.db, laptop)).toBeNull();
		expect(await validateSessionToken(store.db, phone)).toBeNull();
		expect(await sessionCount(fritz)).toBe(0);
		expect(changes).toEqual([{ userId: fritz.id }]);
		expect(await validateSessionToken(store.db, adminSession)).not.toBeNull();
	});

	test('a reactivated account logs in again with its password', async () => {
		await deactivateStaff(services, fritz.id);
		expect(await deactivateStaff(services, fritz.id)).toEqual({
			ok: false,
			error: 'staff.alreadyDeactivated'
		});
		expect(await reactivateStaff(store.db, fritz.id)).toMatchObject({
			ok: true,
			value: { deactivatedAt: null }
		});
		expect(await reactivateStaff(store.db, fritz.id)).toEqual({
			ok: false,
			error: 'staff.alreadyActive'
		});
		expect(await login(fritz)).toMatchObject({ id: fritz.id });
	});

	test('the last active admin can be neither deactivated nor demoted, not even by themselves', async () => {
		expect(await deactivateStaff(services, admin.id)).toEqual({
			ok: false,
			error: 'staff.lastAdmin'
		});
		expect(await changeStaffRole(services, admin.id, 'planner')).toEqual({
			ok: false,
			error: 'staff.lastAdmin'
		});
		// A second admin makes it possible, until that one is the last.
		await changeStaffRole(services, fritz.id, 'admin');
		expect(await changeStaffRole(services, admin.id, 'facilitator')).toMatchObject({ ok: true });
		expect(await deactivateStaff(services, fritz.id)).toEqual({
			ok: false,
			error: 'staff.lastAdmin'
		});
		// A deactivated admin does not count as one who could manage the team.
		await changeStaffRole(services, admin.id, 'admin');
		await deactivateStaff(services, admin.id);
		expect(await changeStaffRole(services, fritz.id, 'planner')).toEqual({
			ok: false,
			error: 'staff.lastAdmin'
		});
		expect((await listStaff(store.db)).find((u) => u.id === fritz.id)).toMatchObject({
			role: 'admin',
			deactivatedAt: null
		});
		expect(changes).toHaveLength(4);
	});

	test('two admins switching each other off at the same moment leave one of them', async () => {
		await changeStaffRole(services, fritz.id, 'admin');
		// PostgreSQL: open pooled connections first, so both transactions really run side by side
		// instead of the second waiting for its connection until the first is done.
		if (store.db.kind === 'postgres')
			await Promise.all(
				[1, 2, 3].map(() => store.db.transaction((tx) => tx.get('SELECT pg_sleep(0.05)')))
			);
		const results = await Promise.all([
			deactivateStaff(services, admin.id),
			deactivateStaff(services, fritz.id)
		]);
		expect(results.filter((r) => r.ok)).toHaveLength(1);
		expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, error: 'staff.lastAdmin' }]);
		const active = (await listStaff(store.db)).filter((u) => u.deactivatedAt === null);
		expect(active.map((u) => u.role)).toEqual(['admin']);
	});

	test('a role change ends the sessions at once, and the next session has the new role', async () => {
		const old = await sessionOf(fritz);
		expect((await validateSessionToken(store.db, old))?.actor).toMatchObject({
			role: 'facilitator'
		});
		const result = await changeStaffRole(services, fritz.id, 'planner');
		expect(result).toMatchObject({
			ok: true,
			value: { changed: true, member: { role: 'planner' } }
		});
		expect(await validateSessionToken(store.db, old)).toBeNull();
		expect(changes).toEqual([{ userId: fritz.id }]);
		const fresh = await sessionOf(fritz);
		expect((await validateSessionToken(store.db, fresh))?.actor).toMatchObject({ role: 'planner' });
		// Saving the same role again changes nothing and keeps the person logged in.
		expect(await changeStaffRole(services, fritz.id, 'planner')).toMatchObject({
			ok: true,
			value: { changed: false }
		});
		expect(await validateSessionToken(store.db, fresh)).not.toBeNull();
		expect(changes).toHaveLength(1);
	});

	test('ids the store does not know are refused', async () => {
		for (const id of ['', 'niemand', admin.id.replace(/.$/, '_')]) {
			expect(await deactivateStaff(services, id)).toEqual({ ok: false, error: 'staff.notFound' });
			expect(await reactivateStaff(store.db, id)).toEqual({ ok: false, error: 'staff.notFound' });
			expect(await changeStaffRole(services, id, 'admin')).toEqual({
				ok: false,
				error: 'staff.notFound'
			});
			expect(await createResetLink(store.db, id, admin.id)).toEqual({
				ok: false,
				error: 'staff.notFound'
			});
		}
		expect(await revokePendingLink(store.db, hashToken('erfunden'))).toEqual({
			ok: false,
			error: 'staff.linkGone'
		});
		expect(changes).toEqual([]);
	});

	test('a reset link sets a new password once and ends every session of the account', async () => {
		const old = await sessionOf(fritz);
		const made = await createResetLink(store.db, fritz.id, admin.id);
		if (!made.ok) throw new Error(made.error);
		expect(made.value.name).toBe('Fritz Moderation');
		const token = made.value.token;
		expect(await findOneTimeLink(store.db, token)).toEqual({
			purpose: 'reset',
			userId: fritz.id,
			name: 'Fritz Moderation',
			email: fritz.email
		});
		expect(await resetPasswordWithLink(services, token, 'kurz')).toEqual({
			ok: false,
			error: 'password.tooShort'
		});
		expect(await validateSessionToken(store.db, old)).not.toBeNull();
		const done = await resetPasswordWithLink(services, token, 'ganz-neues-passwort');
		expect(done).toMatchObject({ ok: true, value: { id: fritz.id, role: 'facilitator' } });
		expect(await validateSessionToken(store.db, old)).toBeNull();
		expect(changes).toEqual([{ userId: fritz.id }]);
		expect(await login(fritz)).toBeNull();
		expect(await login(fritz, 'ganz-neues-passwort')).toMatchObject({ id: fritz.id });
		expect(await resetPasswordWithLink(services, token, 'noch-ein-passwort')).toEqual({
			ok: false,
			error: 'link.invalid'
		});
		expect(await login(fritz, 'ganz-neues-passwort')).toMatchObject({ id: fritz.id });
	});

	test('two racing reset submissions: one wins, and its password is the one that works', async () => {
		const made = await createResetLink(store.db, fritz.id, admin.id);
		if (!made.ok) throw new Error(made.error);
		const passwords = ['erstes-neues-passwort', 'zweites-neues-passwort'];
		const results = await Promise.all(
			passwords.map((password) => resetPasswordWithLink(services, made.value.token, password))
		);
		expect(results.filter((r) => r.ok)).toHaveLength(1);
		expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, error: 'link.invalid' }]);
		const winner = passwords[results.findIndex((r) => r.ok)];
		const loser = passwords[results.findIndex((r) => !r.ok)];
		expect(await login(fritz, winner)).toMatchObject({ id: fritz.id });
		expect(await login(fritz, loser)).toBeNull();
	});

	test('a new reset link replaces the older unused one, and it lasts a day', async () => {
		const now = Date.now();
		const first = await createResetLink(store.db, fritz.id, admin.id, now);
		const second = await createResetLink(store.db, fritz.id, admin.id, now);
		if (!first.ok || !second.ok) throw new Error('no reset link');
		expect(await findOneTimeLink(store.db, first.value.token)).toBeNull();
		expect(await findOneTimeLink(store.db, second.value.token, now + 23 * hour)).not.toBeNull();
		expect(await findOneTimeLink(store.db, second.value.token, now + 25 * hour)).toBeNull();
		expect(
			await resetPasswordWithLink(
				services,
				second.value.token,
				'zu-spaet-passwort',
				now + 25 * hour
			)
		).toEqual({ ok: false, error: 'link.invalid' });
		expect(
			(await listPendingLinks(store.db, now)).filter((l) => l.purpose === 'reset')
		).toHaveLength(1);
	});

	test('the reset link of a deactivated account does not work, not even after reactivation', async () => {
		const made = await createResetLink(store.db, fritz.id, admin.id);
		if (!made.ok) throw new Error(made.error);
		await deactivateStaff(services, fritz.id);
		expect(await findOneTimeLink(store.db, made.value.token)).toBeNull();
		expect(await resetPasswordWithLink(services, made.value.token, 'ganz-neues-passwort')).toEqual({
			ok: false,
			error: 'link.invalid'
		});
		expect(await createResetLink(store.db, fritz.id, admin.id)).toEqual({
			ok: false,
			error: 'staff.resetDeactivated'
		});
		await reactivateStaff(store.db, fritz.id);
		expect(await findOneTimeLink(store.db, made.value.token)).toBeNull();
		expect(await login(fritz)).toMatchObject({ id: fritz.id });
	});

	test('a reset link never creates an account, and an invitation never resets a password', async () => {
		const reset = await createResetLink(store.db, fritz.id, admin.id);
		if (!reset.ok) throw new Error(reset.error);
		const newcomer = { name: 'Neu', email: 'neu@example.org', password: 'ein-gutes-passwort' };
		expect(await redeemOneTimeLink(store.db, reset.value.token, newcomer)).toEqual({
			ok: false,
			error: 'link.invalid'
		});
		const invite = await createStaffInvite(store.db, 'admin', admin.id);
		expect(await resetPasswordWithLink(services, invite, 'ganz-neues-passwort')).toEqual({
			ok: false,
			error: 'link.invalid'
		});
		expect(await findOneTimeLink(store.db, invite)).toEqual({ purpose: 'staff', role: 'admin' });
		expect(await countUsers(store.db)).toBe(2);
	});

	test('open invitations and reset links are listed with their maker; a revoked one is refused', async () => {
		const now = Date.now();
		const invite = await createStaffInvite(store.db, 'planner', admin.id, now);
		const reset = await createResetLink(store.db, fritz.id, admin.id, now);
		if (!reset.ok) throw new Error(reset.error);
		// Neither used nor expired links are open any more.
		const used = await createStaffInvite(store.db, 'planner', admin.id, now);
		await redeemOneTimeLink(store.db, used, {
			name: 'Paula Plan',
			email: 'paula@example.org',
			password: fixturePassword
		});
		await createStaffInvite(store.db, 'planner', admin.id, now - 8 * 24 * hour);

		const links = await listPendingLinks(store.db, now);
		expect(links).toHaveLength(2);
		expect(links).toContainEqual({
			tokenHash: hashToken(invite),
			purpose: 'staff',
			role: 'planner',
			createdByName: 'Ada Admin',
			createdAt: now,
			expiresAt: now + 7 * 24 * hour
		});
		expect(links).toContainEqual({
			tokenHash: hashToken(reset.value.token),
			purpose: 'reset',
			userName: 'Fritz Moderation',
			createdByName: 'Ada Admin',
			createdAt: now,
			expiresAt: now + 24 * hour
		});

		expect(await revokePendingLink(store.db, hashToken(invite))).toEqual({
			ok: true,
			value: undefined
		});
		expect(await findOneTimeLink(store.db, invite)).toBeNull();
		const late = { name: 'Zu Spät', email: 'spaet@example.org', password: fixturePassword };
		expect(await redeemOneTimeLink(store.db, invite, late)).toEqual({
			ok: false,
			error: 'link.invalid'
		});
		expect(await revokePendingLink(store.db, hashToken(invite))).toEqual({
			ok: false,
			error: 'staff.linkGone'
		});
		// A used link is history, not something to revoke.
		expect(await revokePendingLink(store.db, hashToken(used))).toEqual({
			ok: false,
			error: 'staff.linkGone'
		});
		expect(await revokePendingLink(store.db, hashToken(reset.value.token))).toMatchObject({
			ok: true
		});
		expect(await resetPasswordWithLink(services, reset.value.token, 'ganz-neues-passwort')).toEqual(
			{
				ok: false,
				error: 'link.invalid'
			}
		);
		expect(await listPendingLinks(store.db, now)).toEqual([]);
	});

	test('every one-time link records when it was made', async () => {
		await store.db.run('DELETE FROM users');
		const now = Date.now();
		const setup = await createSetupLinkIfNeeded(store.db, now);
		const first = await redeemOneTimeLink(store.db, setup!, account);
		if (!first.ok) throw new Error(first.error);
		const invite = await createStaffInvite(store.db, 'facilitator', first.value.id, now + 1);
		const reset = await createResetLink(store.db, first.value.id, first.value.id, now + 2);
		if (!reset.ok) throw new Error(reset.error);
		const createdAt = async (token: string) =>
			Number(
				(
					await store.db.get<{ created_at: number }>(
						'SELECT created_at FROM one_time_links WHERE token_hash = ?',
						[hashToken(token)]
					)
				)?.created_at
			);
		expect(await createdAt(setup!)).toBe(now);
		expect(await createdAt(invite)).toBe(now + 1);
		expect(await createdAt(reset.value.token)).toBe(now + 2);
	});
});
