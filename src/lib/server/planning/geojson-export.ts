/**
 * A level as a GeoJSON FeatureCollection (RFC 7946) for GIS tools such as QGIS: each area with its
 * code, name, parent, the chosen indicators' values and the rule's result as properties. The same
 * function serves the download on /districts and `?format=geojson` on the API, so both agree.
 */
import type { Db } from '../db';
import type { AreaGeometry, Position, Ring } from '../../domain/planning/geometry';
import type { DeprivationStatus } from '../../domain/planning/deprivation';
import { districtGeometries, listLevels } from './districts';
import { indicatorValues, listIndicators } from './indicators';
import { evaluateStoredRule, indicatorsOfLevel, resolveRule } from './rule';

export type RuleExportStatus = DeprivationStatus | 'noData';

export const ruleResultText: Record<RuleExportStatus, string> = {
	flagged: 'besonders belastet',
	notFlagged: 'nicht besonders belastet',
	notJudgeable: 'nicht bewertbar',
	noData: 'keine Daten'
};

export interface GeoJsonFeature {
	type: 'Feature';
	id: string;
	geometry: AreaGeometry;
	properties: Record<string, string | number | boolean | null>;
}

export interface GeoJsonCollection {
	type: 'FeatureCollection';
	/** Foreign members (RFC 7946 §6.1): what the file holds, for readers who look. */
	name: string;
	level: string;
	indicators: {
		key: string;
		property: string;
		label: string;
		unit: string;
		period: string | null;
	}[];
	rule: {
		name: string;
		indicators: string[];
		k: number;
		t: number;
		period: string | null;
		available: boolean;
	};
	features: GeoJsonFeature[];
}

export type GeoJsonExport =
	| { ok: true; collection: GeoJsonCollection; fileName: string }
	| { ok: false; status: 400 | 404; code: string; field: string; message: string };

const reserved = new Set([
	'code',
	'name',
	'level',
	'parent_code',
	'rule_status',
	'rule_result',
	'rule_counted',
	'computed'
]);

/**
 * `indicatorKeys` null: the rule's indicators. An unknown key refuses the whole export, naming it,
 * rather than leaving a column out silently.
 */
export async function exportLevelGeoJson(
	db: Db,
	level: string,
	options: { indicatorKeys: string[] | null; params?: URLSearchParams }
): Promise<GeoJsonExport> {
	const shapes = await districtGeometries(db, level);
	if (shapes.length === 0) {
		const levels = (await listLevels(db)).map((l) => `„${l.level}“`);
		return {
			ok: false,
			status: 404,
			code: 'level_empty',
			field: 'level',
			message:
				`Ebene: Auf der Ebene „${level}“ gibt es keine Gebiete, daher nichts zu exportieren. ` +
				(levels.length > 0
					? `Bitte wählen Sie eine dieser Ebenen: ${levels.join(', ')}.`
					: 'Bitte importieren Sie zuerst Gebiete.')
		};
	}
	const available = indicatorsOfLevel(await listIndicators(db), level);
	const chosen = await resolveRule(db, options.params ?? new URLSearchParams(), available);
	const keys = options.indicatorKeys ?? chosen.settings.keys;
	const unknown = keys.find((key) => !available.some((i) => i.key === key));
	if (unknown !== undefined) {
		return {
			ok: false,
			status: 400,
			code: 'validation_failed',
			field: 'indicators',
			message: `Indikatoren: „${unknown}“ hat auf der Ebene „${level}“ keine Werte. Bitte wählen Sie nur Indikatoren dieser Ebene.`
		};
	}
	const [evaluated, ...series] = await Promise.all([
		evaluateStoredRule(db, level, chosen.settings, available),
		...keys.map((key) => indicatorValues(db, key, { level }))
	]);
	const property = (key: string) => (reserved.has(key) ? `${key}_wert` : key);
	const valuesByKey = keys.map(
		(_, i) => new Map((series[i]?.values ?? []).map((v) => [v.districtCode, v.value]))
	);
	/** Per area, the exported indicators whose value was computed from the level below. */
	const computedByCode = new Map<string, string[]>();
	keys.forEach((key, i) => {
		for (const v of series[i]?.values ?? []) {
			if (v.computed)
				computedByCode.set(v.districtCode, [...(computedByCode.get(v.districtCode) ?? []), key]);
		}
	});
	const verdicts = new Map(
		evaluated.ok ? evaluated.districts.map((d) => [d.districtCode, d] as const) : []
	);

	const features: GeoJsonFeature[] = shapes.map((shape) => {
		const properties: GeoJsonFeature['properties'] = {
			code: shape.code,
			name: shape.name,
			level,
			parent_code: shape.parentCode
		};
		keys.forEach((key, i) => {
			properties[property(key)] = valuesByKey[i].get(shape.code) ?? null;
		});
		// A text, not a list: QGIS shows scalar attributes. "EW, S1" = computed, not imported.
		properties.computed = computedByCode.get(shape.code)?.map(property).join(', ') ?? null;
		if (evaluated.ok) {
			const verdict = verdicts.get(shape.code);
			const status: RuleExportStatus = verdict ? verdict.status : 'noData';
			properties.rule_status = status;
			properties.rule_result = ruleResultText[status];
			properties.rule_counted = verdict ? verdict.counted.length : null;
		} else {
			properties.rule_status = null;
			properties.rule_result = null;
			properties.rule_counted = null;
		}
		return { type: 'Feature', id: shape.code, geometry: rewind(shape.geometry), properties };
	});

	return {
		ok: true,
		fileName: `gebiete-${level.replace(/[^\p{L}\p{N}_-]+/gu, '_')}.geojson`,
		collection: {
			type: 'FeatureCollection',
			name: `Gebiete: ${level}`,
			level,
			indicators: keys.map((key, i) => {
				const indicator = available.find((a) => a.key === key);
				return {
					key,
					property: property(key),
					label: indicator?.label ?? key,
					unit: indicator?.unit ?? '',
					period: series[i]?.period ?? null
				};
			}),
			rule: {
				name: chosen.adjusted
					? `${chosen.saved?.name ?? 'Voreinstellung'} (angepasst)`
					: (chosen.saved?.name ?? 'Voreinstellung'),
				indicators: chosen.settings.keys,
				k: chosen.settings.minCount,
				t: chosen.settings.threshold,
				period: evaluated.ok ? evaluated.period : null,
				available: evaluated.ok
			},
			features
		}
	};
}

/** Signed area (shoelace) of a ring; positive when counterclockwise. */
function ringArea(ring: Ring): number {
	let sum = 0;
	for (let i = 0; i < ring.length - 1; i++) {
		const [x1, y1] = ring[i];
		const [x2, y2] = ring[i + 1];
		sum += x1 * y2 - x2 * y1;
	}
	return sum / 2;
}

/** RFC 7946 §3.1.6: exterior rings counterclockwise, holes clockwise. Imports keep any order. */
function rewind(geometry: AreaGeometry): AreaGeometry {
	const polygon = (rings: Ring[]): Ring[] =>
		rings.map((ring, i) => {
			const ccw = ringArea(ring) > 0;
			const wanted = i === 0;
			return ccw === wanted ? ring : ([...ring].reverse() as Position[]);
		});
	return geometry.type === 'Polygon'
		? { type: 'Polygon', coordinates: polygon(geometry.coordinates) }
		: { type: 'MultiPolygon', coordinates: geometry.coordinates.map(polygon) };
}
