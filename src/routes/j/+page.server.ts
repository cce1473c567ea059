import { fail, redirect } from '@sveltejs/kit';
import { normalizeJoinCode } from '$lib/server/join-codes';
import type { JoinProblem } from '$lib/join/join-problem';
import type { Actions } from './$types';

/** The short way in: type the code the projector shows. The code page itself checks it. */
export const actions: Actions = {
	default: async ({ request }) => {
		const typed = String((await request.formData()).get('code') ?? '');
		const code = normalizeJoinCode(typed);
		if (!code)
			return fail(400, {
				code: typed.slice(0, 40),
				problem: { key: 'joinCode.malformed' } satisfies JoinProblem
			});
		redirect(303, `/j/${code}`);
	}
};
