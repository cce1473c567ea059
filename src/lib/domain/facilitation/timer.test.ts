import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
	addTime,
	idleTimer,
	isFinished,
	maxDurationMs,
	pauseTimer,
	remainingMs,
	resetTimer,
	resumeTimer,
	startTimer,
	timerOfPhase,
	type TimerResult,
	type TimerState
} from './timer';

function valueOf(result: TimerResult): TimerState {
	if (!result.ok) throw new Error(result.error);
	return result.value;
}

const errorOf = (result: TimerResult) => (result.ok ? 'ok' : result.error);

const t0 = 1_750_000_000_000;
const minute = 60_000;

describe('a facilitator runs a timer', () => {
	test('a started timer counts down from the shared end time and then reports it is over', () => {
		const running = valueOf(startTimer(5 * minute, t0));
		expect(running).toEqual({ status: 'running', endsAt: t0 + 5 * minute, durationMs: 5 * minute });
		expect(remainingMs(running, t0 + minute)).toBe(4 * minute);
		expect(isFinished(running, t0 + 5 * minute - 1)).toBe(false);
		expect(isFinished(running, t0 + 5 * minute)).toBe(true);
		expect(remainingMs(running, t0 + 6 * minute)).toBe(0);
	});

	test('two screens with the same state and clock show the same time', () => {
		const shared = valueOf(startTimer(3 * minute, t0));
		const copy: TimerState = JSON.parse(JSON.stringify(shared));
		expect(remainingMs(copy, t0 + 12_345)).toBe(remainingMs(shared, t0 + 12_345));
	});

	test('a pause freezes the remaining time until the timer is resumed', () => {
		const paused = valueOf(pauseTimer(valueOf(startTimer(5 * minute, t0)), t0 + minute));
		expect(paused).toEqual({ status: 'paused', remainingMs: 4 * minute, durationMs: 5 * minute });
		expect(remainingMs(paused, t0 + 60 * minute)).toBe(4 * minute);
		expect(isFinished(paused, t0 + 60 * minute)).toBe(false);
		const resumed = valueOf(resumeTimer(paused, t0 + 10 * minute));
		expect(remainingMs(resumed, t0 + 10 * minute)).toBe(4 * minute);
	});

	test('time can be added while running, while paused and after the end', () => {
		const running = valueOf(startTimer(5 * minute, t0));
		expect(remainingMs(valueOf(addTime(running, 2 * minute, t0)), t0)).toBe(7 * minute);
		const paused = valueOf(pauseTimer(running, t0 + minute));
		expect(valueOf(addTime(paused, minute, t0 + 2 * minute))).toEqual({
			status: 'paused',
			remainingMs: 5 * minute,
			durationMs: 6 * minute
		});
		const over = t0 + 9 * minute;
		const extended = valueOf(addTime(running, 2 * minute, over));
		expect(isFinished(extended, over)).toBe(false);
		expect(remainingMs(extended, over)).toBe(2 * minute);
	});

	test('reset makes the timer idle, which shows no time and is never finished', () => {
		expect(resetTimer()).toEqual({ status: 'idle' });
		expect(remainingMs(idleTimer, t0)).toBe(0);
		expect(isFinished(idleTimer, t0)).toBe(false);
	});

	test('a screen whose clock runs behind never shows more than the full length', () => {
		const running = valueOf(startTimer(5 * minute, t0));
		expect(remainingMs(running, t0 - 10 * minute)).toBe(5 * minute);
	});
});

describe('refused timer changes', () => {
	test('a length must be whole milliseconds between 10 seconds and 4 hours', () => {
		expect(errorOf(startTimer(9_999, t0))).toBe('timer.tooShort');
		expect(errorOf(startTimer(10_000, t0))).toBe('ok');
		expect(errorOf(startTimer(maxDurationMs, t0))).toBe('ok');
		expect(errorOf(startTimer(maxDurationMs + 1, t0))).toBe('timer.tooLong');
		expect(errorOf(startTimer(Number.NaN, t0))).toBe('timer.invalidTime');
		expect(errorOf(startTimer(Infinity, t0))).toBe('timer.invalidTime');
		expect(errorOf(startTimer(60_000.5, t0))).toBe('timer.invalidTime');
		expect(errorOf(startTimer(60_000, Number.NaN))).toBe('timer.invalidTime');
	});

	test('pause and resume only fit the state the timer is in', () => {
		const running = valueOf(startTimer(minute, t0));
		const paused = valueOf(pauseTimer(running, t0));
		expect(errorOf(pauseTimer(idleTimer, t0))).toBe('timer.idle');
		expect(errorOf(resumeTimer(idleTimer, t0))).toBe('timer.idle');
		expect(errorOf(pauseTimer(paused, t0))).toBe('timer.notRunning');
		expect(errorOf(resumeTimer(running, t0))).toBe('timer.notPaused');
		expect(errorOf(pauseTimer(running, t0 + minute))).toBe('timer.finished');
	});

	test('added time must be positive, at most an hour, and keep the timer within 4 hours', () => {
		const running = valueOf(startTimer(3 * 60 * minute, t0));
		expect(errorOf(addTime(idleTimer, minute, t0))).toBe('timer.idle');
		expect(errorOf(addTime(running, 0, t0))).toBe('timer.addNotPositive');
		expect(errorOf(addTime(running, -minute, t0))).toBe('timer.addNotPositive');
		expect(errorOf(addTime(running, 60 * minute + 1, t0))).toBe('timer.addTooLong');
		expect(errorOf(addTime(running, 60 * minute, t0))).toBe('ok');
		const full = valueOf(addTime(running, 60 * minute, t0));
		expect(errorOf(addTime(full, 1000, t0))).toBe('timer.tooLong');
		expect(errorOf(addTime(full, 1000, t0 + 1000))).toBe('ok');
		expect(errorOf(addTime(running, 1.5, t0))).toBe('timer.invalidTime');
	});
});

