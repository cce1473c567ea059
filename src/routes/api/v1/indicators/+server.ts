import { json } from '@sveltejs/kit';
import { apiRoute } from '$lib/server/api/http';
import { getDb } from '$lib/server/db';
import { listIndicators } from '$lib/server/planning/indicators';

export const GET = apiRoute('read', async () =>
	json({ indicators: await listIndicators(await getDb()) })
);
