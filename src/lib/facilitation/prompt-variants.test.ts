import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { readControl, setPlan } from '../collab/control';
import { readClosedResults } from '../results/closed-results';
import {
	maxPhaseTitleLength,
	maxPromptLength,
	renamePhase,
	zukunftswerkstattTemplate,
	type PhasePlan
} from '../domain/facilitation/phases';
import {
	checkVariant,
	phaseTitleFor,
	promptFor,
	readPhaseVariants,
	setPhaseVariant,
	type PhaseTexts,
	type PhaseVariant,
	type VariantCode
} from './prompt-variants';

const phase: PhaseTexts = {
	title: 'Kritikphase',
	prompt: 'Was stört, was fehlt?',
	variants: {
		tr: { title: 'Eleştiri aşaması', prompt: 'Sizi ne rahatsız ediyor?' },
		ar: { prompt: 'ما الذي يزعجك؟' },
		einfach: { prompt: 'Was ist nicht gut? Schreiben Sie es auf.' }
	}
};

function applied(
	plan: PhasePlan,
	phaseId: string,
	code: VariantCode,
	variant: PhaseVariant | null
): PhasePlan {
	const result = setPhaseVariant(plan, phaseId, code, variant);
	if (!result.ok) throw new Error(result.error);
	return result.value;
}

describe('which version a reader sees', () => {
	test("the reader's language, field by field, else the original", () => {
		expect(promptFor(phase, 'tr', false)).toBe('Sizi ne rahatsız ediyor?');
		expect(phaseTitleFor(phase, 'tr', false)).toBe('Eleştiri aşaması');
		// Arabic has a prompt but no title: the title stays the original.
		expect(promptFor(phase, 'ar', false)).toBe('ما الذي يزعجك؟');
		expect(phaseTitleFor(phase, 'ar', false)).toBe('Kritikphase');
		expect(promptFor(phase, 'uk', false)).toBe('Was stört, was fehlt?');
		expect(promptFor(phase, 'de', false)).toBe('Was stört, was fehlt?');
	});

	test('Einfache Sprache: the simple German version for German readers who chose it', () => {
		expect(promptFor(phase, 'de', true)).toBe('Was ist nicht gut? Schreiben Sie es auf.');
		expect(phaseTitleFor(phase, 'de', true)).toBe('Kritikphase');
		// Readers of another language keep their language's version.
		expect(promptFor(phase, 'tr', true)).toBe('Sizi ne rahatsız ediyor?');
	});

	test('an unknown reader language gives the German reading, never an error', () => {
		expect(promptFor(phase, 'xx' as never, false)).toBe('Was stört, was fehlt?');
		expect(promptFor({ title: 'A', prompt: 'B' }, 'en', true)).toBe('B');
	});

	test('markup is text: returned as written, for the views to show as text', () => {
		const marked = checkVariant('en', {
			title: '<b>Bold</b>',
			prompt: '<img src=x onerror=alert(1)>'
		});
		expect(marked).toEqual({
			ok: true,
			value: {
				code: 'en',
				variant: { title: '<b>Bold</b>', prompt: '<img src=x onerror=alert(1)>' }
			}
		});
	});
});

