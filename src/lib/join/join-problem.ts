import type { MessageKey } from '$lib/i18n';

/**
 * Why a join was refused, as a message key and its numbers: the page says it with `t`, so it
 * follows the reader's language and Einfache Sprache, also when they switch after the refusal.
 * A text made on the server would keep the choice of the moment it was made.
 */
export interface JoinProblem {
	key: MessageKey;
	params?: Record<string, number>;
}