describe('for any times', () => {
	const duration = fc.integer({ min: 10_000, max: maxDurationMs });
	const offset = fc.integer({ min: -maxDurationMs, max: 2 * maxDurationMs });

	test('the remaining time is never negative nor more than the length', () => {
		fc.assert(
			fc.property(duration, offset, offset, fc.boolean(), (ms, pauseAt, at, pause) => {
				let state = valueOf(startTimer(ms, t0));
				if (pause) {
					const paused = pauseTimer(state, t0 + pauseAt);
					if (paused.ok) state = paused.value;
				}
				const remaining = remainingMs(state, t0 + at);
				expect(remaining).toBeGreaterThanOrEqual(0);
				expect(remaining).toBeLessThanOrEqual(ms);
			})
		);
	});

	test('pausing and resuming at any times keeps the remaining time', () => {
		fc.assert(
			fc.property(
				duration,
				fc.nat(maxDurationMs),
				fc.nat(10 * maxDurationMs),
				(ms, pauseAfter, pauseFor) => {
					const running = valueOf(startTimer(ms, t0));
					const pauseAt = t0 + pauseAfter;
					const paused = pauseTimer(running, pauseAt);
					if (!paused.ok) {
						expect(paused.error).toBe('timer.finished');
						expect(pauseAfter).toBeGreaterThanOrEqual(ms);
						return;
					}
					const before = remainingMs(running, pauseAt);
					expect(remainingMs(paused.value, pauseAt + pauseFor)).toBe(before);
					const resumeAt = pauseAt + pauseFor;
					const resumed = valueOf(resumeTimer(paused.value, resumeAt));
					expect(remainingMs(resumed, resumeAt)).toBe(before);
					expect(isFinished(resumed, resumeAt + before)).toBe(true);
					expect(isFinished(resumed, resumeAt + before - 1)).toBe(false);
				}
			)
		);
	});

	test('adding time adds exactly that much, or is refused with a reason', () => {
		fc.assert(
			fc.property(
				duration,
				offset,
				fc.integer({ min: -10, max: 2 * 60 * minute }),
				fc.boolean(),
				(ms, at, added, pause) => {
					let state = valueOf(startTimer(ms, t0));
					if (pause) {
						const paused = pauseTimer(state, t0 + at);
						if (paused.ok) state = paused.value;
					}
					const now = t0 + at;
					const result = addTime(state, added, now);
					if (result.ok) {
						expect(remainingMs(result.value, now)).toBe(remainingMs(state, now) + added);
						expect(result.value.status).toBe(state.status);
					} else {
						expect(['timer.addNotPositive', 'timer.addTooLong', 'timer.tooLong']).toContain(
							result.error
						);
					}
				}
			)
		);
	});
});

describe('the timer belongs to its phase', () => {
	test('a timer set for one phase is idle in the next one, and stays its own through changes', () => {
		const started = valueOf(startTimer(60_000, 0, 'p1'));
		expect(timerOfPhase(started, 'p1')).toEqual(started);
		expect(timerOfPhase(started, 'p2')).toEqual(idleTimer);
		const paused = valueOf(pauseTimer(started, 10_000));
		expect(paused).toMatchObject({ phaseId: 'p1' });
		expect(valueOf(resumeTimer(paused, 20_000))).toMatchObject({ phaseId: 'p1' });
		expect(valueOf(addTime(started, 60_000, 70_000))).toMatchObject({ phaseId: 'p1' });
		// Finished ("Die Zeit ist um") in its own phase only.
		expect(isFinished(timerOfPhase(started, 'p1'), 70_000)).toBe(true);
		expect(isFinished(timerOfPhase(started, 'p2'), 70_000)).toBe(false);
	});

	test('a timer of an older document without phaseId shows in every phase', () => {
		const old = valueOf(startTimer(60_000, 0));
		expect(old).not.toHaveProperty('phaseId');
		expect(timerOfPhase(old, 'p2')).toEqual(old);
	});
});
