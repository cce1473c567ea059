import { error, redirect } from '@sveltejs/kit';
import { documentName, privateDocumentName } from '$lib/collab/documents';
import { can, documentAccess } from '$lib/domain/roles';
import { getDb } from '$lib/server/db';
import { measureChoices } from '$lib/server/workshop-choices';
import { getWorkshop } from '$lib/server/workshops';
import { translate } from '$lib/i18n';
import type { PageServerLoad } from './$types';

/** The live workshop. The same access rule guards this page and the WebSocket upgrade. */
export const load: PageServerLoad = async ({ params, locals, url }) => {
	const actor = locals.actor;
	if (!actor) redirect(303, `/login?redirectTo=${encodeURIComponent(url.pathname)}`);
	if (!documentAccess(actor, params.id, 'content'))
		error(403, translate(locals.locale, 'error.forbidden'));
	const db = await getDb();
	const workshop = await getWorkshop(db, params.id);
	if (!workshop) error(404, translate(locals.locale, 'workshop.notFound'));
	const closed = workshop.status === 'closed' || workshop.status === 'archived';
	const access = documentAccess(actor, workshop.id, 'content', { closed });
	const participant = actor.kind === 'guest' && actor.role === 'participant';
	return {
		workshop: { id: workshop.id, title: workshop.title, format: workshop.format, closed },
		docName: documentName(workshop.id, 'content'),
		controlName: documentName(workshop.id, 'control'),
		// Private drafts exist for participants only; staff write straight onto the wall.
		draftsName:
			participant && !closed ? privateDocumentName(workshop.id, actor.participantId) : null,
		canWrite: access === 'write',
		moderator: can(actor, 'workshop.manage') && !closed,
		presenceName: actor.kind === 'staff' ? actor.name : actor.displayName,
		presenceSeed: actor.kind === 'staff' ? actor.userId : actor.participantId,
		measureChoices: await measureChoices(db, workshop.id),
		/** Timers end at a server time; screens correct their clock by the difference. */
		serverNow: Date.now()
	};
};
