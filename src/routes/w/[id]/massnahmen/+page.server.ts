import { error, redirect } from '@sveltejs/kit';
import { documentName } from '$lib/collab/documents';
import { districtKey } from '$lib/domain/measures';
import { can, documentAccess } from '$lib/domain/roles';
import { getDb } from '$lib/server/db';
import { listGoals } from '$lib/server/goals';
import { listDistricts } from '$lib/server/planning/districts';
import { getWorkshopLinks } from '$lib/server/workshop-links';
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
	const access = documentAccess(actor, params.id, 'content');
	if (!access) error(403, translate(locals.locale, 'error.forbidden'));
	const db = await getDb();
	const workshop = await getWorkshop(db, params.id);
	if (!workshop) error(404, translate(locals.locale, 'workshop.notFound'));
	const links = await getWorkshopLinks(db, workshop.id);
	// Participants choose among the workshop's goals and districts; with none linked, all goals.
	const goals = (await listGoals(db)).filter(
		(g) => links.goalIds.length === 0 || links.goalIds.includes(g.id)
	);
	const linked = new Set(links.districts.map(districtKey));
	const districts = linked.size
		? (await listDistricts(db)).filter((d) => linked.has(districtKey(d)))
		: [];
	return {
		workshop: { id: workshop.id, title: workshop.title },
		docName: documentName(workshop.id, 'content'),
		canWrite: access === 'write',
		isStaff: actor.kind === 'staff' && can(actor, 'workshop.view'),
		goals: goals.map((g) => ({ id: g.id, title: g.title })),
		districts: districts.map((d) => ({ code: districtKey(d), name: d.name })),
		presenceName: actor.kind === 'staff' ? actor.name : actor.displayName,
		presenceSeed: actor.kind === 'staff' ? actor.userId : actor.participantId
	};
};
