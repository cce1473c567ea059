import { redirect } from '@sveltejs/kit';
import { isLocale } from '$lib/i18n';
import { safeRedirectTarget } from '$lib/server/redirect';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ request, cookies, url }) => {
	const form = await request.formData();
	const locale = form.get('locale');
	if (isLocale(locale)) {
		cookies.set('lang', locale, {
			path: '/',
			httpOnly: false,
			sameSite: 'lax',
			secure: url.protocol === 'https:',
			maxAge: 60 * 60 * 24 * 365
		});
	}
	redirect(303, safeRedirectTarget(form.get('redirectTo')));
};
