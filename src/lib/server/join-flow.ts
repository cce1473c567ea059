import { fail, redirect, type Cookies } from '@sveltejs/kit';
import { translate, type Locale } from '$lib/i18n';
import { setSessionCookie } from './auth/cookies';
import type { GuestRole } from '../domain/roles';
import type { Db } from './db';
import { joinFound, type InviteLookup } from './invites';

/** Where a guest goes after joining: participants to the live room, observers to the projector view. */
export function guestHome(workshopId: string, role: GuestRole): string {
	return role === 'observer' ? `/w/${workshopId}/present` : `/w/${workshopId}`;
}

/** The join form's submission, the same for an invite link and a projector's join code. */
export async function submitJoin(
	db: Db,
	found: InviteLookup,
	form: FormData,
	{ cookies, locale }: { cookies: Cookies; locale: Locale }
) {
	const anonymous = form.get('anonymous') === 'on';
	const name = anonymous ? null : String(form.get('displayName') ?? '');
	const result = await joinFound(db, found, name);
	if (!result.ok)
		return fail(400, { displayName: name ?? '', message: translate(locale, result.error) });
	setSessionCookie(cookies, 'guest', result.session.token, result.session.expiresAt);
	redirect(303, guestHome(result.workshopId, result.role));
}
