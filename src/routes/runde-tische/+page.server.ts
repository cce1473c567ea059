import { fail, redirect } from '@sveltejs/kit';
import { can } from '$lib/domain/roles';
import { parseSeriesInput } from '$lib/domain/round-table/round-table';
import { requirePermission } from '$lib/server/guards';
import { createSeries, listSeries } from '$lib/server/round-table/series';
import { translate } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requirePermission(event, 'workshop.view');
	return {
		series: await listSeries(event.locals.services.db),
		canManage: can(actor, 'workshop.manage')
	};
};

export const actions: Actions = {
	create: async (event) => {
		const actor = requirePermission(event, 'workshop.manage');
		const form = Object.fromEntries(await event.request.formData());
		const parsed = parseSeriesInput(form);
		if (!parsed.ok)
			return fail(400, {
				field: parsed.error.field,
				message: translate(event.locals.locale, parsed.error.key, parsed.error.params),
				values: { title: String(form.title ?? ''), theme: String(form.theme ?? '') }
			});
		const series = await createSeries(event.locals.services.db, parsed.value, actor.userId);
		redirect(303, `/runde-tische/${series.id}`);
	}
};
