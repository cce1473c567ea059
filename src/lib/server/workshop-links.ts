import type { Db, Queryable } from './db';
import { unknownDistricts } from './goals';
import type { Checked, DistrictKey } from '../domain/measures';

/** Which districts a workshop is about and which goals it works on (DESIGN §2: the trail). */
export interface WorkshopLinks {
	districts: DistrictKey[];
	goalIds: string[];
}

export async function getWorkshopLinks(db: Queryable, workshopId: string): Promise<WorkshopLinks> {
	const districts = await db.all<{ district_level: string; district_code: string }>(
		`SELECT district_level, district_code FROM workshop_districts WHERE workshop_id = ?
		ORDER BY district_level, district_code`,
		[workshopId]
	);
	const goals = await db.all<{ goal_id: string }>(
		'SELECT goal_id FROM workshop_goals WHERE workshop_id = ? ORDER BY goal_id',
		[workshopId]
	);
	return {
		districts: districts.map((d) => ({ level: d.district_level, code: d.district_code })),
		goalIds: goals.map((g) => g.goal_id)
	};
}

export async function setWorkshopLinks(
	db: Db,
	workshopId: string,
	links: WorkshopLinks
): Promise<Checked<WorkshopLinks>> {
	return db.transaction(async (tx) => {
		if ((await unknownDistricts(tx, links.districts)).length)
			return { ok: false, error: { field: 'districts', error: 'measures.error.listInvalid' } };
		for (const goalId of links.goalIds)
			if (!(await tx.get('SELECT 1 AS x FROM goals WHERE id = ?', [goalId])))
				return { ok: false, error: { field: 'goalIds', error: 'measures.error.listInvalid' } };
		await tx.run('DELETE FROM workshop_districts WHERE workshop_id = ?', [workshopId]);
		await tx.run('DELETE FROM workshop_goals WHERE workshop_id = ?', [workshopId]);
		for (const d of links.districts)
			await tx.run(
				'INSERT INTO workshop_districts (workshop_id, district_level, district_code) VALUES (?, ?, ?)',
				[workshopId, d.level, d.code]
			);
		for (const goalId of links.goalIds)
			await tx.run('INSERT INTO workshop_goals (workshop_id, goal_id) VALUES (?, ?)', [
				workshopId,
				goalId
			]);
		return { ok: true, value: links };
	});
}
