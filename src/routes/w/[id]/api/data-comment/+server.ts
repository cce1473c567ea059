import { json } from '@sveltejs/kit';
import { readJsonBody } from '$lib/server/api/json-body';
import { changeOwnDataComment, parseOwnDataCommentChange } from '$lib/server/own-data-comments';
import { failure, workshopRequest } from '$lib/server/workshop-requests';
import type { RequestHandler } from './$types';

/**
 * A comment on the Datenlage board in an anonymous workshop: added, changed or deleted by the
 * server for whoever shows the comment's key. Who asks is checked but not recorded.
 */
export const POST: RequestHandler = async (event) => {
	const request = await workshopRequest(event);
	const body = await readJsonBody(event);
	const key = typeof body.key === 'string' ? body.key : '';
	const change = parseOwnDataCommentChange(body);
	if (!key || !change) return failure(request.locale, 'live.badRequest');
	const result = await changeOwnDataComment(event.locals.services, request.workshopId, {
		key,
		change,
		facilitator: request.facilitator
	});
	if (!result.ok) {
		const status =
			result.error === 'ownCard.notYours' ? 403 : result.error === 'ownCard.gone' ? 404 : 409;
		return failure(request.locale, result.error, result.error.startsWith('data.') ? 400 : status);
	}
	return json({ ok: true, id: result.id });
};
