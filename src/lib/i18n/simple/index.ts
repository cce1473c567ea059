import type { Locale } from '..';

/**
 * Einfache Sprache (issue 14 point 2; after DIN ISO 24495-1 and DIN 8581-1, not "Leichte
 * Sprache", which needs a check by readers with learning difficulties): short, simple versions of
 * the participant texts. A reader switches it on (cookie `einfach`, `?einfach=1`); `translate`
 * then takes a key's simple version where this language has one, else the usual text.
 *
 * Like the extra languages, the tables travel only to a browser that shows them.
 */
type Table = Partial<Record<string, string>>;

const sources: Partial<Record<Locale, () => Promise<Table>>> = {
	de: () => import('./de').then((module) => module.simpleDe),
	// Plain English so far for joining and the live room; other keys show the usual English.
	en: () => import('./en').then((module) => module.simpleEn)
};
const tables: Partial<Record<Locale, Table>> = {};

/** Languages with simple versions of their texts (German, English; others: their usual texts). */
export function hasSimpleTexts(locale: Locale): boolean {
	return locale in sources;
}

/** Makes a language's simple texts available; the layout awaits it when the reader chose them. */
export async function loadSimple(locale: Locale): Promise<void> {
	const source = sources[locale];
	if (source && !tables[locale]) tables[locale] = await source();
}

/** Every language's simple texts: for the server and for tests. */
export async function loadAllSimple(): Promise<void> {
	await Promise.all(Object.keys(sources).map((locale) => loadSimple(locale as Locale)));
}

/** The simple version of a key in this language, if there is one (and it is loaded). */
export function simpleText(locale: Locale, key: string): string | undefined {
	return tables[locale]?.[key];
}
