import { FailureLimiter } from './auth/rate-limit';

/**
 * Login throttling: 5 wrong passwords per account and address in 15 minutes, and 30 per address
 * (one office may share an address). Process-wide on purpose: it guards the process, not a user.
 */
export interface LoginLimits {
	account: FailureLimiter;
	address: FailureLimiter;
}

export function createLoginLimits({
	perAccount = 5,
	perAddress = 30,
	windowMs = 15 * 60 * 1000
} = {}): LoginLimits {
	return {
		account: new FailureLimiter(perAccount, windowMs),
		address: new FailureLimiter(perAddress, windowMs)
	};
}

export const loginLimits = createLoginLimits();
