/**
 * Boundaries for the dirty tables in tests/fixtures/dirty: four Bezirke and the Ortsteile the
 * Ortsteile table names (with "Schloßstraße" in two Bezirke), and three Planungsräume. Squares in a
 * row; only codes, names and parents matter to the join.
 */
import { readFileSync } from 'node:fs';

export const bezirke = [
	{ code: '01', name: 'Mitte' },
	{ code: '04', name: 'Charlottenburg-Wilmersdorf' },
	{ code: '06', name: 'Steglitz-Zehlendorf' },
	{ code: '12', name: 'Reinickendorf' }
];

export const ortsteile = [
	{ code: '0101', name: 'Alt-Moabit' },
	{ code: '0102', name: 'Moabit Ost' },
	{ code: '0103', name: 'Moabit West' },
	{ code: '0104', name: 'Tiergarten' },
	{ code: '0401', name: 'Schloßstraße' },
	{ code: '0601', name: 'Schloßstraße' },
	{ code: '1201', name: 'Mellerbogen' },
	{ code: '1202', name: 'Wittenau Süd' }
];

export const planungsraeume = [
	{ code: '01100101', name: 'Stülerstraße' },
	{ code: '01100102', name: 'Großer Tiergarten' },
	{ code: '01100103', name: 'Lützowstraße' }
];

/** A FeatureCollection with `CODE` and `NAME`, one small square per area. */
export function squaresGeoJson(areas: readonly { code: string; name: string }[]): string {
	const features = areas.map((area, i) => {
		const x = 13.1 + (i % 20) * 0.01;
		const y = 52.4 + Math.floor(i / 20) * 0.01;
		const ring = [
			[x, y],
			[x + 0.009, y],
			[x + 0.009, y + 0.009],
			[x, y + 0.009],
			[x, y]
		];
		return {
			type: 'Feature',
			properties: { CODE: area.code, NAME: area.name },
			geometry: { type: 'Polygon', coordinates: [ring] }
		};
	});
	return JSON.stringify({ type: 'FeatureCollection', features });
}

export const dirtyFixture = (file: string): Uint8Array =>
	new Uint8Array(readFileSync(new URL(`../fixtures/dirty/${file}`, import.meta.url)));

export const ortsteileFile = 'ortsteile-sozialdaten-2022.cp1252.csv';
export const plrSeriesFile = 'plr-zeitreihe.utf8.csv';
