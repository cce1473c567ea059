/**
 * Facilitators' phase names and prompts in more than one language (issue 14.1): every view that
 * shows a phase's name or prompt to a participant (live room, projector, closed results) goes
 * through `phaseTitleFor` and `promptFor`, so the choice of version is made in one place. The
 * versions themselves and their rules are in domain/facilitation/phase-variants.ts.
 */
import { isLocale, type Locale } from '../i18n';
import type { PhaseTexts, VariantCode } from '../domain/facilitation/phase-variants';

export {
	checkVariant,
	isVariantCode,
	readPhaseVariants,
	setPhaseVariant,
	variantCodes,
	withReadableVariants,
	type PhaseTexts,
	type PhaseVariant,
	type PhaseVariants,
	type VariantCode,
	type VariantError
} from '../domain/facilitation/phase-variants';

/**
 * The versions to try for a reader, best first. Einfache Sprache is German: a German reader who
 * chose it gets the 'einfach' version first; readers of another language get theirs (the flag has
 * no simple versions of other languages yet).
 */
function preference(locale: Locale, simple: boolean): VariantCode[] {
	const chosen = isLocale(locale) ? locale : 'de';
	return simple && chosen === 'de' ? ['einfach', 'de'] : [chosen];
}

function pick(phase: PhaseTexts, field: 'title' | 'prompt', locale: Locale, simple: boolean) {
	for (const code of preference(locale, simple)) {
		const text = phase.variants?.[code]?.[field];
		if (text) return text;
	}
	return phase[field];
}

/** The phase's prompt for this reader: their language's version, else the original. */
export function promptFor(phase: PhaseTexts, locale: Locale, simple: boolean): string {
	return pick(phase, 'prompt', locale, simple);
}

/** The phase's name for this reader: their language's version, else the original. */
export function phaseTitleFor(phase: PhaseTexts, locale: Locale, simple: boolean): string {
	return pick(phase, 'title', locale, simple);
}
