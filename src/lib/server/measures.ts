import type { Db, Queryable, SqlValue, Tx } from './db';
import { newId } from '../ids';
import { groupDistricts, unknownDistricts } from './goals';
import { listPlaceholders } from './planning/batch';
import { areaCondition, areaWithDescendants, goalWithDescendants } from './planning/hierarchy';
import { addDays } from '../domain/dates';
import {
	checkMeasure,
	checkProgressReport,
	districtKey,
	dueBeforeStart,
	isOverdue,
	todayIso,
	type Checked,
	type DistrictKey,
	type MeasureInput,
	type MeasureStatus,
	type ProgressReportInput
} from '../domain/measures';

/** Measures in the register (after a workshop, or entered by planners) and their controlling. */
export interface OriginCard {
	id: string;
	text: string;
}

export interface Measure extends MeasureInput {
	id: string;
	originWorkshopId: string | null;
	originWorkshopTitle: string | null;
	originMeasureId: string | null;
	originPhase: string | null;
	originCards: OriginCard[];
	/** Progress of the latest report, null before the first one. */
	progress: number | null;
	lastReportOn: string | null;
	createdAt: number;
	updatedAt: number;
}

export interface MeasureUpdate {
	id: string;
	measureId: string;
	kind: 'report' | 'status';
	reportedOn: string;
	status: MeasureStatus;
	progress: number | null;
	note: string;
	/** The report moved the due date from `from` (null: there was none) to `to`, for `reason`. */
	dueMove: { from: string | null; to: string; reason: string } | null;
	authorName: string;
	createdAt: number;
}

export interface MeasureFilter {
	district?: DistrictKey;
	goalId?: string;
	status?: MeasureStatus;
	/** Part of the responsible person or office, any case. */
	responsible?: string;
	dueFrom?: string;
	dueTo?: string;
	overdue?: boolean;
	/** Measures that came from this workshop. */
	workshopId?: string;
}

export interface MeasureOrigin {
	workshopId: string;
	measureId: string;
	phase: string | null;
	cards: OriginCard[];
}

interface MeasureRow {
	id: string;
	title: string;
	description: string;
	responsible: string;
	partners: string;
	start_on: string | null;
	due_on: string | null;
	budget: number | null;
	staff_hours: number | null;
	rooms: string;
	status: MeasureStatus;
	target_groups: string;
	quick_win: number;
	origin_workshop_id: string | null;
	origin_workshop_title: string | null;
	origin_measure_id: string | null;
	origin_phase: string | null;
	origin_cards: string;
	progress: number | null;
	last_report_on: string | null;
	created_at: number;
	updated_at: number;
}

function parseCards(json: string): OriginCard[] {
	try {
		const value: unknown = JSON.parse(json);
		if (!Array.isArray(value)) return [];
		return value.filter(
			(c): c is OriginCard => typeof c?.id === 'string' && typeof c?.text === 'string'
		);
	} catch {
		return [];
	}
}

const selectMeasures = `SELECT m.*, w.title AS origin_workshop_title,
	(SELECT u.progress FROM measure_updates u WHERE u.measure_id = m.id AND u.kind = 'report'
		ORDER BY u.reported_on DESC, u.created_at DESC LIMIT 1) AS progress,
	(SELECT MAX(u.reported_on) FROM measure_updates u WHERE u.measure_id = m.id AND u.kind = 'report')
		AS last_report_on
	FROM measures m LEFT JOIN workshops w ON w.id = m.origin_workshop_id`;

