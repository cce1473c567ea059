import { districtKey } from '../domain/measures';
export { defaultIndicators } from '../domain/data-board';
import type { Db } from './db';
import { loadDistrictPage } from './planning/district-page';
import type { ProfileIndicator } from './planning/indicators';
import type { DeprivationStatus } from '../domain/planning/deprivation';
import type { ComputedHow } from '../domain/planning/rollup';
import type { AreaMap } from './planning/maps';
import { getWorkshopLinks } from './workshop-links';

/**
 * What the Datenlage board (`data`, issue 13) shows: for each district the workshop is about, its
 * profile against the city-wide values, the *besonders belastet* rule with its reasons (the stored
 * default rule, as the district page shows it without changes) and the small map. Read from the
 * district page's own loader, so the board and the district page never disagree.
 */
export interface DataBoardDistrict {
	key: string;
	code: string;
	level: string;
	name: string;
	populationKey: string | null;
	profile: ProfileIndicator[];
	/** Values of this level computed from the level below (roll-up), per indicator key. */
	computedHow: Record<string, ComputedHow>;
	rule:
		| {
				ok: true;
				period: string;
				threshold: number;
				minCount: number;
				statistics: { key: string; label: string }[];
				flagged: boolean | null;
				/** Three answers: a district lacking data is "nicht bewertbar", not "nicht belastet". */
				status: DeprivationStatus | null;
				counted: string[];
				zScores: Record<string, number | null>;
		  }
		| { ok: false };
	map: Pick<AreaMap, 'viewBox' | 'areas'>;
}

/** A board for a dozen districts is already more than a room can read; the rest is left out. */
export const maxBoardDistricts = 12;

export async function loadWorkshopDataBoard(
	db: Db,
	workshopId: string
): Promise<DataBoardDistrict[]> {
	const { districts } = await getWorkshopLinks(db, workshopId);
	const out: DataBoardDistrict[] = [];
	for (const key of districts.slice(0, maxBoardDistricts)) {
		const lookup = await loadDistrictPage(db, key.code, new URLSearchParams({ ebene: key.level }));
		if (!lookup.found) continue;
		const { page } = lookup;
		const verdict = page.rule.ok ? page.rule.verdict : null;
		out.push({
			key: districtKey(key),
			code: key.code,
			level: key.level,
			name: page.district.name,
			populationKey: page.populationKey,
			profile: page.profile,
			computedHow: page.computedHow,
			rule: page.rule.ok
				? {
						ok: true,
						period: page.rule.period,
						threshold: page.ruleSettings.settings.threshold,
						minCount: page.ruleSettings.settings.minCount,
						statistics: page.rule.statistics.map((s) => ({ key: s.key, label: s.label })),
						flagged: verdict ? verdict.flagged : null,
						status: verdict ? verdict.status : null,
						counted: verdict?.counted ?? [],
						zScores: verdict?.zScores ?? {}
					}
				: { ok: false },
			map: { viewBox: page.map.viewBox, areas: page.map.areas }
		});
	}
	return out;
}
