import { unzipSync, zipSync } from 'fflate';

/**
 * Office files are ZIPs, and their writers stamp the moment of writing into each entry and into
 * the document's properties (`docProps/core.xml`). Repacked with the documentation's own time,
 * the same archive gives the same bytes, so a copy can be checked against the hashes stored when
 * it was first made. `fix` may change the unpacked files first (e.g. numbering that a library
 * keeps across documents).
 */
export function repackAt(
	packed: Uint8Array,
	at: Date,
	fix: (files: Record<string, Uint8Array>) => void = () => {}
): Uint8Array {
	const files = unzipSync(packed);
	const core = files['docProps/core.xml'];
	if (core) {
		const stamp = at.toISOString().replace(/\.\d{3}Z$/, 'Z');
		files['docProps/core.xml'] = new TextEncoder().encode(
			new TextDecoder()
				.decode(core)
				.replace(
					/(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:)/g,
					(_, open: string, close: string) => `${open}${stamp}${close}`
				)
		);
	}
	fix(files);
	return zipSync(files, { level: 6, mtime: at });
}
