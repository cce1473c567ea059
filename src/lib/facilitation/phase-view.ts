import type { FollowMe } from '../collab/control';
import { currentPhase, type BoardKind, type PhasePlan } from '../domain/facilitation/phases';
import type { MessageKey } from '../i18n';

/**
 * Where the running phase stands, counting only phases that are shown: a skipped phase is not
 * announced to participants, so "Phase 2 von 4" must not count it either.
 */
export function phasePosition(plan: PhasePlan): { number: number; total: number } | null {
	const shown = plan.phases.filter((phase) => !phase.skipped);
	const index = shown.findIndex((phase) => phase.id === plan.currentPhaseId);
	return index === -1 ? null : { number: index + 1, total: shown.length };
}

export const boardKindLabels = {
	wall: 'facilitation.kind.wall',
	text: 'facilitation.kind.text',
	measures: 'facilitation.kind.measures',
	data: 'facilitation.kind.data',
	inventory: 'facilitation.kind.inventory',
	agenda: 'facilitation.kind.agenda'
} as const satisfies Record<BoardKind, MessageKey>;

/**
 * Follow-me points at a view inside one phase; after a move to another phase that view is gone,
 * so everyone's screen would follow into nothing. A move that stays in the same phase keeps it.
 */
export function followMeNeedsReset(followMe: FollowMe | null, plan: PhasePlan): boolean {
	return followMe !== null && followMe.phaseId !== plan.currentPhaseId;
}

/** The running phase's id when it shows a card wall (the board a vote belongs to), else null. */
export function currentWallBoard(plan: PhasePlan | null): string | null {
	const phase = plan ? currentPhase(plan) : null;
	return phase && phase.boardKinds.includes('wall') ? phase.id : null;
}

/** German and English both have one form for exactly 1 and another for everything else. */
export function pluralKey<K extends MessageKey>(n: number, one: K, other: K): K {
	return n === 1 ? one : other;
}

/** "Ich bin fertig" counts belong to one vote round; a count from an earlier round is zero. */
export function doneInRound(
	done: { roundId: string; done: number } | undefined,
	roundId: string
): number {
	return done && done.roundId === roundId ? done.done : 0;
}
