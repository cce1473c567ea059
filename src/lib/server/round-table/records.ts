import {
	writeRoundTable,
	type ActionView,
	type DecisionView
} from '../../boards/agenda/agenda-doc';
import { newId } from '../../ids';
import { emptyMeasureInput } from './measure-input';
import {
	germanDate,
	isOpenAction,
	nextMinutesStatus,
	type ActionInput,
	type ActionStatus,
	type DecisionInput,
	type MinutesStatus,
	type Parsed
} from '../../domain/round-table/round-table';
import type { DistrictKey } from '../../domain/measures';
import type { Db, Queryable } from '../db';
import { insertMeasure } from '../measures';
import type { AppServices } from '../services';
import { controlOf, getMeeting, listMeetings, nextMeeting, type Meeting } from './series';

/**
 * Decisions, action items and the minutes' status of Runder Tisch meetings. They are stored here
 * (numbers are unique per series, action items outlive their meeting) and pushed, as the server,
 * into each open meeting's control document, which everyone in the meeting reads live.
 */
export interface Decision extends DecisionView {
	meetingId: string;
	goalIds: string[];
	districts: DistrictKey[];
}

export interface Action extends Omit<ActionView, 'carried'> {
	meetingId: string;
}

type Services = Pick<AppServices, 'db' | 'documents'>;

/** The minutes of this meeting are approved: nothing of it changes any more. */
export class MinutesApproved extends Error {}

async function writableMeeting(db: Queryable, meetingId: string): Promise<Meeting> {
	const meeting = await getMeeting(db, meetingId);
	if (!meeting) throw new Error('unknown meeting');
	if (meeting.minutes === 'approved') throw new MinutesApproved();
	return meeting;
}

/**
 * Stores a decision with the next number of its series. The series' lock makes concurrent
 * requests take turns (PostgreSQL: an advisory lock; SQLite: one writer), and UNIQUE(series,
 * number) would refuse a duplicate even if they did not.
 */
