import { can } from '$lib/domain/roles';
import { requirePermission } from '$lib/server/guards';
import { loadOverview } from '$lib/server/planning/overview';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requirePermission(event, 'planning.view');
	const overview = await loadOverview(event.locals.services.db, event.url.searchParams);
	return {
		overview,
		query: event.url.searchParams.get('q') ?? '',
		canManage: can(actor, 'planning.manage')
	};
};
