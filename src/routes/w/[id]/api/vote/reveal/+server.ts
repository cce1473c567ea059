import { json } from '@sveltejs/kit';
import { revealResults } from '$lib/server/votes';
import { readJsonBody } from '$lib/server/api/json-body';
import { boardParam, failure, workshopRequest } from '$lib/server/workshop-requests';
import type { RequestHandler } from './$types';

/** The facilitator closes the vote and shows the ranked totals to everyone. */
export const POST: RequestHandler = async (event) => {
	const request = await workshopRequest(event, { manage: true });
	const board = boardParam((await readJsonBody(event)).board);
	if (!board) return failure(request, 'live.badRequest');
	if (!(await revealResults(event.locals.services, { ...request, board })))
		return failure(request, 'vote.closed', 409);
	return json({ revealed: true });
};
