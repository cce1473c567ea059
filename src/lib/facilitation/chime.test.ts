import { expect, test } from 'vitest';
import { Chime } from './chime';

/** Just enough of an AudioContext to see what the chime schedules. */
function fakeContext(state: AudioContextState) {
	const started: number[] = [];
	const context = {
		state,
		currentTime: 10,
		destination: {},
		resumed: 0,
		closed: 0,
		resume() {
			context.resumed += 1;
			return Promise.resolve();
		},
		close() {
			context.closed += 1;
			return Promise.resolve();
		},
		createOscillator: () => ({
			type: '',
			frequency: { value: 0 },
			connect: () => {},
			start: (at: number) => started.push(at),
			stop: () => {}
		}),
		createGain: () => ({
			gain: { setValueAtTime: () => {}, exponentialRampToValueAtTime: () => {} },
			connect: () => {}
		})
	};
	return { context, started, asAudio: context as unknown as AudioContext };
}

test('plays nothing before the person has interacted with the page', () => {
	const fake = fakeContext('running');
	expect(new Chime(() => fake.asAudio).play()).toBe(false);
	expect(fake.started).toEqual([]);
});

test('plays two soft notes once the browser lets the page play sound', () => {
	const fake = fakeContext('running');
	const chime = new Chime(() => fake.asAudio);
	chime.prime();
	expect(chime.play()).toBe(true);
	expect(fake.started).toHaveLength(2);
	expect(fake.started[0]).toBe(10);
});

test('stays silent while the browser keeps audio suspended, and asks to wake it on a gesture', () => {
	const fake = fakeContext('suspended');
	const chime = new Chime(() => fake.asAudio);
	chime.prime();
	expect(fake.context.resumed).toBe(1);
	expect(chime.play()).toBe(false);
});

test('never throws: no audio support, a failing constructor, a failing node', () => {
	expect(() => new Chime(null).prime()).not.toThrow();
	expect(new Chime(null).play()).toBe(false);
	const failing = new Chime(() => {
		throw new Error('NotAllowedError');
	});
	expect(() => failing.prime()).not.toThrow();
	expect(failing.play()).toBe(false);
	const fake = fakeContext('running');
	fake.context.createOscillator = () => {
		throw new Error('broken');
	};
	const broken = new Chime(() => fake.asAudio);
	broken.prime();
	expect(broken.play()).toBe(false);
	expect(() => broken.close()).not.toThrow();
	expect(fake.context.closed).toBe(1);
});
