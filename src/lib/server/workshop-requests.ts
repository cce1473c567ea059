import { error, json, type RequestEvent } from '@sveltejs/kit';
import { translate, type Locale, type MessageKey } from '$lib/i18n';
import { authorizeWorkshop, type WorkshopRefusal } from './authorize-workshop';

/** A refused JSON request: what to answer, in the asker's language. */
const refusals: Record<WorkshopRefusal, [number, MessageKey]> = {
	unauthenticated: [401, 'live.loginRequired'],
	forbidden: [403, 'error.forbidden'],
	'not-found': [404, 'workshop.notFound'],
	closed: [409, 'live.workshopClosed']
};

/**
 * Checks a request to a live workshop's server actions (votes, reveal) before anything happens,
 * with `authorizeWorkshop`, the rule of the pages and the WebSocket upgrade. `manage` actions are
 * the facilitator's; the rest are for everyone who may write the workshop's content (participants
 * and facilitators), never for observers, planners or other workshops' guests, and never once
 * the workshop is closed.
 */
export async function workshopRequest(event: RequestEvent, { manage = false } = {}) {
	const { locals, params } = event;
	const verdict = await authorizeWorkshop(
		locals.services.db,
		locals.actor,
		params.id ?? '',
		'content',
		{ need: manage ? 'manage' : 'write' }
	);
	if (!verdict.ok) {
		const [status, key] = refusals[verdict.reason];
		error(status, translate(locals.locale, key, {}, locals.simpleLanguage));
	}
	const { actor, workshop, moderator } = verdict;
	const voter = actor.kind === 'staff' ? `u:${actor.userId}` : `p:${actor.participantId}`;
	return {
		workshopId: workshop.id,
		facilitator: moderator,
		voter,
		locale: locals.locale,
		simple: locals.simpleLanguage
	};
}

/** Who reads a refusal: the asker's language, and whether they chose Einfache Sprache. */
export interface Reader {
	locale: Locale;
	simple: boolean;
}

export const boardParam = (value: unknown): string | null =>
	typeof value === 'string' && /^[a-z0-9-]{1,64}$/i.test(value) ? value : null;

/** A refused live-room request as `{ message }`, said as the asker reads the room's pages. */
export function failure(reader: Reader, key: string, status = 400) {
	return json({ message: translate(reader.locale, key, {}, reader.simple) }, { status });
}
