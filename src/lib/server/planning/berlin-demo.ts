/**
 * The Berlin demo data set (see ../shared/data/PROVENANCE.md): 12 Bezirke, 143 Bezirksregionen and
 * 542 Planungsräume with the three MSS 2021 tables, imported through the same parsers and the same
 * all-or-nothing store functions an upload uses. Used by `npm run demo:berlin`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../db';
import { mergeChildAreas } from '../../domain/planning/aggregate';
import { parseCsv } from '../../domain/planning/csv';
import { parseDistrictGeoJson, type DistrictImportResult } from '../../domain/planning/districts';
import { parseIndicatorTable } from '../../domain/planning/indicators';
import { importDistricts, type ParsedDistricts } from './districts';
import { importIndicatorValues, type IndicatorDefinition } from './indicators';

export const berlinAttribution =
	'Geoportal Berlin / Lebensweltlich orientierte Räume (LOR) – Planungsräume 01.01.2021; ' +
	'Senatsverwaltung für Stadtentwicklung, Bauen und Wohnen Berlin / Monitoring Soziale ' +
	'Stadtentwicklung 2021';
const source = 'Monitoring Soziale Stadtentwicklung Berlin 2021 (FIS-Broker), Stand 31.12.2020';

export const berlinBezirke: Record<string, string> = {
	'01': 'Mitte',
	'02': 'Friedrichshain-Kreuzberg',
	'03': 'Pankow',
	'04': 'Charlottenburg-Wilmersdorf',
	'05': 'Spandau',
	'06': 'Steglitz-Zehlendorf',
	'07': 'Tempelhof-Schöneberg',
	'08': 'Neukölln',
	'09': 'Treptow-Köpenick',
	'10': 'Marzahn-Hellersdorf',
	'11': 'Lichtenberg',
	'12': 'Reinickendorf'
};

const define = (
	key: string,
	label: string,
	polarity: IndicatorDefinition['polarity'] = 'higherIsWorse',
	unit = '%'
): IndicatorDefinition => ({ key, label, unit, polarity, source, attribution: berlinAttribution });

/**
 * Labels as PROVENANCE.md describes the columns. Where it only names a group (KI_06, KI_09–KI_13),
 * the label says so instead of guessing the exact definition.
 */
export const berlinTables: { file: string; indicators: IndicatorDefinition[] }[] = [
	{
		file: 'mss_2021_index_indikatoren.csv',
		indicators: [
			define('S1', 'Arbeitslosigkeit'),
			define('S3', 'Transferbezug (SGB II/XII)'),
			define('S4', 'Kinderarmut'),
			define('D1', 'Veränderung Arbeitslosigkeit', 'higherIsWorse', 'Prozentpunkte'),
			define('D3', 'Veränderung Transferbezug', 'higherIsWorse', 'Prozentpunkte'),
			define('D4', 'Veränderung Kinderarmut', 'higherIsWorse', 'Prozentpunkte'),
			// Population has no better or worse side; the schema needs one, and it is never in a rule.
			define('EW', 'Einwohnerinnen und Einwohner', 'higherIsBetter', 'Personen')
		]
	},
	{
		file: 'mss_2021_indizes.csv',
		indicators: [
			define('SI_N', 'Status-Index (1 hoch … 4 sehr niedrig)', 'higherIsWorse', ''),
			define('DI_N', 'Dynamik-Index (1 positiv … 5 negativ)', 'higherIsWorse', '')
		]
	},
	{
		file: 'mss_2021_kontext_indikatoren.csv',
		indicators: [
			define('KI_01', 'Jugendarbeitslosigkeit'),
			define('KI_02', 'Alleinerziehende'),
			define('KI_03', 'Altersarmut'),
			define('KI_04', 'Kinder mit Migrationshintergrund'),
			define('KI_05', 'Einwohner mit Migrationshintergrund'),
			define('KI_06', 'Kontextindikator KI_06'),
			define('KI_16', 'Ausländerinnen und Ausländer (KI_16)'),
			define('KI_17', 'Ausländerinnen und Ausländer (KI_17)'),
			define('KI_07', 'Ausländische Empfänger SGB II'),
			define('KI_09', 'Wohnen und Migration (KI_09)'),
			define('KI_10', 'Wohnen und Migration (KI_10)'),
			define('KI_11', 'Wohnen und Migration (KI_11)'),
			define('KI_12', 'Wohnen und Migration (KI_12)'),
			define('KI_13', 'Wohnen und Migration (KI_13)')
		]
	}
];

