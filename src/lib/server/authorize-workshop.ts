import type { DocumentKind } from '../collab/documents';
import { can, documentAccess, type Actor } from '../domain/roles';
import { isClosed } from '../domain/workshop';
import type { Db } from './db';
import { getWorkshop, type Workshop } from './workshops';

/**
 * The one access rule for a workshop, asked by its pages, its JSON endpoints and the WebSocket
 * upgrade of its live documents alike, so the three can never drift apart. Pure of SvelteKit:
 * the sync server imports it too. Each caller turns a refusal into its own answer (a redirect to
 * the login, an HTTP status, a close code).
 */

/**
 * What the caller is about to do. `read`: see the workshop (any access to the document).
 * `write`: change it (votes, dots); never for observers and never once closed. `manage`: the
 * facilitator's actions (reveal); also never once closed.
 */
export type WorkshopNeed = 'read' | 'write' | 'manage';

export type WorkshopRefusal =
	/** Nobody is logged in. */
	| 'unauthenticated'
	/** Logged in, but not allowed: another workshop's guest, an observer who wants to write. */
	| 'forbidden'
	/** No such workshop (told only to those who could see it if it existed). */
	| 'not-found'
	/** The workshop is closed or archived: read-only for everyone. */
	| 'closed';

export type WorkshopAuthorization =
	| {
			ok: true;
			actor: Actor;
			workshop: Workshop;
			/** Access to the document after the closed rule: a closed workshop is only 'read'. */
			access: 'read' | 'write';
			closed: boolean;
			/** May use the facilitator's controls (before the closed rule). */
			moderator: boolean;
	  }
	| { ok: false; reason: WorkshopRefusal };

export interface AuthorizeWorkshopOptions {
	/** The participant a private document belongs to (`<workshop>/private/<owner>`). */
	owner?: string | null;
	need?: WorkshopNeed;
}

export async function authorizeWorkshop(
	db: Db,
	actor: Actor | null,
	workshopId: string,
	kind: DocumentKind,
	{ owner = null, need = 'read' }: AuthorizeWorkshopOptions = {}
): Promise<WorkshopAuthorization> {
	if (!actor) return { ok: false, reason: 'unauthenticated' };
	// Asked before the store, so another workshop's guest learns nothing, not even whether the
	// workshop exists.
	const open = documentAccess(actor, workshopId, kind, { owner });
	const moderator = can(actor, 'workshop.manage');
	if (!open) return { ok: false, reason: 'forbidden' };
	if (need === 'write' && open !== 'write') return { ok: false, reason: 'forbidden' };
	if (need === 'manage' && !moderator) return { ok: false, reason: 'forbidden' };
	const workshop = await getWorkshop(db, workshopId);
	if (!workshop) return { ok: false, reason: 'not-found' };
	const closed = isClosed(workshop.status);
	if (closed && need !== 'read') return { ok: false, reason: 'closed' };
	const access = documentAccess(actor, workshopId, kind, { owner, closed });
	if (!access) return { ok: false, reason: 'forbidden' };
	return { ok: true, actor, workshop, access, closed, moderator };
}
