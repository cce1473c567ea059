import type { Db, Queryable } from './db';
import { newId } from '../ids';
import {
	checkGoalParent,
	districtKey,
	type Checked,
	type DistrictKey,
	type GoalInput,
	type GoalLevel,
	type GoalStatus,
	type GoalTarget
} from '../domain/measures';

/** Goals (Entwicklungsziele) as stored: Leitbild → strategic → operative, districts or city-wide. */
export interface Goal {
	id: string;
	title: string;
	description: string;
	parentId: string | null;
	level: GoalLevel;
	status: GoalStatus;
	citywide: boolean;
	districts: DistrictKey[];
	target: GoalTarget | null;
	createdAt: number;
	updatedAt: number;
}

interface GoalRow {
	id: string;
	title: string;
	description: string;
	parent_id: string | null;
	level: GoalLevel;
	status: GoalStatus;
	citywide: number;
	target_indicator_key: string | null;
	target_value: number | null;
	target_year: number | null;
	created_at: number;
	updated_at: number;
}

function toGoal(row: GoalRow, districts: DistrictKey[]): Goal {
	return {
		id: row.id,
		title: row.title,
		description: row.description,
		parentId: row.parent_id,
		level: row.level,
		status: row.status,
		citywide: Number(row.citywide) === 1,
		districts,
		target:
			row.target_indicator_key !== null && row.target_value !== null && row.target_year !== null
				? {
						indicatorKey: row.target_indicator_key,
						value: Number(row.target_value),
						year: Number(row.target_year)
					}
				: null,
		createdAt: Number(row.created_at),
		updatedAt: Number(row.updated_at)
	};
}

type DistrictLinkRow = { owner: string; district_level: string; district_code: string };

/** District links of many rows at once, grouped by owner id. */
export function groupDistricts(rows: DistrictLinkRow[]): Map<string, DistrictKey[]> {
	const map = new Map<string, DistrictKey[]>();
	for (const row of rows)
		map.set(row.owner, [
			...(map.get(row.owner) ?? []),
			{ level: row.district_level, code: row.district_code }
		]);
	return map;
}

export async function listGoals(db: Queryable): Promise<Goal[]> {
	const rows = await db.all<GoalRow>('SELECT * FROM goals ORDER BY title');
	const links = groupDistricts(
		await db.all<DistrictLinkRow>(
			`SELECT goal_id AS owner, district_level, district_code FROM goal_districts
			ORDER BY district_level, district_code`
		)
	);
	return rows.map((row) => toGoal(row, links.get(row.id) ?? []));
}

export async function getGoal(db: Queryable, id: string): Promise<Goal | null> {
	const row = await db.get<GoalRow>('SELECT * FROM goals WHERE id = ?', [id]);
	if (!row) return null;
	const links = await db.all<DistrictLinkRow>(
		`SELECT goal_id AS owner, district_level, district_code FROM goal_districts WHERE goal_id = ?
		ORDER BY district_level, district_code`,
		[id]
	);
	return toGoal(row, groupDistricts(links).get(id) ?? []);
}

/** Known districts among `keys`; links to unknown districts are refused at the edge. */
export async function unknownDistricts(db: Queryable, keys: DistrictKey[]): Promise<DistrictKey[]> {
	const unknown: DistrictKey[] = [];
	for (const key of keys) {
		const row = await db.get('SELECT 1 AS x FROM districts WHERE level = ? AND code = ?', [
			key.level,
			key.code
		]);
		if (!row) unknown.push(key);
	}
	return unknown;
}

/**
 * The goal's place in the hierarchy and the districts it adds. Districts it already links are not
 * checked again: a boundary import may have removed one, and that must not block every later save.
 */
