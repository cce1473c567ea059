import { fail, redirect } from '@sveltejs/kit';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { findInvite, joinWithInvite, maxDisplayNameLength } from '$lib/server/invites';
import { translate } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const found = await findInvite(locals.services.db, params.token);
	if (!found.ok) return { problem: translate(locals.locale, found.error) };
	// Someone who already joined this workshop in this browser goes straight back to the wall.
	if (locals.actor?.kind === 'guest' && locals.actor.workshopId === found.invite.workshopId)
		redirect(303, `/w/${found.invite.workshopId}`);
	return { workshopTitle: found.invite.workshopTitle, maxNameLength: maxDisplayNameLength };
};

export const actions: Actions = {
	default: async ({ params, request, locals, cookies }) => {
		const form = await request.formData();
		const anonymous = form.get('anonymous') === 'on';
		const name = anonymous ? null : String(form.get('displayName') ?? '');
		const result = await joinWithInvite(locals.services.db, params.token, name);
		if (!result.ok) {
			return fail(400, {
				displayName: name ?? '',
				message: translate(locals.locale, result.error)
			});
		}
		setSessionCookie(cookies, 'guest', result.session.token, result.session.expiresAt);
		redirect(303, `/w/${result.workshopId}`);
	}
};