export async function addDecision(
	services: Services,
	meetingId: string,
	input: DecisionInput,
	createdBy: string | null,
	now = Date.now()
): Promise<Decision> {
	const decision = await services.db.transaction(async (tx) => {
		const meeting = await writableMeeting(tx, meetingId);
		await tx.lockKey(`rt-decisions:${meeting.seriesId}`);
		const row = await tx.get<{ top: number | null }>(
			'SELECT MAX(number) AS top FROM rt_decisions WHERE series_id = ?',
			[meeting.seriesId]
		);
		const number = Number(row?.top ?? 0) + 1;
		const id = newId();
		await tx.run(
			`INSERT INTO rt_decisions (id, series_id, meeting_id, number, text, decided_on, vote, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			[
				id,
				meeting.seriesId,
				meetingId,
				number,
				input.text,
				input.decidedOn,
				input.vote,
				createdBy,
				now
			]
		);
		return { id, number, ...input, meetingId, goalIds: [], districts: [] };
	});
	await pushSeries(services, meetingId);
	return decision;
}

export async function listDecisions(db: Queryable, seriesId: string): Promise<Decision[]> {
	const rows = await db.all<{
		id: string;
		number: number;
		text: string;
		decided_on: string;
		vote: string;
		meeting_id: string;
	}>(
		`SELECT id, number, text, decided_on, vote, meeting_id FROM rt_decisions
		WHERE series_id = ? ORDER BY number`,
		[seriesId]
	);
	const goals = await db.all<{ decision_id: string; goal_id: string }>(
		`SELECT g.decision_id, g.goal_id FROM rt_decision_goals g
		JOIN rt_decisions d ON d.id = g.decision_id WHERE d.series_id = ?`,
		[seriesId]
	);
	const districts = await db.all<{ decision_id: string; level: string; code: string }>(
		`SELECT x.decision_id, x.level, x.code FROM rt_decision_districts x
		JOIN rt_decisions d ON d.id = x.decision_id WHERE d.series_id = ?`,
		[seriesId]
	);
	return rows.map((row) => ({
		id: row.id,
		number: Number(row.number),
		text: row.text,
		decidedOn: row.decided_on,
		vote: row.vote,
		meetingId: row.meeting_id,
		goalIds: goals.filter((g) => g.decision_id === row.id).map((g) => g.goal_id),
		districts: districts
			.filter((d) => d.decision_id === row.id)
			.map((d) => ({ level: d.level, code: d.code }))
	}));
}

/** Goals and districts a decision serves (the chain of DESIGN.md §2); unknown ones are left out. */
export async function setDecisionLinks(
	db: Db,
	seriesId: string,
	decisionId: string,
	links: { goalIds: string[]; districts: DistrictKey[] }
): Promise<boolean> {
	return db.transaction(async (tx) => {
		const found = await tx.get('SELECT 1 AS x FROM rt_decisions WHERE id = ? AND series_id = ?', [
			decisionId,
			seriesId
		]);
		if (!found) return false;
		await tx.run('DELETE FROM rt_decision_goals WHERE decision_id = ?', [decisionId]);
		await tx.run('DELETE FROM rt_decision_districts WHERE decision_id = ?', [decisionId]);
		for (const goalId of new Set(links.goalIds)) {
			const goal = await tx.get('SELECT 1 AS x FROM goals WHERE id = ?', [goalId]);
			if (goal)
				await tx.run('INSERT INTO rt_decision_goals (decision_id, goal_id) VALUES (?, ?)', [
					decisionId,
					goalId
				]);
		}
		const seen = new Set<string>();
		for (const d of links.districts) {
			const key = `${d.level}:${d.code}`;
			if (seen.has(key)) continue;
			seen.add(key);
			const district = await tx.get('SELECT 1 AS x FROM districts WHERE level = ? AND code = ?', [
				d.level,
				d.code
			]);
			if (district)
				await tx.run(
					'INSERT INTO rt_decision_districts (decision_id, level, code) VALUES (?, ?, ?)',
					[decisionId, d.level, d.code]
				);
		}
		return true;
	});
}

export async function addAction(
	services: Services,
	meetingId: string,
	input: ActionInput,
	now = Date.now()
): Promise<string> {
	const meeting = await writableMeeting(services.db, meetingId);
	const id = newId();
	await services.db.run(
		`INSERT INTO rt_actions (id, series_id, meeting_id, title, owner, due_on, status, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		[id, meeting.seriesId, meetingId, input.title, input.owner, input.dueOn, input.status, now, now]
	);
	await pushSeries(services, meetingId);
	return id;
}

/**
 * A status change, made in a meeting (`meetingId`) on an item of the same series. Items of a
 * meeting whose minutes are approved still change status later (that is what carrying over is
 * for); the meeting the change is made in must be open.
 */
export async function setActionStatus(
	services: Services,
	meetingId: string,
	actionId: string,
	status: ActionStatus,
	now = Date.now()
): Promise<boolean> {
	const meeting = await writableMeeting(services.db, meetingId);
	const result = await services.db.run(
		'UPDATE rt_actions SET status = ?, updated_at = ? WHERE id = ? AND series_id = ?',
		[status, now, actionId, meeting.seriesId]
	);
	if (result.changes !== 1) return false;
	await pushSeries(services, meetingId);
	return true;
}

interface ActionRow {
	id: string;
	meeting_id: string;
	title: string;
	owner: string;
	due_on: string | null;
	status: ActionStatus;
	measure_id: string | null;
	meets_on: string;
	updated_at: number;
}

export async function listActions(
	db: Queryable,
	seriesId: string,
	filter: { status?: string; owner?: string } = {}
): Promise<Action[]> {
	const rows = await db.all<ActionRow>(
		`SELECT a.id, a.meeting_id, a.title, a.owner, a.due_on, a.status, a.measure_id, m.meets_on,
			a.updated_at
		FROM rt_actions a JOIN rt_meetings m ON m.workshop_id = a.meeting_id
		WHERE a.series_id = ? ORDER BY m.meets_on, a.created_at`,
		[seriesId]
	);
	return rows
		.filter((row) =>
			filter.status === 'open'
				? isOpenAction(row.status)
				: filter.status
					? row.status === filter.status
					: true
		)
		.filter((row) => !filter.owner || row.owner === filter.owner)
		.map((row) => ({
			id: row.id,
			meetingId: row.meeting_id,
			title: row.title,
			owner: row.owner,
			dueOn: row.due_on,
			status: row.status,
			fromMeeting: row.meets_on,
			measureId: row.measure_id
		}));
}

/**
 * What a meeting shows: its own decisions; its own action items, and those of earlier meetings
 * that were still open when it began or changed during it (carried over).
 */
export async function meetingRecords(db: Queryable, meeting: Meeting) {
	const decisions = (await listDecisions(db, meeting.seriesId))
		.filter((d) => d.meetingId === meeting.id)
		.map(({ id, number, text, decidedOn, vote }) => ({ id, number, text, decidedOn, vote }));
	const rows = await db.all<ActionRow>(
		`SELECT a.id, a.meeting_id, a.title, a.owner, a.due_on, a.status, a.measure_id, m.meets_on,
			a.updated_at
		FROM rt_actions a JOIN rt_meetings m ON m.workshop_id = a.meeting_id
		WHERE a.series_id = ? ORDER BY m.meets_on, a.created_at`,
		[meeting.seriesId]
	);
	const actions: ActionView[] = rows
		.filter(
			(row) =>
				row.meeting_id === meeting.id ||
				(row.meets_on <= meeting.meetsOn &&
					(isOpenAction(row.status) || Number(row.updated_at) >= meeting.createdAt))
		)
		.map((row) => ({
			id: row.id,
			title: row.title,
			owner: row.owner,
			dueOn: row.due_on,
			status: row.status,
			fromMeeting: row.meets_on,
			carried: row.meeting_id !== meeting.id,
			measureId: row.measure_id
		}));
	return { decisions, actions };
}

/** Writes a meeting's date, minutes status and records into its control document, as the server. */
export async function pushMeeting(services: Services, meetingId: string): Promise<void> {
	const meeting = await getMeeting(services.db, meetingId);
	if (!meeting || meeting.status === 'closed' || meeting.status === 'archived') return;
	const records = await meetingRecords(services.db, meeting);
	await services.documents.change(controlOf(meetingId), (doc) =>
		writeRoundTable(doc, { minutes: meeting.minutes, meetsOn: meeting.meetsOn, ...records })
	);
}

/** Action items are shared across the series: every open meeting that shows them is updated. */
async function pushSeries(services: Services, meetingId: string): Promise<void> {
	const meeting = await getMeeting(services.db, meetingId);
	if (!meeting) return;
	for (const other of await listMeetings(services.db, meeting.seriesId))
		if (other.minutes !== 'approved' && other.meetsOn >= meeting.meetsOn)
			await pushMeeting(services, other.id);
		else if (other.id === meeting.id) await pushMeeting(services, other.id);
}

/**
 * Moves the minutes one step (draft → circulated → approved). Approval is decided in the store,
 * then pushed into the meeting's control document before this returns: from then on the sync
 * server refuses every edit of the agenda and the minutes (server/sync/round-table.ts).
 */
export async function setMinutesStatus(
	services: Services,
	meetingId: string,
	wanted: MinutesStatus,
	by: string,
	now = Date.now()
): Promise<Parsed<MinutesStatus>> {
	const result = await services.db.transaction(async (tx) => {
		const meeting = await getMeeting(tx, meetingId);
		if (!meeting) throw new Error('unknown meeting');
		await tx.lockKey(`rt-series:${meeting.seriesId}`);
		const next = nextMinutesStatus(meeting.minutes, wanted, !!(await nextMeeting(tx, meeting)));
		if (!next.ok) return next;
		await tx.run(
			'UPDATE rt_meetings SET minutes_status = ?, minutes_changed_at = ?, minutes_changed_by = ? WHERE workshop_id = ?',
			[next.value, now, by, meetingId]
		);
		return next;
	});
	if (result.ok)
		await services.documents.change(controlOf(meetingId), (doc) =>
			writeRoundTable(doc, { minutes: result.value })
		);
	return result;
}

/**
 * An action item becomes a measure in the register, with its origin (the meeting, the item's id
 * in place of a card list), once: a second call returns the measure made the first time.
 */
export async function actionToMeasure(
	db: Db,
	seriesId: string,
	actionId: string,
	by: string,
	now = Date.now()
): Promise<string | null> {
	return db.transaction(async (tx) => {
		const action = await tx.lockRow<ActionRow & { series_id: string }>(
			'SELECT * FROM rt_actions WHERE id = ? AND series_id = ?',
			[actionId, seriesId]
		);
		if (!action) return null;
		if (action.measure_id) return action.measure_id;
		const meeting = await getMeeting(tx, action.meeting_id);
		const measureId = await insertMeasure(
			tx,
			{
				...emptyMeasureInput(),
				title: action.title,
				responsible: action.owner,
				dueOn: action.due_on,
				status:
					action.status === 'done'
						? 'done'
						: action.status === 'inProgress'
							? 'in_progress'
							: 'planned'
			},
			by,
			{
				workshopId: action.meeting_id,
				measureId: `rt-action:${action.id}`,
				phase: null,
				cards: [
					{
						id: action.id,
						text: `Aufgabe aus der Sitzung vom ${meeting ? germanDate(meeting.meetsOn) : ''}: ${action.title}`
					}
				]
			},
			now
		);
		await tx.run('UPDATE rt_actions SET measure_id = ? WHERE id = ?', [measureId, actionId]);
		return measureId;
	});
}
