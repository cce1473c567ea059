import { documentName } from '../collab/documents';
import { cardCreator } from '../collab/wall';
import { districtKey } from '../domain/measures';
import {
	readClosedResults,
	type ClosedResults,
	type ResultAgenda,
	type ResultInventory,
	type ResultMeasure,
	type ResultPhase
} from '../results/closed-results';
import { loadStoredDoc } from './close-workshop';
import { dataCommentsSection } from './archive/documents/data-comments';
import type { Db } from './db';
import { listInventory } from './inventory/store';
import { listMeasures, listMeasureUpdates } from './measures';
import { meetingRecords } from './round-table/records';
import { getMeeting } from './round-table/series';
import { getWorkshopLinks } from './workshop-links';

/**
 * What a closed workshop shows on its live page, read once from the store (the sync server
 * refuses closed workshops). Once the measures are in the register, they are shown from there:
 * with their current status and the newest progress note, so participants see what became of
 * their input as controlling goes on. A measure that grew from one of this person's own cards says
 * so; "own" is the store's record of their Yjs client ids, as for editing. Anonymous cards were
 * published by the server and stay nobody's.
 */
export async function closedWorkshopResults(
	db: Db,
	workshopId: string,
	ownClients: readonly number[]
): Promise<ClosedResults> {
	const content = await loadStoredDoc(db, documentName(workshopId, 'content'));
	const control = await loadStoredDoc(db, documentName(workshopId, 'control'));
	try {
		const read = readClosedResults(content, control);
		const comments = await dataCommentsSection(db, workshopId, content);
		const results = {
			...read,
			phases: [...(await withInventory(db, workshopId, read.phases)), ...comments],
			...(read.agenda ? { agenda: await withStoredRecords(db, workshopId, read.agenda) } : {})
		};
		const register = await listMeasures(db, { workshopId });
		if (register.length === 0) return results;
		const own = new Set(ownClients);
		const fromOwnCard = (cardIds: string[]) =>
			cardIds.some((id) => {
				const creator = cardCreator(content, id);
				return creator !== null && own.has(creator);
			});
		const measures = await Promise.all(
			register.map(async (m): Promise<ResultMeasure> => {
				const latest = (await listMeasureUpdates(db, m.id))[0] ?? null;
				return {
					id: m.id,
					title: m.title,
					description: m.description,
					responsible: m.responsible,
					dueOn: m.dueOn ?? '',
					status: m.status,
					progress: m.progress,
					latest: latest ? { on: latest.reportedOn, note: latest.note } : null,
					fromOwnCard: fromOwnCard(m.originCards.map((c) => c.id))
				};
			})
		);
		return { ...results, measures };
	} finally {
		content.destroy();
		control.destroy();
	}
}

/** The services entered on the Bestandsaufnahme board, on its first phase (a plan may repeat it). */
async function withInventory(
	db: Db,
	workshopId: string,
	phases: ResultPhase[]
): Promise<ResultPhase[]> {
	const index = phases.findIndex((p) => p.kinds.includes('inventory'));
	if (index < 0) return phases;
	const inventory = await inventoryOfWorkshop(db, workshopId);
	return phases.map((p, i) => (i === index ? { ...p, inventory } : p));
}

/**
 * A Runder Tisch meeting's decisions and action items as the store has them now: an action item
 * agreed here may have been done since, at a later meeting. A meeting outside a series keeps what
 * its control document held.
 */
async function withStoredRecords(
	db: Db,
	workshopId: string,
	agenda: ResultAgenda
): Promise<ResultAgenda> {
	const meeting = await getMeeting(db, workshopId);
	if (!meeting) return agenda;
	const { decisions, actions } = await meetingRecords(db, meeting);
	return {
		...agenda,
		decisions,
		actions: actions.map(({ id, title, owner, dueOn, status, fromMeeting, carried }) => ({
			id,
			title,
			owner,
			dueOn,
			status,
			fromMeeting,
			carried
		}))
	};
}

/**
 * The services added during this workshop, by district. An entry belongs to its district and
 * outlives the workshop; those brought from earlier work are the district's, not this result.
 * Who entered a service (`added_by`) is never read here.
 */
async function inventoryOfWorkshop(db: Db, workshopId: string): Promise<ResultInventory> {
	const { districts } = await getWorkshopLinks(db, workshopId);
	const entries = (await listInventory(db, districts)).filter((e) => e.workshopId === workshopId);
	const out: ResultInventory = { districts: [] };
	for (const district of districts) {
		const key = districtKey(district);
		const row = await db.get<{ name: string }>(
			'SELECT name FROM districts WHERE level = ? AND code = ?',
			[district.level, district.code]
		);
		out.districts.push({
			key,
			name: row?.name ?? district.code,
			services: entries
				.filter((e) => districtKey(e.district) === key)
				.map((e) => ({
					id: e.id,
					name: e.name,
					provider: e.provider,
					targetGroups: e.targetGroups,
					kind: e.kind
				}))
		});
	}
	return out;
}
