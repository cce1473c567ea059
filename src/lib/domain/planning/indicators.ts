/**
 * Import of indicator values per district from a parsed CSV table (one row per district, or per
 * district and period). Pure and all-or-nothing: either every value of the file comes back, or a list
 * of problems naming line and column in plain German. "No data" stays null all the way through; a 0
 * would count as a real, very good or very bad, value in every average and every rule.
 */
import { detectNumberFormat, parseNumber, type CsvTable, type NumberFormat } from './csv';
import { cleanNumberText } from './statistical-number';

export interface IndicatorImportOptions {
	idColumn: string;
	/** One period for the whole file (e.g. '2020-12'), or the column that holds it per row. */
	period: string | { column: string };
	/** `label` names the column in messages when the header is not what the planner knows it by. */
	indicators: { column: string; key: string; label?: string }[];
	/** Rows whose validity cell is not one of `validValues` give null for every indicator. */
	validity?: { column: string; validValues: string[] };
	/** Cells meaning "no data", e.g. ['-9999']; also matched as numbers, so -9999,0 counts too. */
	invalidMarkers?: string[];
	numberFormat: NumberFormat | 'auto';
	knownDistrictCodes: ReadonlySet<string>;
}

export interface IndicatorValue {
	districtCode: string;
	indicatorKey: string;
	period: string;
	value: number | null;
}

export interface IndicatorImportSummary {
	rows: number;
	values: number;
	nullValues: number;
	/** Rows the validity column rejected, with its text (Berlin: "ungültig (EW unter 300)"). */
	invalidRows: { line: number; districtCode: string; reason: string }[];
	/** The format each indicator column was read in; worth showing when it was detected. */
	numberFormats: Record<string, NumberFormat>;
	periods: string[];
	/** Known districts the file says nothing about; not an error, a table may cover part of a city. */
	districtsWithoutRow: number;
}

export type IndicatorProblemCode =
	| 'optionsInvalid'
	| 'noRows'
	| 'singleColumn'
	| 'columnMissing'
	| 'columnDuplicate'
	| 'idMissing'
	| 'idUnknown'
	| 'idDuplicate'
	| 'periodMissing'
	| 'notANumber'
	| 'numberFormatAmbiguous'
	| 'numberFormatMixed'
	| 'tooManyErrors';

export interface IndicatorProblem {
	code: IndicatorProblemCode;
	/** Line in the file (the header is line 1); null for the file as a whole. */
	line: number | null;
	column?: string;
	message: string;
}

export type IndicatorImportResult =
	| { ok: true; values: IndicatorValue[]; summary: IndicatorImportSummary }
	| { ok: false; errors: IndicatorProblem[] };

/** The part of a parsed CSV the import needs; without `lines`, row i is taken to be on line i + 2. */
export type IndicatorTable = Pick<CsvTable, 'header' | 'rows'> & { lines?: number[] };

export const maxReportedIndicatorProblems = 100;

export function parseIndicatorTable(
	csv: IndicatorTable,
	options: IndicatorImportOptions
): IndicatorImportResult {
	const setup = resolveColumns(csv.header, options);
	if (!setup.ok) return setup;
	const { columns } = setup;
	if (csv.rows.length === 0) {
		return fail([{ code: 'noRows', line: null, message: 'Die Tabelle enthält keine Zeilen.' }]);
	}
	const lineOf = (index: number) => csv.lines?.[index] ?? index + 2;
	const problems: IndicatorProblem[] = [];
	const rows = readRows(csv, options, columns, lineOf, problems);

	const formats = chooseNumberFormats(rows, options, columns, problems);
	const markers = readMarkers(options.invalidMarkers ?? []);
	const values: IndicatorValue[] = [];
	for (const row of rows) {
		options.indicators.forEach(({ key, column, label }, i) => {
			const cell = {
				raw: row.cells[columns.indicators[i]] ?? '',
				line: row.line,
				column: label ?? column
			};
			const value = row.valid ? readValue(cell, formats[key], markers, problems) : null;
			values.push({ districtCode: row.code, indicatorKey: key, period: row.period, value });
		});
	}
	if (problems.length > 0) return fail(problems);

	const coveredCodes = new Set(rows.map((row) => row.code));
	return {
		ok: true,
		values,
		summary: {
			rows: rows.length,
			values: values.length,
			nullValues: values.filter((v) => v.value === null).length,
			invalidRows: rows
				.filter((row) => !row.valid)
				.map((row) => ({ line: row.line, districtCode: row.code, reason: row.validity })),
			numberFormats: formats,
			periods: [...new Set(rows.map((row) => row.period))],
			districtsWithoutRow: [...options.knownDistrictCodes].filter((c) => !coveredCodes.has(c))
				.length
		}
	};
}

