import { redirect } from '@sveltejs/kit';
import { encodeBase64 } from '@oslojs/encoding';
import * as Y from 'yjs';
import { documentName, privateDocumentName } from '$lib/collab/documents';
import { can } from '$lib/domain/roles';
import { closedWorkshopResults } from '$lib/server/closed-results';
import { openLiveWorkshop, ownClientIds } from '$lib/server/live-workshop';
import { measureChoices } from '$lib/server/workshop-choices';
import { loadWorkshopDataBoard } from '$lib/server/workshop-data-board';
import type { PageServerLoad } from './$types';

/** The live workshop. The same access rule guards this page and the WebSocket upgrade. */
export const load: PageServerLoad = async (event) => {
	const { db, actor, workshop, closed, ...live } = await openLiveWorkshop(event);
	// An observer link is a projector's: it shows the projector view, never a board to write on.
	if (actor.kind === 'guest' && actor.role === 'observer')
		redirect(303, `/w/${workshop.id}/present`);
	const participant = actor.kind === 'guest' && actor.role === 'participant';
	const ownClients = await ownClientIds(db, live.docName, actor);
	const controlName = documentName(workshop.id, 'control');
	return {
		...live,
		workshop: { id: workshop.id, title: workshop.title, format: workshop.format, closed },
		controlName,
		// The control document (phases, timer, settings) as the server has it now. The page shows the
		// phase with it before its own connection has synced: a browser opens one WebSocket to a host
		// at a time, so on a slow network the control document would wait for the content's handshake
		// (bench:join, Fast 3G: ~560 ms). The connection brings anything newer.
		controlState: closed
			? null
			: await event.locals.services.documents.read(controlName, (doc) =>
					encodeBase64(Y.encodeStateAsUpdate(doc))
				),
		// Private drafts exist for participants only; staff write straight onto the wall.
		draftsName:
			participant && !closed ? privateDocumentName(workshop.id, actor.participantId) : null,
		moderator: can(actor, 'workshop.manage') && !closed,
		measureChoices: await measureChoices(db, workshop.id),
		dataBoard: closed ? [] : await loadWorkshopDataBoard(db, workshop.id),
		ownClients,
		// The sync server refuses closed workshops: their results are read here, once, as plain data.
		results: closed ? await closedWorkshopResults(db, workshop.id, ownClients) : null,
		/** Timers end at a server time; screens correct their clock by the difference. */
		serverNow: Date.now()
	};
};
