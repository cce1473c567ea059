import { fail } from '@sveltejs/kit';
import { createStaffInvite, listUsers } from '$lib/server/accounts';
import { requirePermission } from '$lib/server/guards';
import { isStaffRole } from '$lib/domain/roles';
import { translate } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requirePermission(event, 'staff.manage');
	return { users: await listUsers(event.locals.services.db) };
};

export const actions: Actions = {
	invite: async (event) => {
		const actor = requirePermission(event, 'staff.manage');
		const role = (await event.request.formData()).get('role');
		if (!isStaffRole(role))
			return fail(400, { message: translate(event.locals.locale, 'staff.roleInvalid') });
		const token = await createStaffInvite(event.locals.services.db, role, actor.userId);
		return { role, link: `${event.url.origin}/setup/${token}` };
	}
};
