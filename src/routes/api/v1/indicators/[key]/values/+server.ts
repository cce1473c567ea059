import { apiJson, apiRoute, methodNotAllowed, notFound } from '$lib/server/api/http';
import { indicatorValues, listIndicators } from '$lib/server/planning/indicators';

/** Values of one indicator across a level (default: the indicator's level), latest period unless `?period=`. */
export const GET = apiRoute('read', async (event) => {
	const { db } = event.locals.services;
	const indicator = (await listIndicators(db)).find((i) => i.key === event.params.key);
	if (!indicator) throw notFound(event);
	const series = await indicatorValues(db, indicator.key, {
		level: event.url.searchParams.get('level') ?? indicator.level,
		period: event.url.searchParams.get('period') ?? undefined
	});
	if (!series) throw notFound(event);
	return apiJson(series);
});

export const fallback = methodNotAllowed('GET');
