import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { ensurePlan, readControl, setFollowMe, setVote } from '../collab/control';
import { moveToNextPhase, renamePhase, skipPhase, startPlan } from '../domain/facilitation/phases';
import { addTime, pauseTimer, startTimer } from '../domain/facilitation/timer';
import {
	changePlan,
	changeSettings,
	changeTimer,
	openBoardVote,
	setBoardVoteOpen
} from './control-writes';

function planned(): Y.Doc {
	const doc = new Y.Doc();
	ensurePlan(doc, 'zukunftswerkstatt', 'de');
	return doc;
}

describe('changePlan', () => {
	test('writes the changed plan', () => {
		const doc = planned();
		expect(changePlan(doc, (plan) => renamePhase(plan, 'kritik', 'Was stört?'))).toBeNull();
		expect(readControl(doc).plan?.phases[1].title).toBe('Was stört?');
	});

	test('writes nothing and returns the code when the rules refuse', () => {
		const doc = planned();
		const updates: Uint8Array[] = [];
		doc.on('update', (update: Uint8Array) => updates.push(update));
		expect(changePlan(doc, (plan) => renamePhase(plan, 'kritik', '   '))).toBe('phase.titleEmpty');
		expect(updates).toEqual([]);
	});

	test('without a plan there is nothing to change', () => {
		expect(changePlan(new Y.Doc(), startPlan)).toBe('phase.notStarted');
	});

	test('moving to another phase ends a follow-me that points at the old one', () => {
		const doc = planned();
		changePlan(doc, startPlan);
		setFollowMe(doc, { phaseId: 'vorbereitung', x: 0, y: 0, scale: 1 });
		expect(changePlan(doc, moveToNextPhase)).toBeNull();
		expect(readControl(doc).followMe).toBeNull();
		expect(readControl(doc).plan?.currentPhaseId).toBe('kritik');
	});

	test('a follow-me already on the new phase, and edits that do not move, keep it', () => {
		const doc = planned();
		changePlan(doc, startPlan);
		setFollowMe(doc, { phaseId: 'kritik', x: 10, y: 0, scale: 1 });
		changePlan(doc, moveToNextPhase);
		expect(readControl(doc).followMe?.phaseId).toBe('kritik');
		changePlan(doc, (plan) => skipPhase(plan, 'nachbereitung'));
		expect(readControl(doc).followMe?.phaseId).toBe('kritik');
	});
});

describe('changeTimer', () => {
	test('starts, pauses and extends from what the document holds', () => {
		const doc = new Y.Doc();
		expect(changeTimer(doc, () => startTimer(60_000, 1000))).toBeNull();
		expect(readControl(doc).timer).toEqual({
			status: 'running',
			endsAt: 61_000,
			durationMs: 60_000
		});
		expect(changeTimer(doc, (timer) => pauseTimer(timer, 31_000))).toBeNull();
		expect(changeTimer(doc, (timer) => addTime(timer, 60_000, 40_000))).toBeNull();
		expect(readControl(doc).timer).toEqual({
			status: 'paused',
			remainingMs: 90_000,
			durationMs: 120_000
		});
	});

	test('returns the rule that refused and leaves the timer alone', () => {
		const doc = new Y.Doc();
		expect(changeTimer(doc, () => startTimer(5000, 0))).toBe('timer.tooShort');
		expect(changeTimer(doc, (timer) => pauseTimer(timer, 0))).toBe('timer.idle');
		expect(readControl(doc).timer).toEqual({ status: 'idle' });
	});
});

test('a settings change keeps the other setting as the document has it', () => {
	const doc = new Y.Doc();
	changeSettings(doc, { privateWriting: true });
	changeSettings(doc, { anonymous: true });
	expect(readControl(doc).settings).toEqual({
		anonymous: true,
		privateWriting: true,
		fixedCards: false
	});
	changeSettings(doc, { privateWriting: false });
	expect(readControl(doc).settings).toEqual({
		anonymous: true,
		privateWriting: false,
		fixedCards: false
	});
});

describe('board votes', () => {
	const options = { on: 'cards', budgetPerPerson: 5, maxPerItem: 3 } as const;

	test('opening writes a new round with the chosen settings', () => {
		const doc = new Y.Doc();
		expect(openBoardVote(doc, 'kritik', ['a', 'b'], options)).toBeNull();
		const vote = readControl(doc).votes.kritik;
		expect(vote).toMatchObject({
			items: ['a', 'b'],
			budgetPerPerson: 5,
			maxPerItem: 3,
			on: 'cards',
			open: true,
			revealed: false
		});
		expect(vote.roundId).toMatch(/^[a-z0-9]{16}$/);
		openBoardVote(doc, 'kritik', ['a'], { ...options, on: 'clusters' });
		expect(readControl(doc).votes.kritik.roundId).not.toBe(vote.roundId);
	});

	test('settings the rules refuse write nothing', () => {
		const doc = new Y.Doc();
		expect(openBoardVote(doc, 'kritik', [], options)).toBe('vote.noItems');
		expect(openBoardVote(doc, 'kritik', ['a'], { ...options, budgetPerPerson: 21 })).toBe(
			'vote.budgetOutOfRange'
		);
		expect(openBoardVote(doc, 'kritik', ['a'], { ...options, budgetPerPerson: 2 })).toBe(
			'vote.itemLimitOutOfRange'
		);
		expect(readControl(doc).votes).toEqual({});
	});

	test('closing and reopening keep the round, and a revealed vote stays as it is', () => {
		const doc = new Y.Doc();
		openBoardVote(doc, 'kritik', ['a'], options);
		const roundId = readControl(doc).votes.kritik.roundId;
		expect(setBoardVoteOpen(doc, 'kritik', false)).toBe(true);
		expect(readControl(doc).votes.kritik).toMatchObject({ open: false, roundId, on: 'cards' });
		expect(setBoardVoteOpen(doc, 'kritik', true)).toBe(true);
		expect(readControl(doc).votes.kritik.open).toBe(true);
		setVote(doc, 'kritik', { ...readControl(doc).votes.kritik, open: false, revealed: true });
		expect(setBoardVoteOpen(doc, 'kritik', true)).toBe(false);
		expect(setBoardVoteOpen(doc, 'phantasie', false)).toBe(false);
	});
});
