import { todayIso } from '$lib/domain/measures';
import { can } from '$lib/domain/roles';
import { requirePermission } from '$lib/server/guards';
import { readFilterParams } from '$lib/server/measure-filter';
import { listMeasures } from '$lib/server/measures';
import { nextReportsByMeasure } from '$lib/server/next-reports';
import { registerOptions } from '$lib/server/register-options';
import type { PageServerLoad } from './$types';

/** The measure register with filters from the query string (a plain GET form: works without JS). */
export const load: PageServerLoad = async (event) => {
	const actor = requirePermission(event, 'planning.view');
	const { db } = event.locals.services;
	const { filter, values } = readFilterParams(event.url.searchParams);
	const today = todayIso();
	const measures = await listMeasures(db, filter, today);
	return {
		measures,
		nextReports: await nextReportsByMeasure(db),
		filters: values,
		today,
		...(await registerOptions(db)),
		canManage: can(actor, 'planning.manage'),
		query: event.url.search
	};
};
