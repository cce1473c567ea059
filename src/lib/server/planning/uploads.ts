/**
 * The import forms on the server: reading the uploaded file, checking the chosen settings and running
 * the all-or-nothing import. Used by the form actions (browsers without JavaScript) and by the
 * progress stream (`/districts/import/run`), so both give the same answers.
 */
import type { Db } from '../db';
import { csvDelimiters, type CsvDelimiter } from '../../domain/planning/csv';
import type { Polarity } from '../../domain/planning/deprivation';
import type {
	CsvInspection,
	GeoJsonInspection,
	InspectionFailure
} from '../../domain/planning/import-suggestions';
import { checkImportSize, maxImportBytes } from '../../domain/planning/import-size';
import type {
	DistrictImportOutcome,
	ImportEvent,
	ImportOutcome,
	IndicatorImportOutcome,
	UploadProblem
} from '../../domain/planning/import-events';
import {
	districtCodePages,
	districtGeometryPages,
	importDistricts,
	levelExists
} from './districts';
import { yieldToEventLoop } from './batch';
import type { ImportProgressPayload } from './import-log';
import { ImportFailure, transferable, withImportThread, type ImportThread } from './import-thread';
import type { DistrictsResult, IndicatorsResult } from './import-worker';
import { importIndicatorValues, type IndicatorDefinition } from './indicators';
import { LinkedDistrictsRemoval } from './districts';
import { recomputeRollups, type RollupOutcome } from './rollup';

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

/**
 * The uploaded file as bytes. The import thread decodes it (see `decodeUpload`), so 50 MB of text
 * never pass through the main thread; importing hands the bytes over to the thread, so a file can
 * be imported once.
 */
export interface UploadedFile {
	name: string;
	bytes: Uint8Array;
}

type Refusal = { ok: false; errors: UploadProblem[] };

function checkFile(file: { name: string; size: number } | null): Refusal | null {
	if (file === null || file.name === '') return refuse('Bitte wählen Sie eine Datei.');
	const size = checkImportSize(file.size);
	return size.ok ? null : refuse(size.message);
}

/** The file of a form already read (scripts and tests; requests go through `readUpload`). */
export async function readUploadedFile(
	form: FormData
): Promise<{ ok: true; file: UploadedFile } | Refusal> {
	const file = form.get('file');
	const refused = checkFile(file instanceof File ? file : null);
	if (refused) return refused;
	const { name } = file as File;
	return { ok: true, file: { name, bytes: new Uint8Array(await (file as File).arrayBuffer()) } };
}

const malformedMessage =
	'Das Formular ist unvollständig oder beschädigt angekommen. Bitte versuchen Sie es noch einmal.';

/**
 * Reads an upload request without holding up the event loop: the body arrives chunk by chunk into
 * one buffer, and the multipart form is taken apart on the import thread (50 MB take the parser
 * longer than a live workshop may wait). The form's fields come back, and the file as bytes.
 */
export async function readUpload(
	request: Request
): Promise<{ ok: true; form: FormData; file: UploadedFile } | Refusal> {
	const tooLarge = checkUploadLength(request);
	if (tooLarge) return tooLarge;
	const body = await readBody(request, uploadBodyLimit);
	if (body === null) return refuse(tooLargeMessage);
	let read;
	try {
		read = await withImportThread((thread) => {
			const { bytes, transfer } = transferable(body);
			const contentType = request.headers.get('content-type') ?? '';
			return thread.run({ type: 'form', body: bytes, contentType }, transfer);
		});
	} catch (error) {
		if (error instanceof ImportFailure) return refuse(error.message);
		throw error;
	}
	if ('malformed' in read) return refuse(malformedMessage);
	const form = new FormData();
	for (const [name, value] of read.fields) form.append(name, value);
	const refused = checkFile(read.file);
	if (refused || read.file === null) return refused ?? refuse('Bitte wählen Sie eine Datei.');
	return { ok: true, form, file: { name: read.file.name, bytes: read.file.bytes } };
}

