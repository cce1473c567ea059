import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
	addPhase,
	boardKinds,
	checkPhasePlan,
	currentPhase,
	editPrompt,
	maxPhases,
	moveToNextPhase,
	moveToPhase,
	moveToPreviousPhase,
	phaseTemplates,
	removePhase,
	renamePhase,
	reorderPhase,
	runderTischTemplate,
	skipPhase,
	sozialraumkonferenzTemplate,
	startPlan,
	unskipPhase,
	zukunftswerkstattTemplate,
	type PhasePlan,
	type PhaseResult
} from './phases';

function valueOf(result: PhaseResult): PhasePlan {
	if (!result.ok) throw new Error(result.error);
	return result.value;
}

const titles = (plan: PhasePlan) => plan.phases.map((phase) => phase.title);
const ids = (plan: PhasePlan) => plan.phases.map((phase) => phase.id);

/** Freezes a plan all the way down, so any operation that mutates its input throws in the test. */
function deepFreeze(plan: PhasePlan): PhasePlan {
	for (const phase of plan.phases) {
		Object.freeze(phase.boardKinds);
		Object.freeze(phase);
	}
	Object.freeze(plan.phases);
	return Object.freeze(plan);
}

describe('templates', () => {
	test('a Zukunftswerkstatt has its five phases with their boards, not started', () => {
		const plan = zukunftswerkstattTemplate('de');
		expect(titles(plan)).toEqual([
			'Vorbereitung',
			'Kritikphase',
			'Phantasiephase',
			'Verwirklichungsphase',
			'Nachbereitung'
		]);
		expect(plan.phases.map((phase) => phase.boardKinds)).toEqual([
			[],
			['wall'],
			['wall', 'text'],
			['measures'],
			['text']
		]);
		expect(plan.phases[1].prompt).toBe('Was stört, was fehlt?');
		expect(plan.currentPhaseId).toBeNull();
		expect(plan.phases.every((phase) => !phase.skipped)).toBe(true);
	});

	test('a Sozialraumkonferenz goes from data and services to needs and measures', () => {
		const plan = sozialraumkonferenzTemplate('de');
		expect(titles(plan)).toEqual([
			'Datenlage',
			'Bestandsaufnahme',
			'Bedarfe',
			'Maßnahmen',
			'Vereinbarungen und Controlling'
		]);
		expect(plan.phases.map((phase) => phase.boardKinds[0])).toEqual([
			'data',
			'inventory',
			'wall',
			'measures',
			'measures'
		]);
	});

	test('a Runder Tisch meeting is run on its agenda', () => {
		const plan = runderTischTemplate('de');
		expect(plan.phases.every((phase) => phase.boardKinds.join() === 'agenda')).toBe(true);
		expect(titles(plan)).toContain('Tagesordnung');
	});

	test('every template is valid in every language and keeps its ids across languages', () => {
		for (const template of Object.values(phaseTemplates)) {
			const de = template('de');
			const en = template('en');
			expect(checkPhasePlan(de).ok).toBe(true);
			expect(checkPhasePlan(en).ok).toBe(true);
			expect(ids(en)).toEqual(ids(de));
			expect(titles(en)).not.toEqual(titles(de));
		}
	});

	test('each call gives a fresh plan, so editing one workshop never changes another', () => {
		const first = zukunftswerkstattTemplate('de');
		first.phases[1].boardKinds.push('data');
		expect(zukunftswerkstattTemplate('de').phases[1].boardKinds).toEqual(['wall']);
	});
});

