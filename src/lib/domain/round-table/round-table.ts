/**
 * Runder Tisch (DESIGN.md §3): a series of meetings on one theme. The rules here are pure: what a
 * series, member, meeting, decision and action item must hold before anything is stored, and how
 * the minutes move from draft to approved. Errors name the field they are about, so the form can
 * say which one to fix.
 */

export const minutesStatuses = ['draft', 'circulated', 'approved'] as const;
export type MinutesStatus = (typeof minutesStatuses)[number];

export const actionStatuses = ['open', 'inProgress', 'done', 'dropped'] as const;
export type ActionStatus = (typeof actionStatuses)[number];

/** Open and in progress: carried over to the next meeting until done or dropped. */
export const isOpenAction = (status: ActionStatus) => status === 'open' || status === 'inProgress';

export const limits = {
	title: 200,
	theme: 2000,
	name: 120,
	role: 80,
	decision: 2000,
	vote: 120,
	action: 300,
	owner: 120
} as const;

export type RoundTableErrorKey =
	| 'rt.error.titleMissing'
	| 'rt.error.tooLong'
	| 'rt.error.memberMissing'
	| 'rt.error.dateMissing'
	| 'rt.error.dateInvalid'
	| 'rt.error.meetingBeforePrevious'
	| 'rt.error.decisionTextMissing'
	| 'rt.error.voteInvalid'
	| 'rt.error.ownerMissing'
	| 'rt.error.statusInvalid'
	| 'rt.error.minutesStep'
	| 'rt.error.minutesNoNextMeeting'
	| 'rt.error.minutesApproved';

export interface RoundTableError {
	/** The form field the message is about (also the input's name). */
	field: string;
	key: RoundTableErrorKey;
	params?: Record<string, string | number>;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: RoundTableError };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(
	field: string,
	key: RoundTableErrorKey,
	params?: Record<string, string | number>
): Parsed<T> => ({ ok: false, error: { field, key, params } });

/** Form fields are strings; anything else (a File, a missing field) counts as empty. */
export const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

