import { maxReporterLength } from '../../collab/data-board';
import { maxCardLength } from '../../domain/cards';
import { entryKinds, entryLimits, type EntryKind } from '../../domain/inventory/entry';
import { isIsoDate } from '../../domain/measures';
import {
	actionStatuses,
	isOpenAction,
	limits,
	minutesStatuses,
	type ActionStatus,
	type MinutesStatus
} from '../../domain/round-table/round-table';
import type { Queryable, Tx } from '../db';
import { maxTargetGroupsLength } from '../inventory/needs';
import { entryValues, type EntryRow } from '../inventory/store';
import { dedupe, Refusal, shape, type DistrictKey } from './transfer-checks';

/**
 * The parts of a transfer file for what the formats of issue 13 keep in the store beside the
 * workshop (transfer.ts has the workshop, planning, register and archive):
 *
 * - `next-reports.json`: who reports next on which of the workshop's measures, and when
 *   (Sozialraumkonferenz, Vereinbarungen).
 * - `inventory.json`: the needs cards linked on the wall, and the inventory entries they point to.
 *   Entries belong to their district, not to the workshop, so only those the links name travel.
 * - `round-table.json`: for a Runder Tisch meeting, its series with the member list, the meeting's
 *   minutes status, attendance, decisions (with their number in the series) and the action items
 *   it showed: its own and those carried over from earlier meetings of the series.
 *
 * Rows the install already has (an entry, a series, a member, a carried-over action item, a next
 * report of a measure brought back) are matched by id and left as they are, as goals are: the
 * install's planners may have changed them since, and a file never writes over that. What cannot
 * sit beside the install's rows (a decision number the series here gives to another decision, an
 * id taken by another row) refuses the whole file. People's ids never travel: `added_by` of an
 * entry and the `created_by`/`minutes_changed_by` user ids stay behind.
 */
export const formatPartNames = ['next-reports.json', 'inventory.json', 'round-table.json'] as const;

export interface NextReportRow {
	measureId: string;
	reporter: string;
	reportOn: string;
	/** Progress reports after this time count as the agreed report (next-reports.ts). */
	createdAt: number;
}

export interface NextReportsPart {
	nextReports: NextReportRow[];
}

export interface InventoryEntryRow {
	id: string;
	district: DistrictKey;
	name: string;
	provider: string;
	targetGroups: string;
	area: string;
	contact: string;
	openingHours: string;
	kind: EntryKind;
	lon: number | null;
	lat: number | null;
	/** The workshop it was added in live, if any; kept on import only if that workshop is there. */
	workshopId: string | null;
	createdAt: number;
	updatedAt: number;
}

export interface NeedRow {
	cardId: string;
	cardText: string;
	targetGroups: string;
	/** true: covered (by `entryId`, if the entry is still there); false: a gap; null: undecided. */
	covered: boolean | null;
	entryId: string | null;
	updatedAt: number;
}

export interface InventoryPart {
	entries: InventoryEntryRow[];
	needs: NeedRow[];
}

export interface MemberRow {
	id: string;
	organisation: string;
	person: string;
	role: string;
	createdAt: number;
	removedAt: number | null;
}

export interface SeriesRow {
	id: string;
	title: string;
	theme: string;
	createdAt: number;
	members: MemberRow[];
}

export interface AttendanceRow {
	memberId: string;
	present: boolean;
}

export interface DecisionRow {
	id: string;
	/** Its number in the series ("Beschluss Nr. 3"), as the minutes cite it. */
	number: number;
	text: string;
	decidedOn: string;
	vote: string;
	createdAt: number;
	goalIds: string[];
	districts: DistrictKey[];
}

export interface ActionRow {
	id: string;
	/** Where it was agreed: this meeting, or an earlier one of the series it was carried over from. */
	meetingId: string;
	title: string;
	owner: string;
	dueOn: string | null;
	status: ActionStatus;
	measureId: string | null;
	createdAt: number;
	updatedAt: number;
}

export interface MeetingPart {
	series: SeriesRow;
	meetsOn: string;
	minutesStatus: MinutesStatus;
	minutesChangedAt: number | null;
	createdAt: number;
	attendance: AttendanceRow[];
	decisions: DecisionRow[];
	actions: ActionRow[];
}

export interface RoundTablePart {
	/** null: the workshop is no Runder Tisch meeting. */
	meeting: MeetingPart | null;
}

