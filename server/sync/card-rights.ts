import { closeCodes } from '../../src/lib/collab/documents';
import { cardCreator } from '../../src/lib/collab/wall';
import { RejectedMessage, type TypePath } from './inspect';
import type { Peer, ReadyInspection, Room } from './room';

/**
 * Who may change which card (issue "Live room", DESIGN.md §5), decided before an update is
 * applied. Facilitators may do everything. A participant:
 * - adds cards, and changes the text and colour of their own cards, bins and un-bins them;
 * - never marks a card as typed in from paper (hybrid sessions: the facilitator's job);
 * - moves and groups any card (place, group, the groups themselves) unless the facilitator
 *   has fixed the cards;
 * - never removes a card for good (it goes to the bin, `deletedAt`) and never rewrites
 *   someone else's card, not even by setting a new card under its id.
 * "Own" is decided by the server alone: the card was made under a Yjs client id the store
 * records as the participant's (`doc_clients`, the first writer of an id owns it). Cards the
 * server published (private and anonymous writing) belong to nobody here; their authors fix them
 * through the server, showing a key only their device holds (src/lib/collab/card-keys.ts).
 */
const movingFields = new Set(['x', 'y', 'cluster']);
/** Only facilitators type in paper cards, so nobody else may mark a card as one. */
const facilitatorFields = new Set(['fromPaper']);

/** A write the writer has no right to: 4403, so the client says "no access" rather than "broken". */
const refused = (reason: string) => new RejectedMessage(reason, closeCodes.forbidden);

export interface CardRightsOptions {
	/** The facilitator fixed the cards: only facilitators move and group them. */
	fixedCards: boolean;
}

export function refuseForeignCardEdits(
	room: Room,
	peer: Peer,
	inspection: ReadyInspection,
	{ fixedCards }: CardRightsOptions
): void {
	if (peer.moderator) return;
	const own = (cardId: string) => {
		const creator = cardCreator(room.doc, cardId);
		// A card not in the document yet is one this update makes: the writer's own.
		return creator === null || room.ownerOf(creator) === peer.owner;
	};
	const isNew = (cardId: string) => cardCreator(room.doc, cardId) === null;
	const check = (parent: TypePath, key: string | null, removal: boolean) => {
		if (parent[0] === 'clusters') {
			if (fixedCards) throw refused('the facilitator has fixed the cards');
			return;
		}
		if (parent[0] !== 'cards') return;
		if (parent.length === 1) {
			// An entry of the card map: a new card, or one set over an existing card's id.
			if (removal) throw refused('cards go to the bin, only facilitators remove them');
			if (key !== null && !own(key)) throw refused('not your card');
			return;
		}
		const cardId = parent[1];
		if (parent.length > 2 || cardId === null) throw refused('cards hold plain fields');
		if (key !== null && facilitatorFields.has(key))
			throw refused('only facilitators enter paper cards');
		if (key !== null && movingFields.has(key)) {
			if (fixedCards && !isNew(cardId)) throw refused('the facilitator has fixed the cards');
			return;
		}
		if (!own(cardId)) throw refused('not your card');
	};
	for (const item of inspection.items) check(item.parent, item.key, false);
	for (const removed of inspection.deletes) check(removed.parent, removed.key, true);
}
