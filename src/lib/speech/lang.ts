import { intlTags, toLocale } from '$lib/i18n';

/**
 * The language a text is read aloud in: the page's locale as a BCP 47 tag with a region
 * (de-DE, tr-TR …), so the browser picks a voice for it. Unicode extensions such as Arabic's
 * Latin digits (`-u-nu-latn`) mean nothing to a voice and are dropped.
 */
export function speechLang(locale: unknown): string {
	return intlTags[toLocale(locale)].split('-u-')[0];
}
