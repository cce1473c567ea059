import { strFromU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, test, vi } from 'vitest';
import { archiveFileNames, generateArchiveDocuments } from '.';
import { hostileExport } from './hostile-export';
import { syntheticExport } from './synthetic-export';
import { sha256Hex, verifyArchiveZip, type Manifest } from './zip';

const settings = { municipalityName: 'Stadt Musterstadt', logo: null };

describe('the archive package', async () => {
	const steps: string[] = [];
	const made = await generateArchiveDocuments(
		syntheticExport({ cards: 60, groups: 4, walls: 2, measures: 4 }),
		settings,
		(p) => steps.push(`${p.done}/${p.total} ${p.name}`)
	);

	test('holds every file and a manifest whose hashes match', () => {
		const files = unzipSync(made.zip);
		expect(Object.keys(files).sort()).toEqual(
			['manifest.json', ...Object.values(archiveFileNames)].sort()
		);
		const manifest = JSON.parse(strFromU8(files['manifest.json'])) as Manifest;
		expect(manifest.files.map((f) => f.name).sort()).toEqual(
			Object.values(archiveFileNames).sort()
		);
		for (const entry of manifest.files) {
			expect(sha256Hex(files[entry.name]), entry.name).toBe(entry.sha256);
			expect(files[entry.name].length).toBe(entry.size);
		}
		expect(verifyArchiveZip(made.zip)).toEqual({ ok: true, manifest });
	});

	test('reports progress file by file', () => {
		expect(steps).toHaveLength(7);
		expect(steps[0]).toBe('1/7 dokumentation.pdf');
		expect(steps.at(-1)).toBe('7/7 zip');
	});

	test('finds a changed, a removed and an added file', () => {
		const files = unzipSync(made.zip);
		files[archiveFileNames.measuresCsv] = new TextEncoder().encode(
			'\uFEFFNr.;Maßnahme\r\nM1;gefälscht\r\n'
		);
		delete files[archiveFileNames.cardsCsv];
		files['extra.txt'] = new TextEncoder().encode('hinzugefügt');
		const result = verifyArchiveZip(zipSync(files));
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.problems).toEqual(
			expect.arrayContaining([
				{ kind: 'changed', name: archiveFileNames.measuresCsv },
				{ kind: 'missing', name: archiveFileNames.cardsCsv },
				{ kind: 'unlisted', name: 'extra.txt' }
			])
		);
	});

	test('refuses what is not a package', () => {
		expect(verifyArchiveZip(new Uint8Array([1, 2, 3]))).toMatchObject({
			ok: false,
			problems: [{ kind: 'notZip' }]
		});
		const noManifest = zipSync({ 'a.txt': new Uint8Array([1]) });
		expect(verifyArchiveZip(noManifest)).toMatchObject({ problems: [{ kind: 'noManifest' }] });
		const badManifest = zipSync({ 'manifest.json': new TextEncoder().encode('{"format":"x"}') });
		expect(verifyArchiveZip(badManifest)).toMatchObject({ problems: [{ kind: 'badManifest' }] });
	});

	test('gives the same bytes for the same archive, made at another time', async () => {
		// An hour later by the clock: office writers stamp the time of writing unless repacked.
		vi.useFakeTimers({ toFake: ['Date'] });
		vi.setSystemTime(Date.now() + 3_600_000);
		const again = await generateArchiveDocuments(
			syntheticExport({ cards: 60, groups: 4, walls: 2, measures: 4 }),
			settings
		).finally(() => vi.useRealTimers());
		// Every file, not only the PDF: a copy is checked against the hashes of the first making.
		const hashes = (m: Manifest) => m.files.map((f) => [f.name, f.sha256]);
		expect(hashes(again.manifest)).toEqual(hashes(made.manifest));
		expect(again.zip).toEqual(made.zip);
	});

	test('is made for a hostile export too', async () => {
		const hostile = await generateArchiveDocuments(hostileExport(), settings);
		expect(verifyArchiveZip(hostile.zip).ok).toBe(true);
	});
});
