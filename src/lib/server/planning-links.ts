import type { Db } from './db';
import { listGoals, type Goal } from './goals';
import { listMeasures, type Measure } from './measures';
import type { Workshop } from './workshops';

/**
 * What a district page shows besides its indicators (DESIGN §2): the goals that apply, the measures
 * and the workshops held there. Districts are identified by (level, code); without `level`, a code
 * matches on every level (codes are unique only within a level, see migration 2).
 */
export interface DistrictGoal extends Goal {
	/** True when the goal applies because it is city-wide, not because it names this district. */
	viaCitywide: boolean;
}

const matches = (d: { level: string; code: string }, code: string, level?: string) =>
	d.code === code && (level === undefined || d.level === level);

export async function goalsForDistrict(
	db: Db,
	code: string,
	level?: string
): Promise<DistrictGoal[]> {
	return (await listGoals(db))
		.filter((g) => g.citywide || g.districts.some((d) => matches(d, code, level)))
		.map((g) => ({ ...g, viaCitywide: !g.districts.some((d) => matches(d, code, level)) }));
}

export async function measuresForDistrict(
	db: Db,
	code: string,
	level?: string
): Promise<Measure[]> {
	const ids = await db.all<{ measure_id: string }>(
		`SELECT DISTINCT measure_id FROM measure_districts WHERE district_code = ?
		${level === undefined ? '' : 'AND district_level = ?'}`,
		level === undefined ? [code] : [code, level]
	);
	const wanted = new Set(ids.map((r) => r.measure_id));
	if (wanted.size === 0) return [];
	return (await listMeasures(db)).filter((m) => wanted.has(m.id));
}

export async function workshopsForDistrict(
	db: Db,
	code: string,
	level?: string
): Promise<Pick<Workshop, 'id' | 'title' | 'format' | 'startsOn' | 'status'>[]> {
	const rows = await db.all<{
		id: string;
		title: string;
		format: Workshop['format'];
		starts_on: string | null;
		status: Workshop['status'];
	}>(
		`SELECT w.id, w.title, w.format, w.starts_on, w.status FROM workshops w
		WHERE w.id IN (SELECT d.workshop_id FROM workshop_districts d WHERE d.district_code = ?
			${level === undefined ? '' : 'AND d.district_level = ?'})
		ORDER BY w.starts_on IS NULL, w.starts_on DESC, w.title`,
		level === undefined ? [code] : [code, level]
	);
	return rows.map((r) => ({
		id: r.id,
		title: r.title,
		format: r.format,
		startsOn: r.starts_on,
		status: r.status
	}));
}