export function isIsoDate(value: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
	const date = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

function tooLong<T>(field: string, value: string, max: number): Parsed<T> | null {
	return value.length > max ? fail(field, 'rt.error.tooLong', { max }) : null;
}

export interface SeriesInput {
	title: string;
	theme: string;
}

export function parseSeriesInput(form: { title?: unknown; theme?: unknown }): Parsed<SeriesInput> {
	const title = text(form.title);
	const theme = text(form.theme);
	if (!title) return fail('title', 'rt.error.titleMissing');
	return (
		tooLong('title', title, limits.title) ??
		tooLong('theme', theme, limits.theme) ??
		ok({ title, theme })
	);
}

export interface MemberInput {
	organisation: string;
	person: string;
	role: string;
}

/** A member is an organisation, a person, or a person for an organisation: one of the two is needed. */
export function parseMemberInput(form: {
	organisation?: unknown;
	person?: unknown;
	role?: unknown;
}): Parsed<MemberInput> {
	const organisation = text(form.organisation);
	const person = text(form.person);
	const role = text(form.role);
	if (!organisation && !person) return fail('organisation', 'rt.error.memberMissing');
	return (
		tooLong('organisation', organisation, limits.name) ??
		tooLong('person', person, limits.name) ??
		tooLong('role', role, limits.role) ??
		ok({ organisation, person, role })
	);
}

/**
 * A meeting needs a date, and meetings follow each other: a new one may be on the same day as the
 * latest (a second session that day), never before it, or carried-over items would go backwards.
 */
export function parseMeetingDate(value: unknown, latest: string | null): Parsed<string> {
	const date = text(value);
	if (!date) return fail('meetsOn', 'rt.error.dateMissing');
	if (!isIsoDate(date)) return fail('meetsOn', 'rt.error.dateInvalid');
	if (latest && date < latest)
		return fail('meetsOn', 'rt.error.meetingBeforePrevious', { date: germanDate(latest) });
	return ok(date);
}

export interface DecisionInput {
	text: string;
	decidedOn: string;
	vote: string;
}

/**
 * A vote is "einvernehmlich" (by consensus) or counts such as "Ja 17, Nein 3, Enthaltungen 1";
 * given as numbers it is written out in that form, so the register reads alike everywhere.
 */
export function formatVote(vote: {
	consensus: boolean;
	yes?: number;
	no?: number;
	abstain?: number;
}): string {
	if (vote.consensus) return 'einvernehmlich';
	return `Ja ${vote.yes ?? 0}, Nein ${vote.no ?? 0}, Enthaltungen ${vote.abstain ?? 0}`;
}

function count(value: unknown): number | null {
	const raw = text(value);
	if (raw === '') return 0;
	if (!/^\d{1,5}$/.test(raw)) return null;
	return Number(raw);
}

export function parseDecisionInput(form: {
	text?: unknown;
	decidedOn?: unknown;
	consensus?: unknown;
	yes?: unknown;
	no?: unknown;
	abstain?: unknown;
}): Parsed<DecisionInput> {
	const body = text(form.text);
	const decidedOn = text(form.decidedOn);
	if (!body) return fail('text', 'rt.error.decisionTextMissing');
	const long = tooLong<DecisionInput>('text', body, limits.decision);
	if (long) return long;
	if (!decidedOn) return fail('decidedOn', 'rt.error.dateMissing');
	if (!isIsoDate(decidedOn)) return fail('decidedOn', 'rt.error.dateInvalid');
	const consensus = form.consensus === true || form.consensus === 'on' || form.consensus === 'yes';
	if (consensus) return ok({ text: body, decidedOn, vote: formatVote({ consensus }) });
	const yes = count(form.yes);
	const no = count(form.no);
	const abstain = count(form.abstain);
	if (yes === null) return fail('yes', 'rt.error.voteInvalid');
	if (no === null) return fail('no', 'rt.error.voteInvalid');
	if (abstain === null) return fail('abstain', 'rt.error.voteInvalid');
	if (yes + no + abstain === 0) return fail('yes', 'rt.error.voteInvalid');
	return ok({ text: body, decidedOn, vote: formatVote({ consensus, yes, no, abstain }) });
}

export interface ActionInput {
	title: string;
	owner: string;
	dueOn: string | null;
	status: ActionStatus;
}

export function parseActionInput(form: {
	title?: unknown;
	owner?: unknown;
	dueOn?: unknown;
	status?: unknown;
}): Parsed<ActionInput> {
	const title = text(form.title);
	const owner = text(form.owner);
	const dueOn = text(form.dueOn);
	const status = text(form.status) || 'open';
	if (!title) return fail('title', 'rt.error.titleMissing');
	const long = tooLong<ActionInput>('title', title, limits.action);
	if (long) return long;
	if (!owner) return fail('owner', 'rt.error.ownerMissing');
	const longOwner = tooLong<ActionInput>('owner', owner, limits.owner);
	if (longOwner) return longOwner;
	if (dueOn && !isIsoDate(dueOn)) return fail('dueOn', 'rt.error.dateInvalid');
	if (!actionStatuses.includes(status as ActionStatus))
		return fail('status', 'rt.error.statusInvalid');
	return ok({ title, owner, dueOn: dueOn || null, status: status as ActionStatus });
}

/**
 * Minutes go one step at a time: drafted in the meeting, circulated to the members (who may still
 * amend them), approved at the next meeting. Approved minutes never change again.
 */
export function nextMinutesStatus(
	current: MinutesStatus,
	wanted: MinutesStatus,
	hasNextMeeting: boolean
): Parsed<MinutesStatus> {
	if (current === 'approved') return fail('minutes', 'rt.error.minutesApproved');
	const order = minutesStatuses.indexOf(current);
	if (minutesStatuses.indexOf(wanted) !== order + 1) return fail('minutes', 'rt.error.minutesStep');
	if (wanted === 'approved' && !hasNextMeeting)
		return fail('minutes', 'rt.error.minutesNoNextMeeting');
	return ok(wanted);
}

/** 2026-03-05 → 05.03.2026, as German minutes write it. */
export function germanDate(iso: string): string {
	const [y, m, d] = iso.split('-');
	return `${d}.${m}.${y}`;
}
