import { fail } from '@sveltejs/kit';
import { inspectCsv, inspectGeoJson } from '$lib/domain/planning/import-suggestions';
import { getDb } from '$lib/server/db';
import { requirePermission } from '$lib/server/guards';
import { listLevels } from '$lib/server/planning/districts';
import { listImports } from '$lib/server/planning/import-log';
import {
	checkUploadLength,
	readUploadedFile,
	runDistrictUpload,
	runIndicatorUpload
} from '$lib/server/planning/uploads';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requirePermission(event, 'planning.manage');
	const db = await getDb();
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
		const tooLarge = checkUploadLength(event.request);
		if (tooLarge) return fail(413, { kind, outcome: tooLarge });
		const read = await readUploadedFile(await event.request.formData());
		if (!read.ok) return fail(400, { kind, outcome: read });
		const inspection = kind === 'csv' ? inspectCsv(read.file.text) : inspectGeoJson(read.file.text);
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
	const tooLarge = checkUploadLength(event.request);
	if (tooLarge) return fail(413, { kind, outcome: tooLarge });
	const form = await event.request.formData();
	const read = await readUploadedFile(form);
	if (!read.ok) return fail(400, { kind, outcome: read });
	const db = await getDb();
	const outcome =
		kind === 'districts'
			? await runDistrictUpload(db, form, read.file, actor.userId)
			: await runIndicatorUpload(db, form, read.file, actor.userId);
	return outcome.ok ? { kind, outcome } : fail(400, { kind, outcome });
}
