import { todayIso } from '$lib/domain/measures';
import { requirePermission } from '$lib/server/guards';
import { readFilterParams } from '$lib/server/measure-filter';
import { measuresToCsv } from '$lib/server/measures-csv';
import { listMeasures } from '$lib/server/measures';
import { registerOptions } from '$lib/server/register-options';
import type { RequestHandler } from './$types';

/** The filtered register as a CSV download (same query parameters as /measures). */
export const GET: RequestHandler = async (event) => {
	requirePermission(event, 'planning.view');
	const { db } = event.locals.services;
	const today = todayIso();
	const { filter } = readFilterParams(event.url.searchParams);
	const options = await registerOptions(db);
	const csv = measuresToCsv(await listMeasures(db, filter, today), {
		locale: event.locals.locale,
		today,
		goalTitles: new Map(options.goals.map((g) => [g.id, g.title])),
		districtNames: new Map(options.districts.map((d) => [d.key, d.name]))
	});
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="massnahmen-${today}.csv"`,
			'cache-control': 'no-store'
		}
	});
};
