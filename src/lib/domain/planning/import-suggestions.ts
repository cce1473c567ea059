/**
 * What the import form proposes after a file is chosen: the property or column names found, and a
 * sensible first choice for each setting. Pure, so the browser can show it the moment a file is
 * picked (no upload needed) and the server can do the same for browsers without JavaScript.
 */
import { parseCsv, type CsvDelimiter } from './csv';
import { listProperties, type PropertySummary } from './districts';
import type { Polarity } from './deprivation';
import { profileNumberColumn } from './statistical-number';

export interface GeoJsonInspection {
	ok: true;
	featureCount: number;
	properties: PropertySummary[];
	idProperty: string;
	nameProperty: string;
	/** The file's `crs` member as written, and the EPSG code suggested from it (null: WGS84). */
	crsName: string | null;
	suggestedEpsg: number | null;
}

export type InspectionFailure = { ok: false; message: string };

export function inspectGeoJson(text: string): GeoJsonInspection | InspectionFailure {
	const listed = listProperties(text);
	if (!listed.ok) return { ok: false, message: listed.errors.map((e) => e.message).join(' ') };
	const names = listed.properties.map((p) => p.name);
	const unique = listed.properties.filter((p) => p.unique);
	// Ids stored as text keep their leading zeros, so a unique text property comes first.
	const idProperty =
		unique.find((p) => /(^|_)(id|code|key|schluessel|schlüssel|nr)$/i.test(p.name))?.name ??
		unique.find((p) => p.kinds.includes('text'))?.name ??
		names[0] ??
		'';
	const nameProperty =
		names.find((n) => /name|bezeichnung|label|titel/i.test(n) && n !== idProperty) ??
		names.find((n) => n !== idProperty) ??
		idProperty;
	return {
		ok: true,
		featureCount: listed.featureCount,
		properties: listed.properties,
		idProperty,
		nameProperty,
		crsName: listed.crs?.name ?? null,
		suggestedEpsg: listed.crs?.epsg ?? null
	};
}

export interface CsvColumnSuggestion {
	column: string;
	/** Numbers in the first rows and not an id, period or class column: proposed as an indicator. */
	numeric: boolean;
	selected: boolean;
	label: string;
	unit: string;
	polarity: Polarity;
}

export interface CsvInspection {
	ok: true;
	header: string[];
	delimiter: CsvDelimiter;
	rows: number;
	idColumn: string;
	periodColumn: string;
	validityColumn: string;
	validValue: string;
	columns: CsvColumnSuggestion[];
}

const notAnIndicator = /(^|_)(id|zeit|jahr|year|period|periode|datum|date)$|_(sd|ag)_gr$/i;
const populationColumn = /^(ew|einwohner.*|population|bevölkerung)$/i;

export function inspectCsv(
	text: string,
	delimiter?: CsvDelimiter
): CsvInspection | InspectionFailure {
	const csv = parseCsv(text, delimiter ? { delimiter } : {});
	if (!csv.ok) return { ok: false, message: csv.error.message };
	const header = csv.header.map((h) => h.trim());
	const sample = csv.rows.slice(0, 50);
	const valuesOf = (i: number) => sample.map((row) => row[i] ?? '');
	const distinct = (i: number) => new Set(csv.rows.map((row) => row[i]?.trim())).size;
	const idColumn =
		header.find((h, i) => /(^|_)(id|code|schluessel|schlüssel)$/i.test(h) && distinct(i) > 1) ??
		header[0] ??
		'';
	const periodColumn = header.find((h) => /^(zeit|jahr|year|period|periode|stichtag)$/i.test(h));
	const validityColumn = header.find((h) => /^(kom|gültig|gueltig|valid|validity)$/i.test(h));
	const validValue = validityColumn
		? (valuesOf(header.indexOf(validityColumn)).find((v) => /^gültig$|^valid$/i.test(v.trim())) ??
			'')
		: '';
	const columns = header.map((column, i): CsvColumnSuggestion => {
		// `1 229`, `- 23`, `12,5 %` and no-data marks count as numbers; a name column does not.
		const numeric = profileNumberColumn(valuesOf(i)).offered;
		const population = populationColumn.test(column);
		return {
			column,
			numeric,
			selected:
				numeric &&
				column !== idColumn &&
				column !== periodColumn &&
				column !== validityColumn &&
				!notAnIndicator.test(column),
			label: column,
			unit: population ? 'Personen' : '%',
			polarity: population ? 'higherIsBetter' : 'higherIsWorse'
		};
	});
	return {
		ok: true,
		header,
		delimiter: csv.delimiter,
		rows: csv.rows.length,
		idColumn,
		periodColumn: periodColumn ?? '',
		validityColumn: validityColumn ?? '',
		validValue,
		columns
	};
}
