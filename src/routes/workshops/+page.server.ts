import { requirePermission } from '$lib/server/guards';
import { listWorkshops } from '$lib/server/workshops';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requirePermission(event, 'workshop.view');
	return { workshops: await listWorkshops(event.locals.services.db) };
};
