import { parseInventoryCsv, type ImportProblem } from '../../domain/inventory/csv-import';
import { decodeUpload } from '../../domain/planning/upload-text';
import type { Db } from '../db';
import { listDistricts, type DistrictSummary } from '../planning/districts';
import { importInventory } from './store';

/**
 * The planners' side of the Bestandsaufnahme (issue 13): which district a page is about, and the
 * CSV import. The import reads the file against every district of the page's level, so one file
 * can hold the services of several districts; it is refused as a whole when any row is wrong.
 */
export async function resolveDistrict(
	db: Db,
	code: string,
	level: string | null
): Promise<DistrictSummary | null> {
	const all = await db.all<{ level: string }>('SELECT level FROM districts WHERE code = ?', [code]);
	const levels = all.map((r) => r.level);
	const chosen = level && levels.includes(level) ? level : levels.length === 1 ? levels[0] : null;
	if (!chosen) return null;
	return (await listDistricts(db, { level: chosen })).find((d) => d.code === code) ?? null;
}

/** The largest CSV of services taken: a city's full list is a few hundred kB. */
export const maxInventoryUpload = 2 * 1024 * 1024;

export type CsvImportOutcome =
	{ ok: true; imported: number; warnings: string[] } | { ok: false; problems: ImportProblem[] };

export async function importInventoryCsv(
	db: Db,
	district: DistrictSummary,
	bytes: Uint8Array
): Promise<CsvImportOutcome> {
	const { text, warnings } = decodeUpload(bytes);
	const districts = await listDistricts(db, { level: district.level });
	const parsed = parseInventoryCsv(text, districts, district.code);
	if (!parsed.ok) return parsed;
	const imported = await importInventory(db, district.level, parsed.rows);
	return { ok: true, imported, warnings };
}
