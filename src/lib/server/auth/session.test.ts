import { afterEach, beforeEach, expect, test } from 'vitest';
import { describeEachStore, type TestStore } from '../../../../tests/helpers/stores';
import { createStaff, createTestWorkshop, joinAsGuest } from '../../../../tests/helpers/fixtures';
import { createAccessEvents, type AccessChange } from '../access-events';
import { revokeInvite } from '../invites';
import {
	authenticateCookies,
	createSession,
	invalidateSession,
	invalidateUserSessions,
	parseCookies,
	sessionCookieName,
	sessionLifetimeMs,
	validateSessionToken
} from './session';
import { hashToken } from './tokens';

describeEachStore('sessions', (open) => {
	let store: TestStore;
	beforeEach(async () => {
		store = await open();
	});
	afterEach(() => store.dispose());

	test('only the hash of the token is stored', async () => {
		const user = await createStaff(store.db, 'admin');
		const { token } = await createSession(store.db, { userId: user.id });
		const rows = await store.db.all<{ id: string }>('SELECT id FROM sessions');
		expect(rows).toEqual([{ id: hashToken(token) }]);
		expect(JSON.stringify(rows)).not.toContain(token);
	});

	test('a valid token yields the staff actor; an unknown token yields nothing', async () => {
		const user = await createStaff(store.db, 'facilitator', 'Mia');
		const { token } = await createSession(store.db, { userId: user.id });
		const session = await validateSessionToken(store.db, token);
		expect(session?.actor).toEqual({
			kind: 'staff',
			userId: user.id,
			name: 'Mia',
			role: 'facilitator'
		});
		expect(await validateSessionToken(store.db, token + 'x')).toBeNull();
	});

	test('expiry slides forward in the second half of life and ends a session after it', async () => {
		const user = await createStaff(store.db, 'planner');
		const start = 1_000_000;
		const { token, expiresAt } = await createSession(store.db, { userId: user.id }, start);
		const early = await validateSessionToken(store.db, token, start + 1000);
		expect(early?.expiresAt).toBe(expiresAt);
		const late = start + sessionLifetimeMs * 0.75;
		const renewed = await validateSessionToken(store.db, token, late);
		expect(renewed?.expiresAt).toBe(late + sessionLifetimeMs);
		expect(await validateSessionToken(store.db, token, late + sessionLifetimeMs)).toBeNull();
		expect(await store.db.all('SELECT id FROM sessions')).toEqual([]);
	});

	test('logout and "log out everywhere" end sessions and tell the sync engine', async () => {
		const user = await createStaff(store.db, 'admin');
		const a = await createSession(store.db, { userId: user.id });
		const b = await createSession(store.db, { userId: user.id });
		const access = createAccessEvents();
		const changes: AccessChange[] = [];
		access.subscribe((change) => changes.push(change));
		await invalidateSession({ db: store.db, access }, hashToken(a.token));
		expect(await validateSessionToken(store.db, a.token)).toBeNull();
		expect(await validateSessionToken(store.db, b.token)).not.toBeNull();
		await invalidateUserSessions({ db: store.db, access }, user.id);
		expect(await validateSessionToken(store.db, b.token)).toBeNull();
		expect(changes).toEqual([{ sessionId: hashToken(a.token) }, { userId: user.id }]);
	});

	test('a guest session is scoped to its workshop and ends when its invite is revoked', async () => {
		const facilitator = await createStaff(store.db, 'facilitator');
		const workshop = await createTestWorkshop(store.db, facilitator);
		const guest = await joinAsGuest(store.db, workshop, facilitator, { name: 'Kemal' });
		const session = await validateSessionToken(store.db, guest.sessionToken);
		expect(session?.actor).toMatchObject({
			kind: 'guest',
			workshopId: workshop.id,
			displayName: 'Kemal',
			role: 'participant'
		});
		await revokeInvite({ db: store.db, access: createAccessEvents() }, workshop.id, guest.inviteId);
		expect(await validateSessionToken(store.db, guest.sessionToken)).toBeNull();
	});

	test('cookies: staff session wins over guest session; garbage is ignored', async () => {
		const admin = await createStaff(store.db, 'admin');
		const workshop = await createTestWorkshop(store.db, admin);
		const guest = await joinAsGuest(store.db, workshop, admin);
		const staff = await createSession(store.db, { userId: admin.id });
		const both = await authenticateCookies(
			store.db,
			`__Host-qw_guest=${guest.sessionToken}; junk=%E0%A4%A; __Host-qw_session=${staff.token}`
		);
		expect(both?.actor.kind).toBe('staff');
		const onlyGuest = await authenticateCookies(store.db, `__Host-qw_guest=${guest.sessionToken}`);
		expect(onlyGuest?.actor.kind).toBe('guest');
		expect(await authenticateCookies(store.db, undefined)).toBeNull();
		expect(await authenticateCookies(store.db, '__Host-qw_session=nope')).toBeNull();
	});

	test('on a secure origin only __Host- cookies count, so a sibling site cannot plant one', async () => {
		const admin = await createStaff(store.db, 'admin');
		const workshop = await createTestWorkshop(store.db, admin);
		const guest = await joinAsGuest(store.db, workshop, admin);
		const staff = await createSession(store.db, { userId: admin.id });
		for (const origin of ['https://werkstatt.example.org', 'http://localhost:3000']) {
			// A cookie without the prefix can come from any page on a sibling host or port.
			const planted = `qw_guest=${guest.sessionToken}; qw_session=${staff.token}`;
			expect(await authenticateCookies(store.db, planted, origin)).toBeNull();
			const own = `__Host-qw_guest=${guest.sessionToken}`;
			expect((await authenticateCookies(store.db, own, origin))?.actor.kind).toBe('guest');
		}
		// Plain http on a local network cannot hold Secure cookies: the plain names are the ones.
		const lan = 'http://192.168.1.20:3000';
		expect(
			(await authenticateCookies(store.db, `qw_session=${staff.token}`, lan))?.actor.kind
		).toBe('staff');
		expect(await authenticateCookies(store.db, `__Host-qw_session=${staff.token}`, lan)).toBeNull();
	});
});

test('session cookies carry the __Host- prefix wherever the browser keeps Secure cookies', () => {
	expect(sessionCookieName('staff', 'https://werkstatt.example.org')).toBe('__Host-qw_session');
	expect(sessionCookieName('guest', 'http://127.0.0.1:4173')).toBe('__Host-qw_guest');
	expect(sessionCookieName('guest', 'http://192.168.1.20:3000')).toBe('qw_guest');
	expect(sessionCookieName('staff', 'http://192.168.1.20:3000')).toBe('qw_session');
});

test('parseCookies survives malformed headers', () => {
	expect(parseCookies('a=1; b = two ; =x; c; d=%ZZ')).toEqual(
		new Map([
			['a', '1'],
			['b', 'two']
		])
	);
});
