/**
 * Roll-up settings and computed values as stored. Computed values live beside the imported ones in
 * indicator_values (computed = 1), so the profile, the rule and the map work at every level without
 * knowing where a figure came from; the flag lets them say "berechnet". A recompute throws every
 * computed value away and builds them again, finest level first, in one transaction: a roll-up that
 * fails (a weight missing) leaves the previous values exactly as they were.
 */
import type { Db, Queryable, Tx } from '../db';
import {
	rollUp,
	type RollupChild,
	type RollupMethod,
	type RollupSetting,
	type ComputedHow
} from '../../domain/planning/rollup';

export type { ComputedHow };
import { chunk, valuesPlaceholders } from './batch';
import { waitForOtherImports } from './import-log';
import { joinExistingDistricts } from './indicators';

export interface RollupProblem {
	indicatorKey: string;
	level: string;
	period: string;
	message: string;
	areas: string[];
	count: number;
}

export type RollupOutcome =
	| { ok: true; values: number; steps: { from: string; to: string; indicators: number }[] }
	| { ok: false; errors: RollupProblem[] };

/** Thrown inside the transaction to roll it back; caught by the callers below. */
export class RollupRefused extends Error {
	constructor(readonly problems: RollupProblem[]) {
		super(problems.map((p) => p.message).join('\n'));
	}
}

export async function listRollupSettings(db: Queryable): Promise<RollupSetting[]> {
	const rows = await db.all<{
		indicator_key: string;
		method: RollupMethod;
		weight_key: string | null;
	}>('SELECT indicator_key, method, weight_key FROM indicator_rollups ORDER BY indicator_key');
	return rows.map((r) => ({
		indicatorKey: r.indicator_key,
		method: r.method,
		weightKey: r.weight_key
	}));
}

/**
 * Saves the settings (those with method 'none' are removed) and recomputes everything. All or
 * nothing: a setting that cannot be computed keeps the old settings and the old values.
 */
export async function saveRollupSettings(
	db: Db,
	settings: readonly RollupSetting[]
): Promise<RollupOutcome> {
	try {
		return await db.transaction(async (tx) => {
			await waitForOtherImports(tx);
			await tx.run('DELETE FROM indicator_rollups');
			const kept = settings.filter((s) => s.method !== 'none');
			const now = Date.now();
			for (const part of chunk(kept, 200)) {
				await tx.run(
					`INSERT INTO indicator_rollups (indicator_key, method, weight_key, updated_at)
					VALUES ${valuesPlaceholders(part.length, 4)}`,
					part.flatMap((s) => [
						s.indicatorKey,
						s.method,
						s.method === 'weightedMean' ? s.weightKey : null,
						now
					])
				);
			}
			return recomputeIn(tx);
		});
	} catch (error) {
		if (error instanceof RollupRefused) return { ok: false, errors: error.problems };
		throw error;
	}
}

/** After an import of values or boundaries: the computed values follow the new figures. */
export async function recomputeRollups(db: Db): Promise<RollupOutcome> {
	try {
		return await db.transaction(async (tx) => {
			await waitForOtherImports(tx);
			return recomputeIn(tx);
		});
	} catch (error) {
		if (error instanceof RollupRefused) return { ok: false, errors: error.problems };
		throw error;
	}
}

/**
 * Recomputes inside a caller's transaction (an import's), so new figures and the computed ones
 * change together; throws RollupRefused, which rolls the caller's transaction back.
 */
export async function recomputeRollupsIn(tx: Tx): Promise<RollupOutcome & { ok: true }> {
	return recomputeIn(tx);
}

