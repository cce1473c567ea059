import { documentName } from '$lib/collab/documents';
import { openLiveWorkshop } from '$lib/server/live-workshop';
import { loadWorkshopDataBoard } from '$lib/server/workshop-data-board';
import type { PageServerLoad } from './$types';

/** The projector view: read-only, for everyone who may see the workshop (page rule as /w/<id>). */
export const load: PageServerLoad = async (event) => {
	const { workshop, closed, docName, actor, db } = await openLiveWorkshop(event);
	return {
		workshop: { id: workshop.id, title: workshop.title },
		closed,
		docName,
		controlName: documentName(workshop.id, 'control'),
		/** Participants see the projector too, but only facilitators and projectors get join codes. */
		showsJoinCode: actor.kind === 'staff' || actor.role === 'observer',
		dataBoard: closed ? [] : await loadWorkshopDataBoard(db, workshop.id),
		serverNow: Date.now()
	};
};