describe('editing', () => {
	const plan = deepFreeze(zukunftswerkstattTemplate('de'));

	test('renaming trims the title and folds it onto one line', () => {
		const renamed = valueOf(renamePhase(plan, 'kritik', '  Was uns \n stört  '));
		expect(renamed.phases[1].title).toBe('Was uns stört');
		expect(plan.phases[1].title).toBe('Kritikphase');
	});

	test('a title must be 1 to 80 characters', () => {
		expect(renamePhase(plan, 'kritik', ' \n ')).toEqual({ ok: false, error: 'phase.titleEmpty' });
		expect(renamePhase(plan, 'kritik', 'x'.repeat(81))).toEqual({
			ok: false,
			error: 'phase.titleTooLong'
		});
		expect(renamePhase(plan, 'kritik', 'x'.repeat(80)).ok).toBe(true);
	});

	test('changing an unknown phase names the problem', () => {
		expect(renamePhase(plan, 'nope', 'A')).toEqual({ ok: false, error: 'phase.unknown' });
		expect(editPrompt(plan, 'nope', 'A')).toEqual({ ok: false, error: 'phase.unknown' });
		expect(skipPhase(plan, 'nope')).toEqual({ ok: false, error: 'phase.unknown' });
		expect(unskipPhase(plan, 'nope')).toEqual({ ok: false, error: 'phase.unknown' });
		expect(removePhase(plan, 'nope')).toEqual({ ok: false, error: 'phase.unknown' });
	});

	test('a prompt may be empty or have line breaks, but not exceed 500 characters', () => {
		expect(valueOf(editPrompt(plan, 'kritik', '')).phases[1].prompt).toBe('');
		expect(valueOf(editPrompt(plan, 'kritik', ' Was stört?\nWas fehlt? ')).phases[1].prompt).toBe(
			'Was stört?\nWas fehlt?'
		);
		expect(editPrompt(plan, 'kritik', 'x'.repeat(501))).toEqual({
			ok: false,
			error: 'phase.promptTooLong'
		});
	});

	test('reordering moves a phase to the given index', () => {
		expect(ids(valueOf(reorderPhase(plan, 4, 0)))).toEqual([
			'nachbereitung',
			'vorbereitung',
			'kritik',
			'phantasie',
			'verwirklichung'
		]);
		expect(ids(valueOf(reorderPhase(plan, 1, 3)))).toEqual([
			'vorbereitung',
			'phantasie',
			'verwirklichung',
			'kritik',
			'nachbereitung'
		]);
		expect(reorderPhase(plan, 0, 5)).toEqual({ ok: false, error: 'phase.indexOutOfRange' });
		expect(reorderPhase(plan, -1, 0)).toEqual({ ok: false, error: 'phase.indexOutOfRange' });
		expect(reorderPhase(plan, 0.5, 1)).toEqual({ ok: false, error: 'phase.indexOutOfRange' });
	});

	test('reordering during the workshop keeps the current phase current', () => {
		const running = valueOf(moveToNextPhase(valueOf(startPlan(plan))));
		const reordered = valueOf(reorderPhase(running, 1, 4));
		expect(currentPhase(reordered)?.id).toBe('kritik');
	});

	test('a phase is added after another one, or first', () => {
		const input = { title: 'Pause', boardKinds: [], prompt: 'Kaffee!' };
		const added = valueOf(addPhase(plan, 'kritik', input, 'pause'));
		expect(ids(added).slice(1, 4)).toEqual(['kritik', 'pause', 'phantasie']);
		expect(added.phases[2]).toEqual({ id: 'pause', ...input, skipped: false });
		expect(ids(valueOf(addPhase(plan, null, input, 'pause')))[0]).toBe('pause');
		expect(ids(valueOf(addPhase(plan, 'nachbereitung', input, 'pause'))).at(-1)).toBe('pause');
	});

	test('adding checks position, id, fields and the size of the plan', () => {
		const input = { title: 'Pause', boardKinds: [], prompt: '' };
		const refused = (result: PhaseResult) => (result.ok ? 'ok' : result.error);
		expect(refused(addPhase(plan, 'nope', input, 'pause'))).toBe('phase.unknown');
		expect(refused(addPhase(plan, null, input, 'kritik'))).toBe('phase.idTaken');
		expect(refused(addPhase(plan, null, input, ''))).toBe('phase.idInvalid');
		expect(refused(addPhase(plan, null, { ...input, title: '' }, 'p'))).toBe('phase.titleEmpty');
		expect(refused(addPhase(plan, null, { ...input, prompt: 'x'.repeat(501) }, 'p'))).toBe(
			'phase.promptTooLong'
		);
		const kinds = (boards: string[]) =>
			refused(addPhase(plan, null, { ...input, boardKinds: boards as never }, 'p'));
		expect(kinds(['whiteboard'])).toBe('phase.boardKindUnknown');
		expect(kinds(['wall', 'wall'])).toBe('phase.boardKindDuplicate');
		expect(kinds([...boardKinds])).toBe('ok');

		let full = plan;
		while (full.phases.length < maxPhases)
			full = valueOf(addPhase(full, null, input, `p${full.phases.length}`));
		expect(refused(addPhase(full, null, input, 'one-more'))).toBe('phase.tooMany');
	});

	test('skipped phases can be brought back; skipping twice does no harm', () => {
		const skipped = valueOf(skipPhase(plan, 'vorbereitung'));
		expect(skipped.phases[0].skipped).toBe(true);
		expect(valueOf(skipPhase(skipped, 'vorbereitung'))).toEqual(skipped);
		expect(valueOf(unskipPhase(skipped, 'vorbereitung'))).toEqual(plan);
	});

	test('the running phase cannot be skipped or removed', () => {
		const running = valueOf(startPlan(plan));
		expect(skipPhase(running, 'vorbereitung')).toEqual({ ok: false, error: 'phase.isCurrent' });
		expect(removePhase(running, 'vorbereitung')).toEqual({ ok: false, error: 'phase.isCurrent' });
		expect(ids(valueOf(removePhase(running, 'kritik')))).not.toContain('kritik');
	});

	test('the last phase that would still be shown cannot be skipped or removed', () => {
		let plan1 = plan;
		for (const id of ['vorbereitung', 'kritik', 'phantasie', 'verwirklichung'])
			plan1 = valueOf(skipPhase(plan1, id));
		expect(skipPhase(plan1, 'nachbereitung')).toEqual({ ok: false, error: 'phase.noneLeft' });
		expect(removePhase(plan1, 'nachbereitung')).toEqual({ ok: false, error: 'phase.noneLeft' });
		// Skipped phases can still be removed; they are not shown anyway.
		expect(ids(valueOf(removePhase(plan1, 'kritik')))).not.toContain('kritik');
	});
});

