/**
 * Districts as stored: one row per area of a level (Planungsraum, Bezirksregion, Sozialraum, …),
 * identified by (level, code). An import replaces a whole level in one transaction, so a failure
 * halfway leaves the previous boundaries exactly as they were.
 */
import type { Db } from '../db';
import { newId } from '../../ids';
import type { DistrictImportResult } from '../../domain/planning/districts';
import type { AreaGeometry, BBox } from '../../domain/planning/geometry';
import { chunk, listPlaceholders, valuesPlaceholders } from './batch';
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

/** A district row carries its geometry (a few kB each); 200 rows keep one statement near 1 MB. */
const districtBatch = 200;

/**
 * Replaces the districts of the parsed level: new codes are added, known codes updated in place (their
 * id stays, so anything linked to a district survives a boundary update), codes missing from the file
 * are removed. Throwing from `onProgress` aborts and rolls everything back.
 */
export async function importDistricts(
	db: Db,
	parsed: ParsedDistricts,
	options: ImportDistrictsOptions,
	onProgress?: ImportProgressHook
): Promise<DistrictImportCounts> {
	const { districts } = parsed;
	// The parser guarantees all three; a violation is a bug in the caller, not a user's file.
	const level = districts[0]?.level;
	if (level === undefined) throw new RangeError('importDistricts: no districts');
	if (districts.some((d) => d.level !== level)) {
		throw new RangeError('importDistricts: districts of more than one level');
	}
	const parentLevel = options.parentLevel ?? null;
	if (parentLevel === null && districts.some((d) => d.parentCode !== null)) {
		throw new RangeError('importDistricts: parent codes need a parentLevel');
	}
	const now = Date.now();

	return db.transaction(async (tx) => {
		await waitForOtherImports(tx);
		const before = await tx.all<{ code: string }>('SELECT code FROM districts WHERE level = ?', [
			level
		]);
		const existing = new Set(before.map((row) => row.code));
		const incoming = new Set(districts.map((d) => d.code));
		const removed = [...existing].filter((code) => !incoming.has(code));
		for (const codes of chunk(removed, 500)) {
			await tx.run(
				`DELETE FROM districts WHERE level = ? AND code IN (${listPlaceholders(codes.length)})`,
				[level, ...codes]
			);
		}

		let done = 0;
		for (const batch of chunk(districts, districtBatch)) {
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
					JSON.stringify(d.geometry),
					JSON.stringify(d.bbox),
					now
				])
			);
			done += batch.length;
			await onProgress?.({ phase: 'districts', done, total: districts.length });
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
		const added = districts.filter((d) => !existing.has(d.code)).length;
		const counts = {
			level,
			total: districts.length,
			added,
			updated: districts.length - added,
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
				rows: districts.length,
				summary: { ...counts, parentLevel, warnings: parsed.warnings.map((w) => w.message) }
			},
			now
		);
		return { importId, ...counts };
	});
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
