import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { documentName } from '$lib/collab/documents';
import { documentAccess } from '$lib/domain/roles';
import { isClosed } from '$lib/domain/workshop';
import { translate } from '$lib/i18n';
import { getDb } from './db';
import { getWorkshop } from './workshops';

/**
 * What every live page of a workshop checks first, with the same rule as the WebSocket upgrade:
 * who asks, whether they may see the workshop, and whether they may write (a closed workshop is
 * read-only for everyone). Not logged in → login; no access → 403; unknown → 404.
 */
export async function openLiveWorkshop({ params, locals, url }: RequestEvent) {
	const actor = locals.actor;
	if (!actor) redirect(303, `/login?redirectTo=${encodeURIComponent(url.pathname)}`);
	const workshopId = params.id ?? '';
	if (!documentAccess(actor, workshopId, 'content'))
		error(403, translate(locals.locale, 'error.forbidden'));
	const db = await getDb();
	const workshop = await getWorkshop(db, workshopId);
	if (!workshop) error(404, translate(locals.locale, 'workshop.notFound'));
	const closed = isClosed(workshop.status);
	const access = documentAccess(actor, workshop.id, 'content', { closed });
	return {
		db,
		actor,
		workshop,
		closed,
		canWrite: access === 'write',
		docName: documentName(workshop.id, 'content'),
		presenceName: actor.kind === 'staff' ? actor.name : actor.displayName,
		presenceSeed: actor.kind === 'staff' ? actor.userId : actor.participantId
	};
}
