/**
 * Dot voting, as the server enforces it (DESIGN.md §5): every dot goes through `castVote` on the
 * server, never straight into a shared document, so the budget holds even against a modified
 * client. Votes are on items (card or cluster ids) fixed when the vote opens.
 *
 * Voter and item ids come from outside and are used as record keys. They are only ever read with
 * `Object.hasOwn` and written with `Object.fromEntries`, so ids such as `__proto__` or
 * `constructor` are ordinary ids and not the object's prototype.
 */
import { fail, ok, type Result } from './result';

export interface VoteSettings {
	budgetPerPerson: number;
	maxPerItem: number;
	/** Card or cluster ids, in the order they are shown; ties in the results keep this order. */
	items: string[];
	open: boolean;
	revealed: boolean;
}

/** voter id → item id → dots. Items without dots and voters without any dots are left out. */
export type Ballots = Record<string, Record<string, number>>;

/** Five dots, at most three on one item: enough to weigh, too few to vote for everything. */
export const defaultBudget = 5;
export const defaultMaxPerItem = 3;
export const maxBudget = 20;
/** A wall holds about 1,000 cards; a vote on more is not a vote anyone could survey. */
export const maxVoteItems = 1000;

export type VoteSettingsError =
	| 'vote.budgetOutOfRange'
	| 'vote.itemLimitOutOfRange'
	| 'vote.noItems'
	| 'vote.tooManyItems'
	| 'vote.duplicateItem'
	| 'vote.itemInvalid';

export type VoteError =
	| 'vote.closed'
	| 'vote.paperCountInvalid'
	| 'vote.unknownItem'
	| 'vote.overBudget'
	| 'vote.overItemLimit'
	| 'vote.nothingToRemove'
	| 'vote.voterMissing'
	| 'vote.badDelta';

export interface TallyEntry {
	itemId: string;
	dots: number;
	/** How many people put at least one dot on the item on their own device. */
	voters: number;
	/** Of `dots`, how many came from a paper round the facilitator typed in (absent: none). */
	paperDots?: number;
	/** 1 for the most dots; items with equal dots share a rank (1, 2, 2, 4). */
	rank: number;
}

export type VoteViewer =
	{ role: 'facilitator'; voterId?: string } | { role: 'participant'; voterId: string };

export interface VoteView {
	/** Ranked totals, or null while they are hidden from this viewer. */
	results: TallyEntry[] | null;
	/** The viewer's own dots per item ({} for a viewer who does not vote). */
	own: Record<string, number>;
	/** Dots the viewer has left, or null for a viewer who does not vote. */
	remaining: number | null;
}

/**
 * Opens a vote on the given items. Without options the budget is 5 with at most 3 per item; a
 * smaller budget lowers the per-item default with it, so a budget of 2 needs no second setting.
 */
export function openVote(
	items: readonly string[],
	options: { budgetPerPerson?: number; maxPerItem?: number } = {}
): Result<VoteSettings, VoteSettingsError> {
	const budgetPerPerson = options.budgetPerPerson ?? defaultBudget;
	const maxPerItem = options.maxPerItem ?? Math.min(defaultMaxPerItem, budgetPerPerson);
	if (!isWholeIn(budgetPerPerson, 1, maxBudget)) return fail('vote.budgetOutOfRange');
	if (!isWholeIn(maxPerItem, 1, budgetPerPerson)) return fail('vote.itemLimitOutOfRange');
	if (items.length === 0) return fail('vote.noItems');
	if (items.length > maxVoteItems) return fail('vote.tooManyItems');
	if (items.some((item) => item.length === 0)) return fail('vote.itemInvalid');
	if (new Set(items).size !== items.length) return fail('vote.duplicateItem');
	return ok({ budgetPerPerson, maxPerItem, items: [...items], open: true, revealed: false });
}

export function closeVote(settings: VoteSettings): VoteSettings {
	return { ...settings, open: false };
}

export function reopenVote(settings: VoteSettings): VoteSettings {
	return { ...settings, open: true };
}

/** There is no "hide again": once totals were on the projector, hiding them would only pretend. */
export function revealVote(settings: VoteSettings): VoteSettings {
	return { ...settings, revealed: true };
}

/**
 * Adds (+1) or takes back (-1) one dot. Anyone may vote while the vote is open, also people who
 * joined after it opened. Once closed, dots can neither be added nor taken back, so the result the
 * facilitator reveals is the result that was closed. When both limits are reached, the budget is
 * named: "no dots left" is the more useful thing to hear.
 */
export function castVote(
	settings: VoteSettings,
	ballots: Ballots,
	voterId: string,
	itemId: string,
	delta: 1 | -1
): Result<Ballots, VoteError> {
	if (delta !== 1 && delta !== -1) return fail('vote.badDelta');
	if (!voterId) return fail('vote.voterMissing');
	if (!settings.open) return fail('vote.closed');
	if (!settings.items.includes(itemId)) return fail('vote.unknownItem');
	const mine = ownValue(ballots, voterId) ?? {};
	const current = dotsOn(mine, itemId);
	if (delta === 1) {
		if (spentBy(settings, mine) >= settings.budgetPerPerson) return fail('vote.overBudget');
		if (current >= settings.maxPerItem) return fail('vote.overItemLimit');
	} else if (current === 0) {
		return fail('vote.nothingToRemove');
	}
	const next = current + delta;
	const updated = replaceEntry(mine, itemId, next > 0 ? next : null);
	return ok(replaceEntry(ballots, voterId, Object.keys(updated).length > 0 ? updated : null));
}

