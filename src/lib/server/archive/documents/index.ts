import type { ArchiveExport } from '../archive-entry';
import { writeCardsCsv, writeMeasuresCsv } from './csv';
import { describeArchive, type DocumentSettings } from './documentation';
import { writeDocx } from './docx';
import { writePdf } from './pdf';
import { writeXlsx } from './xlsx';
import { packArchiveZip, type Manifest, type PackageFile } from './zip';

export type { DocumentSettings } from './documentation';
export { renderArchivePdf } from './pdf';
export { renderArchiveDocx } from './docx';
export { renderArchiveXlsx } from './xlsx';
export { cardsCsv, measuresCsv } from './csv';
export { packArchiveZip, verifyArchiveZip, type Manifest, type VerifyResult } from './zip';

/**
 * Every file of a closed workshop's documentation, made from its archive export, and the ZIP of
 * them all with the manifest. File names are fixed (ASCII, the same in every language), so links
 * and manifests stay stable.
 */
export const archiveFileNames = {
	pdf: 'dokumentation.pdf',
	docx: 'dokumentation.docx',
	xlsx: 'massnahmen-und-karten.xlsx',
	measuresCsv: 'massnahmen.csv',
	cardsCsv: 'karten.csv',
	export: 'archiv.json'
} as const;

export interface ArchiveDocuments {
	files: PackageFile[];
	zip: Uint8Array;
	manifest: Manifest;
}

export interface GenerateProgress {
	/** The file just finished. */
	name: string;
	done: number;
	total: number;
}

export async function generateArchiveDocuments(
	exported: ArchiveExport,
	settings: DocumentSettings,
	onProgress: (progress: GenerateProgress) => void = () => {}
): Promise<ArchiveDocuments> {
	const doc = describeArchive(exported, settings);
	const steps: [string, string, () => Promise<Uint8Array> | Uint8Array][] = [
		[archiveFileNames.pdf, 'application/pdf', () => writePdf(doc)],
		[
			archiveFileNames.docx,
			'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
			() => writeDocx(doc)
		],
		[
			archiveFileNames.xlsx,
			'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			() => writeXlsx(doc)
		],
		[archiveFileNames.measuresCsv, 'text/csv; charset=utf-8', () => writeMeasuresCsv(doc)],
		[archiveFileNames.cardsCsv, 'text/csv; charset=utf-8', () => writeCardsCsv(doc)],
		[
			archiveFileNames.export,
			'application/json',
			() => new TextEncoder().encode(JSON.stringify(exported, null, '\t') + '\n')
		]
	];
	const files: PackageFile[] = [];
	for (const [name, mediaType, make] of steps) {
		files.push({ name, mediaType, bytes: await make() });
		onProgress({ name, done: files.length, total: steps.length + 1 });
		// A turn of the event loop, so a progress line reaches its socket before the next file.
		await new Promise((done) => setImmediate(done));
	}
	const { zip, manifest } = packArchiveZip(files, {
		workshopId: doc.workshopId,
		title: doc.title,
		generatedAt: doc.generatedAt
	});
	onProgress({ name: 'zip', done: steps.length + 1, total: steps.length + 1 });
	return { files, zip, manifest };
}
