import { documentName, type DocumentKind } from '../collab/documents';
import {
	readControl,
	setVote,
	setVoteDone,
	setVoteResults,
	type BoardVote
} from '../collab/control';
import {
	castVote,
	closeVote,
	paperVoter,
	revealVote,
	setPaperDots,
	tally,
	visibleTotals,
	type Ballots,
	type VoteError,
	type VoteView
} from '../domain/facilitation/voting';
import type { Queryable, Tx } from './db';
import type { LiveDocuments } from './live-documents';
import type { AppServices } from './services';

/**
 * Dot voting through the server (DESIGN.md §5): the facilitator sets a vote up in the control
 * document; every dot comes here, where the budget is checked against the ballots in the store;
 * totals reach the control document (which every participant reads) only when revealed.
 */
const control = (workshopId: string) => documentName(workshopId, 'control' satisfies DocumentKind);

/** The ballots are in the store; the vote's setup and results in the live control document. */
type Voting = Pick<AppServices, 'db' | 'documents'>;

async function currentVote(
	documents: LiveDocuments,
	workshopId: string,
	board: string
): Promise<BoardVote | null> {
	return documents.read(control(workshopId), (doc) => readControl(doc).votes[board] ?? null);
}

async function ballotsOf(
	tx: Queryable,
	workshopId: string,
	roundId: string,
	voter?: string
): Promise<Ballots> {
	const rows = await tx.all<{ voter: string; item_id: string; dots: number }>(
		`SELECT voter, item_id, dots FROM votes WHERE workshop_id = ? AND round_id = ?${voter ? ' AND voter = ?' : ''}`,
		voter ? [workshopId, roundId, voter] : [workshopId, roundId]
	);
	const ballots: Ballots = {};
	for (const row of rows) {
		const mine = Object.hasOwn(ballots, row.voter) ? ballots[row.voter] : {};
		ballots[row.voter] = Object.fromEntries([...Object.entries(mine), [row.item_id, row.dots]]);
	}
	return ballots;
}

/**
 * The round's closed mark lives beside the ballots. A dot holds a shared lock on the round row
 * until it commits and the reveal takes an exclusive one before it counts (PostgreSQL; SQLite runs
 * one transaction at a time anyway): a dot in flight either counts or is refused.
 */
async function roundClosed(tx: Tx, workshopId: string, roundId: string): Promise<boolean> {
	await tx.run(
		`INSERT INTO vote_rounds (workshop_id, round_id) VALUES (?, ?)
		 ON CONFLICT (workshop_id, round_id) DO NOTHING`,
		[workshopId, roundId]
	);
	const row = await tx.lockRow<{ closed_at: number | null }>(
		'SELECT closed_at FROM vote_rounds WHERE workshop_id = ? AND round_id = ?',
		[workshopId, roundId],
		'share'
	);
	return row?.closed_at != null;
}

/** Two clicks of one person in two tabs must not both spend the last dot. */
const voterQueues = new Map<string, Promise<unknown>>();
function oneAtATime<T>(key: string, work: () => Promise<T>): Promise<T> {
	const previous = voterQueues.get(key) ?? Promise.resolve();
	const next = previous.catch(() => undefined).then(work);
	voterQueues.set(key, next);
	void next
		.finally(() => {
			if (voterQueues.get(key) === next) voterQueues.delete(key);
		})
		.catch(() => undefined);
	return next;
}

export type CastResult = { ok: true; view: VoteView } | { ok: false; error: VoteError };

export async function castDot(
	{ db, documents }: Voting,
	input: { workshopId: string; board: string; voter: string; itemId: string; delta: 1 | -1 }
): Promise<CastResult> {
	const { workshopId, board, voter, itemId, delta } = input;
	const vote = await currentVote(documents, workshopId, board);
	if (!vote) return { ok: false, error: 'vote.closed' };
	const key = `${workshopId}:${vote.roundId}:${voter}`;
	return oneAtATime(key, () =>
		db.transaction(async (tx) => {
			// Several processes: the advisory lock serialises one voter's dots across all of them.
			await tx.lockKey(key);
			if (await roundClosed(tx, workshopId, vote.roundId))
				return { ok: false as const, error: 'vote.closed' as const };
			const ballots = await ballotsOf(tx, workshopId, vote.roundId, voter);
			const cast = castVote(vote, ballots, voter, itemId, delta);
			if (!cast.ok) return cast;
			const dots = cast.value[voter]?.[itemId] ?? 0;
			if (dots > 0) {
				await tx.run(
					`INSERT INTO votes (workshop_id, round_id, voter, item_id, dots) VALUES (?, ?, ?, ?, ?)
					 ON CONFLICT (workshop_id, round_id, voter, item_id) DO UPDATE SET dots = excluded.dots`,
					[workshopId, vote.roundId, voter, itemId, dots]
				);
			} else {
				await tx.run(
					'DELETE FROM votes WHERE workshop_id = ? AND round_id = ? AND voter = ? AND item_id = ?',
					[workshopId, vote.roundId, voter, itemId]
				);
			}
			return {
				ok: true as const,
				view: visibleTotals(vote, cast.value, { role: 'participant', voterId: voter })
			};
		})
	);
}