export interface FormatParts {
	nextReports: NextReportsPart;
	inventory: InventoryPart;
	roundTable: RoundTablePart;
}

/** What a version-1 file (made before these parts existed) stands for: none of them. */
export const noFormatParts: FormatParts = {
	nextReports: { nextReports: [] },
	inventory: { entries: [], needs: [] },
	roundTable: { meeting: null }
};

// ---------------------------------------------------------------------------------------------
// Export

/**
 * The three parts of a workshop, and the goals and districts they link to, which the planning
 * part has to carry as well (a decision's goals, the districts of decisions and entries).
 */
export async function exportFormatParts(
	db: Queryable,
	workshopId: string
): Promise<{ parts: FormatParts; goalIds: string[]; districts: DistrictKey[] }> {
	const nextReports = (
		await db.all<{ measure_id: string; reporter: string; report_on: string; created_at: number }>(
			`SELECT n.measure_id, n.reporter, n.report_on, n.created_at
			FROM measure_next_reports n JOIN measures m ON m.id = n.measure_id
			WHERE m.origin_workshop_id = ? ORDER BY n.measure_id`,
			[workshopId]
		)
	).map((r): NextReportRow => ({
		measureId: r.measure_id,
		reporter: r.reporter,
		reportOn: r.report_on,
		createdAt: Number(r.created_at)
	}));

	const needs = (
		await db.all<{
			card_id: string;
			card_text: string;
			target_groups: string;
			covered: number;
			entry_id: string | null;
			updated_at: number;
		}>(
			`SELECT card_id, card_text, target_groups, covered, entry_id, updated_at FROM inventory_needs
			WHERE workshop_id = ? ORDER BY card_id`,
			[workshopId]
		)
	).map((r): NeedRow => ({
		cardId: r.card_id,
		cardText: r.card_text,
		targetGroups: r.target_groups,
		covered: Number(r.covered) === 1 ? true : Number(r.covered) === 0 ? false : null,
		entryId: r.entry_id,
		updatedAt: Number(r.updated_at)
	}));
	const entries: InventoryEntryRow[] = [];
	for (const id of [...new Set(needs.flatMap((n) => (n.entryId ? [n.entryId] : [])))].sort()) {
		const e = await db.get<Omit<EntryRow, 'id' | 'added_by'>>(
			`SELECT district_level, district_code, name, provider, target_groups, area, contact,
				opening_hours, kind, lon, lat, workshop_id, created_at, updated_at
			FROM inventory_entries WHERE id = ?`,
			[id]
		);
		if (!e) continue;
		entries.push({
			id,
			district: { level: e.district_level, code: e.district_code },
			name: e.name,
			provider: e.provider,
			targetGroups: e.target_groups,
			area: e.area,
			contact: e.contact,
			openingHours: e.opening_hours,
			kind: e.kind === 'formal' || e.kind === 'informal' ? e.kind : '',
			lon: e.lon === null ? null : Number(e.lon),
			lat: e.lat === null ? null : Number(e.lat),
			workshopId: e.workshop_id,
			createdAt: Number(e.created_at),
			updatedAt: Number(e.updated_at)
		});
	}

	const meeting = await exportMeeting(db, workshopId);
	const decisions = meeting?.decisions ?? [];
	return {
		parts: { nextReports: { nextReports }, inventory: { entries, needs }, roundTable: { meeting } },
		goalIds: decisions.flatMap((d) => d.goalIds),
		districts: [...decisions.flatMap((d) => d.districts), ...entries.map((e) => e.district)]
	};
}

