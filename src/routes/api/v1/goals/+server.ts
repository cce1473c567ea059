import { checkGoal } from '$lib/domain/measures';
import { apiJson, apiRoute, methodNotAllowed, valueOf } from '$lib/server/api/http';
import { readJsonBody } from '$lib/server/api/json-body';
import { createGoal, listGoals } from '$lib/server/goals';

export const GET = apiRoute('read', async ({ locals }) =>
	apiJson({ goals: await listGoals(locals.services.db) })
);

export const POST = apiRoute('write', async (event, caller) => {
	const body = await readJsonBody(event);
	const input = valueOf(event, checkGoal(body), body);
	const goal = valueOf(
		event,
		await createGoal(event.locals.services.db, input, caller.userId),
		body
	);
	return apiJson({ goal }, { status: 201, headers: { location: `/api/v1/goals/${goal.id}` } });
});

export const fallback = methodNotAllowed('GET', 'POST');
