import { can } from '$lib/domain/roles';
import { openLiveWorkshop } from '$lib/server/live-workshop';
import { measureChoices } from '$lib/server/workshop-choices';
import type { PageServerLoad } from './$types';

/**
 * The workshop's live measure plan, full page. Whoever may open the content document may see
 * (and, with write access, edit) the plan; after closing it is read-only.
 */
export const load: PageServerLoad = async (event) => {
	const { db, actor, workshop, canWrite, docName, presenceName, presenceSeed } =
		await openLiveWorkshop(event);
	return {
		canWrite,
		docName,
		presenceName,
		presenceSeed,
		...(await measureChoices(db, workshop.id)),
		workshop: { id: workshop.id, title: workshop.title },
		isStaff: actor.kind === 'staff' && can(actor, 'workshop.view')
	};
};
