import type { Db } from '../db';
import { readLogo, readSiteSettings } from '../site-settings';
import { cachedArchiveDocuments } from './archive-cache';
import { exportForDocuments, type ArchiveEntry } from './archive-entry';
import {
	archiveFileNames,
	verifyArchiveZip,
	type ArchiveDocuments,
	type DocumentSettings,
	type GenerateProgress,
	type Manifest
} from './documents';

/** The ZIP's name among the downloads; the other names are `archiveFileNames`. */
export const archiveZipName = 'archiv.zip';
export const downloadNames: readonly string[] = [
	...Object.values(archiveFileNames),
	archiveZipName
];

/** The municipality's name and logo as the documents show them. */
async function documentSettings(db: Db): Promise<DocumentSettings> {
	const [settings, logo] = await Promise.all([readSiteSettings(db), readLogo(db)]);
	return {
		municipalityName: settings.municipalityName,
		logo: logo ? { type: logo.type, bytes: logo.bytes } : null
	};
}

/**
 * Makes a closed workshop's documentation from its archive entry. The files come out the same for
 * the same entry and settings, so they are made on demand (about half a second for 500 cards,
 * `npm run bench:archive`) instead of stored; the manifest of the first run is stored, and every
 * later copy is checked against it (`verifyZip`).
 */
export async function archiveDocuments(
	db: Db,
	entry: ArchiveEntry,
	workshopId: string,
	onProgress?: (progress: GenerateProgress) => void
): Promise<ArchiveDocuments> {
	// After a name was removed the files are made again and carry that date (the same bytes on
	// every later making, as before). The last few sets are kept in memory (archive-cache.ts).
	const documents = await cachedArchiveDocuments(
		workshopId,
		exportForDocuments(entry.export),
		{
			...(await documentSettings(db)),
			...(entry.regeneratedAt === null ? {} : { generatedAt: new Date(entry.regeneratedAt) })
		},
		onProgress
	);
	await db.run(
		'UPDATE archives SET manifest_json = ? WHERE workshop_id = ? AND manifest_json IS NULL',
		[JSON.stringify(documents.manifest), workshopId]
	);
	return documents;
}

export async function storedManifest(db: Db, workshopId: string): Promise<Manifest | null> {
	const row = await db.get<{ manifest_json: string | null }>(
		'SELECT manifest_json FROM archives WHERE workshop_id = ?',
		[workshopId]
	);
	return row?.manifest_json ? (JSON.parse(row.manifest_json) as Manifest) : null;
}

export type ZipCheck =
	| { ok: true; files: number }
	| { ok: false; reason: 'unreadable' | 'otherWorkshop' | 'changed'; names: string[] };

/**
 * Checks a ZIP of the documentation: whole by its own manifest, and each file's hash the same as
 * in the manifest stored when the documentation was first made. The ZIP's manifest alone proves
 * little: whoever changes a file can rewrite it too.
 */
export function verifyZip(zip: Uint8Array, stored: Manifest): ZipCheck {
	const result = verifyArchiveZip(zip);
	if (!result.manifest) return { ok: false, reason: 'unreadable', names: [] };
	if (result.manifest.workshopId !== stored.workshopId)
		return { ok: false, reason: 'otherWorkshop', names: [] };
	const changed = new Set(result.ok ? [] : result.problems.map((p) => ('name' in p ? p.name : '')));
	const inZip = new Map(result.manifest.files.map((f) => [f.name, f.sha256]));
	for (const file of stored.files) if (inZip.get(file.name) !== file.sha256) changed.add(file.name);
	changed.delete('');
	return changed.size === 0
		? { ok: true, files: stored.files.length }
		: { ok: false, reason: 'changed', names: [...changed].sort() };
}
