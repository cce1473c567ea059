/**
 * Rules of the Datenlage board (issue 13), pure: what a facilitator's change may contain, and how
 * a row reads (better or worse than the city, highlighted, with how many comments).
 */

/** The part of a district the checks need: its key and which indicators it has values for. */
export interface BoardDistrict {
	key: string;
	profile: readonly { key: string }[];
}

export interface DataBoardChange {
	district?: string | null;
	indicators?: string[] | null;
	highlight?: string | null;
}

export type DataBoardChangeCheck =
	| { ok: true; value: DataBoardChange }
	| { ok: false; error: string; params: Record<string, string>; field: string };

/** Far above a readable board (Berlin has 23 indicators); keeps a request small. */
const maxIndicators = 40;

/**
 * Checks a change against the workshop's districts: the district must be one of them, and each
 * indicator key must have a value in the district shown (or, without a district in the change,
 * in any of them). Fields left out stay as they are; `null` resets (no highlight, default rows).
 */
export function checkDataBoardChange(
	body: Record<string, unknown>,
	districts: readonly BoardDistrict[]
): DataBoardChangeCheck {
	const bad = (error: string, field: string, params: Record<string, string> = {}) =>
		({ ok: false, error, field, params }) as const;
	if (districts.length === 0) return bad('data.noDistricts', 'district');
	const value: DataBoardChange = {};
	let scope = districts;
	if (body.district !== undefined && body.district !== null) {
		const found = districts.find((d) => d.key === body.district);
		if (!found)
			return bad('data.districtUnknown', 'district', {
				district: String(body.district).slice(0, 60)
			});
		value.district = found.key;
		scope = [found];
	} else if (body.district === null) value.district = null;
	const known = new Set(scope.flatMap((d) => d.profile.map((p) => p.key)));
	const checkKey = (key: unknown, field: string) =>
		typeof key === 'string' && known.has(key)
			? null
			: bad('data.indicatorUnknown', field, {
					indicator: typeof key === 'string' ? key.slice(0, 60) : String(key).slice(0, 20)
				});
	if (body.indicators !== undefined) {
		if (body.indicators === null) value.indicators = null;
		else {
			if (!Array.isArray(body.indicators) || body.indicators.length > maxIndicators)
				return bad('data.indicatorsInvalid', 'indicators', { max: String(maxIndicators) });
			for (const [index, key] of body.indicators.entries()) {
				const refused = checkKey(key, `indicators[${index}]`);
				if (refused) return refused;
			}
			value.indicators = [...new Set(body.indicators as string[])];
		}
	}
	if (body.highlight !== undefined) {
		if (body.highlight === null) value.highlight = null;
		else {
			const refused = checkKey(body.highlight, 'highlight');
			if (refused) return refused;
			value.highlight = body.highlight as string;
		}
	}
	return { ok: true, value };
}

export type Tone = 'worse' | 'better' | 'neutral';

/**
 * Which side of the city-wide value a district is on, as the district page colours it: population
 * and indicators of unknown direction have no better or worse side.
 */
export function toneOf(
	row: { key: string; z: number | null; polarity: string },
	populationKey: string | null
): Tone {
	if (row.key === populationKey || row.polarity === 'unknown' || row.z === null) return 'neutral';
	const worse = row.polarity === 'higherIsWorse' ? row.z > 0 : row.z < 0;
	return worse ? 'worse' : 'better';
}

/** The rows to show, in the chosen order, leaving out keys the district has no value for. */
export function shownRows<T extends { key: string }>(
	profile: readonly T[],
	chosen: readonly string[]
): T[] {
	const byKey = new Map(profile.map((row) => [row.key, row]));
	return chosen.map((key) => byKey.get(key)).filter((row): row is T => row !== undefined);
}

/**
 * The indicators shown before the facilitator chooses: those the rule weighs (the reasons for the
 * verdict), else the first few of the profile. Population is context, never a default row.
 */
export function defaultIndicators(
	district:
		| {
				profile: readonly { key: string }[];
				populationKey: string | null;
				rule: { ok: true; statistics: readonly { key: string }[] } | { ok: false };
		  }
		| null
		| undefined
): string[] {
	if (!district) return [];
	const inProfile = new Set(district.profile.map((p) => p.key));
	const ruled = district.rule.ok
		? district.rule.statistics.map((s) => s.key).filter((k) => inProfile.has(k))
		: [];
	if (ruled.length) return ruled;
	return district.profile
		.map((p) => p.key)
		.filter((k) => k !== district.populationKey)
		.slice(0, 6);
}
