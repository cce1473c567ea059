import { timingSafeEqual } from 'node:crypto';
import * as Y from 'yjs';
import { hashCardKey, isCardKey } from '../collab/card-keys';
import { readLocked } from '../collab/control';
import { documentName } from '../collab/documents';
import { cardsOf, deleteCard, readCardFields, restoreCard, updateCard } from '../collab/wall';
import { checkCardText, isCardColour, type CardColour } from '../domain/cards';
import type { AppServices } from './services';

/** What an anonymous author may do to their own published card. */
export type OwnCardChange =
	{ kind: 'edit'; text: string; colour: CardColour } | { kind: 'bin' } | { kind: 'restore' };

export type OwnCardError =
	'wall.cardEmpty' | 'wall.cardTooLong' | 'ownCard.notYours' | 'ownCard.gone' | 'wall.lockedNote';

/** Reads a request body into a change, or null when it is not one. */
export function parseOwnCardChange(body: Record<string, unknown>): OwnCardChange | null {
	if (body.kind === 'bin' || body.kind === 'restore') return { kind: body.kind };
	if (body.kind === 'edit' && typeof body.text === 'string' && isCardColour(body.colour))
		return { kind: 'edit', text: body.text, colour: body.colour };
	return null;
}

/**
 * Changes a card the server published, for whoever holds its key (see $lib/collab/card-keys): the
 * key's hash must match the card's, checked inside the change, so no concurrent write slips
 * between check and change. The server writes under its own client id; nothing about the asker is
 * stored. The caller has checked the asker may write this workshop (`workshopRequest`).
 */
export async function changeOwnCard(
	{ documents }: Pick<AppServices, 'documents'>,
	workshopId: string,
	request: { cardId: string; key: string; change: OwnCardChange; facilitator: boolean }
): Promise<{ ok: true } | { ok: false; error: OwnCardError }> {
	const { cardId, key, change } = request;
	let text = '';
	if (change.kind === 'edit') {
		const checked = checkCardText(change.text);
		if (!checked.ok) return { ok: false, error: checked.error };
		text = checked.text;
	}
	if (!isCardKey(key)) return { ok: false, error: 'ownCard.notYours' };
	const locked = await documents.read(documentName(workshopId, 'control'), readLocked);
	if (locked && !request.facilitator) return { ok: false, error: 'wall.lockedNote' };
	let outcome: { ok: true } | { ok: false; error: OwnCardError } = {
		ok: false,
		error: 'ownCard.gone'
	};
	await documents.change(documentName(workshopId, 'content'), (doc) => {
		const fields = cardsOf(doc).get(cardId);
		if (!(fields instanceof Y.Map)) return;
		const card = readCardFields(cardId, fields);
		if (!card.keyHash || !sameHash(card.keyHash, hashCardKey(key))) {
			outcome = { ok: false, error: 'ownCard.notYours' };
			return;
		}
		if (change.kind === 'edit') updateCard(doc, cardId, { text, colour: change.colour });
		else if (change.kind === 'bin') deleteCard(doc, cardId);
		else restoreCard(doc, { id: cardId });
		outcome = { ok: true };
	});
	return outcome;
}

function sameHash(a: string, b: string): boolean {
	return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}
