import { fail, redirect } from '@sveltejs/kit';
import { parseWorkshopInput } from '$lib/domain/workshop';
import { requirePermission } from '$lib/server/guards';
import { createWorkshop } from '$lib/server/workshops';
import { translate } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requirePermission(event, 'workshop.create');
	return {};
};

export const actions: Actions = {
	default: async (event) => {
		const actor = requirePermission(event, 'workshop.create');
		const form = Object.fromEntries(await event.request.formData());
		const input = parseWorkshopInput(form);
		if (!input.ok) {
			return fail(400, {
				values: {
					title: String(form.title ?? ''),
					startsOn: String(form.startsOn ?? ''),
					description: String(form.description ?? '')
				},
				message: translate(event.locals.locale, input.error)
			});
		}
		const workshop = await createWorkshop(event.locals.services.db, input.value, actor.userId);
		redirect(303, `/workshops/${workshop.id}`);
	}
};
