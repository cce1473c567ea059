import { createHash } from 'node:crypto';
import type { ArchiveExport } from './archive-entry';
import {
	generateArchiveDocuments,
	type ArchiveDocuments,
	type DocumentSettings,
	type GenerateProgress
} from './documents';

/**
 * The documentation of the last few archives, kept in memory: a download, the check and the
 * progress stream then share one making instead of making all files again per file (a 500-card
 * workshop is about a second of work and 1 MB of files). The files are the same bytes for the same
 * export and settings, so a cached set is exactly what making them again would give; an entry is
 * keyed by a hash of both, so a changed logo or name, or a regenerated export (a name removed),
 * makes the set again. Two requests at once wait for the same making, and both see its progress.
 * A set is dropped ten minutes after it was made, so the files of a deleted workshop or of a
 * removed name do not stay in memory.
 */
const maxArchives = 8;
const keepMs = 10 * 60 * 1000;

interface Making {
	key: string;
	documents: Promise<ArchiveDocuments>;
	/** Progress so far, replayed to whoever joins later. */
	progress: GenerateProgress[];
	listeners: Set<(progress: GenerateProgress) => void>;
}

const cache = new Map<string, Making>();

function keyOf(exported: ArchiveExport, settings: DocumentSettings): string {
	const hash = createHash('sha256');
	hash.update(JSON.stringify(exported));
	hash.update('\0');
	hash.update(
		JSON.stringify([
			settings.municipalityName,
			settings.logo?.type ?? null,
			settings.locale ?? null,
			settings.generatedAt?.toISOString() ?? null
		])
	);
	if (settings.logo) hash.update(settings.logo.bytes);
	return hash.digest('hex');
}

export async function cachedArchiveDocuments(
	workshopId: string,
	exported: ArchiveExport,
	settings: DocumentSettings,
	onProgress: (progress: GenerateProgress) => void = () => {}
): Promise<ArchiveDocuments> {
	const key = keyOf(exported, settings);
	let making = cache.get(workshopId);
	if (!making || making.key !== key) {
		const fresh: Making = { key, progress: [], listeners: new Set(), documents: null! };
		fresh.documents = generateArchiveDocuments(exported, settings, (progress) => {
			fresh.progress.push(progress);
			for (const listener of fresh.listeners) listener(progress);
		});
		const drop = () => {
			if (cache.get(workshopId) === fresh) cache.delete(workshopId);
		};
		// A failed making is not kept: the next request tries again.
		fresh.documents.then(() => setTimeout(drop, keepMs).unref(), drop);
		making = fresh;
	}
	// Most recently used last; the oldest goes when there are too many.
	cache.delete(workshopId);
	cache.set(workshopId, making);
	while (cache.size > maxArchives) cache.delete(cache.keys().next().value!);

	for (const progress of making.progress) onProgress(progress);
	making.listeners.add(onProgress);
	try {
		return await making.documents;
	} finally {
		making.listeners.delete(onProgress);
	}
}

/** Forgets a workshop's set (or every set): the next request makes the files again. */
export function forgetArchiveDocuments(workshopId?: string) {
	if (workshopId === undefined) cache.clear();
	else cache.delete(workshopId);
}
