import * as Y from 'yjs';
import {
	checkPhasePlan,
	type PhasePlan,
	type PhaseTemplate,
	phaseTemplates
} from '../domain/facilitation/phases';
import { type TallyEntry, type VoteSettings, maxBudget } from '../domain/facilitation/voting';
import { idleTimer, maxDurationMs, type TimerState } from '../domain/facilitation/timer';
import type { Locale } from '../i18n';
import { withReadableVariants } from '../domain/facilitation/phase-variants';

/**
 * The control document `<workshop>/control` (DESIGN.md §5): what the facilitator decides and
 * everyone follows. Only facilitators and the server write it; participants read it, and the sync
 * server drops their writes. Each concern is its own entry, so a timer change never overwrites a
 * phase change made at the same moment by a second facilitator.
 *
 * Everything is read through `readControl`, which checks what it finds: a facilitator's client is
 * trusted to write, not to write well-formed data.
 */
export interface WorkshopSettings {
	/** Nothing links a card to its author; cards reach the wall through the server. */
	anonymous: boolean;
	/** Cards stay on the author's device and in their private document until the reveal. */
	privateWriting: boolean;
	/** Only facilitators move and group cards (the sync server holds everyone else's moves back). */
	fixedCards: boolean;
}

export interface FollowMe {
	phaseId: string;
	x: number;
	y: number;
	scale: number;
}

/** One dot vote per board (phase): the facilitator sets it up, the server counts. */
export interface BoardVote extends VoteSettings {
	/** A new id per opened vote: ballots of an earlier vote on the same board never count. */
	roundId: string;
	/** What is voted on: single cards, or clusters. */
	on: 'cards' | 'clusters';
}

/** Written by the server only when the facilitator reveals; ranked, ties share a rank. */
export interface VoteResults {
	roundId: string;
	results: TallyEntry[];
}

export interface ControlState {
	plan: PhasePlan | null;
	timer: TimerState;
	settings: WorkshopSettings;
	locked: boolean;
	followMe: FollowMe | null;
	votes: Record<string, BoardVote>;
	voteResults: Record<string, VoteResults>;
	/** How many people said "ich bin fertig" in the board's current vote round. */
	voteDone: Record<string, { roundId: string; done: number }>;
	/** Cards waiting in private documents, in total (no names: a count says nothing about whom). */
	draftsWaiting: number;
}

export const defaultSettings: WorkshopSettings = {
	anonymous: false,
	privateWriting: false,
	fixedCards: false
};

function controlOf(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap('control');
}

function subMap(doc: Y.Doc, name: string): Y.Map<unknown> {
	return doc.getMap(name);
}

/** The one key of `draftCounts` (see `readDraftsWaiting`). */
const draftsTotal = 'total';

const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);
const isFiniteNumber = (value: unknown): value is number =>
	typeof value === 'number' && Number.isFinite(value);
const isId = (value: unknown): value is string =>
	typeof value === 'string' && value.length > 0 && value.length <= 64;

function readPlan(value: unknown): PhasePlan | null {
	if (!isRecord(value) || !Array.isArray(value.phases)) return null;
	const checked = checkPhasePlan(value as unknown as PhasePlan);
	return checked.ok ? withReadableVariants(checked.value) : null;
}

function readTimer(value: unknown): TimerState {
	if (!isRecord(value)) return idleTimer;
	const duration = value.durationMs;
	if (!isFiniteNumber(duration) || duration <= 0 || duration > maxDurationMs) return idleTimer;
	// Timers written before phases owned them have no phaseId; they stay readable as they were.
	const phase = isId(value.phaseId) ? { phaseId: value.phaseId } : {};
	if (value.status === 'running' && isFiniteNumber(value.endsAt))
		return { status: 'running', endsAt: value.endsAt, durationMs: duration, ...phase };
	if (value.status === 'paused' && isFiniteNumber(value.remainingMs))
		return {
			status: 'paused',
			remainingMs: Math.max(0, Math.min(duration + maxDurationMs, value.remainingMs)),
			durationMs: duration,
			...phase
		};
	return idleTimer;
}

function readSettings(value: unknown): WorkshopSettings {
	if (!isRecord(value)) return defaultSettings;
	return {
		anonymous: value.anonymous === true,
		privateWriting: value.privateWriting === true,
		fixedCards: value.fixedCards === true
	};
}

function readFollowMe(value: unknown): FollowMe | null {
	if (!isRecord(value) || !isId(value.phaseId)) return null;
	const { x, y, scale } = value;
	if (!isFiniteNumber(x) || !isFiniteNumber(y) || !isFiniteNumber(scale)) return null;
	return {
		phaseId: value.phaseId,
		x: Math.max(-1e6, Math.min(1e6, x)),
		y: Math.max(-1e6, Math.min(1e6, y)),
		scale: Math.max(0.1, Math.min(4, scale))
	};
}

function readVote(value: unknown): BoardVote | null {
	if (!isRecord(value) || !isId(value.roundId) || !Array.isArray(value.items)) return null;
	const { budgetPerPerson, maxPerItem } = value;
	if (!Number.isInteger(budgetPerPerson) || !Number.isInteger(maxPerItem)) return null;
	const budget = budgetPerPerson as number;
	const perItem = maxPerItem as number;
	if (budget < 1 || budget > maxBudget || perItem < 1 || perItem > budget) return null;
	const items = [...new Set(value.items.filter(isId))].slice(0, 1000);
	return {
		roundId: value.roundId,
		on: value.on === 'clusters' ? 'clusters' : 'cards',
		items,
		budgetPerPerson: budget,
		maxPerItem: perItem,
		open: value.open === true,
		revealed: value.revealed === true
	};
}

