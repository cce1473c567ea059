import { redirect } from '@sveltejs/kit';
import { deleteSessionCookie } from '$lib/server/auth/cookies';
import { invalidateSession } from '$lib/server/auth/session';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ locals, cookies }) => {
		if (locals.actor?.kind === 'staff' && locals.sessionId) {
			await invalidateSession(locals.services, locals.sessionId);
		}
		deleteSessionCookie(cookies, 'staff');
		redirect(303, '/');
	}
};
