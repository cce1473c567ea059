import { json } from '@sveltejs/kit';
import { readJsonBody } from '$lib/server/api/json-body';
import { changeOwnCard, parseOwnCardChange } from '$lib/server/own-cards';
import { failure, workshopRequest } from '$lib/server/workshop-requests';
import type { RequestHandler } from './$types';

/**
 * An anonymous author fixes, bins or restores their own published card by showing its key. Who
 * asks is checked (a participant or facilitator of this open workshop) but not recorded.
 */
export const POST: RequestHandler = async (event) => {
	const request = await workshopRequest(event);
	const body = await readJsonBody(event);
	const cardId = typeof body.cardId === 'string' && body.cardId.length <= 64 ? body.cardId : '';
	const key = typeof body.key === 'string' ? body.key : '';
	const change = parseOwnCardChange(body);
	if (!cardId || !key || !change) return failure(request, 'live.badRequest');
	const result = await changeOwnCard(event.locals.services, request.workshopId, {
		cardId,
		key,
		change,
		facilitator: request.facilitator
	});
	if (!result.ok) {
		const status =
			result.error === 'ownCard.notYours' ? 403 : result.error === 'ownCard.gone' ? 404 : 409;
		return failure(request, result.error, result.error.startsWith('wall.card') ? 400 : status);
	}
	return json({ ok: true });
};
