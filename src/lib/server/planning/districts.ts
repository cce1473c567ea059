/**
 * Districts as stored: one row per area of a level (Planungsraum, Bezirksregion, Sozialraum, …),
 * identified by (level, code). An import replaces a whole level in one transaction, so a failure
 * halfway leaves the previous boundaries exactly as they were.
 */
import type { Db, Queryable } from '../db';
import { newId } from '../../ids';
import type { DistrictImportResult } from '../../domain/planning/districts';
import type { LinkedRemoval } from '../../domain/planning/import-events';
import type { AreaGeometry, BBox } from '../../domain/planning/geometry';
import { chunk, listPlaceholders, valuesPlaceholders, yieldToEventLoop } from './batch';
import {
	preparedDistrict,
	preparedGeometryBytes,
	type PreparedDistrictRow,
	type PreparedDistricts
} from './prepared';
import {
	recordImport,
	waitForOtherImports,
	type ImportOptions,
	type ImportProgressHook
} from './import-log';

/** What `parseDistrictGeoJson` returns when the file was good. */
export type ParsedDistricts = Extract<DistrictImportResult, { ok: true }>;

export interface ImportDistrictsOptions extends ImportOptions {
	/**
	 * The level that the parsed parent codes belong to (Berlin: a Planungsraum's parent is a
	 * 'bezirksregion'). The parser knows only the codes, so the caller names their level.
	 */
	parentLevel?: string | null;
	/**
	 * Removing districts that measures, goals or workshops link to needs the planner's yes: without
	 * it such an import is rolled back with `LinkedDistrictsRemoval`, naming what would be affected.
	 */
	confirmRemoval?: boolean;
}

/** Thrown from inside the import's transaction, so nothing of it stays. */
export class LinkedDistrictsRemoval extends Error {
	constructor(
		readonly level: string,
		readonly removals: LinkedRemoval[],
		readonly removedTotal: number
	) {
		super(`importDistricts: ${removals.length} linked districts of ${level} would be removed`);
	}
}

export interface DistrictImportCounts {
	importId: number;
	level: string;
	total: number;
	added: number;
	updated: number;
	removed: number;
	/** Indicator values of this level whose district is not in it any more; kept, not deleted. */
	orphanedValues: number;
	/** Districts of a finer level whose parent code is not in this level any more. */
	orphanedChildren: number;
}

export interface DistrictRef {
	id: string;
	code: string;
	level: string;
	name: string;
}

export interface DistrictSummary extends DistrictRef {
	parentCode: string | null;
	parentLevel: string | null;
	bbox: BBox;
	createdAt: number;
}

export interface DistrictDetail extends DistrictSummary {
	geometry: AreaGeometry;
	/** Null when there is no parent code, or the parent's level has not been imported. */
	parent: DistrictRef | null;
	children: DistrictRef[];
}

export interface DistrictShape {
	code: string;
	name: string;
	parentCode: string | null;
	geometry: AreaGeometry;
	bbox: BBox;
}

export interface DistrictLevel {
	level: string;
	districts: number;
	parentLevel: string | null;
}

interface DistrictRow {
	id: string;
	code: string;
	level: string;
	name: string;
	parent_code: string | null;
	parent_level: string | null;
	bbox: string;
	created_at: number;
}

const summaryColumns = 'id, code, level, name, parent_code, parent_level, bbox, created_at';

const toSummary = (row: DistrictRow): DistrictSummary => ({
	id: row.id,
	code: row.code,
	level: row.level,
	name: row.name,
	parentCode: row.parent_code,
	parentLevel: row.parent_level,
	bbox: JSON.parse(row.bbox) as BBox,
	createdAt: Number(row.created_at)
});

/**
 * A district row carries its geometry (a few kB each); a batch is 200 rows or about 1 MB of
 * geometry, whichever comes first, so one statement stays near 1 MB and the event loop gets a turn
 * between statements even when each area is large.
 */
const districtBatch = 200;
const districtBatchBytes = 1024 * 1024;

interface DistrictRows {
	level: string;
	count: number;
	warnings: string[];
	row(i: number): PreparedDistrictRow;
	geometryBytes(i: number): number;
}

/** Both inputs read alike: parsed objects (small files, scripts, tests) or the worker's arrays. */
function districtRows(
	parsed: ParsedDistricts | PreparedDistricts,
	parentLevel: string | null
): DistrictRows {
	const warnings = parsed.warnings.map((w) => w.message);
	if ('prepared' in parsed) {
		return {
			level: parsed.level,
			count: parsed.count,
			warnings,
			row: (i) => preparedDistrict(parsed, i),
			geometryBytes: (i) => preparedGeometryBytes(parsed, i)
		};
	}
	const { districts } = parsed;
	// The parser guarantees all three; a violation is a bug in the caller, not a user's file.
	const level = districts[0]?.level;
	if (level === undefined) throw new RangeError('importDistricts: no districts');
	if (districts.some((d) => d.level !== level)) {
		throw new RangeError('importDistricts: districts of more than one level');
	}
	if (parentLevel === null && districts.some((d) => d.parentCode !== null)) {
		throw new RangeError('importDistricts: parent codes need a parentLevel');
	}
	return {
		level,
		count: districts.length,
		warnings,
		row: (i) => ({
			code: districts[i].code,
			name: districts[i].name,
			parentCode: districts[i].parentCode,
			geometry: JSON.stringify(districts[i].geometry),
			bbox: JSON.stringify(districts[i].bbox)
		}),
		// Objects are small (the worker prepares large files); their batches count rows only.
		geometryBytes: () => 0
	};
}

