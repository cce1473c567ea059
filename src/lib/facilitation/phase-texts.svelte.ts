import { page } from '$app/state';
import type { Locale } from '$lib/i18n';
import { isSimple } from '$lib/i18n/t.svelte';
import { phaseTitleFor, promptFor, type PhaseTexts } from './prompt-variants';

/**
 * A phase's name and prompt for the reader of this page: their language (page.data.locale) and
 * their Einfache-Sprache choice. Reactive like `t`, because page.data is.
 */
function reader(): { locale: Locale; simple: boolean } {
	return { locale: (page.data.locale as Locale | undefined) ?? 'de', simple: isSimple() };
}

export function shownTitle(phase: PhaseTexts): string {
	const { locale, simple } = reader();
	return phaseTitleFor(phase, locale, simple);
}

export function shownPrompt(phase: PhaseTexts): string {
	const { locale, simple } = reader();
	return promptFor(phase, locale, simple);
}
