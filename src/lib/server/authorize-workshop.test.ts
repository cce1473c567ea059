import { afterEach, beforeEach, expect, test } from 'vitest';
import {
	createStaff,
	createTestWorkshop,
	joinAsGuest,
	staffSessionToken
} from '../../../tests/helpers/fixtures';
import { describeEachStore, type TestStore } from '../../../tests/helpers/stores';
import type { Actor, GuestRole, StaffRole } from '../domain/roles';
import type { User } from './accounts';
import { createAccessEvents } from './access-events';
import { validateSessionToken } from './auth/session';
import { authorizeWorkshop } from './authorize-workshop';
import { closeWorkshop } from './close-workshop';
import type { Workshop } from './workshops';

describeEachStore('authorizeWorkshop', (open) => {
	let store: TestStore;
	let workshop: Workshop;
	let other: Workshop;
	let admin: User;
	let facilitator: Actor;
	beforeEach(async () => {
		store = await open();
		admin = await createStaff(store.db, 'admin');
		const user = await createStaff(store.db, 'facilitator');
		workshop = await createTestWorkshop(store.db, user);
		other = await createTestWorkshop(store.db, user, 'Runder Tisch Nord');
		facilitator = await actorOf(await staffSessionToken(store.db, user));
	});
	afterEach(() => store.dispose());

	async function actorOf(token: string): Promise<Actor> {
		const session = await validateSessionToken(store.db, token);
		if (!session) throw new Error('no session');
		return session.actor;
	}
	const staff = async (role: StaffRole) =>
		actorOf(await staffSessionToken(store.db, await createStaff(store.db, role)));
	async function guest(role: GuestRole, of = workshop) {
		const joined = await joinAsGuest(store.db, of, admin, { role });
		return { actor: await actorOf(joined.sessionToken), participantId: joined.participantId };
	}

	test('nobody logged in is unauthenticated; an unknown workshop is not found', async () => {
		expect(await authorizeWorkshop(store.db, null, workshop.id, 'content')).toEqual({
			ok: false,
			reason: 'unauthenticated'
		});
		expect(await authorizeWorkshop(store.db, facilitator, 'gibtesnicht', 'content')).toEqual({
			ok: false,
			reason: 'not-found'
		});
	});

	test('a guest of another workshop is refused before the store says whether it exists', async () => {
		const { actor } = await guest('participant', other);
		for (const id of [workshop.id, 'gibtesnicht'])
			expect(await authorizeWorkshop(store.db, actor, id, 'content')).toEqual({
				ok: false,
				reason: 'forbidden'
			});
	});

	test('participants and facilitators write, observers and planners read', async () => {
		const participant = (await guest('participant')).actor;
		const observer = (await guest('observer')).actor;
		const planner = await staff('planner');
		const verdict = (actor: Actor, need?: 'read' | 'write' | 'manage') =>
			authorizeWorkshop(store.db, actor, workshop.id, 'content', { need });

		expect(await verdict(facilitator, 'manage')).toMatchObject({
			ok: true,
			access: 'write',
			moderator: true,
			closed: false,
			workshop: { id: workshop.id }
		});
		expect(await verdict(participant, 'write')).toMatchObject({
			ok: true,
			access: 'write',
			moderator: false
		});
		expect(await verdict(participant, 'manage')).toEqual({ ok: false, reason: 'forbidden' });
		for (const reader of [observer, planner]) {
			expect(await verdict(reader)).toMatchObject({ ok: true, access: 'read' });
			expect(await verdict(reader, 'write')).toEqual({ ok: false, reason: 'forbidden' });
		}
		// Control document: only the facilitator writes it.
		expect(await authorizeWorkshop(store.db, participant, workshop.id, 'control')).toMatchObject({
			ok: true,
			access: 'read'
		});
	});

	test('a private document is its participant’s alone, not even the facilitator’s', async () => {
		const owner = await guest('participant');
		const neighbour = await guest('participant');
		const privately = (actor: Actor) =>
			authorizeWorkshop(store.db, actor, workshop.id, 'private', { owner: owner.participantId });
		expect(await privately(owner.actor)).toMatchObject({ ok: true, access: 'write' });
		for (const actor of [neighbour.actor, facilitator])
			expect(await privately(actor)).toEqual({ ok: false, reason: 'forbidden' });
	});

	test('a closed workshop is read-only for everyone: reading works, writing is refused', async () => {
		const participant = (await guest('participant')).actor;
		expect(
			await closeWorkshop({ db: store.db, access: createAccessEvents() }, workshop.id, facilitator)
		).toMatchObject({ ok: true });
		const verdict = (actor: Actor, need: 'read' | 'write' | 'manage') =>
			authorizeWorkshop(store.db, actor, workshop.id, 'content', { need });
		for (const actor of [participant, facilitator]) {
			expect(await verdict(actor, 'read')).toMatchObject({
				ok: true,
				access: 'read',
				closed: true
			});
			expect(await verdict(actor, 'write')).toEqual({ ok: false, reason: 'closed' });
		}
		expect(await verdict(facilitator, 'manage')).toEqual({ ok: false, reason: 'closed' });
	});
});