/**
 * Replaces the districts of the parsed level: new codes are added, known codes updated in place (their
 * id stays, so anything linked to a district survives a boundary update), codes missing from the file
 * are removed. Throwing from `onProgress` aborts and rolls everything back.
 */
export async function importDistricts(
	db: Db,
	parsed: ParsedDistricts | PreparedDistricts,
	options: ImportDistrictsOptions,
	onProgress?: ImportProgressHook
): Promise<DistrictImportCounts> {
	const parentLevel = options.parentLevel ?? null;
	const rows = districtRows(parsed, parentLevel);
	const { level } = rows;
	if (rows.count === 0) throw new RangeError('importDistricts: no districts');
	const now = Date.now();

	return db.transaction(async (tx) => {
		await waitForOtherImports(tx);
		// Codes still in here after the upserts are the removed ones.
		const existing = new Set<string>();
		for await (const codes of codePages(tx, level)) for (const code of codes) existing.add(code);

		let done = 0;
		let added = 0;
		while (done < rows.count) {
			const batch: PreparedDistrictRow[] = [];
			let bytes = 0;
			while (done + batch.length < rows.count && batch.length < districtBatch) {
				if (batch.length > 0 && bytes >= districtBatchBytes) break;
				bytes += rows.geometryBytes(done + batch.length);
				batch.push(rows.row(done + batch.length));
			}
			// Checked here for the worker's districts, which are read a batch at a time.
			if (parentLevel === null && batch.some((d) => d.parentCode !== null)) {
				throw new RangeError('importDistricts: parent codes need a parentLevel');
			}
			await tx.run(
				`INSERT INTO districts
					(id, code, level, name, parent_code, parent_level, geometry, bbox, created_at)
				VALUES ${valuesPlaceholders(batch.length, 9)}
				ON CONFLICT (level, code) DO UPDATE SET
					name = excluded.name,
					parent_code = excluded.parent_code,
					parent_level = excluded.parent_level,
					geometry = excluded.geometry,
					bbox = excluded.bbox`,
				batch.flatMap((d) => [
					newId(),
					d.code,
					level,
					d.name,
					d.parentCode,
					d.parentCode === null ? null : parentLevel,
					d.geometry,
					d.bbox,
					now
				])
			);
			for (const d of batch) if (!existing.delete(d.code)) added++;
			done += batch.length;
			await onProgress?.({ phase: 'districts', done, total: rows.count });
			await yieldToEventLoop();
		}
		const removed = [...existing];
		if (removed.length > 0 && !options.confirmRemoval) {
			const linked = await findLinkedDistricts(tx, level, removed);
			if (linked.length > 0) throw new LinkedDistrictsRemoval(level, linked, removed.length);
		}
		for (const codes of chunk(removed, 500)) {
			await tx.run(
				`DELETE FROM districts WHERE level = ? AND code IN (${listPlaceholders(codes.length)})`,
				[level, ...codes]
			);
		}

		const orphanedValues = await tx.get<{ n: number }>(
			`SELECT COUNT(*) AS n FROM indicator_values v WHERE v.level = ?
				AND NOT EXISTS (SELECT 1 FROM districts d WHERE d.level = v.level AND d.code = v.district_code)`,
			[level]
		);
		const orphanedChildren = await tx.get<{ n: number }>(
			`SELECT COUNT(*) AS n FROM districts c WHERE c.parent_level = ?
				AND NOT EXISTS (SELECT 1 FROM districts p WHERE p.level = c.parent_level AND p.code = c.parent_code)`,
			[level]
		);
		const counts = {
			level,
			total: rows.count,
			added,
			updated: rows.count - added,
			removed: removed.length,
			orphanedValues: Number(orphanedValues?.n ?? 0),
			orphanedChildren: Number(orphanedChildren?.n ?? 0)
		};
		const importId = await recordImport(
			tx,
			{
				kind: 'districts',
				fileName: options.fileName,
				createdBy: options.createdBy,
				rows: rows.count,
				summary: { ...counts, parentLevel, warnings: rows.warnings }
			},
			now
		);
		return { importId, ...counts };
	});
}

