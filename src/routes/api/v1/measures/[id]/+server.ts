import { apiJson, apiRoute, methodNotAllowed, notFound, valueOf } from '$lib/server/api/http';
import { readJsonBody } from '$lib/server/api/json-body';
import { deleteMeasure, getMeasure, measureAsInput, updateMeasure } from '$lib/server/measures';

export const GET = apiRoute('read', async (event) => {
	const measure = await getMeasure(event.locals.services.db, event.params.id ?? '');
	if (!measure) throw notFound(event);
	return apiJson({ measure });
});

/** Only the fields sent change; the status transition rule applies as in the register. */
export const PATCH = apiRoute('write', async (event, caller) => {
	const { db } = event.locals.services;
	const measure = await getMeasure(db, event.params.id ?? '');
	if (!measure) throw notFound(event);
	const body = await readJsonBody(event);
	const saved = await updateMeasure(
		db,
		measure.id,
		{ ...measureAsInput(measure), ...body },
		{
			id: caller.userId,
			name: caller.name
		}
	);
	if (!saved) throw notFound(event);
	return apiJson({ measure: valueOf(event, saved, body) });
});

export const DELETE = apiRoute('write', async (event) => {
	if (!(await deleteMeasure(event.locals.services.db, event.params.id ?? '')))
		throw notFound(event);
	return new Response(null, { status: 204 });
});

export const fallback = methodNotAllowed('GET', 'PATCH', 'DELETE');
