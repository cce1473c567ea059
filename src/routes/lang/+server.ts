import { redirect } from '@sveltejs/kit';
import { toLocale } from '$lib/i18n';
import { rememberLocale } from '$lib/server/i18n/locale';
import { safeRedirectTarget } from '$lib/server/redirect';
import type { RequestHandler } from './$types';

/** The language switch without JavaScript: a form POST. An unknown code gives German. */
export const POST: RequestHandler = async ({ request, cookies, url }) => {
	const form = await request.formData();
	rememberLocale(cookies, toLocale(form.get('locale')), url.protocol === 'https:');
	redirect(303, safeRedirectTarget(form.get('redirectTo')));
};
