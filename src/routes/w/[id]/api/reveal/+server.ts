import { json } from '@sveltejs/kit';
import { readControl, setSettings } from '$lib/collab/control';
import { documentName } from '$lib/collab/documents';
import { workshopRequest } from '$lib/server/workshop-requests';
import type { RequestHandler } from './$types';

/**
 * The facilitator ends private writing: from now on cards go up as they are written, and every
 * card waiting in a private document is published onto the wall by the server.
 */
export const POST: RequestHandler = async (event) => {
	const { workshopId } = await workshopRequest(event, { manage: true });
	const { documents } = event.locals.services;
	await documents.change(documentName(workshopId, 'control'), (doc) =>
		setSettings(doc, { ...readControl(doc).settings, privateWriting: false })
	);
	const published = await documents.publishDrafts(workshopId);
	return json({ published });
};
