/**
 * Goals, measures and progress reports as people enter them (forms, the JSON API, the live table),
 * checked before anything is stored. Pure: shared by browser, server and the close step.
 * Errors carry the field they concern, so forms and the API can point at it. Every limit is read
 * from the body descriptions in measure-schema.ts, which the OpenAPI document serves unchanged.
 */

import {
	districtKeySchema,
	goalBody,
	goalLevels,
	goalStatuses,
	goalTargetSchema,
	measureBody,
	measureStatuses,
	progressReportBody,
	type GoalLevel,
	type GoalStatus,
	type MeasureStatus
} from './measure-schema';
import { characters, type NumberSchema, type StringSchema } from './schema';

export {
	goalLevels,
	goalStatuses,
	limits,
	measureStatuses,
	type GoalLevel,
	type GoalStatus,
	type MeasureStatus
} from './measure-schema';

/**
 * What a message needs beyond the field: the limit that was passed, the first unknown entry of a
 * list, or the status and the ones that may follow it. Codes, not words: the caller translates.
 */
export interface FieldErrorParams {
	max?: number;
	item?: string;
	from?: MeasureStatus;
	allowed?: readonly MeasureStatus[];
}

export type FieldError = { field: string; error: MeasuresErrorCode; params?: FieldErrorParams };
export type Checked<T> = { ok: true; value: T } | { ok: false; error: FieldError };

/** Stable error codes = message keys in messages-measures.ts. */
export type MeasuresErrorCode =
	| 'measures.error.titleMissing'
	| 'measures.error.notText'
	| 'measures.error.tooLong'
	| 'measures.error.dateInvalid'
	| 'measures.error.dueBeforeStart'
	| 'measures.error.numberInvalid'
	| 'measures.error.statusInvalid'
	| 'measures.error.statusTransition'
	| 'measures.error.progressInvalid'
	| 'measures.error.listInvalid'
	| 'measures.error.listTooLong'
	| 'measures.error.levelInvalid'
	| 'measures.error.parentLevel'
	| 'measures.error.parentMissing'
	| 'measures.error.cycle'
	| 'measures.error.targetIncomplete'
	| 'measures.error.yearInvalid'
	| 'measures.error.districtsOrCitywide'
	| 'measures.error.reportInFuture'
	| 'measures.error.reasonMissing';

/** A district as goals and measures link to it: its identity in the districts table. */
export interface DistrictKey {
	level: string;
	code: string;
}

/** `level:code` — one string for forms, query parameters and the live document. */
export function districtKey(d: DistrictKey): string {
	return `${d.level}:${d.code}`;
}

export function parseDistrictKey(value: string): DistrictKey | null {
	const at = value.indexOf(':');
	return at < 0 ? null : checkDistrictKey(value.slice(0, at), value.slice(at + 1));
}

/** Level and code within their limits; the level holds no ':', which would move the split. */
function checkDistrictKey(level: string, code: string): DistrictKey | null {
	const schema = districtKeySchema.properties;
	return fits(level, schema.level) && fits(code, schema.code) ? { level, code } : null;
}

/** A string within a text schema's length and pattern. */
function fits(
	value: string,
	schema: Pick<StringSchema, 'minLength' | 'maxLength' | 'pattern'>
): boolean {
	const length = characters(value);
	return (
		length >= (schema.minLength ?? 0) &&
		length <= (schema.maxLength ?? Infinity) &&
		(schema.pattern === undefined || compiled(schema.pattern).test(value))
	);
}

/** The few patterns of measure-schema.ts, compiled once: lists check up to a hundred entries. */
const patterns = new Map<string, RegExp>();
function compiled(pattern: string): RegExp {
	let regex = patterns.get(pattern);
	if (!regex) patterns.set(pattern, (regex = new RegExp(pattern, 'u')));
	return regex;
}

export interface DistrictChoice {
	key: string;
	name: string;
	level: string;
	/** Linked, but a boundary import has removed it since. */
	gone: boolean;
}

/**
 * The district picker's options: every district, plus the linked ones that no longer exist (by code,
 * as their name went with them). Offered and selected, so saving a form keeps such a link instead of
 * dropping it without a word. Sorted into their level, levels in first-seen order.
 */
export function districtChoices(
	districts: readonly { key: string; name: string; level: string }[],
	chosen: readonly string[]
): { level: string; choices: DistrictChoice[] }[] {
	const known = new Set(districts.map((d) => d.key));
	const all: DistrictChoice[] = districts.map((d) => ({ ...d, gone: false }));
	for (const key of chosen) {
		const parsed = known.has(key) ? null : parseDistrictKey(key);
		if (parsed) all.push({ key, name: parsed.code, level: parsed.level, gone: true });
	}
	const levels = [...new Set(all.map((d) => d.level))];
	return levels.map((level) => ({ level, choices: all.filter((d) => d.level === level) }));
}

