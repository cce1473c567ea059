import { expect, test } from 'vitest';
import {
	skipPhase,
	startPlan,
	zukunftswerkstattTemplate,
	type PhasePlan
} from '../domain/facilitation/phases';
import { boardKinds } from '../domain/facilitation/phases';
import { de } from '../i18n/messages';
import {
	boardKindLabels,
	currentWallBoard,
	doneInRound,
	followMeNeedsReset,
	phasePosition,
	pluralKey
} from './phase-view';

function unwrap(result: { ok: true; value: PhasePlan } | { ok: false; error: string }): PhasePlan {
	if (!result.ok) throw new Error(result.error);
	return result.value;
}

const plan = zukunftswerkstattTemplate('de');

test('a plan that has not started has no position', () => {
	expect(phasePosition(plan)).toBeNull();
});

test('the position counts only phases that are shown', () => {
	const skipped = unwrap(skipPhase(plan, 'vorbereitung'));
	const started = unwrap(startPlan(skipped));
	expect(started.currentPhaseId).toBe('kritik');
	expect(phasePosition(started)).toEqual({ number: 1, total: 4 });
	expect(phasePosition({ ...started, currentPhaseId: 'phantasie' })).toEqual({
		number: 2,
		total: 4
	});
});

test('every board kind has a label in the catalogue', () => {
	for (const kind of boardKinds) expect(de[boardKindLabels[kind]]).toBeTruthy();
});

test('follow-me is reset only when the new phase is another one', () => {
	const started = unwrap(startPlan(plan));
	const here = { phaseId: 'vorbereitung', x: 0, y: 0, scale: 1 };
	expect(followMeNeedsReset(here, started)).toBe(false);
	expect(followMeNeedsReset({ ...here, phaseId: 'kritik' }, started)).toBe(true);
	expect(followMeNeedsReset(null, started)).toBe(false);
});

test('only a running phase with a card wall is a board to vote on', () => {
	expect(currentWallBoard(null)).toBeNull();
	expect(currentWallBoard(plan)).toBeNull();
	expect(currentWallBoard({ ...plan, currentPhaseId: 'vorbereitung' })).toBeNull();
	expect(currentWallBoard({ ...plan, currentPhaseId: 'phantasie' })).toBe('phantasie');
});

test('one is singular, zero and many are plural', () => {
	const keys = ['facilitation.vote.dot', 'facilitation.vote.dots'] as const;
	expect(pluralKey(1, ...keys)).toBe(keys[0]);
	expect(pluralKey(0, ...keys)).toBe(keys[1]);
	expect(pluralKey(7, ...keys)).toBe(keys[1]);
});

test('a done count from an earlier vote round counts as nobody', () => {
	expect(doneInRound({ roundId: 'a', done: 4 }, 'a')).toBe(4);
	expect(doneInRound({ roundId: 'a', done: 4 }, 'b')).toBe(0);
	expect(doneInRound(undefined, 'b')).toBe(0);
});
