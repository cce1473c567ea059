import { error, fail, type RequestEvent } from '@sveltejs/kit';
import QRCode from 'qrcode';
import { districtKey, parseDistrictKey, type DistrictKey } from '$lib/domain/measures';
import { can } from '$lib/domain/roles';
import {
	actionStatuses,
	parseMemberInput,
	type MinutesStatus,
	type RoundTableError
} from '$lib/domain/round-table/round-table';
import { translate } from '$lib/i18n';
import { requirePermission } from '$lib/server/guards';
import { createInvite } from '$lib/server/invites';
import { registerOptions } from '$lib/server/register-options';
import {
	actionToMeasure,
	listActions,
	listDecisions,
	setDecisionLinks,
	setMinutesStatus
} from '$lib/server/round-table/records';
import {
	addMember,
	createMeeting,
	getMeeting,
	getSeries,
	listAttendance,
	listMeetings,
	listMembers,
	removeMember,
	setAttendance
} from '$lib/server/round-table/series';
import type { Actions, PageServerLoad } from './$types';

/** Invite links to a meeting live 30 days: long enough to amend the minutes until the next one. */
const inviteLifetimeMs = 30 * 24 * 60 * 60 * 1000;

async function loadSeries(event: RequestEvent | Parameters<PageServerLoad>[0]) {
	const series = await getSeries(event.locals.services.db, event.params.id ?? '');
	if (!series) error(404, translate(event.locals.locale, 'workshop.notFound'));
	return series;
}

function problem(event: RequestEvent, err: RoundTableError, extra: Record<string, unknown> = {}) {
	return fail(400, {
		field: err.field,
		message: translate(event.locals.locale, err.key, err.params),
		...extra
	});
}

/** A meeting of this series, or 404: ids from a form are never trusted to belong here. */
async function meetingOfSeries(event: RequestEvent, seriesId: string, id: unknown) {
	const meeting = await getMeeting(event.locals.services.db, String(id ?? ''));
	if (!meeting || meeting.seriesId !== seriesId)
		error(404, translate(event.locals.locale, 'workshop.notFound'));
	return meeting;
}

export const load: PageServerLoad = async (event) => {
	const actor = requirePermission(event, 'workshop.view');
	const series = await loadSeries(event);
	const { db } = event.locals.services;
	const status = event.url.searchParams.get('status') ?? '';
	const owner = event.url.searchParams.get('owner') ?? '';
	const members = await listMembers(db, series.id);
	const meetings = await Promise.all(
		(await listMeetings(db, series.id)).map(async (meeting, index, all) => ({
			...meeting,
			hasNext: index < all.length - 1,
			present: [...(await listAttendance(db, meeting.id))]
		}))
	);
	const allActions = await listActions(db, series.id);
	const options = await registerOptions(db);
	return {
		series,
		members,
		meetings,
		decisions: (await listDecisions(db, series.id)).map((d) => ({
			...d,
			districts: d.districts.map(districtKey)
		})),
		actions: await listActions(db, series.id, { status, owner }),
		owners: [...new Set(allActions.map((a) => a.owner))].sort((a, b) => a.localeCompare(b, 'de')),
		filter: { status, owner },
		statuses: actionStatuses,
		goals: options.goals,
		districts: options.districts,
		canManage: can(actor, 'workshop.manage'),
		canPlan: can(actor, 'planning.manage')
	};
};

export const actions: Actions = {
	addMember: async (event) => {
		requirePermission(event, 'workshop.manage');
		const series = await loadSeries(event);
		const form = Object.fromEntries(await event.request.formData());
		const parsed = parseMemberInput(form);
		if (!parsed.ok)
			return problem(event, parsed.error, {
				form: 'member',
				values: {
					organisation: String(form.organisation ?? ''),
					person: String(form.person ?? ''),
					role: String(form.role ?? '')
				}
			});
		await addMember(event.locals.services.db, series.id, parsed.value);
		return { memberAdded: true };
	},
	removeMember: async (event) => {
		requirePermission(event, 'workshop.manage');
		const series = await loadSeries(event);
		const id = String((await event.request.formData()).get('memberId') ?? '');
		await removeMember(event.locals.services.db, series.id, id);
		return { memberRemoved: true };
	},
	addMeeting: async (event) => {
		const actor = requirePermission(event, 'workshop.manage');
		const series = await loadSeries(event);
		const form = Object.fromEntries(await event.request.formData());
		const created = await createMeeting(event.locals.services, series.id, form, actor.userId);
		if (!created.ok)
			return problem(event, created.error, {
				form: 'meeting',
				values: { meetsOn: String(form.meetsOn ?? ''), title: String(form.title ?? '') }
			});
		return { meetingAdded: created.value.id };
	},
	invite: async (event) => {
		const actor = requirePermission(event, 'workshop.manage');
		const series = await loadSeries(event);
		const meeting = await meetingOfSeries(
			event,
			series.id,
			(await event.request.formData()).get('meetingId')
		);
		const { token } = await createInvite(event.locals.services.db, {
			workshopId: meeting.id,
			role: 'participant',
			label: 'Mitglieder',
			lifetimeMs: inviteLifetimeMs,
			createdBy: actor.userId
		});
		const link = `${event.url.origin}/join/${token}`;
		const qrSvg = await QRCode.toString(link, { type: 'svg', margin: 1 });
		return {
			invite: {
				meetingId: meeting.id,
				link,
				qr: `data:image/svg+xml;base64,${Buffer.from(qrSvg).toString('base64')}`
			}
		};
	},
	attendance: async (event) => {
		requirePermission(event, 'workshop.manage');
		const series = await loadSeries(event);
		const form = await event.request.formData();
		const meeting = await meetingOfSeries(event, series.id, form.get('meetingId'));
		const present = new Set(form.getAll('present').map(String));
		for (const member of await listMembers(event.locals.services.db, series.id))
			await setAttendance(event.locals.services.db, meeting.id, member.id, present.has(member.id));
		return { attendanceSaved: meeting.id };
	},
	minutes: async (event) => {
		const actor = requirePermission(event, 'workshop.manage');
		const series = await loadSeries(event);
		const form = await event.request.formData();
		const meeting = await meetingOfSeries(event, series.id, form.get('meetingId'));
		const wanted = String(form.get('status') ?? '') as MinutesStatus;
		const result = await setMinutesStatus(event.locals.services, meeting.id, wanted, actor.userId);
		if (!result.ok) return problem(event, result.error, { form: 'minutes', meetingId: meeting.id });
		return { minutes: result.value, meetingId: meeting.id };
	},
	decisionLinks: async (event) => {
		requirePermission(event, 'workshop.manage');
		const series = await loadSeries(event);
		const form = await event.request.formData();
		const decisionId = String(form.get('decisionId') ?? '');
		const districts = form
			.getAll('districts')
			.map((v) => parseDistrictKey(String(v)))
			.filter((d): d is DistrictKey => d !== null);
		const saved = await setDecisionLinks(event.locals.services.db, series.id, decisionId, {
			goalIds: form.getAll('goalIds').map(String),
			districts
		});
		if (!saved) error(404, translate(event.locals.locale, 'workshop.notFound'));
		return { linksSaved: decisionId };
	},
	toMeasure: async (event) => {
		const actor = requirePermission(event, 'planning.manage');
		const series = await loadSeries(event);
		const id = String((await event.request.formData()).get('actionId') ?? '');
		const measureId = await actionToMeasure(event.locals.services.db, series.id, id, actor.userId);
		if (!measureId) error(404, translate(event.locals.locale, 'workshop.notFound'));
		return { measureMade: measureId };
	}
};