export interface MeasureInput {
	title: string;
	description: string;
	responsible: string;
	partners: string;
	startOn: string | null;
	dueOn: string | null;
	budget: number | null;
	staffHours: number | null;
	rooms: string;
	status: MeasureStatus;
	targetGroups: string;
	quickWin: boolean;
	goalIds: string[];
	districts: DistrictKey[];
}

export interface ProgressReportInput {
	reportedOn: string;
	status: MeasureStatus;
	progress: number;
	note: string;
	/** Only when the report moves the due date; the store asks for the reason. */
	dueOn?: string;
	dueReason?: string;
}

export interface GoalTarget {
	indicatorKey: string;
	value: number;
	year: number;
}

export interface GoalInput {
	title: string;
	description: string;
	level: GoalLevel;
	parentId: string | null;
	status: GoalStatus;
	citywide: boolean;
	districts: DistrictKey[];
	target: GoalTarget | null;
}

export function isMeasureStatus(value: unknown): value is MeasureStatus {
	return measureStatuses.includes(value as MeasureStatus);
}

export function isGoalLevel(value: unknown): value is GoalLevel {
	return goalLevels.includes(value as GoalLevel);
}

export function isGoalStatus(value: unknown): value is GoalStatus {
	return goalStatuses.includes(value as GoalStatus);
}