/** The body in one buffer, or null past `limit` bytes (also when no length was stated). */
async function readBody(request: Request, limit: number): Promise<Uint8Array | null> {
	const stated = Number(request.headers.get('content-length'));
	let buffer = new Uint8Array(Number.isFinite(stated) && stated > 0 ? stated : 64 * 1024);
	let length = 0;
	if (!request.body) return buffer.subarray(0, 0);
	const reader = request.body.getReader();
	let sinceTurn = 0;
	for (;;) {
		// Chunks already waiting resolve as microtasks, one after another: give the event loop a
		// turn every MB, so a body that arrived faster than it is read cannot hold it up.
		if (sinceTurn >= 1024 * 1024) {
			sinceTurn = 0;
			await yieldToEventLoop();
		}
		const { done, value } = await reader.read();
		if (done) break;
		sinceTurn += value.length;
		if (length + value.length > limit) {
			await reader.cancel();
			return null;
		}
		if (length + value.length > buffer.length) {
			// Doubling keeps the copying linear for a body without a stated length.
			const grown = new Uint8Array(
				Math.min(limit, Math.max(buffer.length * 2, length + value.length))
			);
			grown.set(buffer.subarray(0, length));
			buffer = grown;
		}
		buffer.set(value, length);
		length += value.length;
	}
	return length === buffer.length ? buffer : buffer.subarray(0, length);
}

/** What the file holds, for the form to offer its property or column names. */
export async function inspectUpload(
	kind: 'csv' | 'districts',
	file: UploadedFile
): Promise<GeoJsonInspection | CsvInspection | InspectionFailure> {
	try {
		return await withImportThread((thread) => {
			const { bytes, transfer } = transferable(file.bytes);
			return thread.run({ type: 'inspect', kind, file: bytes }, transfer);
		});
	} catch (error) {
		if (error instanceof ImportFailure) return { ok: false, message: error.message };
		throw error;
	}
}

/** Runs `work` on an import thread; a failure there is a refusal with its plain message. */
async function onThread<T>(
	work: (thread: ImportThread) => Promise<T>
): Promise<{ done: T } | { refused: Refusal }> {
	try {
		return { done: await withImportThread(work) };
	} catch (error) {
		if (error instanceof ImportFailure) return { refused: refuse(error.message) };
		throw error;
	}
}

/**
 * Form fields by name, read once: `FormData.get` searches all entries on every call, and a table
 * with thousands of chosen columns asks for four fields per column.
 */
function fieldsOf(form: FormData): { text(name: string): string; all(name: string): string[] } {
	const byName = new Map<string, string[]>();
	for (const [name, value] of form) {
		if (typeof value !== 'string') continue;
		const values = byName.get(name);
		if (values) values.push(value);
		else byName.set(name, [value]);
	}
	return {
		text: (name) => byName.get(name)?.[0]?.trim() ?? '',
		all: (name) => byName.get(name) ?? []
	};
}

/**
 * Level names are shown as the planner wrote them ("Stadtteil", "Lebensweltlich orientierter Raum"):
 * words of letters, digits, - and _, separated by single spaces (a form's spaces are folded first).
 */
const levelPattern = /^(?=.{1,60}$)[\p{L}\p{N}_-]+(?: [\p{L}\p{N}_-]+)*$/u;
const foldSpaces = (text: string) => text.replace(/\s+/gu, ' ').trim();

// Districts ---------------------------------------------------------------------------------------

