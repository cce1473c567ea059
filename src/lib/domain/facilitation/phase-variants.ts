/**
 * Versions of a phase's name and prompt per language (issue 14.1): the facilitator may give each
 * phase its title and prompt in another language, and in Einfache Sprache ('einfach', German).
 * They live with the phase in the phase plan (control document) and are plain text like the
 * original, with the original's limits. The rules here are pure and shared by the pages and the
 * server; which version a reader sees is decided in facilitation/prompt-variants.ts.
 */
import { locales } from '../../i18n';
import {
	maxPhaseTitleLength,
	maxPromptLength,
	type Phase,
	type PhasePlan,
	type PhaseResult
} from './phases';
import { fail, ok, type Result } from './result';

/** The six languages, and Einfache Sprache (German). */
export const variantCodes = [...locales, 'einfach'] as const;
export type VariantCode = (typeof variantCodes)[number];

/** One version of a phase's texts; a missing or empty field falls back to the original. */
export interface PhaseVariant {
	title?: string;
	prompt?: string;
}

export type PhaseVariants = Partial<Record<VariantCode, PhaseVariant>>;

/** What the functions below need of a phase: also a closed workshop's stored copy has it. */
export interface PhaseTexts {
	title: string;
	prompt: string;
	variants?: PhaseVariants;
}

export type VariantError =
	'variant.languageUnknown' | 'variant.titleTooLong' | 'variant.promptTooLong';

export function isVariantCode(value: unknown): value is VariantCode {
	return (variantCodes as readonly unknown[]).includes(value);
}

/**
 * Checks a facilitator's input for one version. Null: both fields are empty, which removes the
 * version. The same rules as the original: a title is one line of at most 80 characters, a prompt
 * at most 500. Markup is not refused; it is text like any other and shown as written.
 */
export function checkVariant(
	code: unknown,
	input: { title: string; prompt: string }
): Result<{ code: VariantCode; variant: PhaseVariant | null }, VariantError> {
	if (!isVariantCode(code)) return fail('variant.languageUnknown');
	const title = input.title.replace(/\s+/g, ' ').trim();
	const prompt = input.prompt.trim();
	if (title.length > maxPhaseTitleLength) return fail('variant.titleTooLong');
	if (prompt.length > maxPromptLength) return fail('variant.promptTooLong');
	const variant: PhaseVariant = {
		...(title ? { title } : {}),
		...(prompt ? { prompt } : {})
	};
	return ok({ code, variant: title || prompt ? variant : null });
}

/** Sets (or, with null, removes) one checked version of a phase's texts. */
export function setPhaseVariant(
	plan: PhasePlan,
	phaseId: string,
	code: VariantCode,
	variant: PhaseVariant | null
): PhaseResult {
	if (!plan.phases.some((phase) => phase.id === phaseId)) return fail('phase.unknown');
	return ok({
		...plan,
		phases: plan.phases.map((phase) => {
			if (phase.id !== phaseId) return phase;
			const { variants: before, ...rest } = phase;
			const variants: PhaseVariants = { ...before };
			if (variant) variants[code] = variant;
			else delete variants[code];
			return Object.keys(variants).length ? { ...rest, variants } : rest;
		})
	});
}

/**
 * The versions of a phase as read from the control document, which a facilitator's client wrote:
 * unknown language codes, non-text values and texts over the limits are dropped one by one, so a
 * bad version never costs the whole plan.
 */
export function readPhaseVariants(raw: unknown): PhaseVariants | undefined {
	if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
	const variants: PhaseVariants = {};
	for (const [code, value] of Object.entries(raw)) {
		if (!isVariantCode(code) || typeof value !== 'object' || value === null) continue;
		const { title, prompt } = value as Record<string, unknown>;
		const checked = checkVariant(code, {
			title: typeof title === 'string' ? title : '',
			prompt: typeof prompt === 'string' ? prompt : ''
		});
		if (checked.ok && checked.value.variant) variants[code] = checked.value.variant;
	}
	return Object.keys(variants).length ? variants : undefined;
}

/** A plan as read from the control document, with only well-formed versions left on its phases. */
export function withReadableVariants(plan: PhasePlan): PhasePlan {
	return {
		...plan,
		phases: plan.phases.map((phase): Phase => {
			const { variants: raw, ...rest } = phase;
			const variants = readPhaseVariants(raw);
			return variants ? { ...rest, variants } : rest;
		})
	};
}
