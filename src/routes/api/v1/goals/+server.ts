import { json } from '@sveltejs/kit';
import { checkGoal } from '$lib/domain/measures';
import { apiRoute, valueOf } from '$lib/server/api/http';
import { readJsonBody } from '$lib/server/api/json-body';
import { createGoal, listGoals } from '$lib/server/goals';

export const GET = apiRoute('read', async ({ locals }) =>
	json({ goals: await listGoals(locals.services.db) })
);

export const POST = apiRoute('write', async (event, caller) => {
	const input = valueOf(event, checkGoal(await readJsonBody(event)));
	const goal = valueOf(event, await createGoal(event.locals.services.db, input, caller.userId));
	return json({ goal }, { status: 201, headers: { location: `/api/v1/goals/${goal.id}` } });
});
