import { afterEach, expect, test } from 'vitest';
import { cachedArchiveDocuments, forgetArchiveDocuments } from './archive-cache';
import type { GenerateProgress } from './documents';
import { syntheticExport } from './documents/synthetic-export';

afterEach(() => forgetArchiveDocuments());

const exported = syntheticExport({ cards: 40, groups: 3, walls: 2, measures: 3 });
const settings = { municipalityName: 'Stadt Musterstadt', logo: null };

test('makes the files once per archive; a second request gets the same set with its progress', async () => {
	const first: GenerateProgress[] = [];
	const second: GenerateProgress[] = [];
	const [a, b] = await Promise.all([
		cachedArchiveDocuments('w1', exported, settings, (p) => first.push(p)),
		cachedArchiveDocuments('w1', exported, settings, (p) => second.push(p))
	]);
	expect(b).toBe(a);
	expect(first.map((p) => p.done)).toEqual([1, 2, 3, 4, 5, 6, 7]);
	expect(second).toEqual(first);
	const later: GenerateProgress[] = [];
	expect(await cachedArchiveDocuments('w1', exported, settings, (p) => later.push(p))).toBe(a);
	// Progress of a finished making is replayed at once.
	expect(later).toEqual(first);
});

test('makes the files again when the export or the settings change, with the same bytes as before', async () => {
	const a = await cachedArchiveDocuments('w1', exported, settings);
	const renamed = await cachedArchiveDocuments('w1', exported, {
		...settings,
		municipalityName: 'Gemeinde Übach'
	});
	expect(renamed).not.toBe(a);
	expect(renamed.manifest.files.find((f) => f.name === 'archiv.json')?.sha256).toBe(
		a.manifest.files.find((f) => f.name === 'archiv.json')?.sha256
	);
	expect(renamed.manifest.files.find((f) => f.name === 'dokumentation.pdf')?.sha256).not.toBe(
		a.manifest.files.find((f) => f.name === 'dokumentation.pdf')?.sha256
	);
	const changed = structuredClone(exported);
	changed.workshop.title = 'Anderer Titel';
	expect(await cachedArchiveDocuments('w1', changed, settings)).not.toBe(a);
	// Made again from scratch, the first export gives the very same files.
	forgetArchiveDocuments('w1');
	const again = await cachedArchiveDocuments('w1', exported, settings);
	expect(again).not.toBe(a);
	expect(again.manifest).toEqual(a.manifest);
	expect(Buffer.from(again.zip).equals(Buffer.from(a.zip))).toBe(true);
});
