import type { Db } from './db';
import { listGoals, type Goal } from './goals';
import { listMeasures, type Measure } from './measures';
import { areaCondition, areaWithDescendants } from './planning/hierarchy';
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

/** A measure on a district page; `via`: linked only to these areas below the district. */
export interface DistrictMeasure extends Measure {
	via: { level: string; code: string; name: string }[];
}

/**
 * The district's measures and, given the level, those of every area below it (a Bezirk shows its
 * Planungsräume' measures), each of those marked with the child area it is linked to.
 */
export async function measuresForDistrict(
	db: Db,
	code: string,
	level?: string
): Promise<DistrictMeasure[]> {
	const below =
		level === undefined
			? []
			: (await areaWithDescendants(db, { level, code })).filter((a) => a.depth > 0);
	const own =
		level === undefined
			? { sql: 'district_code = ?', params: [code] }
			: { sql: '(district_level = ? AND district_code = ?)', params: [level, code] };
	const children = areaCondition('district_level', 'district_code', below);
	const rows = await db.all<{ measure_id: string; district_level: string; district_code: string }>(
		`SELECT DISTINCT measure_id, district_level, district_code FROM measure_districts
		WHERE ${own.sql}${below.length > 0 ? ` OR ${children.sql}` : ''}`,
		below.length > 0 ? [...own.params, ...children.params] : own.params
	);
	if (rows.length === 0) return [];
	const isOwn = (r: { district_level: string; district_code: string }) =>
		r.district_code === code && (level === undefined || r.district_level === level);
	const direct = new Set(rows.filter(isOwn).map((r) => r.measure_id));
	const names = new Map(below.map((a) => [`${a.level}:${a.code}`, a] as const));
	const via = new Map<string, DistrictMeasure['via']>();
	for (const row of rows) {
		if (direct.has(row.measure_id) || isOwn(row)) continue;
		const area = names.get(`${row.district_level}:${row.district_code}`);
		if (!area) continue;
		via.set(row.measure_id, [
			...(via.get(row.measure_id) ?? []),
			{ level: area.level, code: area.code, name: area.name }
		]);
	}
	return (await listMeasures(db))
		.filter((m) => direct.has(m.id) || via.has(m.id))
		.map((m) => ({ ...m, via: via.get(m.id) ?? [] }));
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
