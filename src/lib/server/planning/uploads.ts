/**
 * The import forms on the server: reading the uploaded file, checking the chosen settings and running
 * the all-or-nothing import. Used by the form actions (browsers without JavaScript) and by the
 * progress stream (`/districts/import/run`), so both give the same answers.
 */
import type { Db } from '../db';
import { csvDelimiters, parseCsv, type CsvDelimiter } from '../../domain/planning/csv';
import type { Polarity } from '../../domain/planning/deprivation';
import { parseDistrictGeoJson, type ParentRule } from '../../domain/planning/districts';
import { parseIndicatorTable } from '../../domain/planning/indicators';
import { checkImportSize, maxImportBytes } from '../../domain/planning/import-size';
import type {
	DistrictImportOutcome,
	ImportEvent,
	ImportOutcome,
	IndicatorImportOutcome,
	UploadProblem
} from '../../domain/planning/import-events';
import { districtGeometries, importDistricts, listDistricts } from './districts';
import type { ImportProgressPayload } from './import-log';
import { importIndicatorValues, type IndicatorDefinition } from './indicators';

/** Room for the form fields and multipart framing around a file of the maximum size. */
export const uploadBodyLimit = maxImportBytes + 1024 * 1024;

export type ImportProgress = (
	event: Extract<ImportEvent, { type: 'progress' }>
) => void | Promise<void>;

const refuse = (...messages: string[]): { ok: false; errors: UploadProblem[] } => ({
	ok: false,
	errors: messages.map((message) => ({ message }))
});

/**
 * Refuses an oversized upload from its Content-Length, before a byte of the body is read, so a
 * 2 GB file costs the server nothing. The file's own size is checked again after reading.
 */
export function checkUploadLength(request: Request): { ok: false; errors: UploadProblem[] } | null {
	const length = Number(request.headers.get('content-length'));
	if (!Number.isFinite(length) || length <= uploadBodyLimit) return null;
	// The body also holds the form fields, so its length is not quite the file's size.
	return refuse(tooLargeMessage);
}

export const tooLargeMessage = 'Die Datei ist größer als 50 MB. Erlaubt sind höchstens 50 MB.';

export interface UploadedFile {
	name: string;
	text: string;
	warnings: string[];
}

/**
 * The file from the form as text. UTF-8 is expected (with or without BOM; the parsers drop it); a
 * file that is not valid UTF-8 is almost always a German Excel export in Windows-1252, read as such
 * with a warning, so "Stülerstraße" does not arrive as "StÃ¼lerstraÃŸe".
 */
export async function readUploadedFile(
	form: FormData
): Promise<{ ok: true; file: UploadedFile } | { ok: false; errors: UploadProblem[] }> {
	const file = form.get('file');
	if (!(file instanceof File) || file.name === '') return refuse('Bitte wählen Sie eine Datei.');
	const size = checkImportSize(file.size);
	if (!size.ok) return refuse(size.message);
	const bytes = new Uint8Array(await file.arrayBuffer());
	try {
		return {
			ok: true,
			file: {
				name: file.name,
				text: new TextDecoder('utf-8', { fatal: true }).decode(bytes),
				warnings: []
			}
		};
	} catch {
		return {
			ok: true,
			file: {
				name: file.name,
				text: new TextDecoder('windows-1252').decode(bytes),
				warnings: [
					'Die Datei ist nicht in UTF-8 gespeichert. Sie wurde als Windows-1252 (Excel) gelesen. ' +
						'Bitte prüfen Sie Umlaute in den Namen.'
				]
			}
		};
	}
}

const text = (form: FormData, name: string) => {
	const value = form.get(name);
	return typeof value === 'string' ? value.trim() : '';
};

/** Level names become part of URLs and queries; letters, digits, - and _ keep them readable. */
const levelPattern = /^[\p{L}\p{N}_-]{1,40}$/u;

// Districts ---------------------------------------------------------------------------------------

