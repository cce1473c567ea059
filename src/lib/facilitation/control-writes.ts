import type * as Y from 'yjs';
import {
	readControl,
	setFollowMe,
	setPlan,
	setSettings,
	setTimer,
	setVote,
	type BoardVote,
	type WorkshopSettings
} from '../collab/control';
import { newId } from '../ids';
import type { PhaseError, PhasePlan, PhaseResult } from '../domain/facilitation/phases';
import type { TimerError, TimerResult, TimerState } from '../domain/facilitation/timer';
import {
	closeVote,
	openVote,
	reopenVote,
	type VoteSettingsError
} from '../domain/facilitation/voting';
import { followMeNeedsReset } from './phase-view';

/**
 * The facilitator's writes to the control document. Each one reads the document as it is now
 * (not the last rendered state, which may be a tick old after a second facilitator's change),
 * checks the change with the facilitation rules, and writes nothing when they refuse it: the
 * caller shows the returned error code.
 */

/** Applies a phase-plan operation; a move to another phase also ends a follow-me left behind. */
export function changePlan(
	doc: Y.Doc,
	change: (plan: PhasePlan) => PhaseResult
): PhaseError | null {
	const before = readControl(doc);
	// Without a plan (not yet synced or not yet created) there is nothing to change.
	if (!before.plan) return 'phase.notStarted';
	const result = change(before.plan);
	if (!result.ok) return result.error;
	const plan = result.value;
	doc.transact(() => {
		setPlan(doc, plan);
		if (
			plan.currentPhaseId !== before.plan?.currentPhaseId &&
			followMeNeedsReset(before.followMe, plan)
		)
			setFollowMe(doc, null);
	});
	return null;
}

export function changeTimer(
	doc: Y.Doc,
	change: (timer: TimerState) => TimerResult
): TimerError | null {
	const result = change(readControl(doc).timer);
	if (!result.ok) return result.error;
	doc.transact(() => setTimer(doc, result.value));
	return null;
}

/** Settings are one entry: the change is merged into what the document holds right now. */
export function changeSettings(doc: Y.Doc, patch: Partial<WorkshopSettings>): void {
	doc.transact(() => setSettings(doc, { ...readControl(doc).settings, ...patch }));
}

/**
 * A new round every time, also when an earlier vote on this board was revealed: the server counts
 * ballots per round, so old dots never leak into the new vote.
 */
export function openBoardVote(
	doc: Y.Doc,
	board: string,
	items: readonly string[],
	options: { on: BoardVote['on']; budgetPerPerson: number; maxPerItem: number }
): VoteSettingsError | null {
	const opened = openVote(items, {
		budgetPerPerson: options.budgetPerPerson,
		maxPerItem: options.maxPerItem
	});
	if (!opened.ok) return opened.error;
	const vote: BoardVote = { ...opened.value, roundId: newId(), on: options.on };
	doc.transact(() => setVote(doc, board, vote));
	return null;
}

/** False when there is no vote on the board (e.g. a second facilitator replaced it meanwhile). */
export function setBoardVoteOpen(doc: Y.Doc, board: string, open: boolean): boolean {
	const vote = readControl(doc).votes[board];
	if (!vote || vote.revealed) return false;
	const changed = open ? reopenVote(vote) : closeVote(vote);
	doc.transact(() => setVote(doc, board, { ...changed, roundId: vote.roundId, on: vote.on }));
	return true;
}
