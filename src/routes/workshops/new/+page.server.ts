import { fail, redirect } from '@sveltejs/kit';
import { parseDistrictKey, type DistrictKey } from '$lib/domain/measures';
import { checkWorkshopDistricts, parseWorkshopInput } from '$lib/domain/workshop';
import { parseSeriesInput } from '$lib/domain/round-table/round-table';
import { requirePermission } from '$lib/server/guards';
import { unknownDistricts } from '$lib/server/goals';
import { registerOptions } from '$lib/server/register-options';
import { createSeries } from '$lib/server/round-table/series';
import { setWorkshopLinks } from '$lib/server/workshop-links';
import { createWorkshop } from '$lib/server/workshops';
import { translate } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requirePermission(event, 'workshop.create');
	// The searchable picker needs every district (with its parent's name to tell equal names apart).
	return { districts: (await registerOptions(event.locals.services.db)).districts };
};

export const actions: Actions = {
	default: async (event) => {
		const actor = requirePermission(event, 'workshop.create');
		const data = await event.request.formData();
		const form = Object.fromEntries(data);
		const chosen = data.getAll('districts').map(String);
		const values = {
			title: String(form.title ?? ''),
			startsOn: String(form.startsOn ?? ''),
			description: String(form.description ?? ''),
			format: String(form.format ?? ''),
			districts: chosen
		};
		const refuse = (key: string, params: Record<string, string> = {}, field?: string) =>
			fail(400, { values, message: translate(event.locals.locale, key, params), field });
		if (values.format === 'runderTisch') {
			// A Runder Tisch is a series of meetings (issue 13): what the user asked for is that
			// series, so it is made here and its page plans the first meeting.
			const series = parseSeriesInput({ title: form.title, theme: form.description });
			if (!series.ok) {
				const { key, params = {}, field } = series.error;
				const asText = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]));
				return refuse(key, asText, field === 'theme' ? 'description' : field);
			}
			const created = await createSeries(event.locals.services.db, series.value, actor.userId);
			redirect(303, `/runde-tische/${created.id}`);
		}
		const input = parseWorkshopInput(form);
		if (!input.ok) return refuse(input.error);
		const needed = checkWorkshopDistricts(input.value.format, chosen);
		if (!needed.ok) return refuse(needed.error, {}, 'districts');
		const districts: DistrictKey[] = [];
		for (const key of chosen) {
			const parsed = parseDistrictKey(key);
			if (!parsed) return refuse('workshop.districtUnknown', { district: key }, 'districts');
			if (!districts.some((d) => d.level === parsed.level && d.code === parsed.code))
				districts.push(parsed);
		}
		const { db } = event.locals.services;
		// Checked before the workshop exists, so a refused district leaves nothing half-made.
		const [unknown] = await unknownDistricts(db, districts);
		if (unknown) return refuse('workshop.districtUnknown', { district: unknown.code }, 'districts');
		const workshop = await createWorkshop(db, input.value, actor.userId);
		if (districts.length) await setWorkshopLinks(db, workshop.id, { districts, goalIds: [] });
		redirect(303, `/workshops/${workshop.id}`);
	}
};