// Columns -----------------------------------------------------------------------------------------

interface Columns {
	id: number;
	period: number | null;
	validity: number | null;
	indicators: number[];
}

function resolveColumns(
	header: string[],
	options: IndicatorImportOptions
): { ok: true; columns: Columns } | { ok: false; errors: IndicatorProblem[] } {
	const problems: IndicatorProblem[] = [];
	const keys = options.indicators.map((i) => i.key);
	if (keys.length === 0) {
		problems.push({
			code: 'optionsInvalid',
			line: null,
			message: 'Es ist kein Indikator gewählt.'
		});
	}
	const doubled = firstRepeated(keys);
	if (doubled !== undefined) {
		problems.push({
			code: 'optionsInvalid',
			line: null,
			message: `Der Indikator „${doubled}“ ist mehrfach gewählt.`
		});
	}
	if (typeof options.period === 'string' && options.period.trim() === '') {
		problems.push({ code: 'optionsInvalid', line: null, message: 'Der Zeitraum fehlt.' });
	}
	const names = header.map((name) => name.trim());
	// A map, not indexOf per indicator: a file may have thousands of columns, all chosen.
	const firstColumn = new Map<string, number>();
	const repeated = new Set<string>();
	names.forEach((name, index) => {
		if (firstColumn.has(name)) repeated.add(name);
		else firstColumn.set(name, index);
	});
	if (names.length === 1) {
		// The usual cause: a delimiter we do not detect (`|`), or a file that is not a table at all.
		const shown = names[0].length > 60 ? `${names[0].slice(0, 60)}…` : names[0];
		return fail([
			...problems,
			{
				code: 'singleColumn',
				line: 1,
				message:
					`Die Datei hat nur eine Spalte („${shown}“). Vermutlich trennt sie die Spalten mit ` +
					'einem anderen Zeichen als Komma, Semikolon oder Tabulator.'
			}
		]);
	}
	const find = (name: string): number => {
		const index = firstColumn.get(name.trim()) ?? -1;
		if (index === -1) {
			problems.push({
				code: 'columnMissing',
				line: 1,
				column: name,
				message: `Die Spalte „${name}“ fehlt. Vorhanden sind: ${listColumns(names)}.`
			});
		} else if (repeated.has(name.trim())) {
			problems.push({
				code: 'columnDuplicate',
				line: 1,
				column: name,
				message: `Die Spalte „${name}“ kommt in der Kopfzeile mehrfach vor.`
			});
		}
		return index;
	};
	const columns: Columns = {
		id: find(options.idColumn),
		period: typeof options.period === 'string' ? null : find(options.period.column),
		validity: options.validity ? find(options.validity.column) : null,
		indicators: options.indicators.map((indicator) => find(indicator.column))
	};
	return problems.length > 0 ? fail(problems) : { ok: true, columns };
}

/** The first item that occurred before, as `find((x, i) => list.indexOf(x) !== i)` in one pass. */
export function firstRepeated<T>(items: readonly T[]): T | undefined {
	const seen = new Set<T>();
	for (const item of items) {
		if (seen.has(item)) return item;
		seen.add(item);
	}
	return undefined;
}

function listColumns(names: string[]): string {
	const shown = names.slice(0, 12).join(', ');
	return names.length > 12 ? `${shown} … (${names.length} Spalten)` : shown;
}

// Rows --------------------------------------------------------------------------------------------

interface Row {
	line: number;
	code: string;
	period: string;
	valid: boolean;
	validity: string;
	cells: string[];
}