async function withLinks(db: Queryable, rows: MeasureRow[]): Promise<Measure[]> {
	const goals = new Map<string, string[]>();
	const districts = new Map<string, DistrictKey[]>();
	for (let i = 0; i < rows.length; i += 500) {
		const ids = rows.slice(i, i + 500).map((r) => r.id);
		const list = listPlaceholders(ids.length);
		for (const link of await db.all<{ measure_id: string; goal_id: string }>(
			`SELECT measure_id, goal_id FROM measure_goals WHERE measure_id IN (${list}) ORDER BY goal_id`,
			ids
		))
			goals.set(link.measure_id, [...(goals.get(link.measure_id) ?? []), link.goal_id]);
		for (const [owner, keys] of groupDistricts(
			await db.all(
				`SELECT measure_id AS owner, district_level, district_code FROM measure_districts
				WHERE measure_id IN (${list}) ORDER BY district_level, district_code`,
				ids
			)
		))
			districts.set(owner, keys);
	}
	return rows.map((row) => ({
		id: row.id,
		title: row.title,
		description: row.description,
		responsible: row.responsible,
		partners: row.partners,
		startOn: row.start_on,
		dueOn: row.due_on,
		budget: row.budget === null ? null : Number(row.budget),
		staffHours: row.staff_hours === null ? null : Number(row.staff_hours),
		rooms: row.rooms,
		status: row.status,
		targetGroups: row.target_groups,
		quickWin: Number(row.quick_win) === 1,
		goalIds: goals.get(row.id) ?? [],
		districts: districts.get(row.id) ?? [],
		originWorkshopId: row.origin_workshop_id,
		originWorkshopTitle: row.origin_workshop_title,
		originMeasureId: row.origin_measure_id,
		originPhase: row.origin_phase,
		originCards: parseCards(row.origin_cards),
		progress: row.progress === null ? null : Number(row.progress),
		lastReportOn: row.last_report_on,
		createdAt: Number(row.created_at),
		updatedAt: Number(row.updated_at)
	}));
}

/** The register, filtered; `today` decides what counts as overdue. Ordered by due date. */
export async function listMeasures(
	db: Queryable,
	filter: MeasureFilter = {},
	today?: string
): Promise<Measure[]> {
	const where: string[] = [];
	const params: SqlValue[] = [];
	if (filter.status) {
		where.push('m.status = ?');
		params.push(filter.status);
	}
	if (filter.goalId) {
		// A goal's measures include those of its sub-goals (issue 11, point 3).
		const goals = await goalWithDescendants(db, filter.goalId);
		const ids = goals.length > 0 ? goals : [filter.goalId];
		where.push(
			`EXISTS (SELECT 1 FROM measure_goals g WHERE g.measure_id = m.id
			AND g.goal_id IN (${listPlaceholders(ids.length)}))`
		);
		params.push(...ids);
	}
	if (filter.district) {
		// An area's measures include those of the areas below it; a stale link (the area was
		// removed by a boundary import) still matches itself.
		const below = await areaWithDescendants(db, filter.district);
		const areas = below.some((a) => a.depth === 0) ? below : [filter.district, ...below];
		const condition = areaCondition('d.district_level', 'd.district_code', areas);
		where.push(
			`EXISTS (SELECT 1 FROM measure_districts d WHERE d.measure_id = m.id AND ${condition.sql})`
		);
		params.push(...condition.params);
	}
	if (filter.dueFrom) {
		where.push('m.due_on >= ?');
		params.push(filter.dueFrom);
	}
	if (filter.dueTo) {
		where.push('m.due_on <= ?');
		params.push(filter.dueTo);
	}
	if (filter.workshopId) {
		where.push('m.origin_workshop_id = ?');
		params.push(filter.workshopId);
	}
	const rows = await db.all<MeasureRow>(
		`${selectMeasures} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
		ORDER BY m.due_on IS NULL, m.due_on, m.title`,
		params
	);
	let measures = await withLinks(db, rows);
	// Done in code: a substring match in SQL would need LIKE escaping that differs between stores.
	const needle = filter.responsible?.trim().toLocaleLowerCase('de');
	if (needle)
		measures = measures.filter((m) => m.responsible.toLocaleLowerCase('de').includes(needle));
	if (filter.overdue && today) measures = measures.filter((m) => isOverdue(m, today));
	return measures;
}

export async function getMeasure(db: Queryable, id: string): Promise<Measure | null> {
	const rows = await db.all<MeasureRow>(`${selectMeasures} WHERE m.id = ?`, [id]);
	return (await withLinks(db, rows))[0] ?? null;
}