export async function runDistrictUpload(
	db: Db,
	form: FormData,
	file: UploadedFile,
	createdBy: string,
	onProgress: ImportProgress = () => undefined
): Promise<ImportOutcome> {
	const started = performance.now();
	const { text } = fieldsOf(form);
	const idProperty = text('idProperty');
	const nameProperty = text('nameProperty');
	const level = foldSpaces(text('level'));
	const parentMode = text('parentMode') || 'none';
	const parentLevel = foldSpaces(text('parentLevel'));
	const parentProperty = text('parentProperty');
	const allowOrphans = text('allowOrphans') === '1';
	const confirmRemoval = text('confirmRemoval') === '1';
	const epsgText = text('epsg').replace(/^epsg:/i, '');
	const epsg = epsgText ? Number(epsgText) : null;
	const problems: string[] = [];
	if (!idProperty) problems.push('Bitte wählen Sie die Eigenschaft mit der Kennung.');
	if (!nameProperty) problems.push('Bitte wählen Sie die Eigenschaft mit dem Namen.');
	if (!levelPattern.test(level)) {
		problems.push(
			'Bitte geben Sie die Ebene an (z. B. „Stadtteil“, höchstens 60 Zeichen): Buchstaben, ' +
				'Ziffern, Leerzeichen, - und _.'
		);
	}
	if (!['none', 'prefix', 'property', 'location'].includes(parentMode)) {
		problems.push('Bitte wählen Sie, wie das übergeordnete Gebiet bestimmt wird.');
	}
	if (parentMode === 'property' && !parentProperty) {
		problems.push('Bitte wählen Sie die Eigenschaft mit der Kennung des übergeordneten Gebiets.');
	}
	if (epsg !== null && !(Number.isInteger(epsg) && epsg >= 1024 && epsg <= 999999)) {
		problems.push('Das Koordinatensystem bitte als EPSG-Nummer angeben (z. B. 25833 oder 4326).');
	}
	if (parentMode !== 'none' && !levelPattern.test(parentLevel)) {
		problems.push('Bitte wählen Sie die übergeordnete Ebene.');
	}
	if (parentMode !== 'none' && parentLevel === level) {
		problems.push('Die übergeordnete Ebene muss eine andere Ebene sein.');
	}
	const prefix = Number(text('parentPrefix'));
	if (parentMode === 'prefix' && !(Number.isInteger(prefix) && prefix >= 1 && prefix <= 40)) {
		problems.push(
			'Bitte geben Sie an, wie viele Zeichen der Kennung das übergeordnete Gebiet sind.'
		);
	}
	const digits = text('idDigits');
	const padTo = Number(digits);
	if (digits && !(Number.isInteger(padTo) && padTo >= 1 && padTo <= 40)) {
		problems.push('Die Stellenzahl der Kennung muss eine ganze Zahl zwischen 1 und 40 sein.');
	}
	if (problems.length > 0) return refuse(...problems);

	const parent =
		parentMode === 'prefix'
			? { fromIdPrefix: prefix, allowOrphans }
			: parentMode === 'property'
				? { fromProperty: parentProperty, allowOrphans }
				: parentMode === 'location'
					? { layer: true as const, allowOrphans }
					: null;
	if (parent && !(await levelExists(db, parentLevel))) {
		return refuse(`Die übergeordnete Ebene „${parentLevel}“ ist noch nicht importiert.`);
	}

	await onProgress({ type: 'progress', phase: 'check', done: 0, total: 1 });
	const ran = await onThread(async (thread): Promise<DistrictsResult> => {
		// The parent level goes to the thread a page at a time: it may be as large as the file.
		if (parent && !('layer' in parent)) {
			for await (const codes of districtCodePages(db, parentLevel)) {
				thread.note({ type: 'knownCodes', codes });
			}
		} else if (parent) {
			for await (const page of districtGeometryPages(db, parentLevel)) {
				thread.note({ type: 'parents', ...page });
			}
		}
		const { bytes, transfer } = transferable(file.bytes);
		const options = {
			idProperty,
			nameProperty,
			level,
			...(digits ? { numericIds: { padTo } } : {}),
			...(epsg !== null ? { epsg } : {})
		};
		return thread.run({ type: 'districts', file: bytes, options, parent }, transfer);
	});
	if ('refused' in ran) return ran.refused;
	const parsed = ran.done;
	if (!parsed.ok) {
		return {
			ok: false,
			errors: parsed.errors.map((e) => ({ message: e.message, feature: e.feature, field: e.field }))
		};
	}
	await onProgress({ type: 'progress', phase: 'check', done: 1, total: 1 });
	let counts;
	try {
		counts = await importDistricts(
			db,
			parsed.districts,
			{ fileName: file.name, createdBy, parentLevel: parent ? parentLevel : null, confirmRemoval },
			(p: ImportProgressPayload) => onProgress({ type: 'progress', ...p })
		);
	} catch (error) {
		if (!(error instanceof LinkedDistrictsRemoval)) throw error;
		return {
			ok: false,
			linkedRemovals: error.removals,
			errors: [{ message: linkedRemovalMessage(error.removedTotal, error.removals.length) }]
		};
	}
	const rollup = await recomputeRollups(db);
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
		warnings: [
			...parsed.fileWarnings,
			...parsed.districts.warnings.map((w) => w.message),
			...rollupWarnings(rollup)
		],
		ms: Math.round(performance.now() - started)
	};
	return outcome;
}

