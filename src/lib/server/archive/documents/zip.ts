import { createHash } from 'node:crypto';
import { unzipSync, zipSync, type Zippable } from 'fflate';

/**
 * The archive package: every generated file in one ZIP with `manifest.json`, which lists each
 * file's size and SHA-256. A public archive (or the archive page) checks the package against its
 * manifest with `verifyArchiveZip`: a changed, missing or added file shows.
 *
 * The manifest proves that the files belong together, not who made them: whoever can change a
 * file can also rewrite the manifest. Authenticity comes from the hashes kept in the database
 * (`archives`), which the archive page compares with the manifest's.
 */

export const manifestName = 'manifest.json';
export const manifestFormat = 'quartierswerkstatt.archive-package';
export const manifestVersion = 1;
/** Reading stops beyond this much unpacked data: a ZIP bomb is refused, not unpacked. */
export const maxUnpackedBytes = 256 * 1024 * 1024;

export interface PackageFile {
	name: string;
	mediaType: string;
	bytes: Uint8Array;
}

export interface ManifestEntry {
	name: string;
	mediaType: string;
	size: number;
	sha256: string;
}

export interface Manifest {
	format: typeof manifestFormat;
	version: typeof manifestVersion;
	workshopId: string;
	title: string;
	generatedAt: string;
	files: ManifestEntry[];
}

export function sha256Hex(bytes: Uint8Array): string {
	return createHash('sha256').update(bytes).digest('hex');
}

export function describeFiles(files: PackageFile[]): ManifestEntry[] {
	return files.map((f) => ({
		name: f.name,
		mediaType: f.mediaType,
		size: f.bytes.length,
		sha256: sha256Hex(f.bytes)
	}));
}

/** The ZIP with the files and their manifest; the same input gives the same bytes. */
export function packArchiveZip(
	files: PackageFile[],
	about: { workshopId: string; title: string; generatedAt: Date }
): { zip: Uint8Array; manifest: Manifest } {
	const names = new Set<string>();
	for (const f of files) {
		if (f.name === manifestName || names.has(f.name) || !/^[\w.-]+$/.test(f.name))
			throw new Error(`archive package: bad or doubled file name ${JSON.stringify(f.name)}`);
		names.add(f.name);
	}
	const manifest: Manifest = {
		format: manifestFormat,
		version: manifestVersion,
		workshopId: about.workshopId,
		title: about.title,
		generatedAt: about.generatedAt.toISOString(),
		files: describeFiles(files)
	};
	// ZIP times start in 1980; a made-up or broken date falls back to that.
	const mtime =
		about.generatedAt.getTime() > Date.UTC(1980, 1)
			? about.generatedAt
			: new Date(Date.UTC(1980, 1));
	const zippable: Zippable = {
		[manifestName]: new TextEncoder().encode(JSON.stringify(manifest, null, '\t') + '\n')
	};
	for (const f of files) zippable[f.name] = f.bytes;
	return { zip: zipSync(zippable, { level: 6, mtime }), manifest };
}

export type VerifyProblem =
	| { kind: 'changed' | 'missing' | 'unlisted'; name: string }
	| { kind: 'notZip' | 'noManifest' | 'badManifest' | 'tooLarge' };

export type VerifyResult =
	| { ok: true; manifest: Manifest }
	| { ok: false; problems: VerifyProblem[]; manifest: Manifest | null };

/** Checks every file of a package against its manifest (sizes and SHA-256), and that nothing is added. */
export function verifyArchiveZip(zip: Uint8Array): VerifyResult {
	let total = 0;
	let files: Record<string, Uint8Array>;
	try {
		files = unzipSync(zip, {
			filter: (file) => {
				total += file.originalSize;
				if (total > maxUnpackedBytes) throw new TooLarge();
				return true;
			}
		});
	} catch (error) {
		const kind = error instanceof TooLarge ? 'tooLarge' : 'notZip';
		return { ok: false, problems: [{ kind }], manifest: null };
	}
	const raw = files[manifestName];
	if (!raw) return { ok: false, problems: [{ kind: 'noManifest' }], manifest: null };
	const manifest = readManifest(raw);
	if (!manifest) return { ok: false, problems: [{ kind: 'badManifest' }], manifest: null };

	const problems: VerifyProblem[] = [];
	const listed = new Set<string>();
	for (const entry of manifest.files) {
		listed.add(entry.name);
		const bytes = Object.hasOwn(files, entry.name) ? files[entry.name] : undefined;
		if (!bytes) problems.push({ kind: 'missing', name: entry.name });
		else if (bytes.length !== entry.size || sha256Hex(bytes) !== entry.sha256)
			problems.push({ kind: 'changed', name: entry.name });
	}
	for (const name of Object.keys(files))
		if (name !== manifestName && !listed.has(name)) problems.push({ kind: 'unlisted', name });
	return problems.length ? { ok: false, problems, manifest } : { ok: true, manifest };
}

class TooLarge extends Error {}

function readManifest(bytes: Uint8Array): Manifest | null {
	let value: unknown;
	try {
		value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
	} catch {
		return null;
	}
	if (!value || typeof value !== 'object') return null;
	const m = value as Partial<Manifest>;
	if (m.format !== manifestFormat || m.version !== manifestVersion || !Array.isArray(m.files))
		return null;
	const entryOk = (e: unknown): e is ManifestEntry => {
		const f = e as Partial<ManifestEntry> | null;
		return (
			!!f &&
			typeof f.name === 'string' &&
			typeof f.mediaType === 'string' &&
			typeof f.size === 'number' &&
			typeof f.sha256 === 'string' &&
			/^[0-9a-f]{64}$/.test(f.sha256)
		);
	};
	return m.files.every(entryOk) ? (m as Manifest) : null;
}
