import { checkGoal } from '$lib/domain/measures';
import {
	ApiError,
	apiJson,
	apiRoute,
	methodNotAllowed,
	notFound,
	valueOf
} from '$lib/server/api/http';
import { readJsonBody } from '$lib/server/api/json-body';
import { deleteGoal, getGoal, updateGoal, type Goal } from '$lib/server/goals';
import { translate } from '$lib/i18n';

export const GET = apiRoute('read', async (event) => {
	const goal = await getGoal(event.locals.services.db, event.params.id ?? '');
	if (!goal) throw notFound(event);
	return apiJson({ goal });
});

/** The stored goal in the shape checkGoal reads, so PATCH may send only what changes. */
const asInput = (goal: Goal): Record<string, unknown> => ({
	title: goal.title,
	description: goal.description,
	level: goal.level,
	parentId: goal.parentId,
	status: goal.status,
	citywide: goal.citywide,
	districts: goal.districts,
	target: goal.target
});

export const PATCH = apiRoute('write', async (event) => {
	const { db } = event.locals.services;
	const goal = await getGoal(db, event.params.id ?? '');
	if (!goal) throw notFound(event);
	const body = await readJsonBody(event);
	const merged = { ...asInput(goal), ...body };
	// Flat target fields in the body replace the stored nested target.
	if (
		['targetIndicatorKey', 'targetValue', 'targetYear'].some((k) => k in body) &&
		!('target' in body)
	)
		delete merged.target;
	const saved = await updateGoal(db, goal.id, valueOf(event, checkGoal(merged), body));
	if (!saved) throw notFound(event);
	return apiJson({ goal: valueOf(event, saved, body) });
});

export const DELETE = apiRoute('write', async (event) => {
	const result = await deleteGoal(event.locals.services.db, event.params.id ?? '');
	if (result === 'missing') throw notFound(event);
	if (result === 'hasChildren')
		throw new ApiError(400, 'has_children', translate(event.locals.locale, 'api.hasChildren'));
	return new Response(null, { status: 204 });
});

export const fallback = methodNotAllowed('GET', 'PATCH', 'DELETE');
