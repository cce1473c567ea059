import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	if (locals.actor?.kind === 'staff') redirect(303, '/workshops');
	return {};
};