/** Of `codes`, those that measures, goals or workshops link to, with how many of each. */
async function findLinkedDistricts(
	db: Queryable,
	level: string,
	codes: readonly string[]
): Promise<LinkedRemoval[]> {
	const found = new Map<string, LinkedRemoval>();
	const tables = [
		['measure_districts', 'measures'],
		['goal_districts', 'goals'],
		['workshop_districts', 'workshops']
	] as const;
	for (const part of chunk(codes, 500)) {
		for (const [table, field] of tables) {
			const rows = await db.all<{ district_code: string; name: string; n: number }>(
				`SELECT l.district_code, d.name, COUNT(*) AS n FROM ${table} l
				JOIN districts d ON d.level = l.district_level AND d.code = l.district_code
				WHERE l.district_level = ? AND l.district_code IN (${listPlaceholders(part.length)})
				GROUP BY l.district_code, d.name`,
				[level, ...part]
			);
			for (const row of rows) {
				const entry = found.get(row.district_code) ?? {
					code: row.district_code,
					name: row.name,
					measures: 0,
					goals: 0,
					workshops: 0
				};
				entry[field] = Number(row.n);
				found.set(row.district_code, entry);
			}
		}
	}
	return [...found.values()].sort((a, b) => a.code.localeCompare(b.code));
}

/** Pages of a level's codes, in code order: a large level never arrives as one huge result. */
async function* codePages(db: Queryable, level: string, size = 5000): AsyncGenerator<string[]> {
	let after = '';
	for (;;) {
		const rows = await db.all<{ code: string }>(
			'SELECT code FROM districts WHERE level = ? AND code > ? ORDER BY code LIMIT ?',
			[level, after, size]
		);
		if (rows.length === 0) return;
		yield rows.map((row) => row.code);
		after = rows[rows.length - 1].code;
		if (rows.length < size) return;
		await yieldToEventLoop();
	}
}

/** The codes of a level, a page at a time (for the import worker's known codes). */
export function districtCodePages(db: Db, level: string): AsyncGenerator<string[]> {
	return codePages(db, level);
}

/** The outlines of a level as stored (JSON text), a page at a time, for the import worker. */
export async function* districtGeometryPages(
	db: Db,
	level: string,
	size = 200
): AsyncGenerator<{ codes: string[]; geometries: string[] }> {
	let after = '';
	for (;;) {
		const rows = await db.all<{ code: string; geometry: string }>(
			'SELECT code, geometry FROM districts WHERE level = ? AND code > ? ORDER BY code LIMIT ?',
			[level, after, size]
		);
		if (rows.length === 0) return;
		yield { codes: rows.map((r) => r.code), geometries: rows.map((r) => r.geometry) };
		after = rows[rows.length - 1].code;
		if (rows.length < size) return;
		await yieldToEventLoop();
	}
}

/** Whether a level has any district, without reading them. */
export async function levelExists(db: Db, level: string): Promise<boolean> {
	return (
		(await db.get('SELECT 1 AS found FROM districts WHERE level = ? LIMIT 1', [level])) !==
		undefined
	);
}

/** For lists and pickers: everything but the geometry. */
export async function listDistricts(
	db: Db,
	options: { level?: string } = {}
): Promise<DistrictSummary[]> {
	const rows =
		options.level === undefined
			? await db.all<DistrictRow>(`SELECT ${summaryColumns} FROM districts ORDER BY level, code`)
			: await db.all<DistrictRow>(
					`SELECT ${summaryColumns} FROM districts WHERE level = ? ORDER BY code`,
					[options.level]
				);
	return rows.map(toSummary);
}

export async function getDistrict(
	db: Db,
	level: string,
	code: string
): Promise<DistrictDetail | null> {
	const row = await db.get<DistrictRow & { geometry: string }>(
		`SELECT ${summaryColumns}, geometry FROM districts WHERE level = ? AND code = ?`,
		[level, code]
	);
	if (!row) return null;
	const parent =
		row.parent_code === null || row.parent_level === null
			? undefined
			: await db.get<DistrictRef>(
					'SELECT id, code, level, name FROM districts WHERE level = ? AND code = ?',
					[row.parent_level, row.parent_code]
				);
	const children = await db.all<DistrictRef>(
		'SELECT id, code, level, name FROM districts WHERE parent_level = ? AND parent_code = ? ORDER BY code',
		[level, code]
	);
	return {
		...toSummary(row),
		geometry: JSON.parse(row.geometry) as AreaGeometry,
		parent: parent ?? null,
		children
	};
}

/** Levels with their number of districts, coarsest (fewest districts) first. */
export async function listLevels(db: Db): Promise<DistrictLevel[]> {
	const rows = await db.all<{ level: string; districts: number; parent_level: string | null }>(
		`SELECT level, COUNT(*) AS districts, MAX(parent_level) AS parent_level
		FROM districts GROUP BY level ORDER BY COUNT(*), level`
	);
	return rows.map((row) => ({
		level: row.level,
		districts: Number(row.districts),
		parentLevel: row.parent_level
	}));
}

/** Every area of a level with its outline, for drawing a map. */
export async function districtGeometries(db: Db, level: string): Promise<DistrictShape[]> {
	const rows = await db.all<{
		code: string;
		name: string;
		parent_code: string | null;
		geometry: string;
		bbox: string;
	}>(
		'SELECT code, name, parent_code, geometry, bbox FROM districts WHERE level = ? ORDER BY code',
		[level]
	);
	return rows.map((row) => ({
		code: row.code,
		name: row.name,
		parentCode: row.parent_code,
		geometry: JSON.parse(row.geometry) as AreaGeometry,
		bbox: JSON.parse(row.bbox) as BBox
	}));
}