async function exportMeeting(db: Queryable, workshopId: string): Promise<MeetingPart | null> {
	const meeting = await db.get<{
		series_id: string;
		meets_on: string;
		minutes_status: MinutesStatus;
		minutes_changed_at: number | null;
		created_at: number;
	}>(
		`SELECT series_id, meets_on, minutes_status, minutes_changed_at, created_at FROM rt_meetings
		WHERE workshop_id = ?`,
		[workshopId]
	);
	if (!meeting) return null;
	const series = await db.get<{ id: string; title: string; theme: string; created_at: number }>(
		'SELECT id, title, theme, created_at FROM rt_series WHERE id = ?',
		[meeting.series_id]
	);
	if (!series) return null;
	const members = await db.all<{
		id: string;
		organisation: string;
		person: string;
		role: string;
		created_at: number;
		removed_at: number | null;
	}>(
		`SELECT id, organisation, person, role, created_at, removed_at FROM rt_members
		WHERE series_id = ? ORDER BY created_at, id`,
		[series.id]
	);
	const attendance = await db.all<{ member_id: string; present: number }>(
		'SELECT member_id, present FROM rt_attendance WHERE meeting_id = ? ORDER BY member_id',
		[workshopId]
	);
	const decisionRows = await db.all<{
		id: string;
		number: number;
		text: string;
		decided_on: string;
		vote: string;
		created_at: number;
	}>(
		`SELECT id, number, text, decided_on, vote, created_at FROM rt_decisions
		WHERE meeting_id = ? ORDER BY number`,
		[workshopId]
	);
	const decisions: DecisionRow[] = [];
	for (const d of decisionRows)
		decisions.push({
			id: d.id,
			number: Number(d.number),
			text: d.text,
			decidedOn: d.decided_on,
			vote: d.vote,
			createdAt: Number(d.created_at),
			goalIds: (
				await db.all<{ goal_id: string }>(
					'SELECT goal_id FROM rt_decision_goals WHERE decision_id = ? ORDER BY goal_id',
					[d.id]
				)
			).map((g) => g.goal_id),
			districts: await db.all<DistrictKey>(
				`SELECT level, code FROM rt_decision_districts WHERE decision_id = ?
				ORDER BY level, code`,
				[d.id]
			)
		});
	// What the meeting showed (records.ts, meetingRecords): its own items, and those of earlier
	// meetings still open when it began or changed while it ran.
	const actions = (
		await db.all<{
			id: string;
			meeting_id: string;
			title: string;
			owner: string;
			due_on: string | null;
			status: ActionStatus;
			measure_id: string | null;
			created_at: number;
			updated_at: number;
			meets_on: string;
		}>(
			`SELECT a.id, a.meeting_id, a.title, a.owner, a.due_on, a.status, a.measure_id, a.created_at,
				a.updated_at, m.meets_on
			FROM rt_actions a JOIN rt_meetings m ON m.workshop_id = a.meeting_id
			WHERE a.series_id = ? ORDER BY m.meets_on, a.created_at, a.id`,
			[series.id]
		)
	)
		.filter(
			(a) =>
				a.meeting_id === workshopId ||
				(a.meets_on <= meeting.meets_on &&
					(isOpenAction(a.status) || Number(a.updated_at) >= Number(meeting.created_at)))
		)
		.map((a): ActionRow => ({
			id: a.id,
			meetingId: a.meeting_id,
			title: a.title,
			owner: a.owner,
			dueOn: a.due_on,
			status: a.status,
			measureId: a.measure_id,
			createdAt: Number(a.created_at),
			updatedAt: Number(a.updated_at)
		}));
	return {
		series: {
			id: series.id,
			title: series.title,
			theme: series.theme,
			createdAt: Number(series.created_at),
			members: members.map((m) => ({
				id: m.id,
				organisation: m.organisation,
				person: m.person,
				role: m.role,
				createdAt: Number(m.created_at),
				removedAt: m.removed_at === null ? null : Number(m.removed_at)
			}))
		},
		meetsOn: meeting.meets_on,
		minutesStatus: meeting.minutes_status,
		minutesChangedAt:
			meeting.minutes_changed_at === null ? null : Number(meeting.minutes_changed_at),
		createdAt: Number(meeting.created_at),
		attendance: attendance.map((a) => ({
			memberId: a.member_id,
			present: Number(a.present) === 1
		})),
		decisions,
		actions
	};
}

// ---------------------------------------------------------------------------------------------
// Import: reading and checking

const date = (value: unknown, path: string): string => {
	const text = shape.text(value, path, 10);
	if (!isIsoDate(text)) throw new Refusal('invalidPart', path);
	return text;
};

/** Text a form requires (a title, an owner): not empty, at most `max` characters. */
const filled = (value: unknown, path: string, max: number): string => {
	const text = shape.text(value, path, max);
	if (!text.trim()) throw new Refusal('invalidPart', path);
	return text;
};

const flag = (value: unknown, path: string): boolean => {
	if (typeof value !== 'boolean') throw new Refusal('invalidPart', path);
	return value;
};

/** Each id once in a list: a second row with it would be refused by the store half way through. */
function once(seen: Set<string>, id: string, path: string): string {
	if (seen.has(id)) throw new Refusal('invalidPart', path);
	seen.add(id);
	return id;
}

