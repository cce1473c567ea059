import { json } from '@sveltejs/kit';
import { apiRoute } from '$lib/server/api/http';
import { listIndicators } from '$lib/server/planning/indicators';

export const GET = apiRoute('read', async ({ locals }) =>
	json({ indicators: await listIndicators(locals.services.db) })
);
