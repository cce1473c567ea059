import { loadLocale } from '$lib/i18n';
import type { LayoutLoad } from './$types';

/** The page's language is loaded before anything renders, so no text flashes in another one. */
export const load: LayoutLoad = async ({ data }) => {
	await loadLocale(data.locale);
	return data;
};
