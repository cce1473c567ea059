import { fail, redirect } from '@sveltejs/kit';
import { normalizeJoinCode } from '$lib/server/join-codes';
import { translate } from '$lib/i18n';
import type { Actions } from './$types';

/** The short way in: type the code the projector shows. The code page itself checks it. */
export const actions: Actions = {
	default: async ({ request, locals }) => {
		const typed = String((await request.formData()).get('code') ?? '');
		const code = normalizeJoinCode(typed);
		if (!code)
			return fail(400, {
				code: typed.slice(0, 40),
				message: translate(locals.locale, 'joinCode.malformed', {}, locals.simpleLanguage)
			});
		redirect(303, `/j/${code}`);
	}
};
