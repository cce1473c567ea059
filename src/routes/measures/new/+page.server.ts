import { fail, redirect } from '@sveltejs/kit';
import { checkMeasure } from '$lib/domain/measures';
import { describeFieldError } from '$lib/domain/field-error';
import { formToRaw } from '$lib/server/form-input';
import { requirePermission } from '$lib/server/guards';
import { createMeasure } from '$lib/server/measures';
import { registerOptions } from '$lib/server/register-options';
import { translate } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requirePermission(event, 'planning.manage');
	return registerOptions(event.locals.services.db);
};

export const actions: Actions = {
	default: async (event) => {
		const actor = requirePermission(event, 'planning.manage');
		const raw = formToRaw(await event.request.formData());
		const say = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
			translate(event.locals.locale, key, params);
		const checked = checkMeasure(raw);
		const created = checked.ok
			? await createMeasure(event.locals.services.db, checked.value, actor.userId)
			: checked;
		if (!created.ok)
			return fail(400, {
				message: describeFieldError(say, created.error),
				field: created.error.field,
				values: raw
			});
		redirect(303, `/measures/${created.value.id}`);
	}
};