describe('running', () => {
	const plan = deepFreeze(zukunftswerkstattTemplate('de'));

	test('starting shows the first phase that is not skipped, once', () => {
		expect(currentPhase(plan)).toBeNull();
		const started = valueOf(startPlan(valueOf(skipPhase(plan, 'vorbereitung'))));
		expect(currentPhase(started)?.title).toBe('Kritikphase');
		expect(startPlan(started)).toEqual({ ok: false, error: 'phase.alreadyStarted' });
	});

	test('next and previous step over skipped phases and stop at both ends', () => {
		let running = valueOf(startPlan(valueOf(skipPhase(plan, 'phantasie'))));
		expect(moveToPreviousPhase(running)).toEqual({ ok: false, error: 'phase.atStart' });
		const seen = [currentPhase(running)?.id];
		for (;;) {
			const next = moveToNextPhase(running);
			if (!next.ok) {
				expect(next.error).toBe('phase.atEnd');
				break;
			}
			running = next.value;
			seen.push(currentPhase(running)?.id);
		}
		expect(seen).toEqual(['vorbereitung', 'kritik', 'verwirklichung', 'nachbereitung']);
		expect(currentPhase(valueOf(moveToPreviousPhase(running)))?.id).toBe('verwirklichung');
		expect(
			currentPhase(valueOf(moveToPreviousPhase(valueOf(moveToPreviousPhase(running)))))?.id
		).toBe('kritik');
	});

	test('moving before the start names the problem', () => {
		expect(moveToNextPhase(plan)).toEqual({ ok: false, error: 'phase.notStarted' });
		expect(moveToPreviousPhase(plan)).toEqual({ ok: false, error: 'phase.notStarted' });
		expect(moveToPhase(plan, 'kritik')).toEqual({ ok: false, error: 'phase.notStarted' });
	});

	test('the facilitator can jump to any phase that is not skipped', () => {
		const running = valueOf(startPlan(valueOf(skipPhase(plan, 'phantasie'))));
		expect(currentPhase(valueOf(moveToPhase(running, 'nachbereitung')))?.id).toBe('nachbereitung');
		expect(moveToPhase(running, 'phantasie')).toEqual({ ok: false, error: 'phase.isSkipped' });
		expect(moveToPhase(running, 'nope')).toEqual({ ok: false, error: 'phase.unknown' });
	});

	test('checking a plan from elsewhere finds broken invariants', () => {
		const error = (candidate: PhasePlan) => {
			const result = checkPhasePlan(candidate);
			return result.ok ? 'ok' : result.error;
		};
		const [first, second] = plan.phases;
		expect(error({ ...plan, currentPhaseId: 'gone' })).toBe('phase.currentUnknown');
		expect(error({ phases: [first, { ...second, id: first.id }], currentPhaseId: null })).toBe(
			'phase.idTaken'
		);
		expect(error({ phases: [{ ...first, skipped: true }], currentPhaseId: null })).toBe(
			'phase.noneLeft'
		);
		expect(error({ phases: [{ ...first, skipped: true }, second], currentPhaseId: first.id })).toBe(
			'phase.isSkipped'
		);
		expect(error({ phases: [{ ...first, title: '' }], currentPhaseId: null })).toBe(
			'phase.titleEmpty'
		);
		expect(error({ phases: [], currentPhaseId: null })).toBe('phase.noneLeft');
	});
});

