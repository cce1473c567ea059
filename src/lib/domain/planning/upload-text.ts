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
			text: decodeWindows1252(bytes),
			warnings: [
				'Die Datei ist nicht in UTF-8 gespeichert. Sie wurde als Windows-1252 (Excel) gelesen. ' +
					'Bitte prüfen Sie Umlaute in den Namen.'
			]
		};
	}
}

/**
 * Bytes 0x80–0x9F as the WHATWG Encoding Standard maps them (index-windows-1252). Five bytes have no
 * character and stay C1 controls, as the standard says.
 */
const windows1252High =
	'\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
	'\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

/**
 * Node 20.18.3 and later decode "windows-1252" as Latin-1 (nodejs/node#60888), so the en dash that
 * statistics offices write for "nothing", `…`, `€` and the German quotes „“ came out as invisible
 * control characters. Browsers decode correctly and never produce U+0080–U+009F for these bytes,
 * so mapping that range afterwards is right in both places and stays right once Node is fixed.
 */
function decodeWindows1252(bytes: Uint8Array): string {
	return new TextDecoder('windows-1252')
		.decode(bytes)
		.replace(/[\u0080-\u009F]/g, (c) => windows1252High[c.charCodeAt(0) - 0x80]);
}
