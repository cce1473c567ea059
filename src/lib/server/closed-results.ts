import { documentName } from '../collab/documents';
import { cardCreator } from '../collab/wall';
import {
	readClosedResults,
	type ClosedResults,
	type ResultMeasure
} from '../results/closed-results';
import { loadStoredDoc } from './close-workshop';
import { dataCommentsSection } from './archive/documents/data-comments';
import type { Db } from './db';
import { listMeasures, listMeasureUpdates } from './measures';

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
		const results = { ...read, phases: [...read.phases, ...comments] };
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
