import { fail, redirect } from '@sveltejs/kit';
import { createResetLink, createStaffInvite } from '$lib/server/accounts';
import { requirePermission } from '$lib/server/guards';
import {
	changeStaffRole,
	deactivateStaff,
	listPendingLinks,
	listStaff,
	reactivateStaff,
	revokePendingLink,
	type StaffAdminError
} from '$lib/server/staff-admin';
import { isStaffRole } from '$lib/domain/roles';
import { translate } from '$lib/i18n';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** Which part of the page an action's answer belongs to, so it is shown where the admin acted. */
type Where = 'team' | 'links' | 'invite';

export const load: PageServerLoad = async (event) => {
	const actor = requirePermission(event, 'staff.manage');
	const { db } = event.locals.services;
	return {
		users: await listStaff(db),
		links: await listPendingLinks(db),
		me: actor.userId
	};
};

const statusOf: Record<StaffAdminError | 'staff.resetDeactivated', number> = {
	'staff.notFound': 404,
	'staff.linkGone': 404,
	'staff.lastAdmin': 409,
	'staff.alreadyDeactivated': 409,
	'staff.alreadyActive': 409,
	'staff.resetDeactivated': 409
};

/** The guard first, then the form: an action never reads input for someone without the right. */
async function begin(event: RequestEvent) {
	const actor = requirePermission(event, 'staff.manage');
	const form = await event.request.formData();
	const field = (name: string) => {
		const value = form.get(name);
		return typeof value === 'string' ? value : '';
	};
	const say = (key: string, params?: Record<string, string>) =>
		translate(event.locals.locale, key, params);
	const refuse = (where: Where, error: keyof typeof statusOf) =>
		fail(statusOf[error], { where, message: say(error) });
	return { actor, field, say, refuse, services: event.locals.services };
}

const roleName = (say: (key: string) => string, role: string) => say(`role.${role}`);

export const actions: Actions = {
	invite: async (event) => {
		const { actor, field, say, services } = await begin(event);
		const role = field('role');
		if (!isStaffRole(role))
			return fail(400, { where: 'invite' as Where, message: say('staff.roleInvalid') });
		const token = await createStaffInvite(services.db, role, actor.userId);
		return {
			where: 'invite' as Where,
			notice: say('staff.inviteCreated', { role: roleName(say, role) }),
			link: `${event.url.origin}/setup/${token}`
		};
	},

	role: async (event) => {
		const { actor, field, say, refuse, services } = await begin(event);
		const role = field('role');
		if (!isStaffRole(role))
			return fail(400, { where: 'team' as Where, message: say('staff.roleInvalid') });
		// The id comes from the client: changeStaffRole looks the account up and refuses a stranger.
		const result = await changeStaffRole(services, field('userId'), role);
		if (!result.ok) return refuse('team', result.error);
		const { member, changed } = result.value;
		// Changing one's own role ends one's own session too: log in again under the new role.
		if (changed && member.id === actor.userId) redirect(303, '/login');
		const params = { name: member.name, role: roleName(say, role) };
		return {
			where: 'team' as Where,
			notice: say(changed ? 'staff.roleChanged' : 'staff.roleUnchanged', params)
		};
	},

	deactivate: async (event) => {
		const { actor, field, say, refuse, services } = await begin(event);
		const result = await deactivateStaff(services, field('userId'));
		if (!result.ok) return refuse('team', result.error);
		if (result.value.id === actor.userId) redirect(303, '/login');
		return {
			where: 'team' as Where,
			notice: say('staff.deactivatedNotice', { name: result.value.name })
		};
	},

	reactivate: async (event) => {
		const { field, say, refuse, services } = await begin(event);
		const result = await reactivateStaff(services.db, field('userId'));
		if (!result.ok) return refuse('team', result.error);
		return {
			where: 'team' as Where,
			notice: say('staff.reactivated', { name: result.value.name })
		};
	},

	reset: async (event) => {
		const { actor, field, say, refuse, services } = await begin(event);
		const result = await createResetLink(services.db, field('userId'), actor.userId);
		if (!result.ok) return refuse('team', result.error);
		return {
			where: 'team' as Where,
			notice: say('staff.resetCreated', { name: result.value.name }),
			link: `${event.url.origin}/setup/${result.value.token}`
		};
	},

	revoke: async (event) => {
		const { field, say, refuse, services } = await begin(event);
		const result = await revokePendingLink(services.db, field('tokenHash'));
		if (!result.ok) return refuse('links', result.error);
		return { where: 'links' as Where, notice: say('staff.revoked') };
	}
};
