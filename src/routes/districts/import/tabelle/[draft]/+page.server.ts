import { error, fail } from '@sveltejs/kit';
import { readMappingForm } from '$lib/domain/planning/table-mapping';
import { requirePermission } from '$lib/server/guards';
import { listDistricts } from '$lib/server/planning/districts';
import {
	getTableDraft,
	listSavedMappings,
	runTableImport,
	saveDraftMapping,
	storeDraftMapping,
	viewTableDraft
} from '$lib/server/planning/table-import';
import { translate } from '$lib/i18n';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requirePermission(event, 'planning.manage');
	const { db } = event.locals.services;
	const draft = await getTableDraft(db, event.params.draft, actor.userId);
	if (!draft) error(404, translate(event.locals.locale, 'mapping.notFound'));
	const view = await viewTableDraft(db, draft);
	const needsPicker = view.ok && view.attention.length > 0;
	return {
		draft: { id: draft.id, fileName: draft.fileName, level: draft.level },
		view,
		saved: (await listSavedMappings(db)).map((m) => m.name),
		// The hand-assignment picker lists every district of the level, only when a row needs one.
		districts: needsPicker
			? (await listDistricts(db, { level: draft.level })).map((d) => ({
					code: d.code,
					name: d.name
				}))
			: []
	};
};

/** The draft of this planner and the mapping the form posted (the whole mapping, every step). */
async function postedMapping(event: RequestEvent) {
	const actor = requirePermission(event, 'planning.manage');
	const { db } = event.locals.services;
	const draft = await getTableDraft(db, event.params.draft, actor.userId);
	if (!draft) error(404, translate(event.locals.locale, 'mapping.notFound'));
	const form = await event.request.formData();
	const fields = new Map<string, string>();
	for (const [name, value] of form) {
		if (typeof value === 'string' && !fields.has(name)) fields.set(name, value);
	}
	const count = Math.min(Number(fields.get('columnCount') ?? 0) || 0, 10_000);
	const header = Array.from({ length: count }, (_, i) => fields.get(`header:${i}`) ?? '');
	const mapping = readMappingForm(
		(name) => fields.get(name)?.trim() ?? '',
		(name) => fields.has(name),
		header
	);
	await storeDraftMapping(db, draft.id, { mapping });
	return { actor, db, draft, mapping, text: (name: string) => fields.get(name)?.trim() ?? '' };
}

export const actions: Actions = {
	preview: async (event) => {
		await postedMapping(event);
		return { updated: true };
	},
	import: async (event) => {
		const { actor, db, draft, mapping, text } = await postedMapping(event);
		const outcome = await runTableImport(db, draft, mapping, {
			createdBy: actor.userId,
			saveAs: text('saveAs')
		});
		return outcome.ok ? { outcome, savedAs: text('saveAs') } : fail(400, { outcome });
	},
	save: async (event) => {
		const { actor, db, draft, mapping, text } = await postedMapping(event);
		const saved = await saveDraftMapping(db, draft, mapping, {
			name: text('saveAs'),
			createdBy: actor.userId
		});
		return saved.ok
			? { savedAs: text('saveAs') }
			: fail(400, { outcome: { ok: false as const, errors: saved.errors } });
	},
	apply: async (event) => {
		const actor = requirePermission(event, 'planning.manage');
		const { db } = event.locals.services;
		const draft = await getTableDraft(db, event.params.draft, actor.userId);
		if (!draft) error(404, translate(event.locals.locale, 'mapping.notFound'));
		const name = String((await event.request.formData()).get('saved') ?? '');
		const view = await viewTableDraft(db, draft, { apply: name });
		if (!view.ok || view.appliedSaved !== name) {
			const message = view.ok
				? `Die gespeicherte Zuordnung „${name}“ gibt es nicht.`
				: view.message;
			return fail(400, { outcome: { ok: false as const, errors: [{ message }] } });
		}
		await storeDraftMapping(db, draft.id, { mapping: view.mapping });
		return { applied: name };
	}
};
