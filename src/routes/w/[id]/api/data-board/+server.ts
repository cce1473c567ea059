import { json } from '@sveltejs/kit';
import { documentName } from '$lib/collab/documents';
import {
	changeDataBoard,
	emptyDataBoard,
	readDataBoard,
	setDataBoard,
	type DataBoardState
} from '$lib/collab/data-board';
import { checkDataBoardChange } from '$lib/domain/data-board';
import { translate } from '$lib/i18n';
import { readJsonBody } from '$lib/server/api/json-body';
import { defaultIndicators, loadWorkshopDataBoard } from '$lib/server/workshop-data-board';
import { boardParam, failure, workshopRequest } from '$lib/server/workshop-requests';
import type { RequestHandler } from './$types';

/**
 * The facilitator changes what the Datenlage board shows everyone: the district, the indicators,
 * the one highlighted. Only here, never by a client's own write (the sync server refuses those):
 * every key is checked against the workshop's districts and the store's indicators first, so a
 * wrong key is refused with its field named instead of showing an empty row to the room.
 */
export const POST: RequestHandler = async (event) => {
	const request = await workshopRequest(event, { manage: true });
	const body = await readJsonBody(event);
	const board = boardParam(body.board);
	if (!board) return failure(request, 'live.badRequest');
	const { db, documents } = event.locals.services;
	const districts = await loadWorkshopDataBoard(db, request.workshopId);
	const checked = checkDataBoardChange(body, districts);
	if (!checked.ok)
		return json(
			{
				message: translate(
					request.locale,
					checked.error,
					{ ...checked.params, field: checked.field },
					request.simple
				),
				field: checked.field
			},
			{ status: 400 }
		);
	const name = documentName(request.workshopId, 'control');
	let state: DataBoardState = emptyDataBoard;
	await documents.change(name, (doc) => {
		const current = readDataBoard(doc, board);
		const districtKey = checked.value.district ?? current.district;
		const shown = districts.find((d) => d.key === districtKey) ?? districts[0];
		state = changeDataBoard(current, checked.value, defaultIndicators(shown));
		setDataBoard(doc, board, state);
	});
	return json(state);
};
