/**
 * The import's CPU work, on a worker thread (see import-thread.ts): reading the multipart body,
 * decoding and parsing up to 50 MB of GeoJSON or CSV, checking every geometry, finding parents by
 * location. On the main thread the same work held up every live workshop for as long as it ran.
 *
 * This module is the worker's entry as well as its address: the main thread imports it only
 * dynamically, for `importWorkerUrl`, so the bundler gives it a chunk of its own and the URL names
 * a file that exists at run time (the TypeScript source in dev and tests, a chunk in the build).
 * Loaded on the main thread it does nothing.
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { isMainThread, parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { CsvDelimiter } from '../../domain/planning/csv';
import { parseCsv, type CsvTable } from '../../domain/planning/csv';
import {
	parseDistrictGeoJson,
	type DistrictImportOptions,
	type DistrictProblem,
	type ParentArea,
	type ParentRule
} from '../../domain/planning/districts';
import {
	inspectCsv,
	inspectGeoJson,
	type CsvInspection,
	type GeoJsonInspection,
	type InspectionFailure
} from '../../domain/planning/import-suggestions';
import {
	parseIndicatorTable,
	type IndicatorImportOptions,
	type IndicatorImportSummary,
	type IndicatorProblem
} from '../../domain/planning/indicators';
import { decodeUpload } from '../../domain/planning/upload-text';
import {
	createDistrictLookup,
	type DistrictLookup,
	type DistrictRef
} from '../../domain/planning/district-matching';
import {
	readMappedTable,
	toSavedMapping,
	type MappedIndicator,
	type MappingProblem,
	type SavedMapping,
	type TableMapping
} from '../../domain/planning/table-mapping';
import { buildTableView, type TableView } from '../../domain/planning/table-view';
import type { AreaGeometry } from '../../domain/planning/geometry';
import {
	buffersOf,
	prepareDistricts,
	prepareValues,
	type PreparedDistricts,
	type PreparedValues
} from './prepared';

export const importWorkerUrl = import.meta.url;
/** In `workerData`, so that only a thread started as an import worker answers jobs. */
export const importWorkerRole = 'quartierswerkstatt:import-worker';

/** Messages that only add to the worker's state (sent in pages, so no one message is large). */
export type WorkerNote =
	| { type: 'knownCodes'; codes: string[] }
	| { type: 'parents'; codes: string[]; geometries: string[] }
	/** The districts of the level a table is joined to, with their parents' names. */
	| {
			type: 'districtRefs';
			codes: string[];
			names: string[];
			parentCodes: (string | null)[];
			parentNames: (string | null)[];
	  };

export type WorkerJob =
	| { type: 'form'; body: Uint8Array; contentType: string }
	| { type: 'inspect'; kind: 'csv' | 'districts'; file: Uint8Array }
	| {
			type: 'districts';
			file: Uint8Array;
			options: Omit<DistrictImportOptions, 'parent'>;
			/** The parents come in `WorkerNote`s before: known codes, or the layer's areas. */
			parent:
				| (({ fromIdPrefix: number } | { fromProperty: string } | { layer: true }) & {
						allowOrphans?: boolean;
				  })
				| null;
	  }
	| {
			type: 'indicators';
			file: Uint8Array;
			delimiter: CsvDelimiter | null;
			/** The known district codes come in `WorkerNote`s before. */
			options: Omit<IndicatorImportOptions, 'knownDistrictCodes'>;
	  }
	/** The mapping page for a table: districts come in `districtRefs` notes before. */
	| {
			type: 'tableView';
			file: Uint8Array;
			mapping: TableMapping | null;
			saved: { name: string; mapping: SavedMapping }[];
			apply: string | null;
	  }
	/** The table read with a mapping, all or nothing; `save` also returns it as a saved mapping. */
	| { type: 'mappedTable'; file: Uint8Array; mapping: TableMapping; save: boolean }
	/** The mapping by headers and row texts, to save without importing. */
	| { type: 'savedMapping'; file: Uint8Array; mapping: TableMapping };

export interface UploadedForm {
	fields: [name: string, value: string][];
	file: { name: string; size: number; bytes: Uint8Array } | null;
}

export type DistrictsResult =
	| { ok: false; errors: DistrictProblem[] }
	| { ok: true; districts: PreparedDistricts; fileWarnings: string[] };

export type IndicatorsResult =
	| { ok: false; csvError: { message: string; line: number } }
	| { ok: false; errors: IndicatorProblem[] }
	| { ok: true; values: PreparedValues; summary: IndicatorImportSummary; fileWarnings: string[] };

export type TableViewResult =
	(TableView & { fileWarnings: string[] }) | { ok: false; message: string; line?: number };

