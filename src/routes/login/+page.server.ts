import { fail, redirect } from '@sveltejs/kit';
import { normalizeEmail } from '$lib/server/accounts';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { attemptLogin } from '$lib/server/auth/login';
import { createSession } from '$lib/server/auth/session';
import { loginLimits } from '$lib/server/login-limits';
import { safeRedirectTarget } from '$lib/server/redirect';
import { translate } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.actor?.kind === 'staff')
		redirect(303, safeRedirectTarget(url.searchParams.get('redirectTo'), '/workshops'));
	return {};
};

export const actions: Actions = {
	default: async (event) => {
		const { request, locals, cookies, url } = event;
		const form = await request.formData();
		const email = normalizeEmail(String(form.get('email') ?? ''));
		const password = String(form.get('password') ?? '');
		const say = (key: Parameters<typeof translate>[1], params?: Record<string, number>) =>
			translate(locals.locale, key, params);
		if (!email || !password) return fail(400, { email, message: say('login.missing') });

		const { db } = event.locals.services;
		const outcome = await attemptLogin(db, loginLimits, {
			email,
			password,
			address: event.getClientAddress()
		});
		if (!outcome.ok && outcome.reason === 'throttled') {
			return fail(429, {
				email,
				message: say('login.tooMany', { minutes: Math.ceil(outcome.retryAfterMs / 60000) })
			});
		}
		if (!outcome.ok) return fail(400, { email, message: say('login.invalid') });
		const session = await createSession(db, { userId: outcome.user.id });
		setSessionCookie(cookies, 'staff', session.token, session.expiresAt);
		redirect(303, safeRedirectTarget(url.searchParams.get('redirectTo'), '/workshops'));
	}
};
