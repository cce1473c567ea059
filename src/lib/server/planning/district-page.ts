/**
 * Everything the district page (/districts/[code]) shows: the area with parent and children, its
 * profile against the city-wide values, the rule's verdict with its reasons, and a small map.
 */
import type { Db } from '../db';
import type { DistrictDeprivation, IndicatorStatistics } from '../../domain/planning/deprivation';
import { getDistrict, type DistrictDetail } from './districts';
import { districtProfile, listIndicators, type ProfileIndicator } from './indicators';
import { loadNeighbourhoodMap, type AreaMap } from './maps';
import { computedHowOfLevel, type ComputedHow } from './rollup';
import {
	evaluateStoredRule,
	findPopulationKey,
	indicatorsOfLevel,
	resolveRule,
	type ChosenRule
} from './rule';

export interface DistrictPage {
	district: Omit<DistrictDetail, 'geometry'>;
	populationKey: string | null;
	profile: ProfileIndicator[];
	/** How the computed values of this level came about, per indicator (only computed ones). */
	computedHow: Record<string, ComputedHow>;
	ruleSettings: ChosenRule;
	ruleIndicators: { key: string; label: string }[];
	rule:
		| {
				ok: true;
				period: string;
				statistics: IndicatorStatistics[];
				verdict: DistrictDeprivation | null;
		  }
		| { ok: false; reason: string };
	map: AreaMap;
}

export type DistrictLookup =
	{ found: true; page: DistrictPage } | { found: false; levels: string[] };

/**
 * Codes are unique per level; Berlin's nest, so they never clash, but an imported level may reuse
 * another's codes. Then `level` decides, and without it the caller offers the choice.
 */
export async function loadDistrictPage(
	db: Db,
	code: string,
	params: URLSearchParams
): Promise<DistrictLookup> {
	const levels = (
		await db.all<{ level: string }>('SELECT level FROM districts WHERE code = ? ORDER BY level', [
			code
		])
	).map((row) => row.level);
	const asked = params.get('ebene');
	const level = asked && levels.includes(asked) ? asked : levels.length === 1 ? levels[0] : null;
	if (level === null) return { found: false, levels };
	const detail = await getDistrict(db, level, code);
	if (!detail) return { found: false, levels: [] };
	const { geometry: _geometry, ...district } = detail;
	void _geometry;

	const available = indicatorsOfLevel(await listIndicators(db), level);
	const populationKey = findPopulationKey(available);
	const ruleSettings = await resolveRule(db, params, available);
	const [profile, evaluated, map, computedHow] = await Promise.all([
		districtProfile(db, level, code, populationKey ? { populationKey } : {}),
		evaluateStoredRule(db, level, ruleSettings.settings, available),
		loadNeighbourhoodMap(db, detail),
		computedHowOfLevel(db, level)
	]);
	return {
		found: true,
		page: {
			district,
			populationKey,
			profile: profile?.indicators ?? [],
			computedHow,
			ruleSettings,
			ruleIndicators: available
				.filter((i) => i.key !== populationKey)
				.map((i) => ({ key: i.key, label: i.label })),
			rule: evaluated.ok
				? {
						ok: true,
						period: evaluated.period,
						statistics: evaluated.indicators,
						verdict: evaluated.districts.find((d) => d.districtCode === code) ?? null
					}
				: { ok: false, reason: evaluated.reason },
			map
		}
	};
}
