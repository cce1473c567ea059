import { json } from '@sveltejs/kit';
import { castDot, viewVote } from '$lib/server/votes';
import { readJsonBody } from '$lib/server/api/json-body';
import { boardParam, failure, workshopRequest } from '$lib/server/workshop-requests';
import type { RequestHandler } from './$types';

/** The asker's dots and budget on a board's vote; running totals for the facilitator only. */
export const GET: RequestHandler = async (event) => {
	const request = await workshopRequest(event);
	const board = boardParam(event.url.searchParams.get('board'));
	if (!board) return failure(request, 'live.badRequest');
	const view = await viewVote(event.locals.services, { ...request, board });
	return json(view);
};

/** One dot more (+1) or less (-1); the server checks the vote is open and the budget holds. */
export const POST: RequestHandler = async (event) => {
	const request = await workshopRequest(event);
	const body = await readJsonBody(event);
	const board = boardParam(body.board);
	const itemId = typeof body.itemId === 'string' ? body.itemId : '';
	const delta = body.delta;
	if (!board || !itemId || (delta !== 1 && delta !== -1))
		return failure(request, 'live.badRequest');
	const result = await castDot(event.locals.services, {
		workshopId: request.workshopId,
		board,
		voter: request.voter,
		itemId,
		delta
	});
	if (!result.ok) return failure(request, result.error, 409);
	return json(result.view);
};
