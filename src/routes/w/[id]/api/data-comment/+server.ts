import { json } from '@sveltejs/kit';
import { readJsonBody } from '$lib/server/api/json-body';
import {
	changeOwnDataComment,
	parseOwnDataCommentChange,
	type OwnDataCommentError
} from '$lib/server/own-data-comments';
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
	if (!key || !change) return failure(request, 'live.badRequest');
	const result = await changeOwnDataComment(event.locals.services, request.workshopId, {
		key,
		change,
		facilitator: request.facilitator
	});
	if (!result.ok) {
		const status: Record<OwnDataCommentError, number> = {
			'data.commentEmpty': 400,
			'data.commentTooLong': 400,
			'data.commentNotYours': 403,
			'data.commentGone': 404,
			'wall.lockedNote': 409
		};
		return failure(request, result.error, status[result.error]);
	}
	return json({ ok: true, id: result.id });
};