export async function runDistrictUpload(
	db: Db,
	form: FormData,
	file: UploadedFile,
	createdBy: string,
	onProgress: ImportProgress = () => undefined
): Promise<ImportOutcome> {
	const started = performance.now();
	const idProperty = text(form, 'idProperty');
	const nameProperty = text(form, 'nameProperty');
	const level = text(form, 'level');
	const parentMode = text(form, 'parentMode') || 'none';
	const parentLevel = text(form, 'parentLevel');
	const problems: string[] = [];
	if (!idProperty) problems.push('Bitte wählen Sie die Eigenschaft mit der Kennung.');
	if (!nameProperty) problems.push('Bitte wählen Sie die Eigenschaft mit dem Namen.');
	if (!levelPattern.test(level)) {
		problems.push(
			'Bitte geben Sie die Ebene an (z. B. „planungsraum“): nur Buchstaben, Ziffern, - und _.'
		);
	}
	if (parentMode !== 'none' && !levelPattern.test(parentLevel)) {
		problems.push('Bitte wählen Sie die übergeordnete Ebene.');
	}
	if (parentMode !== 'none' && parentLevel === level) {
		problems.push('Die übergeordnete Ebene muss eine andere Ebene sein.');
	}
	const prefix = Number(text(form, 'parentPrefix'));
	if (parentMode === 'prefix' && !(Number.isInteger(prefix) && prefix >= 1 && prefix <= 40)) {
		problems.push(
			'Bitte geben Sie an, wie viele Zeichen der Kennung das übergeordnete Gebiet sind.'
		);
	}
	const digits = text(form, 'idDigits');
	const padTo = Number(digits);
	if (digits && !(Number.isInteger(padTo) && padTo >= 1 && padTo <= 40)) {
		problems.push('Die Stellenzahl der Kennung muss eine ganze Zahl zwischen 1 und 40 sein.');
	}
	if (problems.length > 0) return refuse(...problems);

	let parent: ParentRule | undefined;
	if (parentMode === 'prefix') {
		const known = await listDistricts(db, { level: parentLevel });
		if (known.length === 0) {
			return refuse(`Die übergeordnete Ebene „${parentLevel}“ ist noch nicht importiert.`);
		}
		parent = { fromIdPrefix: prefix, knownCodes: new Set(known.map((d) => d.code)) };
	} else if (parentMode === 'location') {
		const layer = await districtGeometries(db, parentLevel);
		if (layer.length === 0) {
			return refuse(`Die übergeordnete Ebene „${parentLevel}“ ist noch nicht importiert.`);
		}
		parent = { layer };
	}

	await onProgress({ type: 'progress', phase: 'check', done: 0, total: 1 });
	const parsed = parseDistrictGeoJson(file.text, {
		idProperty,
		nameProperty,
		level,
		parent,
		...(digits ? { numericIds: { padTo } } : {})
	});
	if (!parsed.ok) {
		return {
			ok: false,
			errors: parsed.errors.map((e) => ({ message: e.message, feature: e.feature, field: e.field }))
		};
	}
	await onProgress({ type: 'progress', phase: 'check', done: 1, total: 1 });
	const counts = await importDistricts(
		db,
		parsed,
		{ fileName: file.name, createdBy, parentLevel: parent ? parentLevel : null },
		(p: ImportProgressPayload) => onProgress({ type: 'progress', ...p })
	);
	const outcome: DistrictImportOutcome = {
		ok: true,
		kind: 'districts',
		fileName: file.name,
		level: counts.level,
		parentLevel: parent ? parentLevel : null,
		total: counts.total,
		added: counts.added,
		updated: counts.updated,
		removed: counts.removed,
		orphanedValues: counts.orphanedValues,
		orphanedChildren: counts.orphanedChildren,
		warnings: [...file.warnings, ...parsed.warnings.map((w) => w.message)],
		ms: Math.round(performance.now() - started)
	};
	return outcome;
}

// Indicators --------------------------------------------------------------------------------------

const keyPattern = /^[\p{L}\p{N}_.-]{1,60}$/u;