/** `measureIds`: the measures of the register part; a next report names one of them. */
export function readNextReportsPart(value: unknown, measureIds: Set<string>): NextReportsPart {
	const p = 'next-reports.json';
	const part = shape.object(value, p);
	const seen = new Set<string>();
	const nextReports = shape
		.array(part.nextReports, `${p}: nextReports`)
		.map((item, i): NextReportRow => {
			const at = `${p}: nextReports[${i}]`;
			const n = shape.object(item, at);
			const measureId = once(seen, shape.id(n.measureId, `${at}.measureId`), `${at}.measureId`);
			if (!measureIds.has(measureId)) throw new Refusal('invalidPart', `${at}.measureId`);
			return {
				measureId,
				reporter: shape.text(n.reporter, `${at}.reporter`, maxReporterLength),
				reportOn: date(n.reportOn, `${at}.reportOn`),
				createdAt: shape.integer(n.createdAt, `${at}.createdAt`)
			};
		});
	return { nextReports };
}

export function readInventoryPart(value: unknown): InventoryPart {
	const p = 'inventory.json';
	const part = shape.object(value, p);
	const entryIds = new Set<string>();
	const entries = shape.array(part.entries, `${p}: entries`).map((item, i): InventoryEntryRow => {
		const at = `${p}: entries[${i}]`;
		const e = shape.object(item, at);
		const district = shape.object(e.district, `${at}.district`);
		const lon = shape.numberOrNull(e.lon, `${at}.lon`);
		const lat = shape.numberOrNull(e.lat, `${at}.lat`);
		if (lon !== null && Math.abs(lon) > 180) throw new Refusal('invalidPart', `${at}.lon`);
		if (lat !== null && Math.abs(lat) > 90) throw new Refusal('invalidPart', `${at}.lat`);
		if ((lon === null) !== (lat === null)) throw new Refusal('invalidPart', `${at}.lat`);
		return {
			id: once(entryIds, shape.id(e.id, `${at}.id`), `${at}.id`),
			district: {
				level: shape.text(district.level, `${at}.district.level`, 200),
				code: shape.text(district.code, `${at}.district.code`, 200)
			},
			name: filled(e.name, `${at}.name`, entryLimits.name),
			provider: shape.text(e.provider, `${at}.provider`, entryLimits.provider),
			targetGroups: shape.text(e.targetGroups, `${at}.targetGroups`, entryLimits.targetGroups),
			area: shape.text(e.area, `${at}.area`, entryLimits.area),
			contact: shape.text(e.contact, `${at}.contact`, entryLimits.contact),
			openingHours: shape.text(e.openingHours, `${at}.openingHours`, entryLimits.openingHours),
			kind: shape.oneOf(e.kind, ['', ...entryKinds] as const, `${at}.kind`),
			lon,
			lat,
			workshopId: e.workshopId === null ? null : shape.id(e.workshopId, `${at}.workshopId`),
			createdAt: shape.integer(e.createdAt, `${at}.createdAt`),
			updatedAt: shape.integer(e.updatedAt, `${at}.updatedAt`)
		};
	});
	const cards = new Set<string>();
	const needs = shape.array(part.needs, `${p}: needs`).map((item, i): NeedRow => {
		const at = `${p}: needs[${i}]`;
		const n = shape.object(item, at);
		const covered = n.covered === null ? null : flag(n.covered, `${at}.covered`);
		const entryId = n.entryId === null ? null : shape.id(n.entryId, `${at}.entryId`);
		// Only a covered need names an entry (inventory/store.ts), and it must be in this part.
		if (entryId !== null && (covered !== true || !entryIds.has(entryId)))
			throw new Refusal('invalidPart', `${at}.entryId`);
		return {
			cardId: once(cards, filled(n.cardId, `${at}.cardId`, 100), `${at}.cardId`),
			cardText: shape.text(n.cardText, `${at}.cardText`, maxCardLength),
			targetGroups: shape.text(n.targetGroups, `${at}.targetGroups`, maxTargetGroupsLength),
			covered,
			entryId,
			updatedAt: shape.integer(n.updatedAt, `${at}.updatedAt`)
		};
	});
	return { entries, needs };
}

/**
 * `workshop`: the workshop part (only a meeting of format 'runderTisch' has one); `goalIds`: the
 * goals of the planning part, which a decision's goals must be among.
 */
