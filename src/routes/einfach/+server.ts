import { redirect } from '@sveltejs/kit';
import { rememberSimple } from '$lib/server/i18n/locale';
import { safeRedirectTarget } from '$lib/server/redirect';
import type { RequestHandler } from './$types';

/**
 * The Einfache Sprache switch without JavaScript: a form POST. `einfach=1` switches it on; any
 * other value switches it off.
 */
export const POST: RequestHandler = async ({ request, cookies, url }) => {
	const form = await request.formData();
	rememberSimple(cookies, form.get('einfach') === '1', url.protocol === 'https:');
	redirect(303, safeRedirectTarget(form.get('redirectTo')));
};