export function isIsoDate(value: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
	const date = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/**
 * Which status may follow which. Reopening is allowed (done → in progress, dropped → idea) because
 * controlling corrects mistakes; jumping from an idea straight to done is not, since a measure that
 * was never planned has no owner or date to report against.
 */
const transitions: Record<MeasureStatus, readonly MeasureStatus[]> = {
	idea: ['planned', 'dropped'],
	planned: ['idea', 'in_progress', 'dropped'],
	in_progress: ['planned', 'done', 'dropped'],
	done: ['in_progress'],
	dropped: ['idea', 'planned']
};

export function canChangeStatus(from: MeasureStatus, to: MeasureStatus): boolean {
	return from === to || transitions[from].includes(to);
}

export function nextStatuses(from: MeasureStatus): MeasureStatus[] {
	return [from, ...transitions[from]];
}

/** Overdue: the due date has passed (strictly before `today`) and the measure is still open. */
export function isOverdue(
	measure: { dueOn: string | null; status: MeasureStatus },
	today: string
): boolean {
	return (
		measure.dueOn !== null &&
		measure.dueOn < today &&
		measure.status !== 'done' &&
		measure.status !== 'dropped'
	);
}

/** Today's date as ISO `YYYY-MM-DD` in the server's or browser's local time zone. */
export function todayIso(now = new Date()): string {
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Both dates set and the due date before the start: the one problem the live table shows inline. */
export function dueBeforeStart(startOn: string | null, dueOn: string | null): boolean {
	return !!startOn && !!dueOn && isIsoDate(startOn) && isIsoDate(dueOn) && dueOn < startOn;
}

// ---------------------------------------------------------------------------------------------
// Field readers: forms send strings, the API sends JSON; both arrive as `unknown`.
// ---------------------------------------------------------------------------------------------

const bad = <T>(
	field: string,
	error: MeasuresErrorCode,
	params?: FieldErrorParams
): Checked<T> => ({
	ok: false,
	error: params ? { field, error, params } : { field, error }
});

/** The transition error, naming where the measure stands and where it may go. */
export function statusTransitionError(field: string, from: MeasureStatus): FieldError {
	return {
		field,
		error: 'measures.error.statusTransition',
		params: { from, allowed: transitions[from] }
	};
}

/** Long or odd input is cut before it goes into a message. */
function shownItem(item: unknown): string {
	const text = typeof item === 'string' ? item : (JSON.stringify(item) ?? String(item));
	return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}
const good = <T>(value: T): Checked<T> => ({ ok: true, value });

/** A text field, trimmed; required when its schema asks for at least one character. */
function readText(raw: unknown, field: string, schema: StringSchema): Checked<string> {
	if (raw !== undefined && raw !== null && typeof raw !== 'string')
		return bad(field, 'measures.error.notText');
	const text = (raw ?? '').trim();
	if ((schema.minLength ?? 0) > 0 && !text) return bad(field, 'measures.error.titleMissing');
	const max = schema.maxLength ?? Infinity;
	if (characters(text) > max) return bad(field, 'measures.error.tooLong', { max });
	return good(text);
}

function readDate(raw: unknown, field: string, required = false): Checked<string | null> {
	if (raw === undefined || raw === null || raw === '')
		return required ? bad(field, 'measures.error.dateInvalid') : good(null);
	if (typeof raw !== 'string' || !isIsoDate(raw.trim()))
		return bad(field, 'measures.error.dateInvalid');
	return good(raw.trim());
}

/** Accepts JSON numbers and form strings; a German decimal comma ("1.500,50") is understood. */
export function readAmount(
	raw: unknown,
	field: string,
	schema: Pick<NumberSchema, 'minimum' | 'maximum'> = measureBody.properties.budget
): Checked<number | null> {
	if (raw === undefined || raw === null || raw === '') return good(null);
	let value: number;
	if (typeof raw === 'number') value = raw;
	else if (typeof raw === 'string') {
		const text = raw.trim().replace(/\s|€/g, '');
		if (!text) return good(null);
		// German notation: dots group thousands ("2.000"), the comma is the decimal mark.
		const normal =
			text.includes(',') || /^\d{1,3}(\.\d{3})+$/.test(text)
				? text.replace(/\./g, '').replace(',', '.')
				: text;
		value = /^-?\d+(\.\d+)?$/.test(normal) ? Number(normal) : NaN;
	} else value = NaN;
	if (!Number.isFinite(value) || !within(value, schema))
		return bad(field, 'measures.error.numberInvalid');
	return good(value);
}

function within(value: number, schema: Pick<NumberSchema, 'minimum' | 'maximum'>): boolean {
	return value >= (schema.minimum ?? -Infinity) && value <= (schema.maximum ?? Infinity);
}

function readBoolean(raw: unknown): boolean {
	return raw === true || raw === 'on' || raw === 'true' || raw === '1' || raw === 1;
}

function readIdList(raw: unknown, field: string): Checked<string[]> {
	if (raw === undefined || raw === null || raw === '') return good([]);
	const list = Array.isArray(raw) ? raw : [raw];
	const { items, maxItems: max = Infinity } = measureBody.properties.goalIds;
	if (list.length > max) return bad(field, 'measures.error.listTooLong', { max });
	const ids: string[] = [];
	for (const item of list) {
		if (typeof item !== 'string' || !fits(item, items))
			return bad(field, 'measures.error.listInvalid', { item: shownItem(item) });
		if (!ids.includes(item)) ids.push(item);
	}
	return good(ids);
}

/** Districts as `level:code` strings (forms) or `{ level, code }` objects (API). */
function readDistricts(raw: unknown, field: string): Checked<DistrictKey[]> {
	if (raw === undefined || raw === null || raw === '') return good([]);
	const list = Array.isArray(raw) ? raw : [raw];
	const max = measureBody.properties.districts.maxItems;
	if (list.length > max) return bad(field, 'measures.error.listTooLong', { max });
	const keys: DistrictKey[] = [];
	for (const item of list) {
		let key: DistrictKey | null = null;
		if (typeof item === 'string') key = parseDistrictKey(item);
		else if (item && typeof item === 'object') {
			const { level, code } = item as Record<string, unknown>;
			if (typeof level === 'string' && typeof code === 'string')
				key = checkDistrictKey(level, code);
		}
		if (!key) return bad(field, 'measures.error.listInvalid', { item: shownItem(item) });
		if (!keys.some((k) => k.level === key.level && k.code === key.code)) keys.push(key);
	}
	return good(keys);
}

// ---------------------------------------------------------------------------------------------
// Measures
// ---------------------------------------------------------------------------------------------

/**
 * Checks a whole measure. `previousStatus` (when editing a stored measure) also enforces the status
 * transitions; new measures may start in any status (a workshop may agree a measure already running).
 */
export function checkMeasure(
	raw: Record<string, unknown>,
	previousStatus?: MeasureStatus
): Checked<MeasureInput> {
	const fields = measureBody.properties;
	const title = readText(raw.title, 'title', fields.title);
	if (!title.ok) return title;
	const description = readText(raw.description, 'description', fields.description);
	if (!description.ok) return description;
	const responsible = readText(raw.responsible, 'responsible', fields.responsible);
	if (!responsible.ok) return responsible;
	const partners = readText(raw.partners, 'partners', fields.partners);
	if (!partners.ok) return partners;
	const startOn = readDate(raw.startOn, 'startOn');
	if (!startOn.ok) return startOn;
	const dueOn = readDate(raw.dueOn, 'dueOn');
	if (!dueOn.ok) return dueOn;
	if (dueBeforeStart(startOn.value, dueOn.value))
		return bad('dueOn', 'measures.error.dueBeforeStart');
	const budget = readAmount(raw.budget, 'budget', fields.budget);
	if (!budget.ok) return budget;
	const staffHours = readAmount(raw.staffHours, 'staffHours', fields.staffHours);
	if (!staffHours.ok) return staffHours;
	const rooms = readText(raw.rooms, 'rooms', fields.rooms);
	if (!rooms.ok) return rooms;
	const status = raw.status === undefined || raw.status === '' ? 'idea' : raw.status;
	if (!isMeasureStatus(status)) return bad('status', 'measures.error.statusInvalid');
	if (previousStatus && !canChangeStatus(previousStatus, status))
		return { ok: false, error: statusTransitionError('status', previousStatus) };
	const targetGroups = readText(raw.targetGroups, 'targetGroups', fields.targetGroups);
	if (!targetGroups.ok) return targetGroups;
	const goalIds = readIdList(raw.goalIds, 'goalIds');
	if (!goalIds.ok) return goalIds;
	const districts = readDistricts(raw.districts, 'districts');
	if (!districts.ok) return districts;
	return good({
		title: title.value,
		description: description.value,
		responsible: responsible.value,
		partners: partners.value,
		startOn: startOn.value,
		dueOn: dueOn.value,
		budget: budget.value,
		staffHours: staffHours.value,
		rooms: rooms.value,
		status,
		targetGroups: targetGroups.value,
		quickWin: readBoolean(raw.quickWin),
		goalIds: goalIds.value,
		districts: districts.value
	});
}

/** Progress 0–100 in whole percent. */
export function checkProgress(raw: unknown): Checked<number> {
	const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw.trim()) : raw;
	const schema = progressReportBody.properties.progress;
	if (typeof value !== 'number' || !Number.isInteger(value) || !within(value, schema))
		return bad('progress', 'measures.error.progressInvalid');
	return good(value);
}

export function checkProgressReport(
	raw: Record<string, unknown>,
	currentStatus: MeasureStatus
): Checked<ProgressReportInput> {
	const reportedOn = readDate(raw.reportedOn, 'reportedOn', true);
	if (!reportedOn.ok) return reportedOn;
	const status = raw.status === undefined || raw.status === '' ? currentStatus : raw.status;
	if (!isMeasureStatus(status)) return bad('status', 'measures.error.statusInvalid');
	if (!canChangeStatus(currentStatus, status))
		return { ok: false, error: statusTransitionError('status', currentStatus) };
	const progress = checkProgress(raw.progress);
	if (!progress.ok) return progress;
	const note = readText(raw.note, 'note', progressReportBody.properties.note);
	if (!note.ok) return note;
	const dueOn = readDate(raw.dueOn, 'dueOn');
	if (!dueOn.ok) return dueOn;
	const dueReason = readText(raw.dueReason, 'dueReason', progressReportBody.properties.dueReason);
	if (!dueReason.ok) return dueReason;
	return good({
		reportedOn: reportedOn.value as string,
		status,
		progress: progress.value,
		note: note.value,
		...(dueOn.value ? { dueOn: dueOn.value, dueReason: dueReason.value } : {})
	});
}

// ---------------------------------------------------------------------------------------------
// Goals
// ---------------------------------------------------------------------------------------------

/** The level a parent must have: Leitbild → strategic goal → operative goal. */
export function parentLevelFor(level: GoalLevel): GoalLevel | null {
	const index = goalLevels.indexOf(level);
	return index === 0 ? null : goalLevels[index - 1];
}

/**
 * True when making `parentId` the parent of `id` would close a loop. The level rule alone already
 * rules loops out, but stored data may predate a rule change, so the walk is checked too; it stops
 * at a loop already present instead of spinning.
 */
export function wouldCreateCycle(
	goals: readonly { id: string; parentId: string | null }[],
	id: string,
	parentId: string | null
): boolean {
	const parents = new Map(goals.map((g) => [g.id, g.parentId]));
	const seen = new Set<string>();
	let current = parentId;
	while (current !== null && current !== undefined) {
		if (current === id) return true;
		if (seen.has(current)) return false;
		seen.add(current);
		current = parents.get(current) ?? null;
	}
	return false;
}

/** Checks a goal's own fields; `checkGoalParent` checks its place in the hierarchy. */
export function checkGoal(raw: Record<string, unknown>): Checked<GoalInput> {
	const fields = goalBody.properties;
	const title = readText(raw.title, 'title', fields.title);
	if (!title.ok) return title;
	const description = readText(raw.description, 'description', fields.description);
	if (!description.ok) return description;
	if (!isGoalLevel(raw.level)) return bad('level', 'measures.error.levelInvalid');
	const status = raw.status === undefined || raw.status === '' ? 'active' : raw.status;
	if (!isGoalStatus(status)) return bad('status', 'measures.error.statusInvalid');
	const parentId = typeof raw.parentId === 'string' && raw.parentId !== '' ? raw.parentId : null;
	if (raw.parentId !== undefined && raw.parentId !== null && typeof raw.parentId !== 'string')
		return bad('parentId', 'measures.error.parentMissing');
	// No goal has such an id: refused here already, so the message does not wait for the store.
	if (parentId !== null && !fits(parentId, fields.parentId))
		return bad('parentId', 'measures.error.parentMissing');
	const citywide = readBoolean(raw.citywide);
	const districts = readDistricts(raw.districts, 'districts');
	if (!districts.ok) return districts;
	if (citywide && districts.value.length > 0)
		return bad('districts', 'measures.error.districtsOrCitywide');
	const target = checkTarget(raw);
	if (!target.ok) return target;
	return good({
		title: title.value,
		description: description.value,
		level: raw.level,
		parentId,
		status,
		citywide,
		districts: districts.value,
		target: target.value
	});
}

/** The indicator target: all three parts or none. */
function checkTarget(raw: Record<string, unknown>): Checked<GoalTarget | null> {
	const nested =
		raw.target && typeof raw.target === 'object' ? (raw.target as Record<string, unknown>) : null;
	const key = nested ? nested.indicatorKey : raw.targetIndicatorKey;
	const value = nested ? nested.value : raw.targetValue;
	const year = nested ? nested.year : raw.targetYear;
	const empty = (v: unknown) => v === undefined || v === null || v === '';
	if (empty(key) && empty(value) && empty(year)) return good(null);
	if (empty(key) || empty(value) || empty(year))
		return bad(
			empty(key) ? 'targetIndicatorKey' : empty(value) ? 'targetValue' : 'targetYear',
			'measures.error.targetIncomplete'
		);
	const target = goalTargetSchema.properties;
	if (typeof key !== 'string' || !fits(key, target.indicatorKey))
		return bad('targetIndicatorKey', 'measures.error.targetIncomplete');
	const amount = typeof value === 'number' ? value : Number(String(value).trim().replace(',', '.'));
	if (!Number.isFinite(amount)) return bad('targetValue', 'measures.error.numberInvalid');
	const y = typeof year === 'number' ? year : Number(String(year).trim());
	if (!Number.isInteger(y) || !within(y, target.year))
		return bad('targetYear', 'measures.error.yearInvalid');
	return good({ indicatorKey: key, value: amount, year: y });
}

/** The goal's place in the hierarchy, given the goals stored so far (`id` null for a new goal). */
export function checkGoalParent(
	goals: readonly { id: string; parentId: string | null; level: GoalLevel }[],
	id: string | null,
	input: { level: GoalLevel; parentId: string | null }
): FieldError | null {
	const wanted = parentLevelFor(input.level);
	if (wanted === null)
		return input.parentId === null
			? null
			: { field: 'parentId', error: 'measures.error.parentLevel' };
	if (input.parentId === null) return { field: 'parentId', error: 'measures.error.parentMissing' };
	const parent = goals.find((g) => g.id === input.parentId);
	if (!parent) return { field: 'parentId', error: 'measures.error.parentMissing' };
	if (parent.level !== wanted) return { field: 'parentId', error: 'measures.error.parentLevel' };
	if (id !== null && wouldCreateCycle(goals, id, input.parentId))
		return { field: 'parentId', error: 'measures.error.cycle' };
	return null;
}

/** Goals as a tree, depth-first in title order; each entry knows its depth for indentation. */
export function goalTree<T extends { id: string; parentId: string | null; title: string }>(
	goals: readonly T[]
): (T & { depth: number })[] {
	const byParent = new Map<string | null, T[]>();
	const ids = new Set(goals.map((g) => g.id));
	for (const goal of goals) {
		const parent = goal.parentId !== null && ids.has(goal.parentId) ? goal.parentId : null;
		byParent.set(parent, [...(byParent.get(parent) ?? []), goal]);
	}
	const out: (T & { depth: number })[] = [];
	const seen = new Set<string>();
	const walk = (parent: string | null, depth: number) => {
		for (const goal of (byParent.get(parent) ?? []).sort((a, b) =>
			a.title.localeCompare(b.title, 'de')
		)) {
			if (seen.has(goal.id)) continue;
			seen.add(goal.id);
			out.push({ ...goal, depth });
			walk(goal.id, depth + 1);
		}
	};
	walk(null, 0);
	return out;
}
