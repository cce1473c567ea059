import { can } from '$lib/domain/roles';
import { getDb } from '$lib/server/db';
import { requirePermission } from '$lib/server/guards';
import { loadOverview } from '$lib/server/planning/overview';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requirePermission(event, 'planning.view');
	const overview = await loadOverview(await getDb(), event.url.searchParams);
	return {
		overview,
		query: event.url.searchParams.get('q') ?? '',
		canManage: can(actor, 'planning.manage')
	};
};
