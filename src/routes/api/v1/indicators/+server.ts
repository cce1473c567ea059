import { apiJson, apiRoute, methodNotAllowed } from '$lib/server/api/http';
import { listIndicators } from '$lib/server/planning/indicators';

export const GET = apiRoute('read', async ({ locals }) =>
	apiJson({ indicators: await listIndicators(locals.services.db) })
);

export const fallback = methodNotAllowed('GET');
