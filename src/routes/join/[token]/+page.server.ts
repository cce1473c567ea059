import { redirect } from '@sveltejs/kit';
import { findInvite } from '$lib/server/invites';
import { guestHome, joinPageFacts, submitJoin } from '$lib/server/join-flow';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const found = await findInvite(locals.services.db, params.token);
	// A key, not a text: the page says it as the reader reads (see $lib/join/join-problem).
	if (!found.ok) return { problem: found.error };
	// Someone who already joined this workshop in this browser goes straight back to it.
	if (locals.actor?.kind === 'guest' && locals.actor.workshopId === found.invite.workshopId)
		redirect(303, guestHome(found.invite.workshopId, locals.actor.role));
	// Only reads: nothing is stored and no cookie is set before the join button is pressed.
	return {
		workshopTitle: found.invite.workshopTitle,
		...(await joinPageFacts(locals.services.db))
	};
};

export const actions: Actions = {
	default: async ({ params, request, locals, cookies }) => {
		const { db } = locals.services;
		return submitJoin(db, await findInvite(db, params.token), await request.formData(), {
			cookies
		});
	}
};
