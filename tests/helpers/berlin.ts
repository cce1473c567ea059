/**
 * The real Berlin data (see ../shared/data/PROVENANCE.md), parsed the way the app parses an upload.
 * Where the files are: scripts/berlin-data.ts (the shared folder beside the repository, or BERLIN_DATA).
 */
import { readFileSync } from 'node:fs';
import { berlinDataFile } from '../../scripts/berlin-data';
import { parseCsv } from '../../src/lib/domain/planning/csv';
import { parseDistrictGeoJson } from '../../src/lib/domain/planning/districts';
import { parseIndicatorTable } from '../../src/lib/domain/planning/indicators';
import type { ParsedDistricts } from '../../src/lib/server/planning/districts';
import type {
	IndicatorDefinition,
	IndicatorValuesImport
} from '../../src/lib/server/planning/indicators';

export { berlinDataDir, berlinDataFile } from '../../scripts/berlin-data';
export const readBerlinFile = (file: string) => readFileSync(berlinDataFile(file), 'utf8');

export const bzrFile = 'berlin-bzr-2021-wgs84-simplified.geojson';
export const plrFile = 'berlin-plr-2021-wgs84-simplified.geojson';
export const indexFile = 'mss_2021_index_indikatoren.csv';
export const indizesFile = 'mss_2021_indizes.csv';
export const contextFile = 'mss_2021_kontext_indikatoren.csv';

export const attribution =
	'Geoportal Berlin / Lebensweltlich orientierte Räume (LOR) – Planungsräume 01.01.2021; ' +
	'Senatsverwaltung für Stadtentwicklung, Bauen und Wohnen Berlin / Monitoring Soziale ' +
	'Stadtentwicklung 2021';
const source = 'Monitoring Soziale Stadtentwicklung Berlin 2021 (FIS-Broker)';

/** The six rows whose KOM is "ungültig …": they must be stored as "no data". */
export const invalidPlrCodes = [
	'03300515',
	'03400831',
	'04400725',
	'05300838',
	'06200418',
	'10100205'
];

function okDistricts(result: ReturnType<typeof parseDistrictGeoJson>): ParsedDistricts {
	if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
	return result;
}

export function parseBerlinBzr(): ParsedDistricts {
	return okDistricts(
		parseDistrictGeoJson(readBerlinFile(bzrFile), {
			idProperty: 'BZR_ID',
			nameProperty: 'BZR_NAME',
			level: 'bezirksregion',
			parent: { fromIdPrefix: 2 }
		})
	);
}

export function parseBerlinPlr(bzrCodes: ReadonlySet<string>): ParsedDistricts {
	return okDistricts(
		parseDistrictGeoJson(readBerlinFile(plrFile), {
			idProperty: 'PLR_ID',
			nameProperty: 'PLR_NAME',
			level: 'planungsraum',
			parent: { fromIdPrefix: 6, knownCodes: bzrCodes }
		})
	);
}

const definition = (
	key: string,
	label: string,
	polarity: IndicatorDefinition['polarity'],
	unit = '%'
): IndicatorDefinition => ({ key, label, unit, polarity, source, attribution });

export const statusIndicators: IndicatorDefinition[] = [
	definition('S1', 'Arbeitslosigkeit', 'higherIsWorse'),
	definition('S3', 'Transferbezug (SGB II/XII)', 'higherIsWorse'),
	definition('S4', 'Kinderarmut', 'higherIsWorse'),
	// Population has no better or worse side; the schema knows only two polarities, so one is picked.
	definition('EW', 'Einwohnerinnen und Einwohner', 'higherIsBetter', 'Personen')
];

const changeIndicators: IndicatorDefinition[] = [
	definition('D1', 'Veränderung Arbeitslosigkeit', 'higherIsWorse', 'Prozentpunkte'),
	definition('D3', 'Veränderung Transferbezug', 'higherIsWorse', 'Prozentpunkte'),
	definition('D4', 'Veränderung Kinderarmut', 'higherIsWorse', 'Prozentpunkte')
];

const indexIndicators: IndicatorDefinition[] = [
	definition('SI_N', 'Status-Index (1 hoch … 4 sehr niedrig)', 'higherIsWorse', ''),
	definition('DI_N', 'Dynamik-Index (1 positiv … 5 negativ)', 'higherIsWorse', '')
];

// KI_08, KI_14 and KI_15 are empty in the 2021 export and left out. The labels are placeholders.
const contextIndicators: IndicatorDefinition[] = [
	'KI_01',
	'KI_02',
	'KI_03',
	'KI_04',
	'KI_05',
	'KI_16',
	'KI_06',
	'KI_17',
	'KI_07',
	'KI_09',
	'KI_10',
	'KI_11',
	'KI_12',
	'KI_13'
].map((key) => definition(key, `Kontextindikator ${key}`, 'higherIsWorse'));

/** Reads one MSS table against the Planungsräume, as the import form would with these settings. */
export function parseBerlinTable(
	file: string,
	indicators: readonly IndicatorDefinition[],
	plrCodes: ReadonlySet<string>
): IndicatorValuesImport {
	const csv = parseCsv(readBerlinFile(file));
	if (!csv.ok) throw new Error(csv.error.message);
	const result = parseIndicatorTable(csv, {
		idColumn: 'PLR_ID',
		period: { column: 'ZEIT' },
		indicators: indicators.map(({ key }) => ({ column: key, key })),
		validity: { column: 'KOM', validValues: ['gültig'] },
		invalidMarkers: ['-9999'],
		numberFormat: 'auto',
		knownDistrictCodes: plrCodes
	});
	if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
	return { indicators, level: 'planungsraum', values: result.values };
}

/** The three MSS tables with every indicator that has data: 23 indicators × 542 Planungsräume. */
export function parseBerlinTables(plrCodes: ReadonlySet<string>): IndicatorValuesImport[] {
	return [
		parseBerlinTable(indexFile, [...statusIndicators, ...changeIndicators], plrCodes),
		parseBerlinTable(indizesFile, indexIndicators, plrCodes),
		parseBerlinTable(contextFile, contextIndicators, plrCodes)
	];
}
