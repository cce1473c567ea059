import { expect, test } from 'vitest';
import { FailureLimiter } from './rate-limit';

test('blocks after the limit within the window and frees up as the window slides', () => {
	const limiter = new FailureLimiter(3, 1000);
	for (const t of [0, 100, 200]) {
		expect(limiter.retryAfter('k', t)).toBe(0);
		limiter.reserve('k', t);
	}
	expect(limiter.retryAfter('k', 300)).toBe(700);
	expect(limiter.retryAfter('other', 300)).toBe(0);
	expect(limiter.retryAfter('k', 1000)).toBe(0);
});

test('a reserved slot counts at once, before the attempt has finished', () => {
	const limiter = new FailureLimiter(2, 1000);
	const first = limiter.reserve('k', 0);
	limiter.reserve('k', 0);
	expect(limiter.retryAfter('k', 1)).toBe(999);
	// The first attempt succeeded: its slot is given back, the other one still counts.
	limiter.release('k', first);
	expect(limiter.retryAfter('k', 1)).toBe(0);
	limiter.reserve('k', 1);
	expect(limiter.retryAfter('k', 2)).toBeGreaterThan(0);
});

test('a success resets the count', () => {
	const limiter = new FailureLimiter(2, 1000);
	limiter.reserve('k', 0);
	limiter.reserve('k', 1);
	limiter.reset('k');
	expect(limiter.retryAfter('k', 2)).toBe(0);
});
