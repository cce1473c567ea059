import { readControl, readFixedCards, readLocked } from '../../src/lib/collab/control';
import { closeCodes, documentName, parseDocumentName } from '../../src/lib/collab/documents';
import type { AccessChange, AccessEvents } from '../../src/lib/server/access-events';
import { writerKey } from '../../src/lib/domain/roles';
import { authenticateCookies } from '../../src/lib/server/auth/session';
import { authorizeWorkshop, type WorkshopRefusal } from '../../src/lib/server/authorize-workshop';
import type { Db } from '../../src/lib/server/db';
import type { LiveDocuments } from '../../src/lib/server/live-documents';
import { serverSecret } from '../../src/lib/server/secrets';
import { DraftPublisher } from './drafts';
import type { ConnectionInfo, Engine, SyncHooks, Verdict } from './hooks';
import { refuseForeignCardEdits } from './card-rights';
import { refuseOverlongText } from './content-limits';
import { refuseRoundTableEdits } from './round-table';
import { refuseForeignDataBoardEdits } from './data-board-rights';
import { refuseClientInventoryWrites } from './inventory-rights';
import { RejectedMessage } from './inspect';
import { pushStatus, readPushedStatus } from '../../src/lib/results/pushed-status';
import type { Room } from './room';

export interface WorkshopPolicyOptions {
	/** Anonymous cards wait a random time in this range, then go up with everyone's (anonymity). */
	anonymousDelayMs: [number, number];
	/** The app announces access changes here (src/lib/server/services.ts); the policy re-checks. */
	access: AccessEvents;
	onError: (error: unknown) => void;
}

/** What a workshop connection was let in with, kept to re-check it when access changes. */
interface WorkshopContext {
	cookie: string | undefined;
	sessionId: string;
	userId: string | null;
}

/**
 * Parts of the control document only the server writes: vote results and "done" counts come from
 * the ballots it holds, draft counts from the private documents. A facilitator's client writing
 * them could fake a result.
 */
const serverOnlyControl = new Set(['voteResults', 'voteDone', 'draftCounts', 'dataBoards']);

/** Close codes of refused connections: 4400–4499, so the stock client does not retry. */
const refusals: Record<WorkshopRefusal, { refuse: number; reason: string }> = {
	unauthenticated: { refuse: closeCodes.unauthenticated, reason: 'not logged in' },
	forbidden: { refuse: closeCodes.forbidden, reason: 'no access' },
	'not-found': { refuse: closeCodes.notFound, reason: 'unknown workshop' },
	closed: { refuse: closeCodes.workshopClosed, reason: 'workshop closed' }
};

/**
 * The workshop rules (DESIGN.md §5) on top of the sync core: who opens which document of a
 * workshop, what a write may touch, the board lock, publishing anonymous drafts, and closing
 * connections whose access ended. `documents` is the app's way to change live documents as the
 * server (votes, reveal); it works once the core has configured the hooks.
 */
