/**
 * Everything below an area or a goal (issue 11, point 3): a Bezirk's register and page include the
 * measures of its Bezirksregionen and Planungsräume, and filtering by a goal includes its sub-goals.
 * One recursive query each; both stores know WITH RECURSIVE.
 */
import type { Queryable } from '../db';
import type { DistrictKey } from '../../domain/measures';

export interface AreaBelow extends DistrictKey {
	name: string;
	/** 0 for the area itself, 1 for its children, … */
	depth: number;
}

/** The area itself (if it exists) and every area below it, nearest first. */
export async function areaWithDescendants(db: Queryable, area: DistrictKey): Promise<AreaBelow[]> {
	const rows = await db.all<{ level: string; code: string; name: string; depth: number }>(
		`WITH RECURSIVE below(level, code, name, depth) AS (
			SELECT level, code, name, 0 FROM districts WHERE level = ? AND code = ?
			UNION
			SELECT c.level, c.code, c.name, b.depth + 1 FROM districts c
			JOIN below b ON c.parent_level = b.level AND c.parent_code = b.code
			WHERE b.depth < 10 AND NOT (c.level = b.level AND c.code = b.code)
		)
		SELECT level, code, name, MIN(depth) AS depth FROM below
		GROUP BY level, code, name ORDER BY MIN(depth), level, code`,
		[area.level, area.code]
	);
	return rows.map((r) => ({ level: r.level, code: r.code, name: r.name, depth: Number(r.depth) }));
}

/** The goal and all its sub-goals (any depth); empty when the goal does not exist. */
export async function goalWithDescendants(db: Queryable, goalId: string): Promise<string[]> {
	const rows = await db.all<{ id: string }>(
		`WITH RECURSIVE below(id, depth) AS (
			SELECT id, 0 FROM goals WHERE id = ?
			UNION
			SELECT g.id, b.depth + 1 FROM goals g JOIN below b ON g.parent_id = b.id WHERE b.depth < 10
		)
		SELECT DISTINCT id FROM below`,
		[goalId]
	);
	return rows.map((r) => r.id);
}

/**
 * A SQL condition "the row's (level, code) is one of these areas", grouped by level so a Bezirk with
 * 60 areas below costs a few dozen parameters, not 120.
 */
export function areaCondition(
	levelColumn: string,
	codeColumn: string,
	areas: readonly DistrictKey[]
): { sql: string; params: string[] } {
	if (areas.length === 0) return { sql: '1 = 0', params: [] };
	const byLevel = new Map<string, string[]>();
	for (const a of areas) byLevel.set(a.level, [...(byLevel.get(a.level) ?? []), a.code]);
	const parts: string[] = [];
	const params: string[] = [];
	for (const [level, codes] of byLevel) {
		parts.push(`(${levelColumn} = ? AND ${codeColumn} IN (${codes.map(() => '?').join(', ')}))`);
		params.push(level, ...codes);
	}
	return { sql: `(${parts.join(' OR ')})`, params };
}
