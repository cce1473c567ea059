import { redirect } from '@sveltejs/kit';
import { documentName, privateDocumentName } from '$lib/collab/documents';
import { can } from '$lib/domain/roles';
import { closedWorkshopResults } from '$lib/server/closed-results';
import { openLiveWorkshop, ownClientIds } from '$lib/server/live-workshop';
import { documentStateForPage } from '$lib/server/page-document-state';
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
	// Private drafts exist for participants only; staff write straight onto the wall.
	const draftsName =
		participant && !closed ? privateDocumentName(workshop.id, actor.participantId) : null;
	const { documents } = event.locals.services;
	// The page carries the workshop's documents: kept by no cache, also not on a shared computer.
	event.setHeaders({ 'cache-control': 'private, no-store' });
	return {
		...live,
		workshop: { id: workshop.id, title: workshop.title, format: workshop.format, closed },
		controlName,
		draftsName,
		// The live documents' states as the server has them now: the room shows the phase and the
		// board at once and its connections bring what changed since (page-document-state.ts).
		pageStates: closed
			? null
			: {
					content: await documentStateForPage(documents, live.docName),
					control: await documentStateForPage(documents, controlName),
					drafts: draftsName ? await documentStateForPage(documents, draftsName) : null
				},
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
