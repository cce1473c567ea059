/**
 * Import of district areas (Planungsräume, Sozialräume, …) from a GeoJSON FeatureCollection. Pure: it
 * reads the text the user uploaded and either returns every district or explains, per feature and in
 * plain German, why nothing was imported. All-or-nothing, because a half-imported level would leave
 * indicators and goals pointing at districts that silently are not there.
 */
import { AreaIndex } from './area-index';
import { projectorFor, readFileCrs, type FileCrs, type Projector } from './crs';
import {
	computeBBox,
	findInteriorPoint,
	type AreaGeometry,
	type BBox,
	type Position,
	type Ring
} from './geometry';

export interface ParentArea {
	code: string;
	geometry: AreaGeometry;
}

/**
 * How a district finds the area it belongs to. Official codes usually nest (Berlin: the first 6 of the
 * 8 digits of a PLR_ID are its Bezirksregion), which is exact; a parent layer is for codes that do not
 * nest, and uses location. `knownCodes` lets the caller insist that a derived parent exists.
 */
export type ParentRule = (
	| { fromIdPrefix: number; knownCodes?: ReadonlySet<string> }
	/** A property of each feature holds its parent's code (e.g. `BEZ`, `Stadtbezirk_Nr`). */
	| { fromProperty: string; knownCodes?: ReadonlySet<string> }
	| { layer: readonly ParentArea[] }
) & {
	/**
	 * Areas without a parent (an island outside every Stadtteil, a code the parent level lacks) are
	 * kept without one and listed as a warning, instead of refusing the file.
	 */
	allowOrphans?: boolean;
};

export interface DistrictImportOptions {
	idProperty: string;
	nameProperty: string;
	level: string;
	/**
	 * Ids stored as JSON numbers are refused unless the caller says how wide the code is. A number has
	 * already lost its leading zeros (Berlin's 01100101 becomes 1100101), and guessing the width would
	 * produce codes that never match the indicator tables, or match the wrong district.
	 */
	numericIds?: { padTo: number };
	parent?: ParentRule;
	/**
	 * The coordinate system of the file's coordinates, chosen by the planner; without it the file's own
	 * `crs` member decides, and without that WGS84 (as GeoJSON since RFC 7946 requires).
	 */
	epsg?: number;
}

export interface District {
	code: string;
	name: string;
	level: string;
	parentCode: string | null;
	geometry: AreaGeometry;
	bbox: BBox;
}

export type DistrictProblemCode =
	| 'notJson'
	| 'notFeatureCollection'
	| 'noFeatures'
	| 'notFeature'
	| 'geometryMissing'
	| 'geometryNotArea'
	| 'geometryInvalid'
	| 'notWgs84'
	| 'idMissing'
	| 'idNumeric'
	| 'idDuplicate'
	| 'nameMissing'
	| 'parentUnderivable'
	| 'parentUnknown'
	| 'parentNotFound'
	| 'parentAmbiguous'
	| 'tooManyErrors'
	| 'nameDuplicate'
	| 'idsFromNumbers'
	| 'tooDeep'
	| 'crsUnsupported'
	| 'reprojected'
	| 'parentMissingKept';

export interface DistrictProblem {
	code: DistrictProblemCode;
	/** 1-based position in the `features` array, as users count; null for the file as a whole. */
	feature: number | null;
	field?: string;
	message: string;
}

export type DistrictImportResult =
	| { ok: true; districts: District[]; warnings: DistrictProblem[] }
	| { ok: false; errors: DistrictProblem[] };

export const maxReportedProblems = 100;

