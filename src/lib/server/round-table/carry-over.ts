import { addAgendaItem, readAgenda } from '../../boards/agenda/agenda-doc';
import type { AppServices } from '../services';
import { contentOf, type Meeting } from './series';

/** The first item of every meeting after the first: what became of the open action items. */
export const reviewItemId = 'review-open-actions';
export const reviewItemTitle = 'Offene Aufgaben prüfen';

/**
 * Carries the previous meeting's unfinished agenda items into a new meeting, each marked with the
 * date it came from, after an opening "Offene Aufgaben prüfen" (the open action items themselves
 * are listed from the store, see records.ts). Idempotent: an item already carried is not added
 * twice, so running it again after a failure changes nothing.
 */
export async function carryOver(
	{ documents }: Pick<AppServices, 'documents'>,
	previous: Meeting | null,
	meeting: Meeting
): Promise<number> {
	if (!previous) return 0;
	const unfinished = await documents.read(contentOf(previous.id), (doc) =>
		readAgenda(doc).filter((item) => !item.done && item.id !== reviewItemId && item.title)
	);
	let added = 0;
	await documents.change(contentOf(meeting.id), (doc) => {
		const present = readAgenda(doc);
		const carried = new Set(present.map((item) => item.carriedItem));
		if (!present.some((item) => item.id === reviewItemId))
			addAgendaItem(doc, reviewItemId, { title: reviewItemTitle, position: 0, timebox: 10 });
		unfinished.forEach((item, index) => {
			const origin = item.carriedItem ?? item.id;
			if (carried.has(origin)) return;
			addAgendaItem(doc, `carried-${origin}`, {
				title: item.title,
				timebox: item.timebox,
				position: 1 + index,
				carriedFrom: previous.meetsOn,
				carriedItem: origin
			});
			added++;
		});
	});
	return added;
}
