import { todayIso } from '$lib/domain/measures';
import { can } from '$lib/domain/roles';
import { requirePermission } from '$lib/server/guards';
import { readFilterParams } from '$lib/server/measure-filter';
import { listMeasures } from '$lib/server/measures';
import { nextReportsByMeasure } from '$lib/server/next-reports';
import { registerOptions } from '$lib/server/register-options';
import { areaWithDescendants } from '$lib/server/planning/hierarchy';
import { districtKey } from '$lib/domain/measures';
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
		viaChildAreas: filter.district ? await childAreaLinks(db, filter.district, measures) : {},
		nextReports: await nextReportsByMeasure(db),
		filters: values,
		today,
		...(await registerOptions(db)),
		canManage: can(actor, 'planning.manage'),
		query: event.url.search
	};
};

/**
 * Filtering by an area includes the measures of the areas below it; per such measure, which of
 * them it is linked to ("über Planungsraum Stülerstraße"), so the list says why it is there.
 */
async function childAreaLinks(
	db: Parameters<typeof listMeasures>[0],
	area: { level: string; code: string },
	measures: Awaited<ReturnType<typeof listMeasures>>
): Promise<Record<string, { level: string; name: string }[]>> {
	const below = new Map(
		(await areaWithDescendants(db, area))
			.filter((a) => a.depth > 0)
			.map((a) => [districtKey(a), a] as const)
	);
	const result: Record<string, { level: string; name: string }[]> = {};
	for (const measure of measures) {
		if (measure.districts.some((d) => districtKey(d) === districtKey(area))) continue;
		const via = measure.districts.flatMap((d) => {
			const found = below.get(districtKey(d));
			return found ? [{ level: found.level, name: found.name }] : [];
		});
		if (via.length > 0) result[measure.id] = via;
	}
	return result;
}
