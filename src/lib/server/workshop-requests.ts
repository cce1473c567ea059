import { error, json, type RequestEvent } from '@sveltejs/kit';
import { can, documentAccess } from '$lib/domain/roles';
import { isClosed } from '$lib/domain/workshop';
import { translate, type MessageKey } from '$lib/i18n';
import { getDb } from './db';
import { getWorkshop } from './workshops';

/**
 * Checks a request to a live workshop's server actions (votes, reveal) before anything happens:
 * who asks, whether they belong to this workshop, and whether the action is theirs to take.
 * `manage` actions are the facilitator's; the rest are for everyone who may write (participants
 * and facilitators), never for observers, planners or other workshops' guests.
 */
export async function workshopRequest(event: RequestEvent, { manage = false } = {}) {
	const { locals, params } = event;
	const refuse = (status: number, key: MessageKey): never =>
		error(status, translate(locals.locale, key));
	const actor = locals.actor;
	if (!actor) return refuse(401, 'live.loginRequired');
	const workshopId = params.id ?? '';
	const facilitator = can(actor, 'workshop.manage');
	// Whoever may write the workshop's content may vote: the same rule as the WebSocket upgrade.
	const writer = documentAccess(actor, workshopId, 'content') === 'write';
	if (manage ? !facilitator : !writer) return refuse(403, 'error.forbidden');
	const workshop = await getWorkshop(await getDb(), workshopId);
	if (!workshop) return refuse(404, 'workshop.notFound');
	if (isClosed(workshop.status)) return refuse(409, 'live.workshopClosed');
	const voter = actor.kind === 'staff' ? `u:${actor.userId}` : `p:${actor.participantId}`;
	return { workshopId, facilitator, voter, locale: locals.locale };
}

export const boardParam = (value: unknown): string | null =>
	typeof value === 'string' && /^[a-z0-9-]{1,64}$/i.test(value) ? value : null;

export function failure(locale: Parameters<typeof translate>[0], key: string, status = 400) {
	return json({ message: translate(locale, key) }, { status });
}
