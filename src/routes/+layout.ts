import { loadLocale } from '$lib/i18n';
import { loadSimple } from '$lib/i18n/simple';
import type { LayoutLoad } from './$types';

/** The page's language is loaded before anything renders, so no text flashes in another one. */
export const load: LayoutLoad = async ({ data }) => {
	await loadLocale(data.locale);
	if (data.simpleLanguage) await loadSimple(data.locale);
	return data;
};