export type MappedTableResult =
	| { ok: false; problems: MappingProblem[] }
	| {
			ok: true;
			indicators: MappedIndicator[];
			values: PreparedValues;
			summary: IndicatorImportSummary;
			skippedLines: number[];
			saved: SavedMapping | null;
			header: string[];
			fileWarnings: string[];
	  };

export interface JobResults {
	form: UploadedForm | { malformed: true };
	inspect: GeoJsonInspection | CsvInspection | InspectionFailure;
	districts: DistrictsResult;
	indicators: IndicatorsResult;
	tableView: TableViewResult;
	mappedTable: MappedTableResult;
	savedMapping:
		{ ok: true; saved: SavedMapping; header: string[] } | { ok: false; message: string };
}

/** A job that threw: 'tooDeep' for nesting beyond the stack, anything else is a bug. */
export type WorkerFailure = { kind: 'tooDeep' | 'unexpected'; detail: string };

export type WorkerReply =
	| { id: number; result: JobResults[WorkerJob['type']]; failure?: undefined }
	| { id: number; failure: WorkerFailure };

interface State {
	knownCodes: Set<string>;
	layer: ParentArea[];
	districts: DistrictRef[];
}

function note(state: State, message: WorkerNote): void {
	if (message.type === 'knownCodes') {
		for (const code of message.codes) state.knownCodes.add(code);
	} else if (message.type === 'districtRefs') {
		message.codes.forEach((code, i) => {
			state.districts.push({
				code,
				name: message.names[i],
				parentCode: message.parentCodes[i],
				parentName: message.parentNames[i]
			});
		});
	} else {
		message.codes.forEach((code, i) => {
			state.layer.push({ code, geometry: JSON.parse(message.geometries[i]) as AreaGeometry });
		});
	}
}

async function run(
	state: State,
	job: WorkerJob
): Promise<{ result: JobResults[WorkerJob['type']]; transfer: ArrayBuffer[] }> {
	switch (job.type) {
		case 'form':
			return readForm(job.body, job.contentType);
		case 'inspect': {
			const { text } = decodeUpload(job.file);
			return {
				result: job.kind === 'csv' ? inspectCsv(text) : inspectGeoJson(text),
				transfer: []
			};
		}
		case 'districts': {
			const { text, warnings } = decodeUpload(job.file);
			let parent: ParentRule | undefined;
			const allowOrphans = job.parent?.allowOrphans ?? false;
			if (job.parent && 'fromIdPrefix' in job.parent) {
				parent = {
					fromIdPrefix: job.parent.fromIdPrefix,
					knownCodes: state.knownCodes,
					allowOrphans
				};
			} else if (job.parent && 'fromProperty' in job.parent) {
				parent = {
					fromProperty: job.parent.fromProperty,
					knownCodes: state.knownCodes,
					allowOrphans
				};
			} else if (job.parent) {
				parent = { layer: state.layer, allowOrphans };
			}
			const parsed = parseDistrictGeoJson(text, { ...job.options, parent });
			if (!parsed.ok) return { result: parsed, transfer: [] };
			const districts = prepareDistricts(job.options.level, parsed.districts, parsed.warnings);
			return {
				result: { ok: true, districts, fileWarnings: warnings },
				transfer: buffersOf(districts.strings.bytes, districts.strings.ends, districts.bboxes)
			};
		}
		case 'tableView': {
			const read = readTable(job.file);
			if (!read.ok) return { result: read, transfer: [] };
			const view = buildTableView(read.table, lookupOf(state), job);
			return { result: { ...view, fileWarnings: read.warnings }, transfer: [] };
		}
		case 'savedMapping': {
			const read = readTable(job.file);
			if (!read.ok) return { result: { ok: false, message: read.message }, transfer: [] };
			return {
				result: {
					ok: true,
					saved: toSavedMapping(read.table, job.mapping),
					header: read.table.header
				},
				transfer: []
			};
		}
		case 'mappedTable': {
			const read = readTable(job.file);
			if (!read.ok) {
				return {
					result: { ok: false, problems: [{ line: read.line ?? null, message: read.message }] },
					transfer: []
				};
			}
			const mapped = readMappedTable(read.table, job.mapping, lookupOf(state));
			if (!mapped.ok) return { result: mapped, transfer: [] };
			const values = prepareValues(mapped.values);
			return {
				result: {
					ok: true,
					indicators: mapped.indicators,
					values,
					summary: mapped.summary,
					skippedLines: mapped.skippedLines,
					saved: job.save ? toSavedMapping(read.table, job.mapping) : null,
					header: read.table.header,
					fileWarnings: read.warnings
				},
				transfer: buffersOf(
					values.strings.bytes,
					values.strings.ends,
					values.district,
					values.indicator,
					values.period,
					values.value
				)
			};
		}
		case 'indicators': {
			const { text, warnings } = decodeUpload(job.file);
			const csv = parseCsv(text, job.delimiter ? { delimiter: job.delimiter } : {});
			if (!csv.ok) {
				return {
					result: { ok: false, csvError: { message: csv.error.message, line: csv.error.line } },
					transfer: []
				};
			}
			const parsed = parseIndicatorTable(csv, {
				...job.options,
				knownDistrictCodes: state.knownCodes
			});
			if (!parsed.ok) return { result: parsed, transfer: [] };
			const values = prepareValues(parsed.values);
			return {
				result: { ok: true, values, summary: parsed.summary, fileWarnings: warnings },
				transfer: buffersOf(
					values.strings.bytes,
					values.strings.ends,
					values.district,
					values.indicator,
					values.period,
					values.value
				)
			};
		}
	}
}

