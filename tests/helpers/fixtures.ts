import {
	createStaffInvite,
	createSetupLinkIfNeeded,
	redeemOneTimeLink,
	type User
} from '../../src/lib/server/accounts';
import { createSession } from '../../src/lib/server/auth/session';
import type { Db } from '../../src/lib/server/db';
import { createInvite, joinWithInvite } from '../../src/lib/server/invites';
import { createWorkshop, type Workshop } from '../../src/lib/server/workshops';
import type { GuestRole, StaffRole } from '../../src/lib/domain/roles';

/** Builds real rows through the same functions the app uses; no shortcuts past the rules. */
let counter = 0;

export async function createStaff(
	db: Db,
	role: StaffRole,
	name = `${role} ${++counter}`
): Promise<User> {
	let token = await createSetupLinkIfNeeded(db);
	if (!token) {
		const admin = await db.get<{ id: string }>("SELECT id FROM users WHERE role = 'admin' LIMIT 1");
		token = await createStaffInvite(db, role, admin!.id);
	}
	const result = await redeemOneTimeLink(db, token, {
		name,
		email: `${name.replace(/\W/g, '').toLowerCase()}${++counter}@example.org`,
		password: 'ein-gutes-passwort'
	});
	if (!result.ok) throw new Error(result.error);
	if (result.value.role !== role) {
		await db.run('UPDATE users SET role = ? WHERE id = ?', [role, result.value.id]);
		return { ...result.value, role };
	}
	return result.value;
}

export async function staffSessionToken(db: Db, user: User): Promise<string> {
	return (await createSession(db, { userId: user.id })).token;
}

export async function createTestWorkshop(
	db: Db,
	by: User,
	title = 'Zukunftswerkstatt Kiez'
): Promise<Workshop> {
	return createWorkshop(
		db,
		{ title, startsOn: '2026-12-01', description: '', format: 'zukunftswerkstatt' },
		by.id
	);
}

export async function joinAsGuest(
	db: Db,
	workshop: Workshop,
	by: User,
	options: { role?: GuestRole; name?: string | null } = {}
): Promise<{
	sessionToken: string;
	inviteToken: string;
	inviteId: string;
	participantId: string;
}> {
	const { token, invite } = await createInvite(db, {
		workshopId: workshop.id,
		role: options.role ?? 'participant',
		label: '',
		lifetimeMs: 3_600_000,
		createdBy: by.id
	});
	const joined = await joinWithInvite(
		db,
		token,
		options.name === undefined ? 'Gast' : options.name
	);
	if (!joined.ok) throw new Error(joined.error);
	return {
		sessionToken: joined.session.token,
		inviteToken: token,
		inviteId: invite.id,
		participantId: joined.participantId
	};
}
