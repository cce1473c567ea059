import { page } from '$app/state';
import { translate, type Locale, type MessageKey } from '.';

/** Translation in components (in Einfache Sprache when chosen); reactive because `page.data` is. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
	return translate((page.data.locale as Locale | undefined) ?? 'de', key, params, isSimple());
}

/** Einfache Sprache is on for this reader (page.data.simpleLanguage, set by the server). */
export function isSimple(): boolean {
	return page.data.simpleLanguage === true;
}
