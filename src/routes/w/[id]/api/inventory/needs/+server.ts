import { error, json } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { readJsonBody } from '$lib/server/api/json-body';
import { authorizeWorkshop } from '$lib/server/authorize-workshop';
import { linkNeed, loadNeeds } from '$lib/server/inventory/needs';
import { failure, workshopRequest } from '$lib/server/workshop-requests';
import type { RequestHandler } from './$types';

/** Which needs cards are linked to what, and the entries they may be linked to. */
export const GET: RequestHandler = async (event) => {
	const { locals, params } = event;
	const verdict = await authorizeWorkshop(locals.services.db, locals.actor, params.id, 'content');
	if (!verdict.ok)
		error(
			verdict.reason === 'unauthenticated' ? 401 : 403,
			translate(locals.locale, 'error.forbidden', {}, locals.simpleLanguage)
		);
	return json(await loadNeeds(locals.services.db, verdict.workshop.id));
};

/** Links one needs card: target groups and `coverage` ('' open, 'none' a gap, or an entry id). */
export const POST: RequestHandler = async (event) => {
	const request = await workshopRequest(event);
	const body = await readJsonBody(event);
	const cardId = typeof body.cardId === 'string' && body.cardId.length <= 64 ? body.cardId : '';
	const coverage =
		typeof body.coverage === 'string' && body.coverage.length <= 64 ? body.coverage : null;
	const targetGroups = typeof body.targetGroups === 'string' ? body.targetGroups : '';
	if (!cardId || coverage === null) return failure(request, 'live.badRequest');
	const result = await linkNeed(event.locals.services, request.workshopId, {
		cardId,
		coverage,
		targetGroups
	});
	if (!result.ok) return failure(request, result.key, result.status);
	return json({ ok: true });
};