describe('checking and saving a version', () => {
	test('unknown language codes are refused', () => {
		for (const code of ['xx', 'EN', 'de-DE', '', null, '__proto__'])
			expect(checkVariant(code, { title: 'A', prompt: '' })).toEqual({
				ok: false,
				error: 'variant.languageUnknown'
			});
	});

	test('the original limits: 80 characters for the title, 500 for the prompt', () => {
		expect(checkVariant('tr', { title: 'x'.repeat(maxPhaseTitleLength + 1), prompt: '' })).toEqual({
			ok: false,
			error: 'variant.titleTooLong'
		});
		expect(checkVariant('tr', { title: '', prompt: 'x'.repeat(maxPromptLength + 1) })).toEqual({
			ok: false,
			error: 'variant.promptTooLong'
		});
		expect(
			checkVariant('tr', {
				title: 'x'.repeat(maxPhaseTitleLength),
				prompt: 'y'.repeat(maxPromptLength)
			}).ok
		).toBe(true);
	});

	test('a title is one line; two empty fields remove the version', () => {
		expect(checkVariant('uk', { title: '  Фаза\n критики ', prompt: ' Що заважає? \n' })).toEqual({
			ok: true,
			value: { code: 'uk', variant: { title: 'Фаза критики', prompt: 'Що заважає?' } }
		});
		expect(checkVariant('uk', { title: ' ', prompt: '\n' })).toEqual({
			ok: true,
			value: { code: 'uk', variant: null }
		});
	});

	test('set, keep through other edits, remove', () => {
		const plan = zukunftswerkstattTemplate('de');
		const withTr = applied(plan, 'kritik', 'tr', { prompt: 'Ne eksik?' });
		expect(withTr.phases.find((p) => p.id === 'kritik')?.variants).toEqual({
			tr: { prompt: 'Ne eksik?' }
		});
		// The input plan is not changed.
		expect(plan.phases.find((p) => p.id === 'kritik')?.variants).toBeUndefined();
		const renamed = renamePhase(withTr, 'kritik', 'Kritik');
		expect(renamed.ok && renamed.value.phases[1].variants).toEqual({ tr: { prompt: 'Ne eksik?' } });
		const removed = applied(withTr, 'kritik', 'tr', null);
		expect(removed.phases[1]).not.toHaveProperty('variants');
		expect(setPhaseVariant(plan, 'gone', 'tr', { prompt: 'x' })).toEqual({
			ok: false,
			error: 'phase.unknown'
		});
	});
});

describe('reading versions from the control document', () => {
	test('bad versions are dropped one by one; the plan stays', () => {
		expect(
			readPhaseVariants({
				tr: { title: 'İyi', prompt: 'Tamam' },
				xx: { title: 'unknown language' },
				ru: { title: 'x'.repeat(maxPhaseTitleLength + 1) },
				uk: 'not an object',
				ar: { title: 42, prompt: 'نص' },
				en: {}
			})
		).toEqual({ tr: { title: 'İyi', prompt: 'Tamam' }, ar: { prompt: 'نص' } });
		expect(readPhaseVariants('junk')).toBeUndefined();
		expect(readPhaseVariants([])).toBeUndefined();
	});

	test('through the control document, a plan with a broken version still reads', () => {
		const doc = new Y.Doc();
		const plan = zukunftswerkstattTemplate('de');
		setPlan(doc, {
			...plan,
			phases: plan.phases.map((p) =>
				p.id === 'kritik'
					? { ...p, variants: { en: { prompt: 'What is missing?' }, zz: { prompt: 'bad' } } }
					: p
			)
		});
		const read = readControl(doc).plan;
		expect(read?.phases.find((p) => p.id === 'kritik')?.variants).toEqual({
			en: { prompt: 'What is missing?' }
		});
		expect(read?.phases.find((p) => p.id === 'vorbereitung')).not.toHaveProperty('variants');
	});

	test("a closed workshop's results keep the versions, for each reader's language", () => {
		const control = new Y.Doc();
		const plan = zukunftswerkstattTemplate('de');
		setPlan(
			control,
			applied(plan, 'kritik', 'ru', { title: 'Фаза критики', prompt: 'Что мешает?' })
		);
		const kritik = readClosedResults(new Y.Doc(), control).phases.find((p) => p.id === 'kritik')!;
		expect(phaseTitleFor(kritik, 'ru', false)).toBe('Фаза критики');
		expect(promptFor(kritik, 'ru', false)).toBe('Что мешает?');
		expect(promptFor(kritik, 'de', false)).toBe('Was stört, was fehlt?');
	});
});
