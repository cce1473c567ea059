import { districtKey } from '../domain/measures';
import type { Db } from './db';
import { listGoals } from './goals';
import { listDistricts } from './planning/districts';
import { getWorkshopLinks } from './workshop-links';

/**
 * The goals and districts a workshop's measure plan can link to: those the workshop is linked
 * with, or every goal when it has none (districts then stay empty: 685 Berlin areas are no list
 * to choose from on a phone).
 */
export async function measureChoices(db: Db, workshopId: string) {
	const links = await getWorkshopLinks(db, workshopId);
	const goals = (await listGoals(db)).filter(
		(g) => links.goalIds.length === 0 || links.goalIds.includes(g.id)
	);
	const linked = new Set(links.districts.map(districtKey));
	const districts = linked.size
		? (await listDistricts(db)).filter((d) => linked.has(districtKey(d)))
		: [];
	return {
		goals: goals.map((g) => ({ id: g.id, title: g.title })),
		districts: districts.map((d) => ({ code: districtKey(d), name: d.name }))
	};
}