/**
 * Dots count only on the vote's items: should an item leave the vote (say, a duplicate card was
 * merged), its dots go back to the people who gave them instead of being lost.
 */
export function remainingBudget(settings: VoteSettings, ballots: Ballots, voterId: string): number {
	const mine = ownValue(ballots, voterId) ?? {};
	return Math.max(0, settings.budgetPerPerson - spentBy(settings, mine));
}

/**
 * The ballot of the paper rounds (hybrid sessions): dots people without a device stuck on a printed
 * wall, typed in by the facilitator. Real voter ids are `u:…` or `p:…`, so this one cannot clash.
 */
export const paperVoter = 'paper';
/** More dots on one item than a room of people could give is a typing error. */
export const maxPaperDots = 999;

/**
 * Sets the paper dots of the given items (the others keep theirs), while the vote is open. They
 * count like any other dots; no budget applies, since they are many people's.
 */
export function setPaperDots(
	settings: VoteSettings,
	ballots: Ballots,
	counts: Record<string, unknown>
): Result<Ballots, VoteError> {
	if (!settings.open) return fail('vote.closed');
	let paper = ownValue(ballots, paperVoter) ?? {};
	for (const [itemId, count] of Object.entries(counts)) {
		if (!settings.items.includes(itemId)) return fail('vote.unknownItem');
		if (typeof count !== 'number' || !isWholeIn(count, 0, maxPaperDots))
			return fail('vote.paperCountInvalid');
		paper = replaceEntry(paper, itemId, count > 0 ? count : null);
	}
	return ok(replaceEntry(ballots, paperVoter, Object.keys(paper).length > 0 ? paper : null));
}

/** Every item of the vote, most dots first; equal dots keep the items' order, so all screens agree. */
export function tally(ballots: Ballots, settings: VoteSettings): TallyEntry[] {
	const counted = settings.items.map((itemId) => {
		let dots = 0;
		let voters = 0;
		for (const [voterId, mine] of Object.entries(ballots)) {
			const onItem = dotsOn(mine, itemId);
			dots += onItem;
			if (onItem > 0 && voterId !== paperVoter) voters += 1;
		}
		const paperDots = dotsOn(ownValue(ballots, paperVoter) ?? {}, itemId);
		return { itemId, dots, voters, ...(paperDots > 0 ? { paperDots } : {}) };
	});
	// Array.prototype.sort is stable, so equal dots stay in item order.
	const ranked = [...counted].sort((a, b) => b.dots - a.dots);
	return ranked.map((entry) => ({
		...entry,
		rank: 1 + ranked.filter((other) => other.dots > entry.dots).length
	}));
}

/**
 * What one viewer may see. Participants see only their own dots until the reveal, so early
 * totals cannot steer later votes. The facilitator sees the running totals to judge when to close
 * and reveal; those must reach the facilitator's screen alone, never the control document, which
 * every participant can read.
 */
export function visibleTotals(
	settings: VoteSettings,
	ballots: Ballots,
	viewer: VoteViewer
): VoteView {
	const showTotals = settings.revealed || viewer.role === 'facilitator';
	const voterId = viewer.voterId;
	const own = voterId ? (ownValue(ballots, voterId) ?? {}) : {};
	return {
		results: showTotals ? tally(ballots, settings) : null,
		own: Object.fromEntries(settings.items.flatMap((item) => dotsEntry(own, item))),
		remaining: voterId ? remainingBudget(settings, ballots, voterId) : null
	};
}

/**
 * "Ich bin fertig" for the facilitator: how many of the people present are done. People who said
 * so and then left no longer count, so the figure never exceeds the people in the room.
 */
export function doneCount(
	doneVoters: Iterable<string>,
	presentVoters: Iterable<string>
): { done: number; present: number } {
	const present = new Set(presentVoters);
	const done = new Set([...doneVoters].filter((voter) => present.has(voter)));
	return { done: done.size, present: present.size };
}

function spentBy(settings: VoteSettings, mine: Record<string, number>): number {
	return settings.items.reduce((sum, item) => sum + dotsOn(mine, item), 0);
}

function dotsOn(mine: Record<string, number>, itemId: string): number {
	return ownValue(mine, itemId) ?? 0;
}

function dotsEntry(mine: Record<string, number>, itemId: string): [string, number][] {
	const dots = dotsOn(mine, itemId);
	return dots > 0 ? [[itemId, dots]] : [];
}

function ownValue<T>(record: Record<string, T>, key: string): T | undefined {
	return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** A copy with `key` set to `value`, or without `key` when `value` is null. */
function replaceEntry<T>(
	record: Record<string, T>,
	key: string,
	value: T | null
): Record<string, T> {
	const rest = Object.entries(record).filter(([candidate]) => candidate !== key);
	return Object.fromEntries(value === null ? rest : [...rest, [key, value]]);
}

function isWholeIn(value: number, min: number, max: number): boolean {
	return Number.isInteger(value) && value >= min && value <= max;
}
