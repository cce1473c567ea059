/**
 * Upload size guard for CSV and GeoJSON imports. The import reads the whole file into memory and
 * parses it in one go; 50 MB is far above any real table of districts (Berlin's 542 Planungsräume are
 * 0.1 MB of indicators and 0.7 MB of simplified boundaries) and low enough that one upload cannot
 * starve the server that also runs the live workshops.
 */
export const maxImportBytes = 50 * 1024 * 1024;

export type ImportSizeCheck =
	{ ok: true } | { ok: false; code: 'empty' | 'tooLarge'; message: string };

export function checkImportSize(bytes: number): ImportSizeCheck {
	if (!Number.isFinite(bytes) || bytes <= 0) {
		return { ok: false, code: 'empty', message: 'Die Datei ist leer.' };
	}
	if (bytes > maxImportBytes) {
		// Rounded up, so a file just over the limit never reads as "50 MB".
		const megabytes = Math.ceil((bytes / 1024 / 1024) * 10) / 10;
		const size = new Intl.NumberFormat('de-DE').format(megabytes);
		return {
			ok: false,
			code: 'tooLarge',
			message: `Die Datei ist ${size} MB groß. Erlaubt sind höchstens 50 MB.`
		};
	}
	return { ok: true };
}
