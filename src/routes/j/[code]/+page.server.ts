import { error, fail, redirect } from '@sveltejs/kit';
import { checkJoinCode } from '$lib/server/join-codes';
import { guestHome, joinPageFacts, submitJoin } from '$lib/server/join-flow';
import { translate, type MessageKey } from '$lib/i18n';
import type { JoinProblem } from '$lib/join/join-problem';
import type { Actions, PageServerLoad } from './$types';

/**
 * A projector's join code opened as a link (or typed on /j). Every look-up of a code counts against
 * the address until it turns out right: guessing codes by loading this page is rate-limited too.
 */
export const load: PageServerLoad = async ({ params, locals, getClientAddress, setHeaders }) => {
	const found = await checkJoinCode(locals.services.db, getClientAddress(), params.code);
	if (!found.ok && found.error === 'joinCode.tooMany') {
		const minutes = Math.ceil(found.waitMs / 60_000);
		setHeaders({ 'retry-after': String(Math.ceil(found.waitMs / 1000)) });
		error(429, translate(locals.locale, 'joinCode.tooMany', { minutes }, locals.simpleLanguage));
	}
	// A key, not a text: the page says it as the reader reads (see $lib/join/join-problem).
	if (!found.ok) {
		const problem: MessageKey =
			found.error === 'invite.unknown' ? 'joinCode.unknown' : 'joinCode.expired';
		return { problem };
	}
	if (locals.actor?.kind === 'guest' && locals.actor.workshopId === found.invite.workshopId)
		redirect(303, guestHome(found.invite.workshopId, locals.actor.role));
	// Only reads: nothing is stored and no cookie is set before the join button is pressed.
	return {
		workshopTitle: found.invite.workshopTitle,
		...(await joinPageFacts(locals.services.db))
	};
};

export const actions: Actions = {
	// Counted again: a submission can be sent without loading the page first.
	default: async ({ params, request, locals, cookies, getClientAddress }) => {
		const { db } = locals.services;
		const found = await checkJoinCode(db, getClientAddress(), params.code);
		if (!found.ok && found.error === 'joinCode.tooMany')
			return fail(429, {
				displayName: '',
				problem: {
					key: 'joinCode.tooMany',
					params: { minutes: Math.ceil(found.waitMs / 60_000) }
				} satisfies JoinProblem
			});
		return submitJoin(db, found, await request.formData(), { cookies });
	}
};