export function createWorkshopPolicy(
	db: Db,
	options: WorkshopPolicyOptions
): { hooks: SyncHooks<WorkshopContext>; documents: LiveDocuments } {
	let engine: Engine<WorkshopContext>;
	const controlName = (workshopId: string) => documentName(workshopId, 'control');
	const lockStates = new WeakMap<Room, boolean>();

	const draftSecret = serverSecret(db, 'drafts');
	draftSecret.catch(options.onError);
	let drafts: DraftPublisher;
	let stopListening = () => {};
	const documents: LiveDocuments = {
		change: (name, edit) => engine.withRoom(name, (room) => room.change(edit)),
		read: (name, view) => engine.withRoom(name, (room) => view(room.doc)),
		publishDrafts: (workshopId) => drafts.publishAll(workshopId)
	};

	async function authorize(
		cookie: string | undefined,
		docName: string
	): Promise<Verdict<WorkshopContext>> {
		const parsed = parseDocumentName(docName);
		if (!parsed) return { refuse: closeCodes.notFound, reason: 'unknown document' };
		const session = await authenticateCookies(db, cookie);
		const verdict = await authorizeWorkshop(
			db,
			session?.actor ?? null,
			parsed.workshopId,
			parsed.kind,
			{ owner: parsed.owner }
		);
		if (!session || !verdict.ok) return refusals[verdict.ok ? 'unauthenticated' : verdict.reason];
		const { actor } = session;
		const staff = actor.kind === 'staff';
		return {
			access: verdict.access,
			moderator: verdict.moderator,
			owner: writerKey(actor),
			context: { cookie, sessionId: session.id, userId: staff ? actor.userId : null }
		};
	}

	function affectedBy(change: AccessChange, connection: ConnectionInfo<WorkshopContext>) {
		const { sessionId, userId } = connection.admission.context;
		if (change.workshopId && !connection.docName.startsWith(`${change.workshopId}/`)) return false;
		if (change.sessionId && sessionId !== change.sessionId) return false;
		if (change.userId && userId !== change.userId) return false;
		return true;
	}

	/**
	 * An invite was revoked or someone logged out: connections that lost access are closed now
	 * (4401/4403), and those whose access changed reconnect (4503) to get their new rights. Only
	 * the affected connections are re-checked, one query each.
	 */
	async function recheckAccess(change: AccessChange): Promise<void> {
		for (const connection of [...engine.connections()]) {
			if (!affectedBy(change, connection)) continue;
			const verdict = await authorize(
				connection.admission.context.cookie,
				connection.docName
			).catch((error: unknown) => {
				options.onError(error);
				return null;
			});
			if (!verdict) continue;
			if ('refuse' in verdict) connection.close(verdict.refuse, verdict.reason);
			else if (verdict.access !== connection.admission.access) {
				// Closing makes everyone read-only: those pages have the results to show, not a reconnect.
				if (closedNow(connection.docName))
					connection.close(closeCodes.workshopClosed, 'workshop closed');
				else connection.close(closeCodes.serverRestart, 'access changed');
			}
		}
	}
	const onAccessChange = (change: AccessChange) => {
		recheckAccess(change).catch(options.onError);
		engine.publish({ change });
	};

	/** The workshop's control room, whichever instance is loaded now (content rooms pin it). */
	function controlOf(workshopId: string): Room {
		return engine.loaded(controlName(workshopId)) ?? engine.open(controlName(workshopId));
	}
	const lockedFor = (workshopId: string) => readLocked(controlOf(workshopId).doc);
	const closedNow = (docName: string) => {
		const ref = parseDocumentName(docName);
		const control = ref && engine.loaded(controlName(ref.workshopId));
		return !!control && readPushedStatus(control.doc) === 'closed';
	};

	/**
	 * On unlock, every peer of the content room is asked for what it held back, so an edit typed
	 * at the moment of locking arrives afterwards; waiting anonymous cards go up as well.
	 */
	function watchControl(control: Room, workshopId: string): void {
		control.ready.then(
			() => {
				lockStates.set(control, readControl(control.doc).locked);
				control.doc.on('update', () => {
					const state = readControl(control.doc);
					if (state.plan?.currentPhaseId && !readPushedStatus(control.doc))
						markLive(workshopId, control);
					if (lockStates.get(control) && !state.locked)
						engine.loaded(documentName(workshopId, 'content'))?.resync();
					lockStates.set(control, state.locked);
					drafts.controlChanged(workshopId, state);
				});
			},
			() => undefined // the core reports rooms that fail to load
		);
	}

	/**
	 * The facilitator started the first phase: the workshop is live, in the store and on every
	 * open page. Once per workshop and process (a second process finds the status pushed).
	 */
	const starting = new Set<string>();
	function markLive(workshopId: string, control: Room): void {
		if (starting.has(workshopId)) return;
		starting.add(workshopId);
		db.run("UPDATE workshops SET status = 'live' WHERE id = ? AND status = 'draft'", [workshopId])
			.then(() =>
				db.get<{ status: string }>('SELECT status FROM workshops WHERE id = ?', [workshopId])
			)
			.then((row) => {
				if (row?.status === 'live') return control.change((doc) => pushStatus(doc, 'live'));
			})
			.catch(options.onError)
			.finally(() => starting.delete(workshopId));
	}

	const hooks: SyncHooks<WorkshopContext> = {
		onConfigure(handle) {
			engine = handle;
			drafts = new DraftPublisher(
				{
					open: engine.open,
					release: engine.release,
					privateDocuments: (workshopId) => engine.documentNames(`${workshopId}/private/`)
				},
				{
					secret: draftSecret,
					anonymousDelayMs: options.anonymousDelayMs,
					onError: options.onError
				}
			);
			stopListening = options.access.subscribe(onAccessChange);
		},

		onAuthenticate: ({ request, docName }) => authorize(request.headers.cookie, docName),

		dependencies(name) {
			// Content and private rooms read their workshop's lock and status on every incoming edit.
			const ref = parseDocumentName(name);
			return ref && ref.kind !== 'control' ? [controlName(ref.workshopId)] : [];
		},

		onCreateRoom({ room }) {
			const ref = parseDocumentName(room.name);
			if (ref?.kind === 'control') watchControl(room, ref.workshopId);
		},

		beforeApplyUpdate({ room, peer, inspection }) {
			const ref = parseDocumentName(room.name);
			if (!ref) return 'apply';
			// Closing is pushed first; from then on nothing of the workshop changes (decided here,
			// before applying, so a late edit is refused and its writer told, never half-stored).
			if (readPushedStatus(controlOf(ref.workshopId).doc) === 'closed')
				throw new RejectedMessage('workshop closed', closeCodes.workshopClosed);
			refuseRoundTableEdits(ref, controlOf(ref.workshopId).doc, inspection, peer);
			if (ref.kind === 'control') {
				refuseClientInventoryWrites(inspection);
				for (const { parent, key } of [...inspection.items, ...inspection.deletes])
					if (
						serverOnlyControl.has(parent[0] ?? '') ||
						(parent.length === 1 && parent[0] === 'control' && key === 'status')
					)
						throw new RejectedMessage('only the server writes results, counts and the status');
				return 'apply';
			}
			refuseOverlongText(room.doc, inspection.items, inspection.deletes);
			if (ref.kind === 'content')
				refuseForeignCardEdits(room, peer, inspection, {
					fixedCards: readFixedCards(controlOf(ref.workshopId).doc)
				});
			if (ref.kind === 'content') refuseForeignDataBoardEdits(room, peer, inspection);
			// A locked board holds participants' edits back at the server.
			if (ref.kind === 'content' && !peer.moderator && lockedFor(ref.workshopId)) return 'defer';
			return 'apply';
		},

		afterStoreUpdate({ room }) {
			const ref = parseDocumentName(room.name);
			if (ref?.kind === 'private')
				drafts.draftsChanged(ref.workshopId, room).catch(options.onError);
		},

		onRelayMessage(message) {
			if (message.kind === 'access' && message.change)
				recheckAccess(message.change).catch(options.onError);
		},

		onDestroy() {
			drafts.close();
			stopListening();
		}
	};
	return { hooks, documents };
}
