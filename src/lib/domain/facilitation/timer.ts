/**
 * The facilitation timer as data. The control document holds only this state, never a ticking
 * number: a running timer stores when it ends, so every screen computes the same remaining time
 * from the shared state and its clock, and nobody has to write to the document every second.
 *
 * `now` is milliseconds since the epoch on the server's clock. Screens whose clock is off should
 * pass the server time as they estimate it; otherwise they show the skew, nothing worse.
 */
import { fail, ok, type Result } from './result';

/**
 * `phaseId` names the phase the timer was set for: "Die Zeit ist um" belongs to that phase and
 * does not carry into the next one. Timers of older documents have none and show in every phase.
 */
export type TimerState =
	| { status: 'idle' }
	| { status: 'running'; endsAt: number; durationMs: number; phaseId?: string }
	| { status: 'paused'; remainingMs: number; durationMs: number; phaseId?: string };

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;

/** Below 10 s is a typo (seconds entered as minutes); above 4 h is longer than any workshop day. */
export const minDurationMs = 10 * second;
export const maxDurationMs = 4 * hour;
/** One "add time" click adds at most an hour; more is a new timer, not an extension. */
export const maxAddedMs = hour;

export type TimerError =
	| 'timer.invalidTime'
	| 'timer.tooShort'
	| 'timer.tooLong'
	| 'timer.addNotPositive'
	| 'timer.addTooLong'
	| 'timer.idle'
	| 'timer.notRunning'
	| 'timer.notPaused'
	| 'timer.finished';

export type TimerResult = Result<TimerState, TimerError>;

export const idleTimer: TimerState = { status: 'idle' };

/** Starting replaces whatever ran before: a facilitator who starts a timer means this one. */
export function startTimer(durationMs: number, now: number, phaseId?: string): TimerResult {
	if (!Number.isSafeInteger(durationMs) || !Number.isFinite(now)) return fail('timer.invalidTime');
	if (durationMs < minDurationMs) return fail('timer.tooShort');
	if (durationMs > maxDurationMs) return fail('timer.tooLong');
	return ok({ status: 'running', endsAt: now + durationMs, durationMs, ...phaseOf(phaseId) });
}

const phaseOf = (phaseId: string | undefined) => (phaseId ? { phaseId } : {});

/** The timer as the given phase sees it: one set for another phase is no timer here. */
export function timerOfPhase(state: TimerState, phaseId: string | null | undefined): TimerState {
	if (state.status === 'idle' || !state.phaseId) return state;
	return state.phaseId === phaseId ? state : idleTimer;
}

/** A timer that has already run out has nothing left to pause; add time to it instead. */
export function pauseTimer(state: TimerState, now: number): TimerResult {
	if (!Number.isFinite(now)) return fail('timer.invalidTime');
	if (state.status === 'idle') return fail('timer.idle');
	if (state.status !== 'running') return fail('timer.notRunning');
	if (isFinished(state, now)) return fail('timer.finished');
	return ok({
		status: 'paused',
		remainingMs: remainingMs(state, now),
		durationMs: state.durationMs,
		...phaseOf(state.phaseId)
	});
}

export function resumeTimer(state: TimerState, now: number): TimerResult {
	if (!Number.isFinite(now)) return fail('timer.invalidTime');
	if (state.status === 'idle') return fail('timer.idle');
	if (state.status !== 'paused') return fail('timer.notPaused');
	return ok({
		status: 'running',
		endsAt: now + state.remainingMs,
		durationMs: state.durationMs,
		...phaseOf(state.phaseId)
	});
}

/**
 * Adds time to a running or paused timer, also to one that has just run out ("two more minutes"):
 * afterwards exactly `ms` more remain than before. The total length grows with it, so a progress
 * ring does not jump back.
 */
export function addTime(state: TimerState, ms: number, now: number): TimerResult {
	if (!Number.isSafeInteger(ms) || !Number.isFinite(now)) return fail('timer.invalidTime');
	if (ms <= 0) return fail('timer.addNotPositive');
	if (ms > maxAddedMs) return fail('timer.addTooLong');
	if (state.status === 'idle') return fail('timer.idle');
	const remaining = remainingMs(state, now);
	if (remaining + ms > maxDurationMs) return fail('timer.tooLong');
	const durationMs = state.durationMs + ms;
	// From the shared end, not from this caller's clock; a timer that ran out restarts from now.
	return ok(
		state.status === 'running'
			? {
					status: 'running',
					endsAt: Math.max(state.endsAt, now) + ms,
					durationMs,
					...phaseOf(state.phaseId)
				}
			: { status: 'paused', remainingMs: remaining + ms, durationMs, ...phaseOf(state.phaseId) }
	);
}

export function resetTimer(): TimerState {
	return idleTimer;
}

/**
 * Never negative, and never more than the timer's length: a screen whose clock runs behind would
 * otherwise show more time than was ever set.
 */
export function remainingMs(state: TimerState, now: number): number {
	switch (state.status) {
		case 'idle':
			return 0;
		case 'paused':
			return clamp(state.remainingMs, 0, state.durationMs);
		case 'running':
			return clamp(state.endsAt - now, 0, state.durationMs);
	}
}

/** True once a running timer has reached its end; screens give their gentle signal on the change. */
export function isFinished(state: TimerState, now: number): boolean {
	return state.status === 'running' && now >= state.endsAt;
}

function clamp(value: number, min: number, max: number): number {
	return Math.min(max, Math.max(min, value));
}