async function recomputeIn(tx: Tx): Promise<RollupOutcome & { ok: true }> {
	await tx.run('DELETE FROM indicator_values WHERE computed = 1');
	const settings = await listRollupSettings(tx);
	if (settings.length === 0) return { ok: true, values: 0, steps: [] };
	// Sums first: a weighted mean one level up needs its weight (population) rolled up already.
	const ordered = [...settings].sort(
		(a, b) => Number(a.method === 'weightedMean') - Number(b.method === 'weightedMean')
	);
	const steps: { from: string; to: string; indicators: number }[] = [];
	const problems: RollupProblem[] = [];
	let stored = 0;
	for (const { from, to } of await levelSteps(tx)) {
		const children = await tx.all<{ code: string; name: string; parent_code: string | null }>(
			`SELECT c.code, c.name, c.parent_code FROM districts c
			JOIN districts p ON p.level = c.parent_level AND p.code = c.parent_code
			WHERE c.level = ? AND c.parent_level = ? ORDER BY c.code`,
			[from, to]
		);
		if (children.length === 0) continue;
		const rollupChildren: RollupChild[] = children.map((c) => ({
			code: c.code,
			name: c.name,
			parentCode: c.parent_code
		}));
		let indicators = 0;
		for (const setting of ordered) {
			const keys = setting.weightKey
				? [setting.indicatorKey, setting.weightKey]
				: [setting.indicatorKey];
			const rows = await tx.all<{
				indicator_key: string;
				district_code: string;
				period: string;
				value: number | null;
			}>(
				`SELECT v.indicator_key, v.district_code, v.period, v.value FROM indicator_values v
				${joinExistingDistricts} WHERE v.level = ? AND v.indicator_key IN (${keys.map(() => '?').join(', ')})`,
				[from, ...keys]
			);
			const periods = new Map<
				string,
				{ values: Map<string, number | null>; weights: Map<string, number | null> }
			>();
			for (const row of rows) {
				const entry = periods.get(row.period) ?? { values: new Map(), weights: new Map() };
				periods.set(row.period, entry);
				const value = row.value === null ? null : Number(row.value);
				if (row.indicator_key === setting.indicatorKey) entry.values.set(row.district_code, value);
				if (row.indicator_key === setting.weightKey) entry.weights.set(row.district_code, value);
			}
			let rolled = false;
			for (const [period, { values, weights }] of periods) {
				if (values.size === 0) continue;
				// An imported figure for the coarser level wins: the statistics office knows better.
				const imported = await tx.get<{ found: number }>(
					`SELECT 1 AS found FROM indicator_values
					WHERE indicator_key = ? AND level = ? AND period = ? AND computed = 0 LIMIT 1`,
					[setting.indicatorKey, to, period]
				);
				if (imported) continue;
				const result = rollUp({ setting, children: rollupChildren, values, weights });
				if (!result.ok) {
					problems.push({
						indicatorKey: setting.indicatorKey,
						level: from,
						period,
						message: result.message,
						areas: result.areas,
						count: result.count
					});
					continue;
				}
				for (const part of chunk(result.values, 500)) {
					await tx.run(
						`INSERT INTO indicator_values (indicator_key, level, district_code, period, value, computed)
						VALUES ${valuesPlaceholders(part.length, 6)}`,
						part.flatMap((v) => [setting.indicatorKey, to, v.parentCode, period, v.value, 1])
					);
				}
				stored += result.values.length;
				rolled = true;
			}
			if (rolled) indicators++;
		}
		steps.push({ from, to, indicators });
	}
	if (problems.length > 0) throw new RollupRefused(problems);
	return { ok: true, values: stored, steps };
}

/**
 * The level pairs (child → parent) in the order to compute them: the finest level first, so a
 * Bezirk is computed from Bezirksregionen whose values were themselves just computed.
 */
async function levelSteps(db: Queryable): Promise<{ from: string; to: string }[]> {
	const rows = await db.all<{ level: string; parent_level: string }>(
		`SELECT DISTINCT level, parent_level FROM districts WHERE parent_level IS NOT NULL`
	);
	const parentsOf = new Map<string, string[]>();
	for (const row of rows) {
		parentsOf.set(row.level, [...(parentsOf.get(row.level) ?? []), row.parent_level]);
	}
	// Depth = how many steps down from a level without parent; deepest first.
	const depth = (level: string, seen = new Set<string>()): number => {
		if (seen.has(level)) return 0;
		seen.add(level);
		const parents = parentsOf.get(level) ?? [];
		return parents.length === 0 ? 0 : 1 + Math.max(...parents.map((p) => depth(p, new Set(seen))));
	};
	return rows
		.filter((r) => r.level !== r.parent_level)
		.map((r) => ({ from: r.level, to: r.parent_level, depth: depth(r.level) }))
		.sort((a, b) => b.depth - a.depth || a.from.localeCompare(b.from))
		.map(({ from, to }) => ({ from, to }));
}

/** The (indicator, level, code, period) values that are computed, for pages to mark them. */
export async function computedKeys(
	db: Queryable,
	level: string,
	code: string
): Promise<Set<string>> {
	const rows = await db.all<{ indicator_key: string }>(
		'SELECT DISTINCT indicator_key FROM indicator_values WHERE level = ? AND district_code = ? AND computed = 1',
		[level, code]
	);
	return new Set(rows.map((r) => r.indicator_key));
}

/** Whether any value of the level is computed, per indicator (for maps and lists). */
export async function computedIndicatorsOfLevel(
	db: Queryable,
	level: string
): Promise<Set<string>> {
	const rows = await db.all<{ indicator_key: string }>(
		'SELECT DISTINCT indicator_key FROM indicator_values WHERE level = ? AND computed = 1',
		[level]
	);
	return new Set(rows.map((r) => r.indicator_key));
}

/** Per indicator with computed values on the level: method, weight and the level below. */
export async function computedHowOfLevel(
	db: Queryable,
	level: string
): Promise<Record<string, ComputedHow>> {
	const keys = await computedIndicatorsOfLevel(db, level);
	if (keys.size === 0) return {};
	const [rows, from] = await Promise.all([
		db.all<{
			indicator_key: string;
			method: 'sum' | 'weightedMean';
			weight_key: string | null;
			weight_label: string | null;
		}>(
			`SELECT r.indicator_key, r.method, r.weight_key, w.label AS weight_label
			FROM indicator_rollups r LEFT JOIN indicators w ON w.key = r.weight_key`
		),
		db.get<{ level: string }>(
			'SELECT level FROM districts WHERE parent_level = ? AND level <> ? ORDER BY level LIMIT 1',
			[level, level]
		)
	]);
	const how: Record<string, ComputedHow> = {};
	for (const row of rows) {
		if (!keys.has(row.indicator_key)) continue;
		how[row.indicator_key] = {
			method: row.method,
			weightKey: row.weight_key,
			weightLabel: row.weight_label,
			fromLevel: from?.level ?? null
		};
	}
	return how;
}
