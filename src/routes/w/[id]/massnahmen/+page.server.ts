import { error, redirect } from '@sveltejs/kit';
import { documentName } from '$lib/collab/documents';
import { can, documentAccess } from '$lib/domain/roles';
import { getDb } from '$lib/server/db';
import { measureChoices } from '$lib/server/workshop-choices';
import { getWorkshop } from '$lib/server/workshops';
import { translate } from '$lib/i18n';
import type { PageServerLoad } from './$types';

/**
 * The workshop's live measure plan, full page. The same access rule as the wall and the WebSocket
 * upgrade: whoever may open the content document may see (and, with write access, edit) the plan.
 */
export const load: PageServerLoad = async ({ params, locals, url }) => {
	const actor = locals.actor;
	if (!actor) redirect(303, `/login?redirectTo=${encodeURIComponent(url.pathname)}`);
	if (!documentAccess(actor, params.id, 'content'))
		error(403, translate(locals.locale, 'error.forbidden'));
	const db = await getDb();
	const workshop = await getWorkshop(db, params.id);
	if (!workshop) error(404, translate(locals.locale, 'workshop.notFound'));
	// A closed workshop's plan is in the register now: here it can only be read.
	const closed = workshop.status === 'closed' || workshop.status === 'archived';
	const access = documentAccess(actor, workshop.id, 'content', { closed });
	return {
		...(await measureChoices(db, workshop.id)),
		workshop: { id: workshop.id, title: workshop.title },
		docName: documentName(workshop.id, 'content'),
		canWrite: access === 'write',
		isStaff: actor.kind === 'staff' && can(actor, 'workshop.view'),
		presenceName: actor.kind === 'staff' ? actor.name : actor.displayName,
		presenceSeed: actor.kind === 'staff' ? actor.userId : actor.participantId
	};
};
