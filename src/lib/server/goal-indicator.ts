import type { Db } from './db';
import type { Goal } from './goals';

/**
 * A goal's target next to the indicator's values: the baseline (the earliest period with a value),
 * the current value (its latest period), the gap that is left and whether the value moved towards
 * the target. For a goal with districts: each linked district on the indicator's level. For a
 * city-wide goal: a stored city-wide value (level `citywideLevel`) when there is one, else the
 * unweighted mean over the districts of the indicator's level — shown as such, since it is not the
 * population-weighted rate a statistics office would publish.
 */
export const citywideLevel = 'stadt';

/** Where the value must go to meet the target, seen from the baseline. */
export type TargetAim = 'down' | 'up' | 'hold';
/** How the value moved from the baseline to now; null with only one period. */
export type TargetTrend = 'reached' | 'towards' | 'away' | 'unchanged' | null;

export interface TargetReading {
	value: number | null;
	baseline: number | null;
	/** What is left to the target (0 once reached); null without a current value. */
	gap: number | null;
	aim: TargetAim | null;
	trend: TargetTrend;
}

export interface GoalIndicatorStatus {
	key: string;
	label: string;
	unit: string;
	polarity: 'higherIsWorse' | 'higherIsBetter';
	target: { value: number; year: number };
	period: string | null;
	baselinePeriod: string | null;
	citywide: ({ basis: 'stored' | 'mean'; areas: number; value: number } & TargetReading) | null;
	/**
	 * `computed`: the current value was rolled up from the level below (a Bezirk from its
	 * Planungsräume); `noValues`: the area's level has no values of the indicator at all (neither
	 * imported nor computed), so the page can point to the roll-up settings.
	 */
	districts: ({
		level: string;
		code: string;
		name: string;
		computed: boolean;
		noValues: boolean;
	} & TargetReading)[];
}

/**
 * Baseline, now and target as one reading. The aim is read from the baseline (the value the goal
 * was set against), so a goal to lower a rate stays "down" after the rate has fallen below it.
 */
export function readTarget(
	target: number,
	baseline: number | null,
	current: number | null,
	onePeriod: boolean
): TargetReading {
	const start = baseline ?? current;
	const aim: TargetAim | null =
		start === null ? null : target < start ? 'down' : target > start ? 'up' : 'hold';
	if (current === null || aim === null)
		return { value: current, baseline, gap: null, aim, trend: null };
	const reached =
		aim === 'down' ? current <= target : aim === 'up' ? current >= target : current === target;
	const gap = reached ? 0 : Math.abs(target - current);
	let trend: TargetTrend = null;
	if (reached) trend = 'reached';
	else if (baseline !== null && !onePeriod) {
		const before = Math.abs(target - baseline);
		const now = Math.abs(target - current);
		trend = now < before ? 'towards' : now > before ? 'away' : 'unchanged';
	}
	return { value: current, baseline, gap, aim, trend };
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
	const target = goal.target.value;
	const status: GoalIndicatorStatus = {
		key: goal.target.indicatorKey,
		label: indicator?.label ?? goal.target.indicatorKey,
		unit: indicator?.unit ?? '',
		polarity: indicator?.polarity ?? 'higherIsWorse',
		target: { value: target, year: goal.target.year },
		period: null,
		baselinePeriod: null,
		citywide: null,
		districts: []
	};
	if (!indicator) return status;

	if (goal.citywide) {
		const stored = await db.all<{ period: string; value: number | null }>(
			`SELECT period, value FROM indicator_values WHERE indicator_key = ? AND level = ?
			AND value IS NOT NULL ORDER BY period`,
			[indicator.key, citywideLevel]
		);
		if (stored.length) {
			const first = stored[0];
			const last = stored[stored.length - 1];
			status.period = last.period;
			status.baselinePeriod = first.period;
			status.citywide = {
				basis: 'stored',
				areas: 1,
				...readTarget(
					target,
					Number(first.value),
					Number(last.value),
					first.period === last.period
				),
				value: Number(last.value)
			};
			return status;
		}
		// Only districts that exist now: a boundary import keeps the values of removed areas.
		const means = await db.all<{ period: string; mean: number | null; n: number }>(
			`SELECT v.period, AVG(v.value) AS mean, COUNT(v.value) AS n FROM indicator_values v
			JOIN districts d ON d.level = v.level AND d.code = v.district_code
			WHERE v.indicator_key = ? AND v.level = ? GROUP BY v.period ORDER BY v.period`,
			[indicator.key, indicator.level]
		);
		const withValue = means.filter((m) => m.mean !== null);
		if (!means.length) return status;
		const last = means[means.length - 1];
		status.period = last.period;
		if (last.mean === null) return status;
		const first = withValue[0];
		status.baselinePeriod = first.period;
		status.citywide = {
			basis: 'mean',
			areas: Number(last.n),
			...readTarget(target, Number(first.mean), Number(last.mean), first.period === last.period),
			value: Number(last.mean)
		};
		return status;
	}

	for (const district of goal.districts) {
		const rows = await db.all<{
			period: string;
			value: number | null;
			name: string | null;
			computed: number;
		}>(
			`SELECT v.period, v.value, d.name, v.computed FROM indicator_values v
			LEFT JOIN districts d ON d.level = v.level AND d.code = v.district_code
			WHERE v.indicator_key = ? AND v.level = ? AND v.district_code = ?
			ORDER BY v.period`,
			[indicator.key, district.level, district.code]
		);
		if (!rows.length) {
			// A Bezirk goal on a Planungsraum indicator without a roll-up: say so instead of hiding it.
			const named = await db.get<{ name: string }>(
				'SELECT name FROM districts WHERE level = ? AND code = ?',
				[district.level, district.code]
			);
			status.districts.push({
				...district,
				name: named?.name ?? district.code,
				computed: false,
				noValues: true,
				...readTarget(target, null, null, true)
			});
			continue;
		}
		const last = rows[rows.length - 1];
		const first = rows.find((r) => r.value !== null) ?? null;
		status.period = status.period && status.period > last.period ? status.period : last.period;
		if (first && (status.baselinePeriod === null || first.period < status.baselinePeriod))
			status.baselinePeriod = first.period;
		status.districts.push({
			...district,
			name: last.name ?? district.code,
			computed: Number(last.computed) === 1,
			noValues: false,
			...readTarget(
				target,
				first === null ? null : Number(first.value),
				last.value === null ? null : Number(last.value),
				first === null || first.period === last.period
			)
		});
	}
	return status;
}
