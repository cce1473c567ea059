import { fail, redirect } from '@sveltejs/kit';
import { verifyLogin, normalizeEmail } from '$lib/server/accounts';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { createSession } from '$lib/server/auth/session';
import { getDb } from '$lib/server/db';
import { accountLimiter, addressLimiter } from '$lib/server/login-limits';
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

		const address = event.getClientAddress();
		const accountKey = `${address}|${email}`;
		const wait = Math.max(
			addressLimiter.retryAfter(address),
			accountLimiter.retryAfter(accountKey)
		);
		if (wait > 0) {
			return fail(429, {
				email,
				message: say('login.tooMany', { minutes: Math.ceil(wait / 60000) })
			});
		}

		const db = await getDb();
		const user = await verifyLogin(db, email, password);
		if (!user) {
			addressLimiter.recordFailure(address);
			accountLimiter.recordFailure(accountKey);
			return fail(400, { email, message: say('login.invalid') });
		}
		accountLimiter.reset(accountKey);
		const session = await createSession(db, { userId: user.id });
		setSessionCookie(cookies, 'staff', session.token, session.expiresAt);
		redirect(303, safeRedirectTarget(url.searchParams.get('redirectTo'), '/workshops'));
	}
};
