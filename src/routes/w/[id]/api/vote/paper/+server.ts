import { json } from '@sveltejs/kit';
import { enterPaperDots } from '$lib/server/votes';
import { readJsonBody } from '$lib/server/api/json-body';
import { boardParam, failure, workshopRequest } from '$lib/server/workshop-requests';
import type { RequestHandler } from './$types';

/**
 * The facilitator types in the dots of a paper round: `{ board, counts: { itemId: dots } }`. The
 * server checks the vote is open, each item is in it and each count is a whole number.
 */
export const POST: RequestHandler = async (event) => {
	const request = await workshopRequest(event, { manage: true });
	const body = await readJsonBody(event);
	const board = boardParam(body.board);
	const counts = body.counts;
	if (!board || typeof counts !== 'object' || counts === null || Array.isArray(counts))
		return failure(request, 'live.badRequest');
	const result = await enterPaperDots(event.locals.services, {
		workshopId: request.workshopId,
		board,
		counts: counts as Record<string, unknown>
	});
	if (!result.ok) return failure(request, result.error, result.error === 'vote.closed' ? 409 : 400);
	return json(result.view);
};
