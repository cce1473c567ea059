import { error, fail, redirect } from '@sveltejs/kit';
import { findOneTimeLink, redeemOneTimeLink } from '$lib/server/accounts';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { createSession } from '$lib/server/auth/session';
import { translate } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

/** One route for both one-time links: the first admin's setup link and staff invitations. */
export const load: PageServerLoad = async ({ params, locals }) => {
	const link = await findOneTimeLink(locals.services.db, params.token);
	if (!link) error(410, translate(locals.locale, 'link.invalid'));
	return { purpose: link.purpose, role: link.role };
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
		const result = await redeemOneTimeLink(db, params.token, input);
		if (!result.ok) {
			return fail(400, {
				name: input.name,
				email: input.email,
				message: translate(locals.locale, result.error)
			});
		}
		const session = await createSession(db, { userId: result.value.id });
		setSessionCookie(cookies, 'staff', session.token, session.expiresAt);
		redirect(303, '/workshops');
	}
};
