import type { Db } from './db';
import type { Goal } from './goals';

/**
 * A goal's target next to the indicator's current value (its latest period). For a goal with
 * districts: the value of each linked district on the indicator's level. For a city-wide goal: a
 * stored city-wide value (level `citywideLevel`) when there is one, else the unweighted mean over
 * the districts of the indicator's level — shown as such, since it is not the population-weighted
 * rate a statistics office would publish.
 */
export const citywideLevel = 'stadt';

export interface GoalIndicatorStatus {
	key: string;
	label: string;
	unit: string;
	polarity: 'higherIsWorse' | 'higherIsBetter';
	target: { value: number; year: number };
	period: string | null;
	citywide: { value: number; basis: 'stored' | 'mean'; areas: number } | null;
	districts: { level: string; code: string; name: string; value: number | null }[];
}

export async function goalIndicatorStatus(db: Db, goal: Goal): Promise<GoalIndicatorStatus | null> {
	if (!goal.target) return null;
	const indicator = await db.get<{
		key: string;
		label: string;
		unit: string;
		polarity: GoalIndicatorStatus['polarity'];
		level: string;
	}>('SELECT key, label, unit, polarity, level FROM indicators WHERE key = ?', [
		goal.target.indicatorKey
	]);
	const status: GoalIndicatorStatus = {
		key: goal.target.indicatorKey,
		label: indicator?.label ?? goal.target.indicatorKey,
		unit: indicator?.unit ?? '',
		polarity: indicator?.polarity ?? 'higherIsWorse',
		target: { value: goal.target.value, year: goal.target.year },
		period: null,
		citywide: null,
		districts: []
	};
	if (!indicator) return status;

	if (goal.citywide) {
		const stored = await db.get<{ period: string; value: number | null }>(
			`SELECT period, value FROM indicator_values WHERE indicator_key = ? AND level = ?
			ORDER BY period DESC LIMIT 1`,
			[indicator.key, citywideLevel]
		);
		if (stored && stored.value !== null) {
			status.period = stored.period;
			status.citywide = { value: Number(stored.value), basis: 'stored', areas: 1 };
			return status;
		}
		const latest = await db.get<{ period: string | null }>(
			'SELECT MAX(period) AS period FROM indicator_values WHERE indicator_key = ? AND level = ?',
			[indicator.key, indicator.level]
		);
		if (!latest?.period) return status;
		const mean = await db.get<{ mean: number | null; n: number }>(
			// Only districts that exist now: a boundary import keeps the values of removed areas.
			`SELECT AVG(v.value) AS mean, COUNT(v.value) AS n FROM indicator_values v
			JOIN districts d ON d.level = v.level AND d.code = v.district_code
			WHERE v.indicator_key = ? AND v.level = ? AND v.period = ?`,
			[indicator.key, indicator.level, latest.period]
		);
		status.period = latest.period;
		if (mean?.mean !== null && mean?.mean !== undefined)
			status.citywide = { value: Number(mean.mean), basis: 'mean', areas: Number(mean.n) };
		return status;
	}

	for (const district of goal.districts) {
		const row = await db.get<{ period: string; value: number | null; name: string | null }>(
			`SELECT v.period, v.value, d.name FROM indicator_values v
			LEFT JOIN districts d ON d.level = v.level AND d.code = v.district_code
			WHERE v.indicator_key = ? AND v.level = ? AND v.district_code = ?
			ORDER BY v.period DESC LIMIT 1`,
			[indicator.key, district.level, district.code]
		);
		if (!row) continue;
		status.period = status.period && status.period > row.period ? status.period : row.period;
		status.districts.push({
			...district,
			name: row.name ?? district.code,
			value: row.value === null ? null : Number(row.value)
		});
	}
	return status;
}
