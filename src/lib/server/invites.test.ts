import { afterEach, beforeEach, expect, test } from 'vitest';
import { describeEachStore, type TestStore } from '../../../tests/helpers/stores';
import { createStaff, createTestWorkshop } from '../../../tests/helpers/fixtures';
import { createAccessEvents, type AccessChange } from './access-events';
import { validateSessionToken } from './auth/session';
import {
	createInvite,
	findInvite,
	joinWithInvite,
	listInvites,
	newInviteLink,
	revokeInvite
} from './invites';
import { listParticipants, removeParticipant } from './participants';

describeEachStore('invite links', (open) => {
	let store: TestStore;
	/** What revoking told the sync engine. */
	let changes: AccessChange[];
	const services = () => {
		const access = createAccessEvents();
		access.subscribe((change) => changes.push(change));
		return { db: store.db, access };
	};
	beforeEach(async () => {
		store = await open();
		changes = [];
	});
	afterEach(() => store.dispose());

	async function setup(lifetimeMs = 3_600_000, now = Date.now()) {
		const facilitator = await createStaff(store.db, 'facilitator');
		const workshop = await createTestWorkshop(store.db, facilitator);
		const created = await createInvite(
			store.db,
			{
				workshopId: workshop.id,
				role: 'participant',
				label: 'Beamer',
				lifetimeMs,
				createdBy: facilitator.id
			},
			now
		);
		return { facilitator, workshop, ...created };
	}

	test('joining creates a participant with a display name or none', async () => {
		const { workshop, token } = await setup();
		const named = await joinWithInvite(store.db, token, '  Sevgi ');
		const anonymous = await joinWithInvite(store.db, token, null);
		expect(named).toMatchObject({ ok: true, workshopId: workshop.id });
		expect(anonymous).toMatchObject({ ok: true, workshopId: workshop.id });
		const names = await store.db.all<{ display_name: string | null }>(
			'SELECT display_name FROM participants ORDER BY display_name'
		);
		expect(names.map((r) => r.display_name).sort()).toEqual([null, 'Sevgi'].sort());
		expect((await listInvites(store.db, workshop.id))[0]).toMatchObject({
			label: 'Beamer',
			participants: 2
		});
	});

	test('unknown, expired and revoked links are refused with their reason and add nobody', async () => {
		const now = Date.now();
		const { workshop, token, invite } = await setup(1000, now);
		expect(await joinWithInvite(store.db, 'nicht-da', 'A')).toEqual({
			ok: false,
			error: 'invite.unknown'
		});
		expect(await joinWithInvite(store.db, token, 'A', now + 1000)).toEqual({
			ok: false,
			error: 'invite.expired'
		});
		expect(await revokeInvite(services(), workshop.id, invite.id)).toBe(true);
		expect(await revokeInvite(services(), workshop.id, invite.id)).toBe(false);
		expect(changes).toEqual([{ workshopId: workshop.id }]);
		expect(await findInvite(store.db, token, now)).toEqual({ ok: false, error: 'invite.revoked' });
		expect(await store.db.all('SELECT id FROM participants')).toEqual([]);
	});

	test('a display name over 40 characters is refused', async () => {
		const { token } = await setup();
		expect(await joinWithInvite(store.db, token, 'x'.repeat(41))).toEqual({
			ok: false,
			error: 'join.nameTooLong'
		});
	});

	test('an invite cannot be revoked through another workshop', async () => {
		const { facilitator, invite } = await setup();
		const other = await createTestWorkshop(store.db, facilitator, 'Andere');
		expect(await revokeInvite(services(), other.id, invite.id)).toBe(false);
		expect(changes).toEqual([]);
	});

	test('only the hash of the invite token is stored', async () => {
		const { workshop, invite, token } = await setup();
		const again = await newInviteLink(store.db, workshop.id, invite.id);
		for (const table of ['invites', 'invite_links']) {
			const rows = JSON.stringify(await store.db.all(`SELECT * FROM ${table}`));
			expect(rows).not.toContain(token);
			expect(rows).not.toContain(again);
		}
	});

	test('showing a link again makes a fresh link to the same invite; both work until revoked', async () => {
		const { workshop, invite, token } = await setup();
		const again = await newInviteLink(store.db, workshop.id, invite.id);
		expect(again).toBeTruthy();
		expect(again).not.toBe(token);
		for (const link of [token, again!])
			expect(await findInvite(store.db, link)).toMatchObject({
				ok: true,
				invite: { id: invite.id }
			});
		await revokeInvite(services(), workshop.id, invite.id);
		for (const link of [token, again!])
			expect(await findInvite(store.db, link)).toEqual({ ok: false, error: 'invite.revoked' });
		expect(await newInviteLink(store.db, workshop.id, invite.id)).toBeNull();
	});

	test('no fresh link for an expired invite, an unknown one or one of another workshop', async () => {
		const now = Date.now();
		const { workshop, invite, facilitator } = await setup(1000, now);
		const other = await createTestWorkshop(store.db, facilitator);
		expect(await newInviteLink(store.db, other.id, invite.id)).toBeNull();
		expect(await newInviteLink(store.db, workshop.id, 'no-such-invite')).toBeNull();
		expect(await newInviteLink(store.db, workshop.id, invite.id, now + 1000)).toBeNull();
		const hashes = await store.db.all<{ token_hash: string }>(
			'SELECT token_hash FROM invite_links'
		);
		expect(hashes).toHaveLength(1);
	});

	test('removing one participant ends only their session; the others on the same link stay', async () => {
		const { workshop, token } = await setup();
		const ayse = await joinWithInvite(store.db, token, 'Ayşe');
		const ben = await joinWithInvite(store.db, token, null);
		if (!ayse.ok || !ben.ok) throw new Error('join failed');
		expect(await listParticipants(store.db, workshop.id)).toHaveLength(2);

		expect(await removeParticipant(services(), workshop.id, ayse.participantId)).toBe(true);
		expect(changes).toEqual([{ workshopId: workshop.id }]);
		expect(await validateSessionToken(store.db, ayse.session.token)).toBeNull();
		expect(await validateSessionToken(store.db, ben.session.token)).toMatchObject({
			actor: { kind: 'guest', participantId: ben.participantId }
		});
		const left = await listParticipants(store.db, workshop.id);
		expect(left.map((p) => p.id)).toEqual([ben.participantId]);
		expect(left[0]).toMatchObject({ displayName: null, inviteLabel: 'Beamer' });
		expect((await listInvites(store.db, workshop.id))[0].participants).toBe(1);
		// The link still works for people who have not joined yet.
		expect(await findInvite(store.db, token)).toMatchObject({ ok: true });
	});

	test('a participant cannot be removed twice or through another workshop', async () => {
		const { workshop, token, facilitator } = await setup();
		const other = await createTestWorkshop(store.db, facilitator);
		const joined = await joinWithInvite(store.db, token, 'Karl');
		if (!joined.ok) throw new Error('join failed');
		expect(await removeParticipant(services(), other.id, joined.participantId)).toBe(false);
		expect(await validateSessionToken(store.db, joined.session.token)).not.toBeNull();
		expect(await removeParticipant(services(), workshop.id, joined.participantId)).toBe(true);
		expect(await removeParticipant(services(), workshop.id, joined.participantId)).toBe(false);
		expect(changes).toHaveLength(1);
	});
});
