import fc from 'fast-check';
import { expect, test } from 'vitest';
import { createStaff, createTestWorkshop } from '../../../tests/helpers/fixtures';
import { describeEachStore } from '../../../tests/helpers/stores';
import { createAccessEvents } from './access-events';
import { createInvite, joinFound, revokeInvite } from './invites';
import {
	checkJoinCode,
	findJoinCode,
	joinCodeAlphabet,
	joinCodeGuesses,
	mintJoinCode,
	newJoinCode,
	normalizeJoinCode
} from './join-codes';

test('codes use six characters of an alphabet without 0, O, 1 and I', () => {
	expect(joinCodeAlphabet).toHaveLength(32);
	for (const ambiguous of '0O1I') expect(joinCodeAlphabet).not.toContain(ambiguous);
	for (let i = 0; i < 200; i++) expect(newJoinCode()).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
});

test('what people type is read as a code: any case, spaces and dashes ignored, nothing else', () => {
	expect(normalizeJoinCode(' k7m-2qx ')).toBe('K7M2QX');
	expect(normalizeJoinCode('K7M2Q')).toBeNull();
	expect(normalizeJoinCode('K7M2Q0')).toBeNull();
	fc.assert(
		fc.property(fc.string({ maxLength: 60 }), (input) => {
			const code = normalizeJoinCode(input);
			if (code !== null) expect(normalizeJoinCode(code)).toBe(code);
		})
	);
});

describeEachStore('join codes', (open) => {
	test('a projector code leads into the workshop; expired, revoked and unknown codes do not', async () => {
		const store = await open();
		try {
			const { db } = store;
			const staff = await createStaff(db, 'facilitator');
			const workshop = await createTestWorkshop(db, staff);
			// No participant invite yet: a facilitator's projector makes one; an observer's gets none.
			expect(await mintJoinCode(db, workshop.id, null)).toBeNull();
			const now = Date.now();
			const minted = (await mintJoinCode(db, workshop.id, staff.id, now))!;
			const found = await findJoinCode(db, minted.code.toLowerCase(), now);
			expect(found).toMatchObject({
				ok: true,
				invite: { workshopId: workshop.id, role: 'participant' }
			});
			const joined = await joinFound(db, found, 'Lea');
			expect(joined).toMatchObject({ ok: true, workshopId: workshop.id, role: 'participant' });
			// Only the hash is stored.
			const rows = await db.all<{ code_hash: string }>('SELECT code_hash FROM join_codes');
			expect(rows.map((r) => r.code_hash).join()).not.toContain(minted.code);

			expect(await findJoinCode(db, minted.code, minted.expiresAt + 1)).toEqual({
				ok: false,
				error: 'invite.expired'
			});
			expect((await findJoinCode(db, 'ZZZZZZ', now)).ok).toBe(false);
			const invite = found.ok ? found.invite.id : '';
			await revokeInvite({ db, access: createAccessEvents() }, workshop.id, invite);
			expect(await findJoinCode(db, minted.code, now)).toEqual({
				ok: false,
				error: 'invite.revoked'
			});
		} finally {
			await store.dispose();
		}
	});

	test('an existing participant invite is used, and only the newest few codes stay valid', async () => {
		const store = await open();
		try {
			const { db } = store;
			const staff = await createStaff(db, 'facilitator');
			const workshop = await createTestWorkshop(db, staff);
			await createInvite(db, {
				workshopId: workshop.id,
				role: 'participant',
				label: 'Aushang',
				lifetimeMs: 86_400_000,
				createdBy: staff.id
			});
			const codes: string[] = [];
			for (let i = 0; i < 7; i++)
				codes.push((await mintJoinCode(db, workshop.id, null, Date.now() + i))!.code);
			const valid = await Promise.all(codes.map(async (code) => (await findJoinCode(db, code)).ok));
			expect(valid).toEqual([false, false, true, true, true, true, true]);
			const invites = await db.all('SELECT id FROM invites WHERE workshop_id = ?', [workshop.id]);
			expect(invites).toHaveLength(1);
		} finally {
			await store.dispose();
		}
	});

	test('guessing codes is limited per address, and a right code gives its slot back', async () => {
		const store = await open();
		const address = `198.51.100.${Math.floor(Math.random() * 250)}`;
		try {
			const { db } = store;
			const staff = await createStaff(db, 'facilitator');
			const workshop = await createTestWorkshop(db, staff);
			const { code } = (await mintJoinCode(db, workshop.id, staff.id))!;
			for (let i = 0; i < 9; i++)
				expect((await checkJoinCode(db, address, 'AAAAAA')).ok).toBe(false);
			// Right codes do not count: the tenth wrong one is still looked up.
			for (let i = 0; i < 3; i++) expect((await checkJoinCode(db, address, code)).ok).toBe(true);
			expect(await checkJoinCode(db, address, 'AAAAAA')).toEqual({
				ok: false,
				error: 'invite.unknown'
			});
			// From now on even the right code waits: the address has used its tries.
			const refused = await checkJoinCode(db, address, code);
			expect(refused).toMatchObject({ ok: false, error: 'joinCode.tooMany' });
			expect((refused as { waitMs: number }).waitMs).toBeGreaterThan(0);
		} finally {
			joinCodeGuesses.address.reset(address);
			joinCodeGuesses.everyone.reset('*');
			await store.dispose();
		}
	});
});
