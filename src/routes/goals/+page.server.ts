import { fail, redirect } from '@sveltejs/kit';
import { checkGoal, goalTree } from '$lib/domain/measures';
import { can } from '$lib/domain/roles';
import { describeFieldError } from '$lib/domain/field-error';
import { formToRaw } from '$lib/server/form-input';
import { createGoal, listGoals } from '$lib/server/goals';
import { requirePermission } from '$lib/server/guards';
import { listIndicators } from '$lib/server/planning/indicators';
import { registerOptions } from '$lib/server/register-options';
import { translate } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

/** The goal hierarchy, and a form to add a goal at any level. */
export const load: PageServerLoad = async (event) => {
	const actor = requirePermission(event, 'planning.view');
	const { db } = event.locals.services;
	const goals = await listGoals(db);
	return {
		tree: goalTree(goals),
		districts: (await registerOptions(db)).districts,
		indicators: (await listIndicators(db)).map((i) => ({ key: i.key, label: i.label })),
		canManage: can(actor, 'planning.manage')
	};
};

export const actions: Actions = {
	create: async (event) => {
		const actor = requirePermission(event, 'planning.manage');
		const raw = formToRaw(await event.request.formData(), ['districts']);
		const checked = checkGoal(raw);
		const created = checked.ok
			? await createGoal(event.locals.services.db, checked.value, actor.userId)
			: checked;
		if (!created.ok)
			return fail(400, {
				message: describeFieldError(
					(key, params) => translate(event.locals.locale, key, params),
					created.error
				),
				field: created.error.field,
				values: raw
			});
		redirect(303, `/goals?created=${created.value.id}#goal-${created.value.id}`);
	}
};
