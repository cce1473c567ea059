/** One line of the facilitator's running count, as the parent gets it from the server. */
export interface RunningTotal {
	itemId: string;
	label: string;
	dots: number;
	rank: number;
}

/**
 * Best first. The server already ranks, but the list may arrive in card order; sorting by rank
 * alone (stable) keeps the server's order among ties, so every screen lists ties alike.
 */
export function rankTotals(totals: readonly RunningTotal[]): RunningTotal[] {
	return [...totals].sort((a, b) => a.rank - b.rank);
}