export function parseDistrictGeoJson(
	text: string,
	options: DistrictImportOptions
): DistrictImportResult {
	const collection = readFeatureCollection(text);
	if (!collection.ok) return collection;
	const epsg = options.epsg ?? collection.crs?.epsg ?? 4326;
	const projector = projectorFor(epsg);
	if (!projector.ok) {
		return {
			ok: false,
			errors: [{ code: 'crsUnsupported', feature: null, message: projector.message }]
		};
	}
	const parentProperty =
		options.parent && 'fromProperty' in options.parent ? options.parent.fromProperty : null;
	const parentValues: (string | null)[] = [];
	const problems: DistrictProblem[] = [];
	const problem = (
		code: DistrictProblemCode,
		feature: number,
		message: string,
		field?: string
	): void => {
		problems.push({ code, feature, message, ...(field ? { field } : {}) });
	};
	const warnings: DistrictProblem[] = [];
	const districts: District[] = [];
	const firstFeatureWithId = new Map<string, number>();
	let numericIds = 0;

	collection.features.forEach((feature, index) => {
		const number = index + 1;
		if (!isRecord(feature) || feature.type !== 'Feature') {
			problem('notFeature', number, `Objekt ${number} ist kein GeoJSON-Feature.`);
			return;
		}
		const properties = isRecord(feature.properties) ? feature.properties : {};
		const id = readId(properties[options.idProperty], options.numericIds);
		const name = readName(properties[options.nameProperty]);
		const label = `Objekt ${number}${name ? ` („${name}“)` : ''}`;
		const before = problems.length;

		if (id.ok && id.fromNumber) numericIds++;
		if (!id.ok) {
			const field = options.idProperty;
			if (id.reason === 'missing') {
				problem('idMissing', number, `${label}: Die Kennung („${field}“) fehlt.`, field);
			} else {
				problem(
					'idNumeric',
					number,
					`${label}: Die Kennung ${id.value} in „${field}“ ist als Zahl gespeichert. Dabei gehen ` +
						'führende Nullen verloren. Bitte die Kennung als Text speichern oder beim Import ' +
						'die Stellenzahl angeben.',
					field
				);
			}
		} else if (firstFeatureWithId.has(id.value)) {
			problem(
				'idDuplicate',
				number,
				`Objekt ${number}: Die Kennung „${id.value}“ kommt doppelt vor ` +
					`(schon bei Objekt ${firstFeatureWithId.get(id.value)}).`,
				options.idProperty
			);
		} else {
			firstFeatureWithId.set(id.value, number);
		}

		if (name === null) {
			const field = options.nameProperty;
			problem('nameMissing', number, `${label}: Der Name („${field}“) fehlt.`, field);
		}

		const geometry = readAreaGeometry(feature.geometry, projector.project);
		if (!geometry.ok) problem(geometry.code, number, `${label}: ${geometry.message}`);

		// The first three narrow the types; the count also catches a duplicate id.
		if (!id.ok || name === null || !geometry.ok || problems.length > before) return;
		if (parentProperty !== null) parentValues.push(readParentValue(properties[parentProperty]));
		districts.push({
			code: id.value,
			name,
			level: options.level,
			parentCode: null,
			geometry: geometry.geometry,
			bbox: computeBBox(geometry.geometry)
		});
	});

	if (problems.length === 0 && options.parent) {
		// A loop, not push(...list): spreading 100,000 problems as arguments overflows the stack.
		const found = assignParents(districts, options.parent, parentValues);
		for (const problem of found.problems) problems.push(problem);
		if (found.orphans.length > 0) warnings.push(orphanWarning(found.orphans, districts));
	}
	if (problems.length > 0) return { ok: false, errors: capProblems(problems) };
	if (projector.project) {
		warnings.push({
			code: 'reprojected',
			feature: null,
			message:
				`Die Koordinaten (${projector.label}, EPSG:${epsg}) wurden in Längen- und Breitengrade ` +
				'(WGS84) umgerechnet.'
		});
	}

	if (numericIds > 0 && options.numericIds) {
		const count = numericIds === 1 ? '1 Kennung war' : `${numericIds} Kennungen waren`;
		warnings.push({
			code: 'idsFromNumbers',
			feature: null,
			field: options.idProperty,
			message:
				`${count} als Zahl gespeichert und wurde${numericIds === 1 ? '' : 'n'} als Text mit ` +
				`${options.numericIds.padTo} Stellen übernommen (fehlende führende Nullen ergänzt).`
		});
	}
	for (const warning of findDuplicateNames(districts, options.nameProperty)) warnings.push(warning);
	return { ok: true, districts, warnings };
}

