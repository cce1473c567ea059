import { expect, test } from 'vitest';
import { FailureLimiter } from './rate-limit';

test('blocks after the limit within the window and frees up as the window slides', () => {
	const limiter = new FailureLimiter(3, 1000);
	for (const t of [0, 100, 200]) {
		expect(limiter.retryAfter('k', t)).toBe(0);
		limiter.recordFailure('k', t);
	}
	expect(limiter.retryAfter('k', 300)).toBe(700);
	expect(limiter.retryAfter('other', 300)).toBe(0);
	expect(limiter.retryAfter('k', 1000)).toBe(0);
});

test('a success resets the count', () => {
	const limiter = new FailureLimiter(2, 1000);
	limiter.recordFailure('k', 0);
	limiter.recordFailure('k', 1);
	limiter.reset('k');
	expect(limiter.retryAfter('k', 2)).toBe(0);
});
