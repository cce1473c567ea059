import { afterEach, beforeEach, expect, test } from 'vitest';
import { describeEachStore, type TestStore } from '../../../tests/helpers/stores';
import { createStaff, createTestWorkshop } from '../../../tests/helpers/fixtures';
import { createAccessEvents, type AccessChange } from './access-events';
import { createInvite, findInvite, joinWithInvite, listInvites, revokeInvite } from './invites';

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
		const { token } = await setup();
		const rows = await store.db.all('SELECT * FROM invites');
		expect(JSON.stringify(rows)).not.toContain(token);
	});
});
