import { FailureLimiter } from './auth/rate-limit';

/**
 * Login throttling: 5 wrong passwords per account and address in 15 minutes, and 30 per address
 * (one office may share an address). Process-wide on purpose: it guards the process, not a user.
 */
export const accountLimiter = new FailureLimiter(5, 15 * 60 * 1000);
export const addressLimiter = new FailureLimiter(30, 15 * 60 * 1000);
