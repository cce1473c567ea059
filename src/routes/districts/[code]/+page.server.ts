import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requirePermission } from '$lib/server/guards';
import { loadDistrictPage } from '$lib/server/planning/district-page';
import { translate } from '$lib/i18n';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requirePermission(event, 'planning.view');
	const lookup = await loadDistrictPage(await getDb(), event.params.code, event.url.searchParams);
	if (!lookup.found && lookup.levels.length === 0) {
		error(404, translate(event.locals.locale, 'district.notFound'));
	}
	// Linked goals, workshops and measures come with the goals and measures work (see LinkedItems).
	return { lookup, code: event.params.code, linked: { goals: [], workshops: [], measures: [] } };
};
