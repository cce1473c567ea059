import { contactHref, readSiteSettings } from '$lib/server/site-settings';
import type { PageServerLoad } from './$types';

/** When this statement was last reviewed (BITV 2.0 § 7: the statement names its date). */
const statementDate = '2026-12-04';

/** The accessibility statement: public, like the join page it is linked from. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const settings = await readSiteSettings(locals.services.db);
	const contact = settings.accessibilityContact;
	return {
		statementDate,
		host: url.host,
		contact: contact ? { text: contact, href: contactHref(contact) } : null
	};
};