/** Checks id, period and validity of every row; returns only the rows that passed. */
function readRows(
	csv: IndicatorTable,
	options: IndicatorImportOptions,
	columns: Columns,
	lineOf: (index: number) => number,
	problems: IndicatorProblem[]
): Row[] {
	const rows: Row[] = [];
	const firstLine = new Map<string, number>();
	const lookUpUnpadded = unpaddedCodes(options.knownDistrictCodes);
	const validValues = new Set(options.validity?.validValues.map((v) => v.trim()));
	const fixedPeriod = typeof options.period === 'string' ? options.period.trim() : '';
	const periodColumn = typeof options.period === 'string' ? undefined : options.period.column;
	csv.rows.forEach((cells, index) => {
		const line = lineOf(index);
		const code = cells[columns.id]?.trim() ?? '';
		const period = columns.period === null ? fixedPeriod : (cells[columns.period]?.trim() ?? '');
		if (code === '') {
			problems.push({
				code: 'idMissing',
				line,
				column: options.idColumn,
				message: `Zeile ${line}: Die Kennung in Spalte „${options.idColumn}“ fehlt.`
			});
			return;
		}
		if (!options.knownDistrictCodes.has(code)) {
			const meant = lookUpUnpadded.get(code.replace(/^0+/, ''));
			const hint = meant
				? ` Meinten Sie „${meant}“? Dann hat ein Tabellenprogramm die führenden Nullen entfernt.`
				: '';
			problems.push({
				code: 'idUnknown',
				line,
				column: options.idColumn,
				message: `Zeile ${line}: Zur Kennung „${code}“ gibt es kein Gebiet.${hint}`
			});
			return;
		}
		// Only a period column can be empty here; a fixed period was checked with the options.
		if (period === '') {
			problems.push({
				code: 'periodMissing',
				line,
				column: periodColumn,
				message: `Zeile ${line}: Der Zeitraum in Spalte „${periodColumn}“ fehlt.`
			});
			return;
		}
		// One value per district and period; a second row would silently overwrite the first.
		const key = `${code}\u0000${period}`;
		const earlier = firstLine.get(key);
		if (earlier !== undefined) {
			const when = columns.period === null ? '' : ` für den Zeitraum „${period}“`;
			problems.push({
				code: 'idDuplicate',
				line,
				column: options.idColumn,
				message: `Zeile ${line}: Die Kennung „${code}“ kommt${when} doppelt vor (schon in Zeile ${earlier}).`
			});
			return;
		}
		firstLine.set(key, line);
		const validity = columns.validity === null ? '' : (cells[columns.validity]?.trim() ?? '');
		const valid = columns.validity === null || validValues.has(validity);
		rows.push({ line, code, period, valid, validity, cells });
	});
	return rows;
}

/** Known codes by their digits without leading zeros, to recognise "1100101" as "01100101". */
function unpaddedCodes(codes: ReadonlySet<string>): Map<string, string> {
	const map = new Map<string, string>();
	for (const code of codes) {
		if (/^0+\d/.test(code)) map.set(code.replace(/^0+/, ''), code);
	}
	return map;
}

// Values ------------------------------------------------------------------------------------------

/**
 * With 'auto', each column is detected on its own, and the file must agree with itself: one program
 * wrote it, in one locale. A column that alone cannot be decided (only values like 1.234) follows the
 * columns that can; if none can decide, the user has to say.
 */