function readTable(
	file: Uint8Array
):
	| { ok: true; table: CsvTable; warnings: string[] }
	| { ok: false; message: string; line?: number } {
	const { text, warnings } = decodeUpload(file);
	const csv = parseCsv(text);
	if (!csv.ok) return { ok: false, message: csv.error.message, line: csv.error.line };
	if (csv.header.length < 2) {
		return {
			ok: false,
			message:
				'Die Datei hat nur eine Spalte. Vermutlich trennt sie die Spalten mit einem anderen ' +
				'Zeichen als Komma, Semikolon oder Tabulator.'
		};
	}
	return { ok: true, table: csv, warnings };
}

let cachedLookup: { districts: DistrictRef[]; count: number; lookup: DistrictLookup } | null = null;

/** Built once per thread (one import): the view and the import each ask once. */
function lookupOf(state: State): DistrictLookup {
	if (
		cachedLookup?.districts !== state.districts ||
		cachedLookup.count !== state.districts.length
	) {
		cachedLookup = {
			districts: state.districts,
			count: state.districts.length,
			lookup: createDistrictLookup(state.districts)
		};
	}
	return cachedLookup.lookup;
}

/** The multipart body as the form actions would see it; the file's bytes move, not copied. */
async function readForm(
	body: Uint8Array,
	contentType: string
): Promise<{ result: JobResults['form']; transfer: ArrayBuffer[] }> {
	let form: FormData;
	try {
		const request = new Response(body as Uint8Array<ArrayBuffer>, {
			headers: { 'content-type': contentType }
		});
		form = await request.formData();
	} catch {
		return { result: { malformed: true }, transfer: [] };
	}
	const fields: UploadedForm['fields'] = [];
	let file: UploadedForm['file'] = null;
	for (const [name, value] of form) {
		if (typeof value === 'string') fields.push([name, value]);
		else if (name === 'file' && file === null) {
			file = {
				name: value.name,
				size: value.size,
				bytes: new Uint8Array(await value.arrayBuffer())
			};
		}
	}
	return { result: { fields, file }, transfer: file ? [file.bytes.buffer as ArrayBuffer] : [] };
}

function failureOf(error: unknown): WorkerFailure {
	// V8's JSON.parse does not recurse, but JSON.stringify and our readers do.
	if (error instanceof RangeError && /call stack/i.test(error.message)) {
		return { kind: 'tooDeep', detail: error.message };
	}
	return {
		kind: 'unexpected',
		detail: error instanceof Error ? (error.stack ?? error.message) : String(error)
	};
}

function serve(port: MessagePort): void {
	const state: State = { knownCodes: new Set(), layer: [], districts: [] };
	// One message after another: notes must be in before the job that uses them.
	let queue = Promise.resolve();
	port.on('message', (message: WorkerNote | (WorkerJob & { id: number })) => {
		queue = queue.then(async () => {
			if (
				message.type === 'knownCodes' ||
				message.type === 'parents' ||
				message.type === 'districtRefs'
			) {
				note(state, message);
				return;
			}
			let reply: WorkerReply;
			let transfer: ArrayBuffer[] = [];
			try {
				const done = await run(state, message);
				reply = { id: message.id, result: done.result };
				transfer = done.transfer;
			} catch (error) {
				reply = { id: message.id, failure: failureOf(error) };
			}
			port.postMessage(reply, transfer);
		});
	});
}

/**
 * Asks the scheduler to prefer every other thread: on a small server the import competes for the
 * same cores as the event loop of the live workshops, and should lose. Linux names a thread's id in
 * /proc/thread-self, and a thread's nice value is set by that id; elsewhere the thread keeps its
 * priority.
 */
function yieldPriority(): void {
	try {
		const thread = Number(readlinkSync('/proc/thread-self').split('/').pop());
		if (Number.isInteger(thread)) setPriority(thread, 10);
	} catch {
		// Not Linux, or not allowed: the import just runs at normal priority.
	}
}

if (!isMainThread && parentPort && (workerData as { role?: string })?.role === importWorkerRole) {
	yieldPriority();
	serve(parentPort);
}