export function readRoundTablePart(
	value: unknown,
	workshop: { id: string; format: string },
	goalIds: Set<string>
): RoundTablePart {
	const p = 'round-table.json';
	const part = shape.object(value, p);
	if (part.meeting === null) return { meeting: null };
	const m = shape.object(part.meeting, `${p}: meeting`);
	if (workshop.format !== 'runderTisch') throw new Refusal('invalidPart', `${p}: meeting`);

	const s = shape.object(m.series, `${p}: meeting.series`);
	const memberIds = new Set<string>();
	const members = shape
		.array(s.members, `${p}: meeting.series.members`)
		.map((item, i): MemberRow => {
			const at = `${p}: meeting.series.members[${i}]`;
			const r = shape.object(item, at);
			const member: MemberRow = {
				id: once(memberIds, shape.id(r.id, `${at}.id`), `${at}.id`),
				organisation: shape.text(r.organisation, `${at}.organisation`, limits.name),
				person: shape.text(r.person, `${at}.person`, limits.name),
				role: shape.text(r.role, `${at}.role`, limits.role),
				createdAt: shape.integer(r.createdAt, `${at}.createdAt`),
				removedAt: shape.integerOrNull(r.removedAt, `${at}.removedAt`)
			};
			// A member is an organisation, a person or both (domain/round-table).
			if (!member.organisation.trim() && !member.person.trim())
				throw new Refusal('invalidPart', `${at}.organisation`);
			return member;
		});
	const series: SeriesRow = {
		id: shape.id(s.id, `${p}: meeting.series.id`),
		title: filled(s.title, `${p}: meeting.series.title`, limits.title),
		theme: shape.text(s.theme, `${p}: meeting.series.theme`, limits.theme),
		createdAt: shape.integer(s.createdAt, `${p}: meeting.series.createdAt`),
		members
	};

	const attended = new Set<string>();
	const attendance = shape
		.array(m.attendance, `${p}: meeting.attendance`)
		.map((item, i): AttendanceRow => {
			const at = `${p}: meeting.attendance[${i}]`;
			const a = shape.object(item, at);
			const memberId = once(attended, shape.id(a.memberId, `${at}.memberId`), `${at}.memberId`);
			if (!memberIds.has(memberId)) throw new Refusal('invalidPart', `${at}.memberId`);
			return { memberId, present: flag(a.present, `${at}.present`) };
		});

	const decisionIds = new Set<string>();
	const numbers = new Set<string>();
	const decisions = shape
		.array(m.decisions, `${p}: meeting.decisions`)
		.map((item, i): DecisionRow => {
			const at = `${p}: meeting.decisions[${i}]`;
			const d = shape.object(item, at);
			const number = shape.integer(d.number, `${at}.number`);
			if (number < 1) throw new Refusal('invalidPart', `${at}.number`);
			once(numbers, String(number), `${at}.number`);
			const decision: DecisionRow = {
				id: once(decisionIds, shape.id(d.id, `${at}.id`), `${at}.id`),
				number,
				text: filled(d.text, `${at}.text`, limits.decision),
				decidedOn: date(d.decidedOn, `${at}.decidedOn`),
				vote: filled(d.vote, `${at}.vote`, limits.vote),
				createdAt: shape.integer(d.createdAt, `${at}.createdAt`),
				goalIds: shape.ids(d.goalIds, `${at}.goalIds`),
				districts: shape.districtKeys(d.districts, `${at}.districts`)
			};
			for (const goalId of decision.goalIds)
				if (!goalIds.has(goalId)) throw new Refusal('invalidPart', `${at}.goalIds`);
			return decision;
		});

	const actionIds = new Set<string>();
	const actions = shape.array(m.actions, `${p}: meeting.actions`).map((item, i): ActionRow => {
		const at = `${p}: meeting.actions[${i}]`;
		const a = shape.object(item, at);
		return {
			id: once(actionIds, shape.id(a.id, `${at}.id`), `${at}.id`),
			meetingId: shape.id(a.meetingId, `${at}.meetingId`),
			title: filled(a.title, `${at}.title`, limits.action),
			owner: filled(a.owner, `${at}.owner`, limits.owner),
			dueOn: a.dueOn === null ? null : date(a.dueOn, `${at}.dueOn`),
			status: shape.oneOf(a.status, actionStatuses, `${at}.status`),
			measureId: a.measureId === null ? null : shape.id(a.measureId, `${at}.measureId`),
			createdAt: shape.integer(a.createdAt, `${at}.createdAt`),
			updatedAt: shape.integer(a.updatedAt, `${at}.updatedAt`)
		};
	});

	return {
		meeting: {
			series,
			meetsOn: date(m.meetsOn, `${p}: meeting.meetsOn`),
			minutesStatus: shape.oneOf(m.minutesStatus, minutesStatuses, `${p}: meeting.minutesStatus`),
			minutesChangedAt: shape.integerOrNull(m.minutesChangedAt, `${p}: meeting.minutesChangedAt`),
			createdAt: shape.integer(m.createdAt, `${p}: meeting.createdAt`),
			attendance,
			decisions,
			actions
		}
	};
}

