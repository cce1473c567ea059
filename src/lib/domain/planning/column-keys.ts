/**
 * Keys for the columns of a statistics table. Offices write headers for people ("Anteil der
 * Arbeitslosen an den 15- bis 65-Jährigen in % (31.12.2022)"); the app needs a short, stable key for
 * the URL, the API, saved rules and GeoJSON export. The header stays as the label, unchanged.
 */

export const maxColumnKeyLength = 40;

/** What a generated or edited key must look like: it has to survive URLs, SQL and QGIS unchanged. */
export const columnKeyPattern = /^[a-z0-9]+(?:_[a-z0-9]+)*$/;

export interface ColumnKey {
	/** Position in the header, 0-based. */
	index: number;
	key: string;
	/** The header as written, trimmed; `Spalte 3` when the header cell is empty. */
	label: string;
}

const transliterations: Record<string, string> = {
	ä: 'ae',
	ö: 'oe',
	ü: 'ue',
	ß: 'ss',
	ẞ: 'ss',
	æ: 'ae',
	œ: 'oe',
	ø: 'o',
	// Percent and per-mille carry meaning: "Arbeitslose" and "Arbeitslose %" are different columns.
	'%': ' prozent ',
	'‰': ' promille '
};

/**
 * The key a header proposes: lowercase ASCII, umlauts as ae/oe/ue and ß as ss, other accents dropped
 * (é → e), `%` as `prozent`, every other run of characters as one `_`, at most 40 characters cut at a
 * word boundary where that keeps at least half. Empty when nothing usable is left (`(%)` has
 * `prozent`; `–` has nothing); `assignColumnKeys` then numbers the column.
 */
export function keyFromHeader(header: string, maxLength = maxColumnKeyLength): string {
	const lowered = header.normalize('NFC').toLocaleLowerCase('de-DE');
	let text = '';
	for (const char of lowered) text += transliterations[char] ?? char;
	const ascii = text
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.replace(/[^a-z0-9]+/g, '_')
		.replace(/^_+|_+$/g, '');
	return shorten(ascii, maxLength);
}

function shorten(key: string, maxLength: number): string {
	if (key.length <= maxLength) return key;
	const cut = key.slice(0, maxLength);
	// Cut after a whole word when the next character starts a new one or a word ends early enough.
	if (key[maxLength] === '_') return cut;
	const lastBreak = cut.lastIndexOf('_');
	return lastBreak >= maxLength / 2 ? cut.slice(0, lastBreak) : cut.replace(/_+$/, '');
}

/**
 * One key per column, unique within the table. The first column with a given key keeps it; later
 * ones get `_2`, `_3`, … (the lowest number no other column already uses), shortened so the suffix
 * still fits into 40 characters. A column whose header gives nothing is `spalte_<position>`, counting
 * from 1 as people do, so the key still points at the column.
 */
export function assignColumnKeys(header: readonly string[]): ColumnKey[] {
	const proposed = header.map((name, index) => keyFromHeader(name) || `spalte_${index + 1}`);
	// Every proposed key is reserved for its first column, so a later `a` does not take `a_2` from a
	// column whose header really is "a 2".
	const taken = new Set(proposed);
	const firstOwner = new Map<string, number>();
	return header.map((name, index) => {
		const base = proposed[index];
		const label = name.trim() || `Spalte ${index + 1}`;
		if (!firstOwner.has(base)) {
			firstOwner.set(base, index);
			return { index, key: base, label };
		}
		for (let n = 2; ; n++) {
			const suffix = `_${n}`;
			const key = shorten(base, maxColumnKeyLength - suffix.length).replace(/_+$/, '') + suffix;
			if (!taken.has(key)) {
				taken.add(key);
				return { index, key, label };
			}
		}
	});
}

export interface ColumnKeyProblem {
	/** Index into the list that was checked. */
	index: number;
	code: 'keyEmpty' | 'keyInvalid' | 'keyTooLong' | 'keyDuplicate';
	message: string;
}

/**
 * Checks keys a planner edited in the mapping step, with the column's label in each message so the
 * planner knows which field to change. Two columns with one key would silently overwrite each
 * other's values on import.
 */
export function checkColumnKeys(
	columns: readonly { key: string; label: string }[]
): ColumnKeyProblem[] {
	const problems: ColumnKeyProblem[] = [];
	const firstWithKey = new Map<string, number>();
	columns.forEach(({ key, label }, index) => {
		const named = `Spalte „${label.length > 60 ? `${label.slice(0, 60)}…` : label}“`;
		if (key === '') {
			problems.push({ index, code: 'keyEmpty', message: `${named}: Der Schlüssel fehlt.` });
			return;
		}
		if (key.length > maxColumnKeyLength) {
			problems.push({
				index,
				code: 'keyTooLong',
				message: `${named}: Der Schlüssel „${key}“ ist länger als ${maxColumnKeyLength} Zeichen.`
			});
			return;
		}
		if (!columnKeyPattern.test(key)) {
			problems.push({
				index,
				code: 'keyInvalid',
				message:
					`${named}: Der Schlüssel „${key}“ darf nur Kleinbuchstaben ohne Umlaute, Ziffern und ` +
					'einzelne Unterstriche enthalten (z. B. „arbeitslose_prozent“).'
			});
			return;
		}
		const earlier = firstWithKey.get(key);
		if (earlier !== undefined) {
			problems.push({
				index,
				code: 'keyDuplicate',
				message:
					`${named}: Der Schlüssel „${key}“ ist schon für Spalte „${columns[earlier].label}“ ` +
					'vergeben. Bitte einen anderen Schlüssel wählen.'
			});
			return;
		}
		firstWithKey.set(key, index);
	});
	return problems;
}