describe('any sequence of operations', () => {
	// Ids and titles come from small pools so that operations often hit existing phases.
	const id = fc.constantFrom(
		'vorbereitung',
		'kritik',
		'phantasie',
		'verwirklichung',
		'nachbereitung',
		'a',
		'b',
		'c',
		''
	);
	const text = fc.oneof(
		fc.string({ maxLength: 90 }),
		fc.string({ minLength: 490, maxLength: 510 })
	);
	const index = fc.integer({ min: -1, max: 8 });
	const kinds = fc.subarray([...boardKinds]);
	const operation = fc.oneof(
		fc.record({ op: fc.constant('rename' as const), id, text }),
		fc.record({ op: fc.constant('prompt' as const), id, text }),
		fc.record({ op: fc.constant('reorder' as const), from: index, to: index }),
		fc.record({ op: fc.constant('skip' as const), id }),
		fc.record({ op: fc.constant('unskip' as const), id }),
		fc.record({ op: fc.constant('add' as const), after: fc.option(id), id, text, kinds }),
		fc.record({ op: fc.constant('remove' as const), id }),
		fc.record({ op: fc.constantFrom('start' as const, 'next' as const, 'previous' as const) }),
		fc.record({ op: fc.constant('jump' as const), id })
	);
	type Operation = typeof operation extends fc.Arbitrary<infer T> ? T : never;

	function apply(plan: PhasePlan, step: Operation): PhaseResult {
		switch (step.op) {
			case 'rename':
				return renamePhase(plan, step.id, step.text);
			case 'prompt':
				return editPrompt(plan, step.id, step.text);
			case 'reorder':
				return reorderPhase(plan, step.from, step.to);
			case 'skip':
				return skipPhase(plan, step.id);
			case 'unskip':
				return unskipPhase(plan, step.id);
			case 'add':
				return addPhase(
					plan,
					step.after,
					{ title: step.text, prompt: step.text, boardKinds: step.kinds },
					step.id
				);
			case 'remove':
				return removePhase(plan, step.id);
			case 'start':
				return startPlan(plan);
			case 'next':
				return moveToNextPhase(plan);
			case 'previous':
				return moveToPreviousPhase(plan);
			case 'jump':
				return moveToPhase(plan, step.id);
		}
	}

	test('keeps ids unique and the current phase valid, and never throws', () => {
		fc.assert(
			fc.property(
				fc.constantFrom(...Object.values(phaseTemplates)),
				fc.array(operation, { maxLength: 60 }),
				(template, operations) => {
					let plan = deepFreeze(template('de'));
					for (const op of operations) {
						const result = apply(plan, op);
						if (result.ok) plan = deepFreeze(result.value);
						expect(checkPhasePlan(plan)).toEqual({ ok: true, value: plan });
						expect(new Set(ids(plan)).size).toBe(plan.phases.length);
						const current = currentPhase(plan);
						if (plan.currentPhaseId === null) expect(current).toBeNull();
						else expect(current?.skipped).toBe(false);
					}
				}
			),
			{ numRuns: 300 }
		);
	});
});