async function checkPlace(
	tx: Queryable,
	id: string | null,
	input: GoalInput,
	storedDistricts: readonly DistrictKey[] = [],
	storedIndicator: string | null = null
): Promise<Checked<null>> {
	const goals = await tx.all<{ id: string; parent_id: string | null; level: GoalLevel }>(
		'SELECT id, parent_id, level FROM goals'
	);
	const problem = checkGoalParent(
		goals.map((g) => ({ id: g.id, parentId: g.parent_id, level: g.level })),
		id,
		input
	);
	if (problem) return { ok: false, error: problem };
	// A level change must not leave the children one level off.
	if (id !== null && goals.some((g) => g.parent_id === id && g.level !== childLevel(input.level)))
		return { ok: false, error: { field: 'level', error: 'measures.error.parentLevel' } };
	// A target measures an indicator the city has: a typo would leave the goal without a value for
	// good. Like districts, a key already stored is not checked again (an import may have dropped it).
	const indicator = input.target?.indicatorKey;
	if (
		indicator !== undefined &&
		indicator !== storedIndicator &&
		!(await tx.get('SELECT 1 AS x FROM indicators WHERE key = ?', [indicator]))
	)
		return {
			ok: false,
			error: {
				field: 'targetIndicatorKey',
				error: 'measures.error.listInvalid',
				params: { item: indicator.length > 60 ? `${indicator.slice(0, 59)}…` : indicator }
			}
		};
	const stored = new Set(storedDistricts.map(districtKey));
	const [unknown] = await unknownDistricts(
		tx,
		input.districts.filter((d) => !stored.has(districtKey(d)))
	);
	if (unknown)
		return {
			ok: false,
			error: {
				field: 'districts',
				error: 'measures.error.listInvalid',
				params: { item: districtKey(unknown) }
			}
		};
	return { ok: true, value: null };
}

function childLevel(level: GoalLevel): GoalLevel | null {
	return level === 'leitbild' ? 'strategic' : level === 'strategic' ? 'operative' : null;
}

async function writeDistricts(tx: Queryable, id: string, districts: DistrictKey[]) {
	await tx.run('DELETE FROM goal_districts WHERE goal_id = ?', [id]);
	for (const d of districts)
		await tx.run(
			'INSERT INTO goal_districts (goal_id, district_level, district_code) VALUES (?, ?, ?)',
			[id, d.level, d.code]
		);
}

export async function createGoal(
	db: Db,
	input: GoalInput,
	createdBy: string | null,
	now = Date.now()
): Promise<Checked<Goal>> {
	return db.transaction(async (tx) => {
		const place = await checkPlace(tx, null, input);
		if (!place.ok) return place;
		const id = newId();
		await tx.run(
			`INSERT INTO goals (id, title, description, parent_id, level, status, citywide,
				target_indicator_key, target_value, target_year, created_by, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			[
				id,
				input.title,
				input.description,
				input.parentId,
				input.level,
				input.status,
				input.citywide ? 1 : 0,
				input.target?.indicatorKey ?? null,
				input.target?.value ?? null,
				input.target?.year ?? null,
				createdBy,
				now,
				now
			]
		);
		await writeDistricts(tx, id, input.districts);
		return { ok: true, value: (await getGoal(tx, id)) as Goal };
	});
}

/** Null when the goal does not exist. */
export async function updateGoal(
	db: Db,
	id: string,
	input: GoalInput,
	now = Date.now()
): Promise<Checked<Goal> | null> {
	return db.transaction(async (tx) => {
		const stored = await getGoal(tx, id);
		if (!stored) return null;
		const place = await checkPlace(
			tx,
			id,
			input,
			stored.districts,
			stored.target?.indicatorKey ?? null
		);
		if (!place.ok) return place;
		await tx.run(
			`UPDATE goals SET title = ?, description = ?, parent_id = ?, level = ?, status = ?, citywide = ?,
				target_indicator_key = ?, target_value = ?, target_year = ?, updated_at = ?
			WHERE id = ?`,
			[
				input.title,
				input.description,
				input.parentId,
				input.level,
				input.status,
				input.citywide ? 1 : 0,
				input.target?.indicatorKey ?? null,
				input.target?.value ?? null,
				input.target?.year ?? null,
				now,
				id
			]
		);
		await writeDistricts(tx, id, input.districts);
		return { ok: true, value: (await getGoal(tx, id)) as Goal };
	});
}

/** A goal with sub-goals is not deleted: its children would lose their place in the hierarchy. */
export async function deleteGoal(
	db: Db,
	id: string
): Promise<'deleted' | 'hasChildren' | 'missing'> {
	return db.transaction(async (tx) => {
		if (await tx.get('SELECT 1 AS x FROM goals WHERE parent_id = ?', [id])) return 'hasChildren';
		const { changes } = await tx.run('DELETE FROM goals WHERE id = ?', [id]);
		return changes ? 'deleted' : 'missing';
	});
}