/**
 * Checks the links a save adds. Districts already linked are not checked again: a boundary import
 * may have removed one since, and that must not block every later change (even of the status); the
 * stale link stays until a planner takes it out.
 */
async function checkLinks(
	tx: Queryable,
	input: MeasureInput,
	storedDistricts: readonly DistrictKey[] = []
): Promise<Checked<null>> {
	for (const goalId of input.goalIds)
		if (!(await tx.get('SELECT 1 AS x FROM goals WHERE id = ?', [goalId])))
			return {
				ok: false,
				error: { field: 'goalIds', error: 'measures.error.listInvalid', params: { item: goalId } }
			};
	const stored = new Set(storedDistricts.map(districtKey));
	const added = input.districts.filter((d) => !stored.has(districtKey(d)));
	const [unknown] = await unknownDistricts(tx, added);
	if (unknown)
		return {
			ok: false,
			error: {
				field: 'districts',
				error: 'measures.error.listInvalid',
				params: { item: districtKey(unknown) }
			}
		};
	return { ok: true, value: null };
}

/**
 * Reads the measure's status inside the caller's transaction. On PostgreSQL the row stays locked
 * until the transaction ends, so two status changes at once are checked one after the other and
 * cannot together make a forbidden sequence (idea → planned and idea → dropped → … interleaved).
 * SQLite's BEGIN IMMEDIATE already serialises writers.
 */
function lockMeasureStatus(
	tx: Tx,
	id: string
): Promise<{ status: MeasureStatus; start_on: string | null; due_on: string | null } | undefined> {
	return tx.lockRow('SELECT status, start_on, due_on FROM measures WHERE id = ?', [id]);
}

async function writeLinks(tx: Queryable, id: string, input: MeasureInput) {
	await tx.run('DELETE FROM measure_goals WHERE measure_id = ?', [id]);
	await tx.run('DELETE FROM measure_districts WHERE measure_id = ?', [id]);
	for (const goalId of input.goalIds)
		await tx.run('INSERT INTO measure_goals (measure_id, goal_id) VALUES (?, ?)', [id, goalId]);
	for (const d of input.districts)
		await tx.run(
			'INSERT INTO measure_districts (measure_id, district_level, district_code) VALUES (?, ?, ?)',
			[id, d.level, d.code]
		);
}

const fieldValues = (input: MeasureInput): SqlValue[] => [
	input.title,
	input.description,
	input.responsible,
	input.partners,
	input.startOn,
	input.dueOn,
	input.budget,
	input.staffHours,
	input.rooms,
	input.status,
	input.targetGroups,
	input.quickWin ? 1 : 0
];

