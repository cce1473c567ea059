/**
 * The text of an uploaded file. UTF-8 is expected (with or without BOM; the parsers drop it); a
 * file that is not valid UTF-8 is almost always a German Excel export in Windows-1252, read as such
 * with a warning, so "Stülerstraße" does not arrive as "StÃ¼lerstraÃŸe".
 */
export function decodeUpload(bytes: Uint8Array): { text: string; warnings: string[] } {
	try {
		return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), warnings: [] };
	} catch {
		return {
			text: new TextDecoder('windows-1252').decode(bytes),
			warnings: [
				'Die Datei ist nicht in UTF-8 gespeichert. Sie wurde als Windows-1252 (Excel) gelesen. ' +
					'Bitte prüfen Sie Umlaute in den Namen.'
			]
		};
	}
}