// ---------------------------------------------------------------------------------------------
// Import: writing, inside the import's transaction

/**
 * What of a Runder Tisch meeting cannot sit beside the install's rows: a decision number its
 * series here gives to another decision (the series went on here after an earlier import), or an
 * id of the file's decisions, own action items or members taken by another row. Takes the lock
 * decisions are numbered under (records.ts), so no decision takes a number while the import runs.
 * Returns what to name in the message; empty: nothing clashes.
 */
export async function findRoundTableConflicts(
	tx: Tx,
	part: RoundTablePart,
	workshopId: string
): Promise<string[]> {
	const meeting = part.meeting;
	if (!meeting) return [];
	const seriesId = meeting.series.id;
	await tx.lockKey(`rt-decisions:${seriesId}`);
	const clashes: string[] = [];
	for (const d of meeting.decisions) {
		const taken = await tx.get(
			'SELECT 1 AS x FROM rt_decisions WHERE id = ? OR (series_id = ? AND number = ?)',
			[d.id, seriesId, d.number]
		);
		if (taken) clashes.push(`${d.number}: ${short(d.text)}`);
	}
	for (const a of meeting.actions)
		if (
			a.meetingId === workshopId &&
			(await tx.get('SELECT 1 AS x FROM rt_actions WHERE id = ?', [a.id]))
		)
			clashes.push(short(a.title));
	for (const r of meeting.series.members) {
		const there = await tx.get<{ series_id: string }>(
			'SELECT series_id FROM rt_members WHERE id = ?',
			[r.id]
		);
		if (there && there.series_id !== seriesId) clashes.push(short(r.organisation || r.person));
	}
	return clashes;
}

const short = (text: string) => (text.length > 60 ? `${text.slice(0, 59)}…` : text);

export interface FormatWriteContext {
	workshopId: string;
	/** File goal id → the install's goal (the same, or one matched by level and title). */
	goalId: Map<string, string>;
	/** The register part's measures, all in the install by now. */
	measureIds: Set<string>;
}

/** Writes the three parts; the workshop, its goals and its measures are written before. */
export async function writeFormatParts(
	tx: Queryable,
	parts: FormatParts,
	context: FormatWriteContext
): Promise<void> {
	await writeNextReports(tx, parts.nextReports);
	await writeInventory(tx, parts.inventory, context.workshopId);
	await writeMeeting(tx, parts.roundTable, context);
}

async function writeNextReports(tx: Queryable, part: NextReportsPart): Promise<void> {
	for (const n of part.nextReports) {
		// A measure brought back after a deletion here may have had a new agreement since.
		if (await tx.get('SELECT 1 AS x FROM measure_next_reports WHERE measure_id = ?', [n.measureId]))
			continue;
		await tx.run(
			`INSERT INTO measure_next_reports (measure_id, reporter, report_on, created_at)
			VALUES (?, ?, ?, ?)`,
			[n.measureId, n.reporter, n.reportOn, n.createdAt]
		);
	}
}

