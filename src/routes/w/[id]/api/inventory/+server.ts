import { error, json } from '@sveltejs/kit';
import { writerKey } from '$lib/domain/roles';
import { translate, type MessageKey } from '$lib/i18n';
import { readJsonBody } from '$lib/server/api/json-body';
import { authorizeWorkshop } from '$lib/server/authorize-workshop';
import { changeLiveEntry, loadInventoryBoard } from '$lib/server/inventory/live';
import { failure, workshopRequest } from '$lib/server/workshop-requests';
import type { RequestHandler } from './$types';

/** The Bestandsaufnahme of the workshop's districts, for everyone who may see the workshop. */
export const GET: RequestHandler = async (event) => {
	const { locals, params } = event;
	const verdict = await authorizeWorkshop(locals.services.db, locals.actor, params.id, 'content');
	if (!verdict.ok)
		error(
			verdict.reason === 'unauthenticated' ? 401 : 403,
			translate(locals.locale, 'error.forbidden', {}, locals.simpleLanguage)
		);
	const asker = {
		writer: writerKey(verdict.actor),
		// Observers and a closed workshop: nothing is anyone's to change any more.
		moderator: verdict.moderator && verdict.access === 'write'
	};
	const board = await loadInventoryBoard(locals.services.db, verdict.workshop.id, asker);
	if (verdict.access !== 'write') for (const entry of board.entries) entry.mine = false;
	return json(board);
};

/**
 * Adds, changes or deletes an entry (participants: only their own). Refusals name the field in
 * the asker's language; the board keeps what was typed, so nothing is lost.
 */
export const POST: RequestHandler = async (event) => {
	const request = await workshopRequest(event);
	const body = await readJsonBody(event);
	const action = body.action;
	if (action !== 'add' && action !== 'edit' && action !== 'delete')
		return failure(request, 'live.badRequest');
	const fields =
		body.fields && typeof body.fields === 'object' ? (body.fields as Record<string, unknown>) : {};
	const actor = event.locals.actor;
	if (!actor) return failure(request, 'live.loginRequired', 401);
	const result = await changeLiveEntry(
		event.locals.services,
		request.workshopId,
		{ writer: writerKey(actor), moderator: request.facilitator },
		{ action, id: typeof body.id === 'string' ? body.id : undefined, fields }
	);
	if (!result.ok) {
		const params = 'params' in result.error ? result.error.params : undefined;
		return json(
			{
				message: translate(
					request.locale,
					result.error.key as MessageKey,
					{
						field: translate(
							request.locale,
							`inventory.field.${result.error.field}` as MessageKey,
							{},
							request.simple
						),
						...params
					},
					request.simple
				),
				field: result.error.field
			},
			{ status: result.status }
		);
	}
	return json({ ok: true, id: result.entry?.id ?? null });
};