function readResults(value: unknown): VoteResults | null {
	if (!isRecord(value) || !isId(value.roundId) || !Array.isArray(value.results)) return null;
	const results: TallyEntry[] = [];
	for (const entry of value.results) {
		if (!isRecord(entry) || !isId(entry.itemId)) continue;
		const { dots, voters, rank } = entry;
		if (!isFiniteNumber(dots) || !isFiniteNumber(voters) || !isFiniteNumber(rank)) continue;
		const paperDots = isFiniteNumber(entry.paperDots) ? { paperDots: entry.paperDots } : {};
		results.push({ itemId: entry.itemId, dots, voters, rank, ...paperDots });
	}
	return { roundId: value.roundId, results };
}

function readEntries<T>(map: Y.Map<unknown>, read: (value: unknown) => T | null) {
	const out: Record<string, T> = {};
	map.forEach((value, key) => {
		const parsed = isId(key) ? read(value) : null;
		if (parsed) out[key] = parsed;
	});
	return out;
}

export function readControl(doc: Y.Doc): ControlState {
	const control = controlOf(doc);
	return {
		plan: readPlan(control.get('plan')),
		timer: readTimer(control.get('timer')),
		settings: readSettings(control.get('settings')),
		locked: control.get('locked') === true,
		followMe: readFollowMe(control.get('followMe')),
		votes: readEntries(subMap(doc, 'votes'), readVote),
		voteResults: readEntries(subMap(doc, 'voteResults'), readResults),
		voteDone: readEntries(subMap(doc, 'voteDone'), (value) =>
			isRecord(value) && isId(value.roundId) && Number.isInteger(value.done)
				? { roundId: value.roundId, done: value.done as number }
				: null
		),
		draftsWaiting: readDraftsWaiting(subMap(doc, 'draftCounts'))
	};
}

/**
 * Drafts waiting in private documents: one total under `draftCounts.total`, which only the server
 * writes (the sync policy refuses anyone else's write to `draftCounts`). Older versions kept one
 * count per participant there, under a stable key, so everyone could watch who wrote and when.
 * Such a document is still read (their sum) until the server writes its first total, which
 * deletes them (`setDraftsWaiting`).
 */
function readDraftsWaiting(counts: Y.Map<unknown>): number {
	const isCount = (value: unknown): value is number =>
		Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 1e6;
	if (counts.has(draftsTotal)) {
		const total = counts.get(draftsTotal);
		return isCount(total) ? total : 0;
	}
	let sum = 0;
	counts.forEach((count) => {
		if (isCount(count)) sum += count;
	});
	return Math.min(sum, 1e6);
}

/** Just "cards fixed", for the sync server's check on every incoming card edit. */
export function readFixedCards(doc: Y.Doc): boolean {
	return readSettings(controlOf(doc).get('settings')).fixedCards;
}

/** Just the lock, for the sync server's check on every incoming edit (no full read there). */
export function readLocked(doc: Y.Doc): boolean {
	return controlOf(doc).get('locked') === true;
}

// Writing (facilitators' clients and the server) ----------------------------------------------

/** Plain JSON copies: Yjs stores the value as it is at the time of the call. */
const json = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

export function setPlan(doc: Y.Doc, plan: PhasePlan): void {
	controlOf(doc).set('plan', json(plan));
}

/** The facilitator's first visit sets the format's phases; later visits keep what was edited. */
export function ensurePlan(doc: Y.Doc, template: PhaseTemplate, locale: Locale): void {
	if (readControl(doc).plan) return;
	setPlan(doc, phaseTemplates[template](locale));
}

export function setTimer(doc: Y.Doc, timer: TimerState): void {
	controlOf(doc).set('timer', json(timer));
}

/** Settings not given keep their default (`fixedCards` came later than the other two). */
export function setSettings(
	doc: Y.Doc,
	settings: Omit<WorkshopSettings, 'fixedCards'> & Partial<WorkshopSettings>
): void {
	controlOf(doc).set('settings', json({ ...defaultSettings, ...settings }));
}

export function setLocked(doc: Y.Doc, locked: boolean): void {
	controlOf(doc).set('locked', locked);
}

export function setFollowMe(doc: Y.Doc, followMe: FollowMe | null): void {
	controlOf(doc).set('followMe', followMe ? json(followMe) : null);
}

export function setVote(doc: Y.Doc, boardId: string, vote: BoardVote): void {
	subMap(doc, 'votes').set(boardId, json(vote));
}

export function setVoteResults(doc: Y.Doc, boardId: string, results: VoteResults): void {
	subMap(doc, 'voteResults').set(boardId, json(results));
}

export function setVoteDone(doc: Y.Doc, boardId: string, roundId: string, done: number): void {
	subMap(doc, 'voteDone').set(boardId, { roundId, done });
}

/**
 * The server's total of waiting drafts, everyone's together: no entry names or stands for a
 * person. The per-person counts of older versions are deleted with it.
 */
export function setDraftsWaiting(doc: Y.Doc, total: number): void {
	const counts = subMap(doc, 'draftCounts');
	doc.transact(() => {
		for (const key of [...counts.keys()]) if (key !== draftsTotal) counts.delete(key);
		// An unchanged total writes nothing: every write is stored and sent to everyone.
		if (counts.get(draftsTotal) !== total) counts.set(draftsTotal, total);
	});
}