function linkedRemovalMessage(removed: number, linked: number): string {
	const areas = removed === 1 ? '1 Gebiet' : `${removed} Gebiete`;
	const which = linked === 1 ? 'Mit 1 davon sind' : `Mit ${linked} davon sind`;
	return (
		`Die neue Datei enthält ${areas} nicht mehr, die es bisher gab. ${which} Maßnahmen, Ziele ` +
		'oder Werkstätten verknüpft (Liste unten). Es wurde noch nichts geändert. Wenn die Gebiete ' +
		'wirklich wegfallen sollen, bestätigen Sie das und starten Sie den Import noch einmal.'
	);
}

/** A roll-up that failed after an import: the import stands, the computed values stay as before. */
function rollupWarnings(rollup: RollupOutcome): string[] {
	if (rollup.ok) return [];
	return [
		'Die berechneten Werte der übergeordneten Ebenen wurden nicht aktualisiert:',
		...rollup.errors.map((e) => e.message)
	];
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
	const { text, all } = fieldsOf(form);
	const level = text('level');
	const idColumn = text('idColumn');
	const periodColumn = text('periodColumn');
	const period = text('period');
	const numberFormat = text('numberFormat') || 'auto';
	const delimiterChoice = text('delimiter') || 'auto';
	const validityColumn = text('validityColumn');
	const validValue = text('validValue');
	const markers = text('invalidMarkers').split(/\s+/).filter(Boolean);
	const sharedAttribution = text('attribution');
	const sharedSource = text('source');
	const columns = [...new Set(all('columns'))];

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
		const polarity = text(`polarity:${column}`) as Polarity;
		if (polarity !== 'higherIsWorse' && polarity !== 'higherIsBetter') {
			problems.push(`Spalte „${column}“: Bitte wählen Sie, ob ein höherer Wert schlechter ist.`);
			continue;
		}
		definitions.push({
			key: column,
			label: (text(`label:${column}`) || column).slice(0, 200),
			unit: text(`unit:${column}`).slice(0, 40),
			polarity,
			source: sharedSource.slice(0, 500),
			attribution: (text(`attribution:${column}`) || sharedAttribution).slice(0, 1000)
		});
	}
	if (problems.length > 0) return refuse(...problems);

	if (!(await levelExists(db, level))) {
		return refuse(
			`Die Ebene „${level}“ hat noch keine Gebiete. Bitte zuerst die Gebiete importieren.`
		);
	}
	await onProgress({ type: 'progress', phase: 'check', done: 0, total: 1 });
	const ran = await onThread(async (thread): Promise<IndicatorsResult> => {
		for await (const codes of districtCodePages(db, level)) {
			thread.note({ type: 'knownCodes', codes });
		}
		const { bytes, transfer } = transferable(file.bytes);
		const options = {
			idColumn,
			period: periodColumn ? { column: periodColumn } : period,
			indicators: definitions.map(({ key }) => ({ column: key, key })),
			...(validityColumn
				? { validity: { column: validityColumn, validValues: [validValue] } }
				: {}),
			invalidMarkers: markers,
			numberFormat: numberFormat as 'auto' | 'de' | 'en'
		};
		return thread.run(
			{
				type: 'indicators',
				file: bytes,
				delimiter: delimiter === 'auto' ? null : (delimiter as CsvDelimiter),
				options
			},
			transfer
		);
	});
	if ('refused' in ran) return ran.refused;
	const parsed = ran.done;
	if ('csvError' in parsed) {
		return {
			ok: false,
			errors: [{ message: parsed.csvError.message, line: parsed.csvError.line }]
		};
	}
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
		warnings: [...parsed.fileWarnings, ...rollupWarnings(await recomputeRollups(db))],
		ms: Math.round(performance.now() - started)
	};
	return outcome;
}