// Parents -----------------------------------------------------------------------------------------

/**
 * Sets `parentCode` on each district and returns the problems found on the way. Runs only when every
 * feature became a district, so a district's index is its feature's index.
 */
function assignParents(
	districts: District[],
	rule: ParentRule,
	parentValues: readonly (string | null)[]
): { problems: DistrictProblem[]; orphans: number[] } {
	const problems: DistrictProblem[] = [];
	const orphans: number[] = [];
	const problem = (code: DistrictProblemCode, feature: number, message: string): void => {
		// Kept without a parent when the planner allowed it; the warning lists them.
		if (rule.allowOrphans && (code === 'parentUnknown' || code === 'parentNotFound')) {
			orphans.push(feature - 1);
			return;
		}
		problems.push({ code, feature, message });
	};
	const numberOf = (index: number) => index + 1;
	if ('fromProperty' in rule) {
		districts.forEach((district, index) => {
			const label = `Objekt ${numberOf(index)} („${district.name}“)`;
			const parentCode = parentValues[index];
			if (parentCode === null || parentCode === undefined) {
				problem(
					'parentUnknown',
					numberOf(index),
					`${label}: Die Eigenschaft „${rule.fromProperty}“ mit dem übergeordneten Gebiet fehlt.`
				);
				return;
			}
			if (rule.knownCodes && !rule.knownCodes.has(parentCode)) {
				problem(
					'parentUnknown',
					numberOf(index),
					`${label}: Das übergeordnete Gebiet „${parentCode}“ (aus „${rule.fromProperty}“) ist nicht bekannt.`
				);
				return;
			}
			district.parentCode = parentCode;
		});
		return { problems, orphans };
	}
	if ('fromIdPrefix' in rule) {
		districts.forEach((district, index) => {
			const label = `Objekt ${numberOf(index)} („${district.name}“)`;
			if (district.code.length <= rule.fromIdPrefix) {
				problem(
					'parentUnderivable',
					numberOf(index),
					`${label}: Die Kennung „${district.code}“ ist zu kurz, um daraus die übergeordnete ` +
						`Kennung (die ersten ${rule.fromIdPrefix} Zeichen) abzuleiten.`
				);
				return;
			}
			const parentCode = district.code.slice(0, rule.fromIdPrefix);
			if (rule.knownCodes && !rule.knownCodes.has(parentCode)) {
				problem(
					'parentUnknown',
					numberOf(index),
					`${label}: Das übergeordnete Gebiet „${parentCode}“ ist nicht bekannt.`
				);
				return;
			}
			district.parentCode = parentCode;
		});
		return { problems, orphans };
	}
	// Indexed, not each district against each parent: that was minutes for a few MB of boundaries.
	const parents = new AreaIndex(rule.layer.map((area) => area.geometry));
	districts.forEach((district, index) => {
		const label = `Objekt ${numberOf(index)} („${district.name}“)`;
		const point = findInteriorPoint(district.geometry);
		const matches = point ? parents.areasContaining(point).map((i) => rule.layer[i]) : [];
		if (matches.length === 1) {
			district.parentCode = matches[0].code;
		} else if (matches.length === 0) {
			problem(
				'parentNotFound',
				numberOf(index),
				`${label}: Das Gebiet liegt in keinem Gebiet der übergeordneten Ebene.`
			);
		} else {
			// Overlapping parents are a data error; picking one would hide it.
			const codes = matches.map((m) => `„${m.code}“`).join(', ');
			problem(
				'parentAmbiguous',
				numberOf(index),
				`${label}: Das Gebiet liegt in mehreren übergeordneten Gebieten zugleich: ${codes}.`
			);
		}
	});
	return { problems, orphans };
}

