import { isFinished, type TimerState } from '../domain/facilitation/timer';

/**
 * Remaining time as whole minutes and seconds, rounded up: a clock that shows 00:00 while time is
 * still left would make people stop a second early, and "00:01" for the last partial second is
 * what kitchen timers do too.
 */
export function splitClock(ms: number): { minutes: number; seconds: number } {
	const total = Number.isFinite(ms) && ms > 0 ? Math.ceil(ms / 1000) : 0;
	return { minutes: Math.floor(total / 60), seconds: total % 60 };
}

/** mm:ss; minutes are not wrapped into hours (a 90-minute block reads "90:00"). */
export function formatClock(ms: number): string {
	const { minutes, seconds } = splitClock(ms);
	return `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
}

export type TimerDisplayStatus = 'idle' | 'running' | 'paused' | 'finished';

export function timerDisplayStatus(timer: TimerState, now: number): TimerDisplayStatus {
	if (isFinished(timer, now)) return 'finished';
	return timer.status;
}

/**
 * What a screen remembers to give the end-of-time signal exactly once per end. A timer end is
 * named by its `endsAt`: adding time to a finished timer gives it a new end, which signals again.
 */
export interface TimerEndWatch {
	/** The end of the running timer this screen saw before it ran out. */
	seenRunning: number | null;
	/** The end this screen has already signalled. */
	signalled: number | null;
}

export const freshTimerEndWatch: TimerEndWatch = { seenRunning: null, signalled: null };

/**
 * Signals only for an end this screen saw coming: someone who opens the page ten minutes after the
 * time ran out sees "00:00", but gets no tone and no announcement for something long past.
 */
export function watchTimerEnd(
	watch: TimerEndWatch,
	timer: TimerState,
	now: number
): { watch: TimerEndWatch; signal: boolean } {
	if (timer.status !== 'running') return { watch, signal: false };
	if (!isFinished(timer, now)) {
		return watch.seenRunning === timer.endsAt
			? { watch, signal: false }
			: { watch: { ...watch, seenRunning: timer.endsAt }, signal: false };
	}
	if (watch.seenRunning !== timer.endsAt || watch.signalled === timer.endsAt)
		return { watch, signal: false };
	return { watch: { ...watch, signalled: timer.endsAt }, signal: true };
}

/** Minutes typed into the timer field, as milliseconds; the timer rules decide what is allowed. */
export function minutesToMs(minutes: number): number {
	return Number.isFinite(minutes) ? Math.round(minutes * 60_000) : Number.NaN;
}