export interface DemoStep {
	step: string;
	rows: number;
	ms: number;
}

function districtsOrThrow(result: DistrictImportResult, file: string): ParsedDistricts {
	if (!result.ok) throw new Error(`${file}: ${result.errors.map((e) => e.message).join('\n')}`);
	return result;
}

/** Imports everything; idempotent, because each import replaces its level or period. */
export async function importBerlinDemo(
	db: Db,
	dataDir: string,
	onStep: (step: DemoStep) => void = () => undefined
): Promise<{ districts: number; values: number; steps: DemoStep[] }> {
	const steps: DemoStep[] = [];
	const timed = async <T>(step: string, rows: (value: T) => number, work: () => Promise<T> | T) => {
		const started = performance.now();
		const value = await work();
		const done = { step, rows: rows(value), ms: Math.round(performance.now() - started) };
		steps.push(done);
		onStep(done);
		return value;
	};
	const read = (file: string) => readFileSync(join(dataDir, file), 'utf8');
	const options = (fileName: string, parentLevel: string | null) => ({
		fileName,
		createdBy: null,
		parentLevel
	});

	const bzrFile = 'berlin-bzr-2021-wgs84-simplified.geojson';
	const plrFile = 'berlin-plr-2021-wgs84-simplified.geojson';
	const bzr = await timed(
		'Bezirksregionen lesen',
		(r) => r.districts.length,
		() =>
			districtsOrThrow(
				parseDistrictGeoJson(read(bzrFile), {
					idProperty: 'BZR_ID',
					nameProperty: 'BZR_NAME',
					level: 'bezirksregion',
					parent: { fromIdPrefix: 2, knownCodes: new Set(Object.keys(berlinBezirke)) }
				}),
				bzrFile
			)
	);
	const bezirke = mergeChildAreas(bzr.districts, {
		prefixLength: 2,
		level: 'bezirk',
		names: berlinBezirke
	});
	await timed(
		'Bezirke speichern',
		(r) => r.total,
		() =>
			importDistricts(db, { ok: true, districts: bezirke, warnings: [] }, options(bzrFile, null))
	);
	await timed(
		'Bezirksregionen speichern',
		(r) => r.total,
		() => importDistricts(db, bzr, options(bzrFile, 'bezirk'))
	);
	const plr = await timed(
		'Planungsräume lesen',
		(r) => r.districts.length,
		() =>
			districtsOrThrow(
				parseDistrictGeoJson(read(plrFile), {
					idProperty: 'PLR_ID',
					nameProperty: 'PLR_NAME',
					level: 'planungsraum',
					parent: { fromIdPrefix: 6, knownCodes: new Set(bzr.districts.map((d) => d.code)) }
				}),
				plrFile
			)
	);
	await timed(
		'Planungsräume speichern',
		(r) => r.total,
		() => importDistricts(db, plr, options(plrFile, 'bezirksregion'))
	);

	const plrCodes = new Set(plr.districts.map((d) => d.code));
	let values = 0;
	for (const table of berlinTables) {
		const counts = await timed(
			table.file,
			(r) => r.values,
			async () => {
				const csv = parseCsv(read(table.file));
				if (!csv.ok) throw new Error(`${table.file}: ${csv.error.message}`);
				const parsed = parseIndicatorTable(csv, {
					idColumn: 'PLR_ID',
					period: { column: 'ZEIT' },
					indicators: table.indicators.map(({ key }) => ({ column: key, key })),
					validity: { column: 'KOM', validValues: ['gültig'] },
					invalidMarkers: ['-9999'],
					numberFormat: 'auto',
					knownDistrictCodes: plrCodes
				});
				if (!parsed.ok) {
					throw new Error(`${table.file}: ${parsed.errors.map((e) => e.message).join('\n')}`);
				}
				return importIndicatorValues(
					db,
					{ indicators: table.indicators, level: 'planungsraum', values: parsed.values },
					{ fileName: table.file, createdBy: null }
				);
			}
		);
		values += counts.values;
	}
	return { districts: bezirke.length + bzr.districts.length + plr.districts.length, values, steps };
}
