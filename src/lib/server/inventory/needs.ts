import { documentName } from '../../collab/documents';
import { readCards } from '../../collab/wall';
import { districtKey } from '../../domain/measures';
import type { Db } from '../db';
import type { LiveDocuments } from '../live-documents';
import { getWorkshopLinks } from '../workshop-links';
import { announceInventoryChange } from './live';
import {
	getInventoryEntry,
	listInventory,
	listNeedLinks,
	setNeedLink,
	type NeedLink
} from './store';

/**
 * Bedarfe (issue 13, point 4): a needs card on the wall linked to target groups and to an entry
 * of the Bestandsaufnahme that covers it, or marked "nicht gedeckt" — a Versorgungslücke that the
 * district page shows. Linking is the room's shared sorting work, like grouping cards, so everyone
 * who may write the workshop may set it; the server checks the card is on the wall and the entry
 * belongs to one of the workshop's districts, then stores the link and the card's text as it is.
 */
export const maxTargetGroupsLength = 300;

export interface NeedsView {
	/** Only workshops about districts have an inventory to link to. */
	enabled: boolean;
	entries: { id: string; name: string }[];
	links: Omit<NeedLink, 'updatedAt'>[];
}

/**
 * Districts a workshop links to for linking needs: only a Sozialraumkonferenz works with the
 * inventory (other formats may name districts for the trail, and their walls stay as they are).
 */
async function needsDistricts(db: Db, workshopId: string) {
	const workshop = await db.get<{ format: string }>('SELECT format FROM workshops WHERE id = ?', [
		workshopId
	]);
	if (workshop?.format !== 'sozialraumkonferenz') return [];
	return (await getWorkshopLinks(db, workshopId)).districts;
}

export async function loadNeeds(db: Db, workshopId: string): Promise<NeedsView> {
	const districts = await needsDistricts(db, workshopId);
	if (districts.length === 0) return { enabled: false, entries: [], links: [] };
	const entries = await listInventory(db, districts);
	const links = await listNeedLinks(db, workshopId);
	return {
		enabled: true,
		entries: entries.map((e) => ({ id: e.id, name: e.name })),
		links: links.map((link) => ({
			cardId: link.cardId,
			cardText: link.cardText,
			targetGroups: link.targetGroups,
			covered: link.covered,
			entryId: link.entryId
		}))
	};
}

export type NeedLinkErrorKey =
	| 'inventory.need.cardGone'
	| 'inventory.need.entryGone'
	| 'inventory.need.tooLong'
	| 'inventory.need.noDistricts';

/** `coverage`: '' removes the link, 'none' marks a gap, anything else is the covering entry's id. */
export async function linkNeed(
	services: { db: Db; documents: LiveDocuments },
	workshopId: string,
	request: { cardId: string; targetGroups: string; coverage: string }
): Promise<{ ok: true } | { ok: false; status: 400 | 404; key: NeedLinkErrorKey }> {
	const { db, documents } = services;
	const targetGroups = request.targetGroups.replace(/\s+/g, ' ').trim();
	if (targetGroups.length > maxTargetGroupsLength)
		return { ok: false, status: 400, key: 'inventory.need.tooLong' };
	const districts = await needsDistricts(db, workshopId);
	if (districts.length === 0) return { ok: false, status: 400, key: 'inventory.need.noDistricts' };
	const card = (
		await documents.read(documentName(workshopId, 'content'), (doc) => readCards(doc))
	).find((c) => c.id === request.cardId);
	if (!card) return { ok: false, status: 404, key: 'inventory.need.cardGone' };
	let entryId: string | null = null;
	if (request.coverage !== '' && request.coverage !== 'none') {
		const entry = await getInventoryEntry(db, request.coverage);
		const keys = new Set(districts.map(districtKey));
		if (!entry || !keys.has(districtKey(entry.district)))
			return { ok: false, status: 404, key: 'inventory.need.entryGone' };
		entryId = entry.id;
	}
	await setNeedLink(
		db,
		workshopId,
		card.id,
		request.coverage === '' && targetGroups === ''
			? null
			: request.coverage === ''
				? { cardText: card.text, targetGroups, covered: null, entryId: null }
				: { cardText: card.text, targetGroups, covered: entryId !== null, entryId }
	);
	await announceInventoryChange(documents, workshopId);
	return { ok: true };
}