async function writeInventory(tx: Queryable, part: InventoryPart, workshopId: string) {
	for (const e of part.entries) {
		// The same entry (ids are random): the install's planners may have changed it since.
		if (await tx.get('SELECT 1 AS x FROM inventory_entries WHERE id = ?', [e.id])) continue;
		const workshop =
			e.workshopId === workshopId ||
			(e.workshopId !== null &&
				(await tx.get('SELECT 1 AS x FROM workshops WHERE id = ?', [e.workshopId])))
				? e.workshopId
				: null;
		await tx.run(
			`INSERT INTO inventory_entries (id, district_level, district_code, name, provider,
				target_groups, area, contact, opening_hours, kind, lon, lat, workshop_id, added_by,
				created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)`,
			[
				e.id,
				e.district.level,
				e.district.code,
				...entryValues(e),
				workshop,
				e.createdAt,
				e.updatedAt
			]
		);
	}
	for (const n of part.needs)
		await tx.run(
			`INSERT INTO inventory_needs (workshop_id, card_id, card_text, target_groups, covered,
				entry_id, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			[
				workshopId,
				n.cardId,
				n.cardText,
				n.targetGroups,
				n.covered === null ? -1 : n.covered ? 1 : 0,
				n.entryId,
				n.updatedAt
			]
		);
}

async function writeMeeting(tx: Queryable, part: RoundTablePart, context: FormatWriteContext) {
	const meeting = part.meeting;
	if (!meeting) return;
	const { workshopId, goalId, measureIds } = context;
	const { series } = meeting;
	if (!(await tx.get('SELECT 1 AS x FROM rt_series WHERE id = ?', [series.id])))
		await tx.run(
			'INSERT INTO rt_series (id, title, theme, created_by, created_at) VALUES (?, ?, ?, NULL, ?)',
			[series.id, series.title, series.theme, series.createdAt]
		);
	for (const r of series.members) {
		// findRoundTableConflicts refused a member id of another series.
		if (await tx.get('SELECT 1 AS x FROM rt_members WHERE id = ?', [r.id])) continue;
		await tx.run(
			`INSERT INTO rt_members (id, series_id, organisation, person, role, created_at, removed_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`,
			[r.id, series.id, r.organisation, r.person, r.role, r.createdAt, r.removedAt]
		);
	}
	await tx.run(
		`INSERT INTO rt_meetings (workshop_id, series_id, meets_on, minutes_status, minutes_changed_at,
			minutes_changed_by, created_at) VALUES (?, ?, ?, ?, ?, NULL, ?)`,
		[
			workshopId,
			series.id,
			meeting.meetsOn,
			meeting.minutesStatus,
			meeting.minutesChangedAt,
			meeting.createdAt
		]
	);
	for (const a of meeting.attendance)
		await tx.run('INSERT INTO rt_attendance (meeting_id, member_id, present) VALUES (?, ?, ?)', [
			workshopId,
			a.memberId,
			a.present ? 1 : 0
		]);
	for (const d of meeting.decisions) {
		await tx.run(
			`INSERT INTO rt_decisions (id, series_id, meeting_id, number, text, decided_on, vote,
				created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?)`,
			[d.id, series.id, workshopId, d.number, d.text, d.decidedOn, d.vote, d.createdAt]
		);
		for (const id of new Set(d.goalIds.map((id) => goalId.get(id)!)))
			await tx.run('INSERT INTO rt_decision_goals (decision_id, goal_id) VALUES (?, ?)', [
				d.id,
				id
			]);
		for (const k of dedupe(d.districts))
			await tx.run(
				'INSERT INTO rt_decision_districts (decision_id, level, code) VALUES (?, ?, ?)',
				[d.id, k.level, k.code]
			);
	}
	for (const a of meeting.actions) {
		if (a.meetingId !== workshopId) {
			// Carried over from an earlier meeting: that meeting's own file brings it, or brought it
			// (then the install's row stays as it is). It is written here only if its meeting of the
			// same series is here and the item is not.
			if (await tx.get('SELECT 1 AS x FROM rt_actions WHERE id = ?', [a.id])) continue;
			const origin = await tx.get<{ series_id: string }>(
				'SELECT series_id FROM rt_meetings WHERE workshop_id = ?',
				[a.meetingId]
			);
			if (origin?.series_id !== series.id) continue;
		}
		// The measure it became, if that came along in the register part or is here already.
		const measureId =
			a.measureId !== null &&
			(measureIds.has(a.measureId) ||
				(await tx.get('SELECT 1 AS x FROM measures WHERE id = ?', [a.measureId])))
				? a.measureId
				: null;
		await tx.run(
			`INSERT INTO rt_actions (id, series_id, meeting_id, title, owner, due_on, status, measure_id,
				created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			[
				a.id,
				series.id,
				a.meetingId,
				a.title,
				a.owner,
				a.dueOn,
				a.status,
				measureId,
				a.createdAt,
				a.updatedAt
			]
		);
	}
}