/** A parent code from a property: text as it is, a whole number as its digits. */
function readParentValue(value: unknown): string | null {
	if (typeof value === 'string') return value.trim() || null;
	if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
	return null;
}

function orphanWarning(
	orphans: readonly number[],
	districts: readonly District[]
): DistrictProblem {
	const named = orphans.slice(0, 10).map((i) => `„${districts[i].name}“ (${districts[i].code})`);
	const more = orphans.length > 10 ? ` und ${orphans.length - 10} weitere` : '';
	const count = orphans.length === 1 ? '1 Gebiet hat' : `${orphans.length} Gebiete haben`;
	return {
		code: 'parentMissingKept',
		feature: orphans[0] + 1,
		message: `${count} kein übergeordnetes Gebiet und wurde${orphans.length === 1 ? '' : 'n'} ohne eines übernommen: ${named.join(', ')}${more}.`
	};
}

/**
 * Two districts may share a name (Berlin has two Planungsräume "Schloßstraße"); codes tell them apart.
 * It is still worth a warning, since people pick districts by name.
 */
function findDuplicateNames(districts: District[], field: string): DistrictProblem[] {
	const byName = new Map<string, number[]>();
	districts.forEach((district, index) => {
		// Appended in place: copying the list for each district was quadratic in a shared name.
		const numbers = byName.get(district.name);
		if (numbers) numbers.push(index + 1);
		else byName.set(district.name, [index + 1]);
	});
	const warnings: DistrictProblem[] = [];
	for (const [name, numbers] of byName) {
		if (numbers.length < 2) continue;
		const codes = numbers.map((n) => `„${districts[n - 1].code}“`).join(', ');
		warnings.push({
			code: 'nameDuplicate',
			feature: numbers[1],
			field,
			message: `Der Name „${name}“ kommt ${numbers.length}-mal vor (Kennungen ${codes}).`
		});
	}
	return warnings;
}

// Properties --------------------------------------------------------------------------------------

export interface PropertySummary {
	name: string;
	/** Features where the property is present and not null. */
	filled: number;
	kinds: ('text' | 'number' | 'other')[];
	/** Up to three different values, as text, for the user to recognise the column. */
	samples: string[];
	/** Filled in every feature with distinct values: a candidate for the id. */
	unique: boolean;
}

export type PropertyListResult =
	| { ok: true; featureCount: number; properties: PropertySummary[]; crs: FileCrs | null }
	| { ok: false; errors: DistrictProblem[] };

/** The property names found in the file, so the user can pick the id and name columns. */
export function listProperties(text: string): PropertyListResult {
	const collection = readFeatureCollection(text);
	if (!collection.ok) return collection;
	const summaries = new Map<string, PropertySummary>();
	const seen = new Map<string, Set<string>>();
	for (const feature of collection.features) {
		if (!isRecord(feature) || !isRecord(feature.properties)) continue;
		for (const [name, value] of Object.entries(feature.properties)) {
			const summary = summaries.get(name) ?? {
				name,
				filled: 0,
				kinds: [],
				samples: [],
				unique: true
			};
			summaries.set(name, summary);
			const values = seen.get(name) ?? new Set<string>();
			seen.set(name, values);
			if (value === null || value === undefined) continue;
			const kind =
				typeof value === 'string' ? 'text' : typeof value === 'number' ? 'number' : 'other';
			if (!summary.kinds.includes(kind)) summary.kinds.push(kind);
			const shown = typeof value === 'string' ? value : showValue(value);
			if (shown === null) {
				return { ok: false, errors: [{ code: 'tooDeep', feature: null, message: tooDeepMessage }] };
			}
			if (values.has(shown)) summary.unique = false;
			else if (summary.samples.length < 3) summary.samples.push(shown);
			values.add(shown);
			summary.filled++;
		}
	}
	const featureCount = collection.features.length;
	const properties = [...summaries.values()].map((summary) => ({
		...summary,
		unique: summary.unique && summary.filled === featureCount
	}));
	return { ok: true, featureCount, properties, crs: collection.crs };
}

