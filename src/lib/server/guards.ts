import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { can, type Actor, type Permission } from '$lib/domain/roles';
import { translate } from '$lib/i18n';

type StaffActor = Extract<Actor, { kind: 'staff' }>;

/**
 * Guard for every staff page and action: not logged in → login page; logged in without the
 * permission → 403 with a German (or English) explanation.
 */
export function requirePermission(event: RequestEvent, permission: Permission): StaffActor {
	const actor = event.locals.actor;
	if (actor?.kind !== 'staff') {
		if (actor?.kind === 'guest') error(403, translate(event.locals.locale, 'error.staffOnly'));
		redirect(303, `/login?redirectTo=${encodeURIComponent(event.url.pathname)}`);
	}
	if (!can(actor, permission)) error(403, translate(event.locals.locale, 'error.forbidden'));
	return actor;
}
