import { json } from '@sveltejs/kit';
import { markDone } from '$lib/server/votes';
import { readJsonBody } from '$lib/server/api/json-body';
import { boardParam, failure, workshopRequest } from '$lib/server/workshop-requests';
import type { RequestHandler } from './$types';

/** "Ich bin fertig": counted for the facilitator, without names. */
export const POST: RequestHandler = async (event) => {
	const request = await workshopRequest(event);
	const board = boardParam((await readJsonBody(event)).board);
	if (!board) return failure(request, 'live.badRequest');
	if (!(await markDone(event.locals.services, { ...request, board })))
		return failure(request, 'vote.closed', 409);
	return json({ done: true });
};
