import { checkMeasure, todayIso } from '$lib/domain/measures';
import { apiJson, apiRoute, methodNotAllowed, valueOf } from '$lib/server/api/http';
import { readJsonBody } from '$lib/server/api/json-body';
import { readFilterParams } from '$lib/server/measure-filter';
import { createMeasure, listMeasures } from '$lib/server/measures';

/** The register; the same filters as /measures (district, goal, status, responsible, dueFrom, dueTo, overdue, workshop). */
export const GET = apiRoute('read', async (event) => {
	const { filter } = readFilterParams(event.url.searchParams);
	return apiJson({ measures: await listMeasures(event.locals.services.db, filter, todayIso()) });
});

export const POST = apiRoute('write', async (event, caller) => {
	const body = await readJsonBody(event);
	const input = valueOf(event, checkMeasure(body), body);
	const measure = valueOf(
		event,
		await createMeasure(event.locals.services.db, input, caller.userId),
		body
	);
	return apiJson(
		{ measure },
		{ status: 201, headers: { location: `/api/v1/measures/${measure.id}` } }
	);
});

export const fallback = methodNotAllowed('GET', 'POST');
