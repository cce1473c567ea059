import { describe, expect, test } from 'vitest';
import { startTimer, pauseTimer, addTime, type TimerState } from '../domain/facilitation/timer';
import {
	formatClock,
	freshTimerEndWatch,
	minutesToMs,
	splitClock,
	timerDisplayStatus,
	watchTimerEnd,
	type TimerEndWatch
} from './clock';

function running(durationMs: number, now: number): TimerState {
	const started = startTimer(durationMs, now);
	if (!started.ok) throw new Error(started.error);
	return started.value;
}

describe('formatClock', () => {
	test('shows minutes and seconds with two digits', () => {
		expect(formatClock(5 * 60_000)).toBe('05:00');
		expect(formatClock(61_000)).toBe('01:01');
		expect(formatClock(0)).toBe('00:00');
	});

	test('rounds a partial second up, so 00:00 appears only when the time is over', () => {
		expect(formatClock(1)).toBe('00:01');
		expect(formatClock(59_001)).toBe('01:00');
	});

	test('keeps counting minutes past an hour instead of wrapping', () => {
		expect(formatClock(90 * 60_000)).toBe('90:00');
		expect(formatClock(240 * 60_000)).toBe('240:00');
	});

	test('treats negative and broken numbers as no time left', () => {
		expect(formatClock(-5000)).toBe('00:00');
		expect(formatClock(Number.NaN)).toBe('00:00');
		expect(splitClock(Number.POSITIVE_INFINITY)).toEqual({ minutes: 0, seconds: 0 });
	});
});

test('the display status tells a finished timer from one that is still running', () => {
	const timer = running(60_000, 0);
	expect(timerDisplayStatus(timer, 59_999)).toBe('running');
	expect(timerDisplayStatus(timer, 60_000)).toBe('finished');
	expect(timerDisplayStatus({ status: 'idle' }, 0)).toBe('idle');
	const paused = pauseTimer(timer, 1000);
	expect(paused.ok && timerDisplayStatus(paused.value, 1_000_000)).toBe('paused');
});

describe('watchTimerEnd', () => {
	function step(watch: TimerEndWatch, timer: TimerState, now: number) {
		return watchTimerEnd(watch, timer, now);
	}

	test('signals once when a timer it saw running reaches its end', () => {
		const timer = running(60_000, 0);
		let watch = step(freshTimerEndWatch, timer, 30_000).watch;
		const end = step(watch, timer, 60_000);
		expect(end.signal).toBe(true);
		watch = end.watch;
		expect(step(watch, timer, 61_000).signal).toBe(false);
		expect(step(watch, timer, 120_000).signal).toBe(false);
	});

	test('signals even when the screen slept through the exact second', () => {
		const timer = running(60_000, 0);
		const watch = step(freshTimerEndWatch, timer, 10_000).watch;
		expect(step(watch, timer, 500_000).signal).toBe(true);
	});

	test('gives no signal for an end that was over before the screen opened', () => {
		const timer = running(60_000, 0);
		expect(step(freshTimerEndWatch, timer, 600_000).signal).toBe(false);
	});

	test('signals again after time was added to a finished timer and it runs out again', () => {
		const timer = running(60_000, 0);
		let watch = step(freshTimerEndWatch, timer, 1000).watch;
		watch = step(watch, timer, 60_000).watch;
		const extended = addTime(timer, 60_000, 65_000);
		if (!extended.ok) throw new Error(extended.error);
		watch = step(watch, extended.value, 66_000).watch;
		expect(step(watch, extended.value, 125_000).signal).toBe(true);
	});

	test('a paused or idle timer never signals', () => {
		const timer = running(60_000, 0);
		const watch = step(freshTimerEndWatch, timer, 1000).watch;
		const paused = pauseTimer(timer, 2000);
		if (!paused.ok) throw new Error(paused.error);
		expect(step(watch, paused.value, 100_000).signal).toBe(false);
		expect(step(watch, { status: 'idle' }, 100_000).signal).toBe(false);
	});
});

test('minutes become milliseconds; what is not a number stays not a number', () => {
	expect(minutesToMs(5)).toBe(300_000);
	expect(minutesToMs(0.5)).toBe(30_000);
	expect(minutesToMs(Number.NaN)).toBeNaN();
});
