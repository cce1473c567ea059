import { error, fail, redirect } from '@sveltejs/kit';
import { findOneTimeLink, redeemOneTimeLink, resetPasswordWithLink } from '$lib/server/accounts';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { createSession } from '$lib/server/auth/session';
import { translate } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

/**
 * One route for every one-time link: the first admin's setup link, staff invitations (both create
 * an account) and password resets (a new password for an existing account).
 */
export const load: PageServerLoad = async ({ params, locals }) => {
	const link = await findOneTimeLink(locals.services.db, params.token);
	if (!link) error(410, translate(locals.locale, 'link.invalid'));
	// The reset page names the account, so the person sees whose password they set.
	return link.purpose === 'reset'
		? { purpose: link.purpose, name: link.name, account: link.email, role: null }
		: { purpose: link.purpose, name: null, account: null, role: link.role };
};

export const actions: Actions = {
	default: async ({ params, request, locals, cookies }) => {
		const form = await request.formData();
		const input = {
			name: String(form.get('name') ?? ''),
			email: String(form.get('email') ?? ''),
			password: String(form.get('password') ?? '')
		};
		const { db } = locals.services;
		// Which kind of link it is comes from the store, never from the form.
		const link = await findOneTimeLink(db, params.token);
		const result =
			link?.purpose === 'reset'
				? await resetPasswordWithLink(locals.services, params.token, input.password)
				: await redeemOneTimeLink(db, params.token, input);
		if (!result.ok) {
			return fail(400, {
				name: input.name,
				email: input.email,
				message: translate(locals.locale, result.error)
			});
		}
		// A reset has just ended every session of the account; this one starts after that.
		const session = await createSession(db, { userId: result.value.id });
		setSessionCookie(cookies, 'staff', session.token, session.expiresAt);
		redirect(303, '/workshops');
	}
};