/**
 * Dots from a paper round, typed in by the facilitator (hybrid sessions): stored as one more ballot,
 * so the reveal counts them with the rest. Same lock and closed check as a single dot.
 */
export async function enterPaperDots(
	{ db, documents }: Voting,
	input: { workshopId: string; board: string; counts: Record<string, unknown> }
): Promise<CastResult> {
	const { workshopId, board, counts } = input;
	const vote = await currentVote(documents, workshopId, board);
	if (!vote) return { ok: false, error: 'vote.closed' };
	const key = `${workshopId}:${vote.roundId}:${paperVoter}`;
	return oneAtATime(key, () =>
		db.transaction(async (tx) => {
			await tx.lockKey(key);
			if (await roundClosed(tx, workshopId, vote.roundId))
				return { ok: false as const, error: 'vote.closed' as const };
			const entered = setPaperDots(
				vote,
				await ballotsOf(tx, workshopId, vote.roundId, paperVoter),
				counts
			);
			if (!entered.ok) return entered;
			await tx.run('DELETE FROM votes WHERE workshop_id = ? AND round_id = ? AND voter = ?', [
				workshopId,
				vote.roundId,
				paperVoter
			]);
			for (const [itemId, dots] of Object.entries(entered.value[paperVoter] ?? {}))
				await tx.run(
					'INSERT INTO votes (workshop_id, round_id, voter, item_id, dots) VALUES (?, ?, ?, ?, ?)',
					[workshopId, vote.roundId, paperVoter, itemId, dots]
				);
			const ballots = await ballotsOf(tx, workshopId, vote.roundId);
			return { ok: true as const, view: visibleTotals(vote, ballots, { role: 'facilitator' }) };
		})
	);
}

/**
 * What one person sees of a board's vote: their dots and budget, whether they said "ich bin
 * fertig" in this round (so it stays said after a reload), and the running totals for the
 * facilitator alone (never written to a shared document before the reveal).
 */
export async function viewVote(
	{ db, documents }: Voting,
	input: { workshopId: string; board: string; voter: string; facilitator: boolean }
): Promise<(VoteView & { vote: BoardVote; done: boolean }) | null> {
	const vote = await currentVote(documents, input.workshopId, input.board);
	if (!vote) return null;
	const ballots = await ballotsOf(
		db,
		input.workshopId,
		vote.roundId,
		input.facilitator ? undefined : input.voter
	);
	const viewer = input.facilitator
		? ({ role: 'facilitator', voterId: input.voter } as const)
		: ({ role: 'participant', voterId: input.voter } as const);
	const done = await db.get<{ n: number }>(
		'SELECT COUNT(*) AS n FROM vote_done WHERE workshop_id = ? AND round_id = ? AND voter = ?',
		[input.workshopId, vote.roundId, input.voter]
	);
	return { vote, ...visibleTotals(vote, ballots, viewer), done: Number(done?.n ?? 0) > 0 };
}

/** "Ich bin fertig": stored per round; the control document gets the count, never the names. */
export async function markDone(
	{ db, documents }: Voting,
	input: { workshopId: string; board: string; voter: string }
): Promise<boolean> {
	const vote = await currentVote(documents, input.workshopId, input.board);
	if (!vote?.open) return false;
	await db.run(
		`INSERT INTO vote_done (workshop_id, round_id, voter) VALUES (?, ?, ?)
		 ON CONFLICT (workshop_id, round_id, voter) DO NOTHING`,
		[input.workshopId, vote.roundId, input.voter]
	);
	const row = await db.get<{ n: number }>(
		'SELECT COUNT(*) AS n FROM vote_done WHERE workshop_id = ? AND round_id = ?',
		[input.workshopId, vote.roundId]
	);
	await documents.change(control(input.workshopId), (doc) =>
		setVoteDone(doc, input.board, vote.roundId, Number(row?.n ?? 0))
	);
	return true;
}

/** Closes the vote and puts the ranked totals where everyone sees them. */
export async function revealResults(
	{ db, documents }: Voting,
	input: { workshopId: string; board: string }
): Promise<boolean> {
	const vote = await currentVote(documents, input.workshopId, input.board);
	if (!vote) return false;
	const closed = revealVote(closeVote(vote));
	const ballots = await db.transaction(async (tx) => {
		await tx.run(
			`INSERT INTO vote_rounds (workshop_id, round_id, closed_at) VALUES (?, ?, ?)
			 ON CONFLICT (workshop_id, round_id) DO UPDATE SET closed_at = excluded.closed_at`,
			[input.workshopId, vote.roundId, Date.now()]
		);
		return ballotsOf(tx, input.workshopId, vote.roundId);
	});
	const results = tally(ballots, closed);
	await documents.change(control(input.workshopId), (doc) => {
		setVote(doc, input.board, { ...closed, roundId: vote.roundId, on: vote.on });
		setVoteResults(doc, input.board, { roundId: vote.roundId, results });
	});
	return true;
}