/**
 * JSON.parse reads any nesting, but JSON.stringify recurses and runs out of stack on a value nested
 * some thousand levels deep; no property of a real district looks like that.
 */
export const tooDeepMessage =
	'Die Datei ist zu tief verschachtelt und lässt sich nicht lesen. Ist es eine GeoJSON-Datei?';

function showValue(value: unknown): string | null {
	try {
		return JSON.stringify(value);
	} catch (error) {
		if (error instanceof RangeError) return null;
		throw error;
	}
}

// Reading -----------------------------------------------------------------------------------------

function readFeatureCollection(
	text: string
):
	| { ok: true; features: unknown[]; crs: FileCrs | null }
	| { ok: false; errors: DistrictProblem[] } {
	const fail = (code: DistrictProblemCode, message: string) => ({
		ok: false as const,
		errors: [{ code, feature: null, message }]
	});
	let json: unknown;
	try {
		json = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
	} catch {
		return fail('notJson', 'Die Datei lässt sich nicht als JSON lesen. Ist es eine GeoJSON-Datei?');
	}
	if (!isRecord(json) || json.type !== 'FeatureCollection' || !Array.isArray(json.features)) {
		const found = isRecord(json) && typeof json.type === 'string' ? ` (Typ „${json.type}“)` : '';
		return fail(
			'notFeatureCollection',
			`Die Datei ist keine GeoJSON-FeatureCollection${found}. Erwartet wird eine Sammlung von Gebieten.`
		);
	}
	if (json.features.length === 0) return fail('noFeatures', 'Die Datei enthält keine Gebiete.');
	return { ok: true, features: json.features, crs: readFileCrs(json) };
}

type IdRead =
	| { ok: true; value: string; fromNumber: boolean }
	| { ok: false; reason: 'missing' }
	| { ok: false; reason: 'numeric'; value: number };

function readId(value: unknown, numericIds: { padTo: number } | undefined): IdRead {
	if (typeof value === 'string') {
		const text = value.trim();
		return text ? { ok: true, value: text, fromNumber: false } : { ok: false, reason: 'missing' };
	}
	if (typeof value === 'number') {
		// Only whole, non-negative numbers can be a code that lost its zeros; 1.5 is never one.
		if (!numericIds || !Number.isSafeInteger(value) || value < 0) {
			return { ok: false, reason: 'numeric', value };
		}
		return { ok: true, value: String(value).padStart(numericIds.padTo, '0'), fromNumber: true };
	}
	return { ok: false, reason: 'missing' };
}

/** Names are shown, never joined on, so a number such as 7 may serve as a name. */
function readName(value: unknown): string | null {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value !== 'string') return null;
	return value.trim() || null;
}

type GeometryRead =
	{ ok: true; geometry: AreaGeometry } | { ok: false; code: DistrictProblemCode; message: string };

function readAreaGeometry(value: unknown, project: Projector | null): GeometryRead {
	if (value === null || value === undefined) {
		return { ok: false, code: 'geometryMissing', message: 'Das Gebiet hat keine Geometrie.' };
	}
	if (!isRecord(value) || (value.type !== 'Polygon' && value.type !== 'MultiPolygon')) {
		const type = isRecord(value) && typeof value.type === 'string' ? value.type : 'unbekannt';
		return {
			code: 'geometryNotArea',
			ok: false,
			message: `Das Gebiet ist keine Fläche (Geometrie-Typ „${type}“, erwartet Polygon oder MultiPolygon).`
		};
	}
	try {
		if (value.type === 'Polygon') {
			return {
				ok: true,
				geometry: { type: 'Polygon', coordinates: readPolygon(value.coordinates, project) }
			};
		}
		const polygons = readArray(value.coordinates, 1, 'Das MultiPolygon enthält keine Fläche.');
		return {
			ok: true,
			geometry: {
				type: 'MultiPolygon',
				coordinates: polygons.map((polygon) => readPolygon(polygon, project))
			}
		};
	} catch (error) {
		if (!(error instanceof GeometryError)) throw error;
		return { ok: false, code: error.code, message: error.message };
	}
}

