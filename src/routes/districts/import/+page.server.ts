import { fail } from '@sveltejs/kit';
import { requirePermission } from '$lib/server/guards';
import { listLevels } from '$lib/server/planning/districts';
import { listImports } from '$lib/server/planning/import-log';
import {
	inspectUpload,
	readUpload,
	runDistrictUpload,
	runIndicatorUpload,
	tooLargeMessage
} from '$lib/server/planning/uploads';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requirePermission(event, 'planning.manage');
	const { db } = event.locals.services;
	const [levels, imports] = await Promise.all([listLevels(db), listImports(db, { limit: 10 })]);
	return { levels, imports };
};

/**
 * Browsers without JavaScript post here; with JavaScript the page reads the file itself and streams
 * the import through ./run for progress. Both end in the same functions.
 */
export const actions: Actions = {
	inspect: async (event) => {
		requirePermission(event, 'planning.manage');
		const kind = event.url.searchParams.get('kind') === 'csv' ? 'csv' : 'districts';
		const read = await readUpload(event.request);
		if (!read.ok) return fail(statusOf(read), { kind, outcome: read });
		const inspection = await inspectUpload(kind, read.file);
		if (!inspection.ok) {
			return fail(400, {
				kind,
				outcome: { ok: false as const, errors: [{ message: inspection.message }] }
			});
		}
		return { kind, inspection };
	},
	districts: async (event) => importWith(event, 'districts'),
	indicators: async (event) => importWith(event, 'csv')
};

async function importWith(event: Parameters<Actions[string]>[0], kind: 'districts' | 'csv') {
	const actor = requirePermission(event, 'planning.manage');
	const read = await readUpload(event.request);
	if (!read.ok) return fail(statusOf(read), { kind, outcome: read });
	const { db } = event.locals.services;
	const outcome =
		kind === 'districts'
			? await runDistrictUpload(db, read.form, read.file, actor.userId)
			: await runIndicatorUpload(db, read.form, read.file, actor.userId);
	return outcome.ok ? { kind, outcome } : fail(400, { kind, outcome });
}

/** 413 for a file over the limit, as before the body was read; 400 for anything else. */
const statusOf = (refused: { errors: { message: string }[] }) =>
	refused.errors[0]?.message === tooLargeMessage ? 413 : 400;
