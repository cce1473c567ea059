import { expect, test } from 'vitest';
import type { PhaseError } from '../domain/facilitation/phases';
import type { TimerError } from '../domain/facilitation/timer';
import type { VoteError, VoteSettingsError } from '../domain/facilitation/voting';
import { de, en } from '../i18n/messages';

// Records rather than arrays: the type checker fails here when the rules gain an error code.
const phaseErrors: Record<PhaseError, true> = {
	'phase.unknown': true,
	'phase.titleEmpty': true,
	'phase.titleTooLong': true,
	'phase.promptTooLong': true,
	'phase.boardKindUnknown': true,
	'phase.boardKindDuplicate': true,
	'phase.idInvalid': true,
	'phase.idTaken': true,
	'phase.tooMany': true,
	'phase.indexOutOfRange': true,
	'phase.isCurrent': true,
	'phase.isSkipped': true,
	'phase.noneLeft': true,
	'phase.notStarted': true,
	'phase.alreadyStarted': true,
	'phase.atEnd': true,
	'phase.atStart': true,
	'phase.currentUnknown': true
};
const timerErrors: Record<TimerError, true> = {
	'timer.invalidTime': true,
	'timer.tooShort': true,
	'timer.tooLong': true,
	'timer.addNotPositive': true,
	'timer.addTooLong': true,
	'timer.idle': true,
	'timer.notRunning': true,
	'timer.notPaused': true,
	'timer.finished': true
};
const voteErrors: Record<VoteSettingsError | VoteError, true> = {
	'vote.budgetOutOfRange': true,
	'vote.itemLimitOutOfRange': true,
	'vote.noItems': true,
	'vote.tooManyItems': true,
	'vote.duplicateItem': true,
	'vote.itemInvalid': true,
	'vote.closed': true,
	'vote.unknownItem': true,
	'vote.overBudget': true,
	'vote.overItemLimit': true,
	'vote.nothingToRemove': true,
	'vote.voterMissing': true,
	'vote.badDelta': true,
	'vote.paperCountInvalid': true
};

test('every error code of the facilitation rules has a German and an English message', () => {
	const codes = [
		...Object.keys(phaseErrors),
		...Object.keys(timerErrors),
		...Object.keys(voteErrors)
	];
	for (const code of codes) {
		expect((de as Record<string, string>)[code], code).toBeTruthy();
		expect((en as Record<string, string>)[code], code).toBeTruthy();
	}
});