/** Thrown only inside `readAreaGeometry`, to leave deep coordinate nesting in one step. */
class GeometryError extends Error {
	constructor(
		readonly code: DistrictProblemCode,
		message: string
	) {
		super(message);
	}
}

function readPolygon(value: unknown, project: Projector | null): Ring[] {
	return readArray(value, 1, 'Die Fläche hat keinen Umriss.').map((ring) =>
		readRing(ring, project)
	);
}

function readRing(value: unknown, project: Projector | null): Ring {
	const ring = readArray(value, 4, 'Ein Umriss hat weniger als 4 Punkte.').map((position) =>
		readPosition(position, project)
	);
	const [first, last] = [ring[0], ring[ring.length - 1]];
	if (first[0] !== last[0] || first[1] !== last[1]) {
		throw new GeometryError(
			'geometryInvalid',
			'Ein Umriss ist nicht geschlossen (erster und letzter Punkt verschieden).'
		);
	}
	return ring;
}

/** Keeps x and y only: a height (third number) means nothing for a district outline. */
function readPosition(value: unknown, project: Projector | null): Position {
	const [x, y] = readArray(value, 2, 'Ein Punkt hat weniger als zwei Koordinaten.');
	if (
		typeof x !== 'number' ||
		typeof y !== 'number' ||
		!Number.isFinite(x) ||
		!Number.isFinite(y)
	) {
		throw new GeometryError(
			'geometryInvalid',
			'Die Koordinaten enthalten einen Wert, der keine endliche Zahl ist.'
		);
	}
	if (project) {
		const [lon, lat] = project([x, y]);
		if (
			!Number.isFinite(lon) ||
			!Number.isFinite(lat) ||
			Math.abs(lon) > 180 ||
			Math.abs(lat) > 90
		) {
			throw new GeometryError(
				'geometryInvalid',
				`Die Koordinaten (${x}, ${y}) passen nicht zum gewählten Koordinatensystem.`
			);
		}
		return [lon, lat];
	}
	if (Math.abs(x) > 180 || Math.abs(y) > 90) {
		// The usual cause: an export in the official projection (Berlin: EPSG:25833, metres).
		throw new GeometryError(
			'notWgs84',
			`Die Koordinaten (${x}, ${y}) sind keine Längen- und Breitengrade. Die Datei ist ` +
				'vermutlich in einem anderen Koordinatensystem (z. B. EPSG:25833). Bitte wählen Sie beim ' +
				'Import das Koordinatensystem der Datei.'
		);
	}
	return [x, y];
}

function readArray(value: unknown, minLength: number, message: string): unknown[] {
	if (!Array.isArray(value)) {
		throw new GeometryError('geometryInvalid', 'Die Koordinaten sind nicht richtig verschachtelt.');
	}
	if (value.length < minLength) throw new GeometryError('geometryInvalid', message);
	return value;
}

// Helpers -----------------------------------------------------------------------------------------

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Enough to fix a file in one go, few enough to read; the rest is counted. */
function capProblems(problems: DistrictProblem[]): DistrictProblem[] {
	if (problems.length <= maxReportedProblems) return problems;
	const more = problems.length - maxReportedProblems;
	return [
		...problems.slice(0, maxReportedProblems),
		{
			code: 'tooManyErrors',
			feature: null,
			message: `… und ${more} weitere Fehler. Bitte zuerst die genannten beheben.`
		}
	];
}
