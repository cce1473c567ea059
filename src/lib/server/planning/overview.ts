/**
 * Everything the district overview (/districts) shows, read in one place so the route stays thin:
 * levels, the hierarchy, the map of one level, the chosen choropleth and the rule result.
 */
import type { Db } from '../db';
import { describeRule } from '../../domain/planning/deprivation';
import { listDistricts, listLevels, type DistrictLevel } from './districts';
import { indicatorValues, listIndicators, type IndicatorDefinition } from './indicators';
import { loadLevelMap, type AreaMap } from './maps';
import { computedHowOfLevel, type ComputedHow } from './rollup';
import { evaluateStoredRule, indicatorsOfLevel, resolveRule, type ChosenRule } from './rule';

export type IndicatorInfo = Omit<IndicatorDefinition, 'source'>;

export interface RuleSummary {
	ok: true;
	period: string;
	flagged: string[];
	/** Not flagged, but lacking the data that could have flagged them: "nicht bewertbar". */
	notJudgeable: string[];
	flaggedCount: number;
	judged: number;
	/** Every area the rule saw a value row for; the rest of the map has no data on this level. */
	judgedCodes: string[];
	sentence: string;
}

export interface Overview {
	levels: DistrictLevel[];
	level: string;
	items: {
		code: string;
		name: string;
		level: string;
		parentCode: string | null;
		parentLevel: string | null;
	}[];
	map: AreaMap | null;
	indicators: IndicatorInfo[];
	rule: RuleSummary | { ok: false; reason: string };
	ruleSettings: ChosenRule;
	/** 'rule', an indicator key, or '' for a plain map. */
	view: string;
	series: {
		key: string;
		period: string;
		values: { districtCode: string; value: number | null; computed: boolean }[];
		/** Set when values of the shown indicator were computed from the level below. */
		computedHow: ComputedHow | null;
	} | null;
}

const info = ({ key, label, unit, polarity, attribution }: IndicatorDefinition): IndicatorInfo => ({
	key,
	label,
	unit,
	polarity,
	attribution
});

export async function loadOverview(db: Db, params: URLSearchParams): Promise<Overview | null> {
	const levels = await listLevels(db);
	if (levels.length === 0) return null;
	// Default: the finest level (most areas), where the indicators usually are.
	const level =
		levels.find((l) => l.level === params.get('ebene'))?.level ?? levels[levels.length - 1].level;
	const parentLevel = levels.find((l) => l.level === level)?.parentLevel ?? null;
	const [all, map, indicators] = await Promise.all([
		listDistricts(db),
		loadLevelMap(db, level, 1000, parentLevel),
		listIndicators(db)
	]);
	const available = indicatorsOfLevel(indicators, level);
	const ruleSettings = await resolveRule(db, params, available);
	const evaluated = await evaluateStoredRule(db, level, ruleSettings.settings, available);
	const rule: Overview['rule'] = evaluated.ok
		? {
				ok: true,
				period: evaluated.period,
				flagged: evaluated.districts.filter((d) => d.flagged).map((d) => d.districtCode),
				notJudgeable: evaluated.districts
					.filter((d) => d.status === 'notJudgeable')
					.map((d) => d.districtCode),
				flaggedCount: evaluated.flaggedCount,
				judged: evaluated.districts.length,
				judgedCodes: evaluated.districts.map((d) => d.districtCode),
				sentence: describeRule({
					indicators: evaluated.indicators.map((i) => ({
						key: i.key,
						label: i.label,
						polarity: i.polarity
					})),
					minCount: ruleSettings.settings.minCount,
					threshold: ruleSettings.settings.threshold
				})
			}
		: { ok: false, reason: evaluated.reason };
	const asked = params.get('karte');
	const view =
		asked === 'regel' || available.some((i) => i.key === asked)
			? (asked as string)
			: asked === null && rule.ok
				? 'regel'
				: '';
	const values = view && view !== 'regel' ? await indicatorValues(db, view, { level }) : null;
	const series = values
		? {
				key: values.key,
				period: values.period,
				values: values.values,
				computedHow: values.values.some((v) => v.computed)
					? ((await computedHowOfLevel(db, level))[values.key] ?? null)
					: null
			}
		: null;
	return {
		levels,
		level,
		items: all.map(({ code, name, level, parentCode, parentLevel }) => ({
			code,
			name,
			level,
			parentCode,
			parentLevel
		})),
		map,
		indicators: available.map(info),
		rule,
		ruleSettings,
		view,
		series
	};
}
