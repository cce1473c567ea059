import { readSiteSettings } from '$lib/server/site-settings';
import type { LayoutServerLoad } from './$types';

/**
 * The municipality's settings ride on every page (header logo, footer links, join page). One
 * query on a table of a few rows, without the logo's bytes; no cache, so a saved change shows on
 * the next page load of every process at once.
 */
export const load: LayoutServerLoad = async ({ locals, depends }) => {
	// The Einfache Sprache switch reloads only this (see simple/SimpleSwitch.svelte).
	depends('app:reader');
	const settings = await readSiteSettings(locals.services.db);
	return {
		locale: locals.locale,
		simpleLanguage: locals.simpleLanguage,
		actor: locals.actor,
		site: {
			municipalityName: settings.municipalityName,
			privacyUrl: settings.privacyUrl,
			imprintUrl: settings.imprintUrl,
			logoHash: settings.logo?.hash ?? null
		}
	};
};
