import { error, redirect } from '@sveltejs/kit';
import { documentName } from '$lib/collab/documents';
import { documentAccess } from '$lib/domain/roles';
import { getDb } from '$lib/server/db';
import { getWorkshop } from '$lib/server/workshops';
import { translate } from '$lib/i18n';
import type { PageServerLoad } from './$types';

/** The live wall. The same access rule guards this page and the WebSocket upgrade. */
export const load: PageServerLoad = async ({ params, locals, url }) => {
	const actor = locals.actor;
	if (!actor) redirect(303, `/login?redirectTo=${encodeURIComponent(url.pathname)}`);
	const access = documentAccess(actor, params.id, 'content');
	if (!access) error(403, translate(locals.locale, 'error.forbidden'));
	const workshop = await getWorkshop(await getDb(), params.id);
	if (!workshop) error(404, translate(locals.locale, 'workshop.notFound'));
	return {
		workshop: { id: workshop.id, title: workshop.title },
		docName: documentName(workshop.id, 'content'),
		canWrite: access === 'write',
		presenceName: actor.kind === 'staff' ? actor.name : actor.displayName,
		presenceSeed: actor.kind === 'staff' ? actor.userId : actor.participantId
	};
};
