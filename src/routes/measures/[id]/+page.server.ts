import { error, fail, redirect } from '@sveltejs/kit';
import { districtKey, isOverdue, nextStatuses, todayIso } from '$lib/domain/measures';
import { parseDateInput } from '$lib/domain/dates';
import { can } from '$lib/domain/roles';
import { describeFieldError } from '$lib/domain/field-error';
import { formToRaw } from '$lib/server/form-input';
import { requirePermission } from '$lib/server/guards';
import {
	addProgressReport,
	deleteMeasure,
	getMeasure,
	listMeasureUpdates,
	measureAsInput,
	updateMeasure
} from '$lib/server/measures';
import { registerOptions } from '$lib/server/register-options';
import { translate } from '$lib/i18n';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

type Say = (
	key: Parameters<typeof translate>[1],
	params?: Record<string, string | number>
) => string;
const sayer =
	(event: RequestEvent): Say =>
	(key, params) =>
		translate(event.locals.locale, key, params);

async function loadMeasure(event: RequestEvent | Parameters<PageServerLoad>[0]) {
	const measure = await getMeasure(event.locals.services.db, event.params.id);
	if (!measure) error(404, translate(event.locals.locale, 'measures.error.notFound'));
	return measure;
}

export const load: PageServerLoad = async (event) => {
	const actor = requirePermission(event, 'planning.view');
	const measure = await loadMeasure(event);
	const { db } = event.locals.services;
	const today = todayIso();
	const canManage = can(actor, 'planning.manage');
	return {
		measure,
		values: { ...measureAsInput(measure), districts: measure.districts.map(districtKey) },
		overdue: isOverdue(measure, today),
		today,
		statuses: nextStatuses(measure.status),
		updates: await listMeasureUpdates(db, measure.id),
		...(await registerOptions(db)),
		canManage,
		canReport: can(actor, 'measures.report'),
		// Facilitators report progress; the status stays the planners' decision.
		canReportStatus: canManage
	};
};

export const actions: Actions = {
	save: async (event) => {
		const actor = requirePermission(event, 'planning.manage');
		const measure = await loadMeasure(event);
		const raw = formToRaw(await event.request.formData());
		const saved = await updateMeasure(event.locals.services.db, measure.id, raw, {
			id: actor.userId,
			name: actor.name
		});
		if (!saved) error(404, translate(event.locals.locale, 'measures.error.notFound'));
		if (!saved.ok)
			return fail(400, {
				message: describeFieldError(sayer(event), saved.error),
				field: saved.error.field,
				values: raw
			});
		return { saved: true };
	},
	report: async (event) => {
		const actor = requirePermission(event, 'measures.report');
		const measure = await loadMeasure(event);
		const raw = formToRaw(await event.request.formData(), []);
		// A browser without a date picker sends what was typed, often `30.06.2026`.
		for (const field of ['reportedOn', 'dueOn'])
			if (typeof raw[field] === 'string') raw[field] = parseDateInput(raw[field]) ?? raw[field];
		const added = await addProgressReport(
			event.locals.services.db,
			measure.id,
			raw,
			{ id: actor.userId, name: actor.name },
			{ mayChangeStatus: can(actor, 'planning.manage') }
		);
		if (!added) error(404, translate(event.locals.locale, 'measures.error.notFound'));
		if (!added.ok)
			return fail(400, {
				reportMessage: describeFieldError(sayer(event), added.error),
				field: added.error.field,
				report: raw
			});
		return { reported: true };
	},
	delete: async (event) => {
		requirePermission(event, 'planning.manage');
		const measure = await loadMeasure(event);
		if ((await event.request.formData()).get('confirm') !== 'yes')
			return fail(400, {
				deleteMessage: translate(event.locals.locale, 'measures.error.confirm'),
				field: 'confirm'
			});
		await deleteMeasure(event.locals.services.db, measure.id);
		redirect(303, '/measures');
	}
};
