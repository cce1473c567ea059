import { error, json } from '@sveltejs/kit';
import { can } from '$lib/domain/roles';
import { translate } from '$lib/i18n';
import { readJsonBody } from '$lib/server/api/json-body';
import { authorizeWorkshop } from '$lib/server/authorize-workshop';
import { answerReach, participantReach, reachMessage, reachTotals } from '$lib/server/reach/store';
import { countRespondents, loadReachQuestions } from '$lib/server/reach/totals';
import { isClosed } from '$lib/domain/workshop';
import type { RequestHandler } from './$types';

/**
 * The reach questions (issue 14, point 7). A participant gets the questions and whether they may
 * still answer; staff who may see the workshop get the pick and the totals (below 5 as null).
 * Nobody gets anything per person.
 */
export const GET: RequestHandler = async ({ locals, params }) => {
	const verdict = await authorizeWorkshop(locals.services.db, locals.actor, params.id, 'content');
	if (!verdict.ok)
		error(
			verdict.reason === 'unauthenticated' ? 401 : verdict.reason === 'not-found' ? 404 : 403,
			translate(
				locals.locale,
				verdict.reason === 'not-found' ? 'workshop.notFound' : 'error.forbidden',
				{},
				locals.simpleLanguage
			)
		);
	const { db } = locals.services;
	const workshopId = verdict.workshop.id;
	if (verdict.actor.kind === 'guest')
		return json({
			role: 'participant',
			...(await participantReach(
				db,
				verdict.actor,
				workshopId,
				locals.locale,
				locals.simpleLanguage
			))
		});
	const picked = await loadReachQuestions(db, workshopId);
	const answered = (await countRespondents(db, workshopId)) > 0;
	return json({
		role: 'staff',
		canEdit:
			can(verdict.actor, 'workshop.manage') && !isClosed(verdict.workshop.status) && !answered,
		canManage: can(verdict.actor, 'workshop.manage'),
		closed: isClosed(verdict.workshop.status),
		locked: answered,
		picked,
		...(await reachTotals(db, workshopId, locals.locale))
	});
};

/** A participant's answers `{ answers: { <question>: <choice> } }`: counted once, or refused. */
export const POST: RequestHandler = async (event) => {
	const body = await readJsonBody(event);
	const { locals, params } = event;
	const result = await answerReach(
		locals.services.db,
		locals.actor,
		params.id,
		body.answers,
		locals.locale,
		locals.simpleLanguage
	);
	if (!result.ok)
		return json(
			{ message: reachMessage(locals.locale, result.error, locals.simpleLanguage) },
			{ status: result.status }
		);
	return json({ ok: true });
};