export async function runIndicatorUpload(
	db: Db,
	form: FormData,
	file: UploadedFile,
	createdBy: string,
	onProgress: ImportProgress = () => undefined
): Promise<ImportOutcome> {
	const started = performance.now();
	const level = text(form, 'level');
	const idColumn = text(form, 'idColumn');
	const periodColumn = text(form, 'periodColumn');
	const period = text(form, 'period');
	const numberFormat = text(form, 'numberFormat') || 'auto';
	const delimiterChoice = text(form, 'delimiter') || 'auto';
	const validityColumn = text(form, 'validityColumn');
	const validValue = text(form, 'validValue');
	const markers = text(form, 'invalidMarkers').split(/\s+/).filter(Boolean);
	const sharedAttribution = text(form, 'attribution');
	const sharedSource = text(form, 'source');
	const columns = [...new Set(form.getAll('columns').map(String))];

	const problems: string[] = [];
	if (!levelPattern.test(level)) problems.push('Bitte wählen Sie die Ebene der Gebiete.');
	if (!idColumn) problems.push('Bitte wählen Sie die Spalte mit der Kennung.');
	if (!periodColumn && !period) {
		problems.push('Bitte geben Sie den Zeitraum an (z. B. 2020-12) oder wählen Sie eine Spalte.');
	}
	if (!['auto', 'de', 'en'].includes(numberFormat)) problems.push('Unbekanntes Zahlenformat.');
	const delimiter = delimiterChoice === 'tab' ? '\t' : delimiterChoice;
	if (delimiter !== 'auto' && !csvDelimiters.includes(delimiter as CsvDelimiter)) {
		problems.push('Unbekanntes Trennzeichen.');
	}
	if (columns.length === 0) problems.push('Bitte wählen Sie mindestens eine Spalte mit Werten.');
	const definitions: IndicatorDefinition[] = [];
	for (const column of columns) {
		if (!keyPattern.test(column)) {
			problems.push(
				`Die Spalte „${column.slice(0, 60)}“ kann kein Indikator sein: Der Name darf nur ` +
					'Buchstaben, Ziffern, _ . und - enthalten.'
			);
			continue;
		}
		const polarity = text(form, `polarity:${column}`) as Polarity;
		if (polarity !== 'higherIsWorse' && polarity !== 'higherIsBetter') {
			problems.push(`Spalte „${column}“: Bitte wählen Sie, ob ein höherer Wert schlechter ist.`);
			continue;
		}
		definitions.push({
			key: column,
			label: (text(form, `label:${column}`) || column).slice(0, 200),
			unit: text(form, `unit:${column}`).slice(0, 40),
			polarity,
			source: sharedSource.slice(0, 500),
			attribution: (text(form, `attribution:${column}`) || sharedAttribution).slice(0, 1000)
		});
	}
	if (problems.length > 0) return refuse(...problems);

	const known = await listDistricts(db, { level });
	if (known.length === 0) {
		return refuse(
			`Die Ebene „${level}“ hat noch keine Gebiete. Bitte zuerst die Gebiete importieren.`
		);
	}
	await onProgress({ type: 'progress', phase: 'check', done: 0, total: 1 });
	const csv = parseCsv(
		file.text,
		delimiter === 'auto' ? {} : { delimiter: delimiter as CsvDelimiter }
	);
	if (!csv.ok) return { ok: false, errors: [{ message: csv.error.message, line: csv.error.line }] };
	const parsed = parseIndicatorTable(csv, {
		idColumn,
		period: periodColumn ? { column: periodColumn } : period,
		indicators: definitions.map(({ key }) => ({ column: key, key })),
		...(validityColumn ? { validity: { column: validityColumn, validValues: [validValue] } } : {}),
		invalidMarkers: markers,
		numberFormat: numberFormat as 'auto' | 'de' | 'en',
		knownDistrictCodes: new Set(known.map((d) => d.code))
	});
	if (!parsed.ok) {
		return {
			ok: false,
			errors: parsed.errors.map((e) => ({ message: e.message, line: e.line, field: e.column }))
		};
	}
	await onProgress({ type: 'progress', phase: 'check', done: 1, total: 1 });
	const counts = await importIndicatorValues(
		db,
		{ indicators: definitions, level, values: parsed.values },
		{ fileName: file.name, createdBy },
		(p: ImportProgressPayload) => onProgress({ type: 'progress', ...p })
	);
	const outcome: IndicatorImportOutcome = {
		ok: true,
		kind: 'indicators',
		fileName: file.name,
		level,
		indicators: counts.indicators,
		periods: counts.periods,
		rows: parsed.summary.rows,
		values: counts.values,
		nullValues: counts.nullValues,
		replaced: counts.replaced,
		invalidRows: parsed.summary.invalidRows,
		districtsWithoutRow: parsed.summary.districtsWithoutRow,
		numberFormats: parsed.summary.numberFormats,
		warnings: file.warnings,
		ms: Math.round(performance.now() - started)
	};
	return outcome;
}
