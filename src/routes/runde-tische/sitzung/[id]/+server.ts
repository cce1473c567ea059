import { error, json, type RequestEvent } from '@sveltejs/kit';
import {
	actionStatuses,
	parseActionInput,
	parseDecisionInput,
	type ActionStatus,
	type RoundTableErrorKey
} from '$lib/domain/round-table/round-table';
import { translate } from '$lib/i18n';
import { authorizeWorkshop, type WorkshopNeed } from '$lib/server/authorize-workshop';
import {
	addAction,
	addDecision,
	MinutesApproved,
	setActionStatus,
	setMinutesStatus
} from '$lib/server/round-table/records';
import {
	getMeeting,
	getSeries,
	listAttendance,
	listMembers,
	previousMeeting,
	setAttendance
} from '$lib/server/round-table/series';
import { carryOver } from '$lib/server/round-table/carry-over';
import type { RequestHandler } from './$types';

/**
 * The live agenda board's way to the store: decisions (the facilitator records them; the server
 * numbers them) and action items (everyone in the meeting). Same access rule as the live room
 * (authorizeWorkshop); what is stored is pushed into the meeting's control document.
 */
async function meetingFor(event: RequestEvent, need: WorkshopNeed) {
	const { db } = event.locals.services;
	const say = (key: Parameters<typeof translate>[1]) => translate(event.locals.locale, key);
	const verdict = await authorizeWorkshop(
		db,
		event.locals.actor,
		event.params.id ?? '',
		'content',
		{
			need
		}
	);
	if (!verdict.ok) {
		if (verdict.reason === 'unauthenticated') error(401, say('error.forbidden'));
		if (verdict.reason === 'not-found') error(404, say('workshop.notFound'));
		error(403, need === 'manage' ? say('rt.error.forbidden') : say('error.forbidden'));
	}
	const meeting = await getMeeting(db, verdict.workshop.id);
	if (!meeting) error(404, say('workshop.notFound'));
	return { meeting, actor: verdict.actor, moderator: verdict.moderator };
}

const refused = (
	event: RequestEvent,
	field: string,
	key: RoundTableErrorKey,
	params?: Record<string, string | number>
) => json({ field, message: translate(event.locals.locale, key, params) }, { status: 400 });

export const GET: RequestHandler = async (event) => {
	const { meeting, moderator } = await meetingFor(event, 'read');
	const { db } = event.locals.services;
	const series = await getSeries(db, meeting.seriesId);
	const previous = await previousMeeting(db, meeting);
	const present = await listAttendance(db, meeting.id);
	return json({
		previous: previous
			? { id: previous.id, meetsOn: previous.meetsOn, minutes: previous.minutes }
			: null,
		meetsOn: meeting.meetsOn,
		seriesId: meeting.seriesId,
		seriesTitle: series?.title ?? '',
		members: (await listMembers(db, meeting.seriesId)).map((m) => ({
			id: m.id,
			name: [m.person, m.organisation].filter(Boolean).join(', '),
			role: m.role,
			present: present.has(m.id)
		})),
		moderator
	});
};

export const POST: RequestHandler = async (event) => {
	const body = (await event.request.json().catch(() => null)) as Record<string, unknown> | null;
	if (!body || typeof body !== 'object') error(400, 'bad request');
	const kind = body.kind;
	const staffOnly = ['decision', 'approvePrevious', 'attendance', 'carryOver'].includes(
		String(kind)
	);
	const { meeting, actor } = await meetingFor(event, staffOnly ? 'manage' : 'write');
	try {
		if (kind === 'decision') {
			const parsed = parseDecisionInput(body);
			if (!parsed.ok)
				return refused(event, parsed.error.field, parsed.error.key, parsed.error.params);
			const by = actor.kind === 'staff' ? actor.userId : null;
			const decision = await addDecision(event.locals.services, meeting.id, parsed.value, by);
			return json({ id: decision.id, number: decision.number });
		}
		if (kind === 'action') {
			const parsed = parseActionInput(body);
			if (!parsed.ok)
				return refused(event, parsed.error.field, parsed.error.key, parsed.error.params);
			return json({ id: await addAction(event.locals.services, meeting.id, parsed.value) });
		}
		// The minutes of the meeting before are approved in this one (draft → circulated first).
		if (kind === 'approvePrevious' && actor.kind === 'staff') {
			const previous = await previousMeeting(event.locals.services.db, meeting);
			if (!previous) error(404, translate(event.locals.locale, 'workshop.notFound'));
			const result = await setMinutesStatus(
				event.locals.services,
				previous.id,
				'approved',
				actor.userId
			);
			if (!result.ok)
				return refused(event, result.error.field, result.error.key, result.error.params);
			return json({ ok: true });
		}
		// Who is here, recorded by the facilitation in the meeting ("Wer ist heute da?").
		if (kind === 'attendance') {
			if (meeting.minutes === 'approved') throw new MinutesApproved();
			const recorded = await setAttendance(
				event.locals.services.db,
				meeting.id,
				String(body.memberId ?? ''),
				body.present === true
			);
			if (!recorded) error(404, translate(event.locals.locale, 'workshop.notFound'));
			return json({ ok: true });
		}
		// Carrying over again, e.g. when this meeting was planned before the last one took place.
		if (kind === 'carryOver') {
			if (meeting.minutes === 'approved') throw new MinutesApproved();
			const previous = await previousMeeting(event.locals.services.db, meeting);
			return json({ added: await carryOver(event.locals.services, previous, meeting) });
		}
		if (kind === 'actionStatus') {
			const status = String(body.status ?? '');
			if (!actionStatuses.includes(status as ActionStatus))
				return refused(event, 'status', 'rt.error.statusInvalid');
			const done = await setActionStatus(
				event.locals.services,
				meeting.id,
				String(body.id ?? ''),
				status as ActionStatus
			);
			if (!done) error(404, translate(event.locals.locale, 'workshop.notFound'));
			return json({ ok: true });
		}
	} catch (err) {
		if (err instanceof MinutesApproved)
			return json(
				{ field: 'minutes', message: translate(event.locals.locale, 'rt.error.minutesApproved') },
				{ status: 409 }
			);
		throw err;
	}
	error(400, 'unknown kind');
};