/** Inside a transaction; links must have been checked. Used by the register and the close step. */
export async function insertMeasure(
	tx: Queryable,
	input: MeasureInput,
	createdBy: string | null,
	origin: MeasureOrigin | null,
	now = Date.now()
): Promise<string> {
	const id = newId();
	await tx.run(
		`INSERT INTO measures (id, title, description, responsible, partners, start_on, due_on, budget,
			staff_hours, rooms, status, target_groups, quick_win, origin_workshop_id, origin_measure_id,
			origin_phase, origin_cards, created_by, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		[
			id,
			...fieldValues(input),
			origin?.workshopId ?? null,
			origin?.measureId ?? null,
			origin?.phase ?? null,
			JSON.stringify(origin?.cards ?? []),
			createdBy,
			now,
			now
		]
	);
	await writeLinks(tx, id, input);
	return id;
}

export async function createMeasure(
	db: Db,
	input: MeasureInput,
	createdBy: string | null,
	now = Date.now()
): Promise<Checked<Measure>> {
	return db.transaction(async (tx) => {
		const links = await checkLinks(tx, input);
		if (!links.ok) return links;
		const id = await insertMeasure(tx, input, createdBy, null, now);
		return { ok: true, value: (await getMeasure(tx, id)) as Measure };
	});
}

export interface Author {
	id: string | null;
	name: string;
}

/**
 * Replaces every field (callers merge partial changes first). The raw input is checked here against
 * the stored status, so the transition rule holds for forms and API alike. A status change is
 * written to the timeline. Null when the measure does not exist.
 */
export async function updateMeasure(
	db: Db,
	id: string,
	raw: Record<string, unknown>,
	author: Author,
	now = Date.now(),
	today = todayIso(new Date(now))
): Promise<Checked<Measure> | null> {
	return db.transaction(async (tx) => {
		const current = await lockMeasureStatus(tx, id);
		if (!current) return null;
		const checked = checkMeasure(raw, current.status);
		if (!checked.ok) return checked;
		const input = checked.value;
		const storedDistricts = await tx.all<{ level: string; code: string }>(
			`SELECT district_level AS level, district_code AS code FROM measure_districts
			WHERE measure_id = ?`,
			[id]
		);
		const links = await checkLinks(tx, input, storedDistricts);
		if (!links.ok) return links;
		await tx.run(
			`UPDATE measures SET title = ?, description = ?, responsible = ?, partners = ?, start_on = ?,
				due_on = ?, budget = ?, staff_hours = ?, rooms = ?, status = ?, target_groups = ?,
				quick_win = ?, updated_at = ?
			WHERE id = ?`,
			[...fieldValues(input), now, id]
		);
		await writeLinks(tx, id, input);
		if (input.status !== current.status)
			await insertUpdate(
				tx,
				id,
				'status',
				{ reportedOn: today, status: input.status, progress: null, note: '' },
				author,
				now
			);
		return { ok: true, value: (await getMeasure(tx, id)) as Measure };
	});
}

export async function deleteMeasure(db: Db, id: string): Promise<boolean> {
	return (await db.run('DELETE FROM measures WHERE id = ?', [id])).changes > 0;
}

async function insertUpdate(
	tx: Queryable,
	measureId: string,
	kind: MeasureUpdate['kind'],
	report: Omit<ProgressReportInput, 'progress' | 'dueOn' | 'dueReason'> & {
		progress: number | null;
	},
	author: Author,
	now: number,
	dueMove: MeasureUpdate['dueMove'] = null
): Promise<string> {
	const id = newId();
	await tx.run(
		`INSERT INTO measure_updates (id, measure_id, kind, reported_on, status, progress, note,
			due_from, due_to, due_reason, author_id, author_name, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		[
			id,
			measureId,
			kind,
			report.reportedOn,
			report.status,
			report.progress,
			report.note,
			dueMove?.from ?? null,
			dueMove?.to ?? null,
			dueMove?.reason ?? '',
			author.id,
			author.name,
			now
		]
	);
	return id;
}

/**
 * A progress report (Sachstandsmeldung), checked here against the status stored at this moment, so
 * a status change since the page was loaded cannot slip a forbidden transition through. Without
 * `mayChangeStatus` (facilitators report on what their workshops agreed, but the status is the
 * planners' decision) a status in `raw` is ignored and the report keeps the current one.
 *
 * Controlling rules: a report cannot be dated after `today` (a report about tomorrow is a plan, and
 * it would decide the status until then); the newest entry of the history *by date* decides, so a
 * report entered late for an earlier date is kept in its place but does not change the status (its
 * progress counts only where it is the newest report, see `selectMeasures`); on the same day the
 * later entry wins. A report may move the due date, with a reason, which the history keeps next to
 * the old and the new date. Null: no such measure.
 */
export async function addProgressReport(
	db: Db,
	measureId: string,
	raw: Record<string, unknown>,
	author: Author,
	options: { mayChangeStatus: boolean },
	now = Date.now(),
	today = todayIso(new Date(now))
): Promise<Checked<MeasureUpdate> | null> {
	return db.transaction(async (tx): Promise<Checked<MeasureUpdate> | null> => {
		const current = await lockMeasureStatus(tx, measureId);
		if (!current) return null;
		const checked = checkProgressReport(
			options.mayChangeStatus ? raw : { ...raw, status: current.status },
			current.status
		);
		if (!checked.ok) return checked;
		const { dueOn, dueReason, ...report } = checked.value;
		if (report.reportedOn > today)
			return { ok: false, error: { field: 'reportedOn', error: 'measures.error.reportInFuture' } };
		let dueMove: MeasureUpdate['dueMove'] = null;
		if (dueOn !== undefined && dueOn !== current.due_on) {
			if (dueBeforeStart(current.start_on, dueOn))
				return { ok: false, error: { field: 'dueOn', error: 'measures.error.dueBeforeStart' } };
			if (!dueReason)
				return { ok: false, error: { field: 'dueReason', error: 'measures.error.reasonMissing' } };
			dueMove = { from: current.due_on, to: dueOn, reason: dueReason };
		}
		const newest = await tx.get<{ reported_on: string }>(
			`SELECT reported_on FROM measure_updates WHERE measure_id = ?
			ORDER BY reported_on DESC, created_at DESC LIMIT 1`,
			[measureId]
		);
		const decides = !newest || report.reportedOn >= newest.reported_on;
		const id = await insertUpdate(tx, measureId, 'report', report, author, now, dueMove);
		await tx.run(`UPDATE measures SET status = ?, due_on = ?, updated_at = ? WHERE id = ?`, [
			decides ? report.status : current.status,
			dueMove?.to ?? current.due_on,
			now,
			measureId
		]);
		return {
			ok: true,
			value: {
				id,
				measureId,
				kind: 'report',
				...report,
				dueMove,
				authorName: author.name,
				createdAt: now
			}
		};
	});
}

/**
 * The planner's overview: open measures (neither done nor dropped) whose due date has passed, and
 * those due from today to `days` days ahead, each sorted by due date.
 */
export async function listDueMeasures(
	db: Queryable,
	today: string,
	days = 30
): Promise<{ overdue: Measure[]; soon: Measure[]; days: number }> {
	const open = (await listMeasures(db, { dueTo: addDays(today, days) })).filter(
		(m) => m.status !== 'done' && m.status !== 'dropped'
	);
	return {
		overdue: open.filter((m) => isOverdue(m, today)),
		soon: open.filter((m) => m.dueOn !== null && m.dueOn >= today),
		days
	};
}

/** The timeline: reports and status changes, newest first. */
export async function listMeasureUpdates(
	db: Queryable,
	measureId: string
): Promise<MeasureUpdate[]> {
	const rows = await db.all<{
		id: string;
		measure_id: string;
		kind: MeasureUpdate['kind'];
		reported_on: string;
		status: MeasureStatus;
		progress: number | null;
		note: string;
		due_from: string | null;
		due_to: string | null;
		due_reason: string;
		author_name: string;
		created_at: number;
	}>(
		'SELECT * FROM measure_updates WHERE measure_id = ? ORDER BY reported_on DESC, created_at DESC',
		[measureId]
	);
	return rows.map((row) => ({
		id: row.id,
		measureId: row.measure_id,
		kind: row.kind,
		reportedOn: row.reported_on,
		status: row.status,
		progress: row.progress === null ? null : Number(row.progress),
		note: row.note,
		dueMove:
			row.due_to === null
				? null
				: { from: row.due_from, to: row.due_to, reason: row.due_reason ?? '' },
		authorName: row.author_name,
		createdAt: Number(row.created_at)
	}));
}

/** The stored measure as the raw shape checkMeasure reads: the base for partial API changes. */
export function measureAsInput(measure: Measure): Record<string, unknown> {
	return {
		title: measure.title,
		description: measure.description,
		responsible: measure.responsible,
		partners: measure.partners,
		startOn: measure.startOn,
		dueOn: measure.dueOn,
		budget: measure.budget,
		staffHours: measure.staffHours,
		rooms: measure.rooms,
		status: measure.status,
		targetGroups: measure.targetGroups,
		quickWin: measure.quickWin,
		goalIds: measure.goalIds,
		districts: measure.districts
	};
}
