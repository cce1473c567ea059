import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { documentName } from '$lib/collab/documents';
import { translate } from '$lib/i18n';
import { writerKey } from '$lib/domain/roles';
import { authorizeWorkshop } from './authorize-workshop';
import type { Db } from './db';

/**
 * What every live page of a workshop checks first, with `authorizeWorkshop`, the rule of the
 * JSON endpoints and the WebSocket upgrade: who asks, whether they may see the workshop, and
 * whether they may write (a closed workshop is read-only for everyone). Not logged in → login;
 * no access → 403; unknown → 404.
 */
export async function openLiveWorkshop({ params, locals, url }: RequestEvent) {
	const { db } = locals.services;
	const verdict = await authorizeWorkshop(db, locals.actor, params.id ?? '', 'content');
	if (!verdict.ok) {
		if (verdict.reason === 'unauthenticated')
			redirect(303, `/login?redirectTo=${encodeURIComponent(url.pathname)}`);
		const say = (key: 'workshop.notFound' | 'error.forbidden') =>
			translate(locals.locale, key, {}, locals.simpleLanguage);
		if (verdict.reason === 'not-found') error(404, say('workshop.notFound'));
		error(403, say('error.forbidden'));
	}
	const { actor, workshop, closed, access } = verdict;
	return {
		db,
		actor,
		workshop,
		closed,
		canWrite: access === 'write',
		docName: documentName(workshop.id, 'content'),
		presenceName: actor.kind === 'staff' ? actor.name : actor.displayName,
		presenceSeed: actor.kind === 'staff' ? actor.userId : actor.participantId
	};
}

/**
 * The Yjs client ids a person wrote a document under, as the store records them (the first writer
 * of an id owns it): the page uses them to show edit buttons on the person's own cards only.
 */
export async function ownClientIds(
	db: Db,
	docName: string,
	actor: { kind: 'staff'; userId: string } | { kind: 'guest'; participantId: string }
): Promise<number[]> {
	const rows = await db.all<{ client_id: number | string }>(
		'SELECT client_id FROM doc_clients WHERE doc = ? AND owner = ?',
		[docName, writerKey(actor)]
	);
	return rows.map((row) => Number(row.client_id));
}
