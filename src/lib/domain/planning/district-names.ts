/**
 * District names as join keys. A statistics table and a boundaries file from the same city spell
 * names differently: "Alt-Moabit" / "Alt Moabit", "Schloßstraße" / "Schlossstrasse", "Meller Bogen" /
 * "Mellerbogen", "St. Pauli" / "Sankt Pauli", upper case in one, composed or decomposed umlauts
 * (macOS writes NFD) in the other. A name key folds all of that away; it is for comparing only and
 * never shown.
 */

/** Every dash a file may use between words: hyphen-minus, hyphen, non-breaking hyphen, figure, en and em dash, bar, minus. */
const dashes = /[-\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g;

/**
 * Lowercase, ä/ö/ü as ae/oe/ue and ß as ss, other accents dropped, dashes and punctuation as single
 * spaces, `St.`/`Skt.` before a name as `sankt`, `Str.` at the end of a word as `strasse`. Words
 * stay apart here, so totals ("Stadt insgesamt") can be recognised word by word.
 */
export function foldDistrictName(name: string): string {
	let text = name.normalize('NFC').toLocaleLowerCase('de-DE');
	text = text.replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss');
	text = text.normalize('NFD').replace(/\p{M}/gu, '');
	text = text.replace(dashes, ' ');
	// "St. Georg", "St.Georg", "St Georg", "Skt. Jürgen": a saint, since no German place name uses
	// "St" for anything else in front of a word. "Str." is the usual short form of "Straße".
	text = text.replace(/(^|[^a-z0-9])(?:st|skt)(?:\.\s*|\s+)(?=[a-z])/g, '$1sankt ');
	text = text
		.replace(/([a-z])str\.(?=[^a-z]|$)/g, '$1strasse')
		.replace(/(^|[^a-z])str\./g, '$1strasse');
	return text.replace(/[^a-z0-9]+/g, ' ').trim();
}

/**
 * The key two names are joined on: the folded name without any spaces. Dropping the spaces, not
 * just collapsing them, also joins "Meller Bogen" with "Mellerbogen" and "Alt-Moabit" with
 * "Altmoabit"; two different districts whose names differ only in spacing are not a thing, while
 * such spelling variants are (Berlin's own two files differ in exactly this way).
 */
export function normalizeDistrictName(name: string): string {
	return foldDistrictName(name).replace(/ /g, '');
}

/**
 * Rows that sum up other rows rather than describe one district: "Insgesamt", "Summe", "Gesamt",
 * "Stadt Leipzig", "Gesamtstadt", "Leipzig insgesamt", "Σ". Only asked about rows that matched no
 * district, so a district that happens to be called "Stadtmitte" is never taken for a total.
 */
export function looksLikeTotal(name: string): boolean {
	const folded = foldDistrictName(name);
	if (/^\s*[Σ∑]/.test(name)) return true;
	return (
		/^(insgesamt|gesamt|summe|zusammen|total|alle|gesamtstadt|stadtgebiet|stadt|landkreis)( |$)/.test(
			folded
		) ||
		/^(landeshauptstadt|hansestadt|kreisfreie stadt|grosse kreisstadt|stadtgebiet)( |$)/.test(
			folded
		) ||
		/ (insgesamt|gesamt|zusammen|summe|total)$/.test(folded)
	);
}
