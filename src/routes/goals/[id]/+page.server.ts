import { error, fail, redirect } from '@sveltejs/kit';
import { checkGoal, districtKey, todayIso } from '$lib/domain/measures';
import { can } from '$lib/domain/roles';
import { describeFieldError } from '$lib/domain/field-error';
import { formToRaw } from '$lib/server/form-input';
import { goalIndicatorStatus } from '$lib/server/goal-indicator';
import { deleteGoal, getGoal, listGoals, updateGoal } from '$lib/server/goals';
import { requirePermission } from '$lib/server/guards';
import { listMeasures } from '$lib/server/measures';
import { listIndicators } from '$lib/server/planning/indicators';
import { registerOptions } from '$lib/server/register-options';
import { translate } from '$lib/i18n';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

async function loadGoal(event: RequestEvent | Parameters<PageServerLoad>[0]) {
	const goal = await getGoal(event.locals.services.db, event.params.id);
	if (!goal) error(404, translate(event.locals.locale, 'goals.notFound'));
	return goal;
}

export const load: PageServerLoad = async (event) => {
	const actor = requirePermission(event, 'planning.view');
	const goal = await loadGoal(event);
	const { db } = event.locals.services;
	const all = await listGoals(db);
	return {
		goal,
		values: {
			title: goal.title,
			description: goal.description,
			level: goal.level,
			parentId: goal.parentId ?? '',
			status: goal.status,
			citywide: goal.citywide,
			districts: goal.districts.map(districtKey),
			targetIndicatorKey: goal.target?.indicatorKey ?? '',
			targetValue: goal.target?.value ?? '',
			targetYear: goal.target?.year ?? ''
		},
		parent: all.find((g) => g.id === goal.parentId) ?? null,
		children: all.filter((g) => g.parentId === goal.id),
		parents: all.filter((g) => g.level !== 'operative' && g.id !== goal.id),
		indicator: await goalIndicatorStatus(db, goal),
		...(await goalMeasures(db, goal.id, all)),
		today: todayIso(),
		districts: (await registerOptions(db)).districts,
		indicators: (await listIndicators(db)).map((i) => ({ key: i.key, label: i.label })),
		canManage: can(actor, 'planning.manage')
	};
};

export const actions: Actions = {
	save: async (event) => {
		requirePermission(event, 'planning.manage');
		const goal = await loadGoal(event);
		const raw = formToRaw(await event.request.formData(), ['districts']);
		const checked = checkGoal(raw);
		const saved = checked.ok
			? await updateGoal(event.locals.services.db, goal.id, checked.value)
			: checked;
		if (!saved) error(404, translate(event.locals.locale, 'goals.notFound'));
		if (!saved.ok)
			return fail(400, {
				message: describeFieldError(
					(key, params) => translate(event.locals.locale, key, params),
					saved.error
				),
				field: saved.error.field,
				values: raw
			});
		return { saved: true };
	},
	delete: async (event) => {
		requirePermission(event, 'planning.manage');
		const goal = await loadGoal(event);
		if ((await event.request.formData()).get('confirm') !== 'yes')
			return fail(400, { deleteMessage: translate(event.locals.locale, 'measures.error.confirm') });
		const result = await deleteGoal(event.locals.services.db, goal.id);
		if (result === 'hasChildren')
			return fail(400, { deleteMessage: translate(event.locals.locale, 'goals.hasChildren') });
		redirect(303, '/goals');
	}
};

/**
 * The goal's measures include those of its sub-goals; per such measure, the sub-goals it serves,
 * so the page says why it is listed ("über das Teilziel …").
 */
async function goalMeasures(
	db: Parameters<typeof listMeasures>[0],
	goalId: string,
	all: Awaited<ReturnType<typeof listGoals>>
) {
	const measures = await listMeasures(db, { goalId });
	const titles = new Map(all.map((g) => [g.id, g.title]));
	const viaSubGoals: Record<string, string[]> = {};
	for (const measure of measures) {
		if (measure.goalIds.includes(goalId)) continue;
		viaSubGoals[measure.id] = measure.goalIds.flatMap((id) => {
			const title = titles.get(id);
			return title === undefined ? [] : [title];
		});
	}
	return { measures, viaSubGoals };
}
