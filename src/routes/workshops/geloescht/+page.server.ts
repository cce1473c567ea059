import { requirePermission } from '$lib/server/guards';
import { listWorkshopDeletions } from '$lib/server/privacy/delete-workshop';
import type { PageServerLoad } from './$types';

/** The audit record of deleted workshops: which, who, when (DSGVO, archive issue point 5). */
export const load: PageServerLoad = async (event) => {
	requirePermission(event, 'workshop.view');
	const deletions = await listWorkshopDeletions(event.locals.services.db);
	const just = event.url.searchParams.get('id');
	return { deletions, just: deletions.find((d) => d.workshopId === just)?.title ?? null };
};
