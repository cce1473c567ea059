import { fail, redirect, type Cookies } from '@sveltejs/kit';
import type { JoinProblem } from '$lib/join/join-problem';
import { setSessionCookie } from './auth/cookies';
import type { GuestRole } from '../domain/roles';
import type { Db } from './db';
import { joinFound, maxDisplayNameLength, type InviteLookup } from './invites';
import { sessionLifetimeMs } from './auth/session';
import { readRetentionDays } from './privacy/retention';
import { recordNameConsent } from './participants';

/** Where a guest goes after joining: participants to the live room, observers to the projector view. */
/**
 * What the join page tells before anything is stored (both ways in: link and code): how long a
 * name may be, how long the session lasts on the device, and how long the name is kept after the
 * workshop closes (the retention setting, archive issue point 5).
 */
export async function joinPageFacts(db: Db) {
	return {
		maxNameLength: maxDisplayNameLength,
		sessionDays: Math.round(sessionLifetimeMs / 86_400_000),
		guestDays: await readRetentionDays(db)
	};
}

export function guestHome(workshopId: string, role: GuestRole): string {
	return role === 'observer' ? `/w/${workshopId}/present` : `/w/${workshopId}`;
}

/** The join form's submission, the same for an invite link and a projector's join code. */
export async function submitJoin(
	db: Db,
	found: InviteLookup,
	form: FormData,
	{ cookies }: { cookies: Cookies }
) {
	const anonymous = form.get('anonymous') === 'on';
	const name = anonymous ? null : String(form.get('displayName') ?? '');
	// The box is unticked unless the person ticks it; without a name there is nothing to agree to.
	const nameConsent = !anonymous && form.get('nameConsent') === 'on' && Boolean(name?.trim());
	const result = await joinFound(db, found, name);
	if (!result.ok)
		return fail(400, {
			displayName: name ?? '',
			nameConsent,
			problem: { key: result.error } satisfies JoinProblem
		});
	if (nameConsent) await recordNameConsent(db, result.participantId);
	setSessionCookie(cookies, 'guest', result.session.token, result.session.expiresAt);
	redirect(303, guestHome(result.workshopId, result.role));
}