function chooseNumberFormats(
	rows: Row[],
	options: IndicatorImportOptions,
	columns: Columns,
	problems: IndicatorProblem[]
): Record<string, NumberFormat> {
	const formats: Record<string, NumberFormat> = {};
	if (options.numberFormat !== 'auto') {
		for (const { key } of options.indicators) formats[key] = options.numberFormat;
		return formats;
	}
	const markers = new Set(options.invalidMarkers?.map((m) => m.trim()));
	// Spaces, signs, `%` and brackets read the same in both formats; only what is left decides.
	const decidingText = (raw: string): string[] => {
		if (markers.has(raw.trim())) return [];
		const cleaned = cleanNumberText(raw);
		return cleaned.kind === 'text' ? [cleaned.text] : [];
	};
	const detected = options.indicators.map(({ column, label }, i) => ({
		column: label ?? column,
		result: detectNumberFormat(
			rows
				.filter((row) => row.valid)
				.flatMap((row) => decidingText(row.cells[columns.indicators[i]] ?? ''))
		)
	}));
	const decided = detected.flatMap(({ column, result }) =>
		result.ok && result.example !== null
			? [{ column, format: result.format, example: result.example }]
			: []
	);
	const disagreeing = decided.find((d) => d.format !== decided[0].format);
	if (disagreeing) {
		const [first] = decided;
		problems.push({
			code: 'numberFormatMixed',
			line: null,
			message:
				`Die Spalten „${first.column}“ („${first.example}“) und „${disagreeing.column}“ ` +
				`(„${disagreeing.example}“) schreiben Zahlen verschieden. Bitte das Zahlenformat angeben.`
		});
	}
	const fileFormat = decided[0]?.format ?? null;
	detected.forEach(({ column, result }, i) => {
		const key = options.indicators[i].key;
		if (result.ok) {
			formats[key] = result.example === null ? (fileFormat ?? result.format) : result.format;
		} else if (result.code === 'mixed') {
			const [de, en] = result.examples;
			problems.push({
				code: 'numberFormatMixed',
				line: null,
				column,
				message:
					`Spalte „${column}“ mischt deutsche („${de}“) und englische („${en}“) ` +
					'Schreibweise von Zahlen.'
			});
		} else if (fileFormat) {
			formats[key] = fileFormat;
		} else {
			problems.push({
				code: 'numberFormatAmbiguous',
				line: null,
				column,
				message:
					`Spalte „${column}“: Das Zahlenformat ist nicht eindeutig („${result.example}“ kann ` +
					'deutsch oder englisch geschrieben sein). Bitte das Zahlenformat angeben.'
			});
		}
	});
	return formats;
}

interface Markers {
	texts: Set<string>;
	numbers: Record<NumberFormat, Set<number>>;
}

function readMarkers(markers: string[]): Markers {
	const numbersIn = (format: NumberFormat) =>
		markers.flatMap((marker) => {
			const parsed = parseNumber(marker, format);
			return parsed.ok && parsed.value !== null ? [parsed.value] : [];
		});
	return {
		texts: new Set(markers.map((marker) => marker.trim())),
		numbers: { de: new Set(numbersIn('de')), en: new Set(numbersIn('en')) }
	};
}

function readValue(
	cell: { raw: string; line: number; column: string },
	format: NumberFormat | undefined,
	markers: Markers,
	problems: IndicatorProblem[]
): number | null {
	// No format: the column's format problem is already reported, once for the whole column.
	if (format === undefined) return null;
	const raw = cell.raw.trim();
	if (raw === '' || markers.texts.has(raw)) return null;
	// Statistics offices' spellings (`1 229`, `- 23`, `12,5 %`) and their no-data marks (`.`, `–`,
	// `x` …, see statistical-number.ts) are read without the user having to list them.
	const cleaned = cleanNumberText(raw);
	if (cleaned.kind === 'noData') return null;
	const parsed = cleaned.kind === 'text' ? parseNumber(cleaned.text, format) : null;
	if (!parsed?.ok) {
		problems.push({
			code: 'notANumber',
			line: cell.line,
			column: cell.column,
			message: `Zeile ${cell.line}, Spalte „${cell.column}“: „${raw}“ ist keine Zahl.`
		});
		return null;
	}
	if (parsed.value !== null && markers.numbers[format].has(parsed.value)) return null;
	return parsed.value;
}

function fail(problems: IndicatorProblem[]): { ok: false; errors: IndicatorProblem[] } {
	if (problems.length <= maxReportedIndicatorProblems) return { ok: false, errors: problems };
	const more = problems.length - maxReportedIndicatorProblems;
	return {
		ok: false,
		errors: [
			...problems.slice(0, maxReportedIndicatorProblems),
			{
				code: 'tooManyErrors',
				line: null,
				message: `… und ${more} weitere Fehler. Bitte zuerst die genannten beheben.`
			}
		]
	};
}
