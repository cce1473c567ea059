import { fail, redirect } from '@sveltejs/kit';
import { requirePermission } from '$lib/server/guards';
import { listLevels } from '$lib/server/planning/districts';
import { createTableDraft } from '$lib/server/planning/table-import';
import { readUpload, tooLargeMessage } from '$lib/server/planning/uploads';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requirePermission(event, 'planning.manage');
	return { levels: await listLevels(event.locals.services.db) };
};

/**
 * Step 1 of the table import: the file is kept as a draft, and the mapping step opens at its own
 * address, so a reload or a browser without JavaScript never has to send the file again.
 */
export const actions: Actions = {
	default: async (event) => {
		const actor = requirePermission(event, 'planning.manage');
		const read = await readUpload(event.request);
		if (!read.ok) {
			const status = read.errors[0]?.message === tooLargeMessage ? 413 : 400;
			return fail(status, { errors: read.errors });
		}
		const level = String(read.form.get('level') ?? '');
		const created = await createTableDraft(event.locals.services.db, {
			file: read.file,
			level,
			createdBy: actor.userId
		});
		if (!created.ok) return fail(400, { errors: created.errors });
		redirect(303, `/districts/import/tabelle/${created.id}`);
	}
};
