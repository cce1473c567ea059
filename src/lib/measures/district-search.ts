/**
 * Finding districts by typing, for the district picker: hundreds of areas, some with the same name
 * in different parents ("Neustadt" in two Bezirke). Pure, so it is tested without a browser.
 */

export interface PickerDistrict {
	key: string;
	name: string;
	level: string;
	/** The parent's name, to tell apart areas of the same name. */
	parent: string | null;
	gone?: boolean;
}

/**
 * Typing and names compared the way people write them: case, accents and umlauts (ä = a), ß = ss,
 * dashes and runs of spaces all the same.
 */
export function searchForm(text: string): string {
	return text
		.toLocaleLowerCase('de')
		.replace(/ß/g, 'ss')
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.replace(/[\s\-‐‑‒–—_/.,]+/g, ' ')
		.trim();
}

/** The name shown for each district: with its parent (or else its level) when the name repeats. */
export function displayNames(
	districts: readonly Pick<PickerDistrict, 'key' | 'name' | 'level' | 'parent'>[]
): Map<string, string> {
	const count = new Map<string, number>();
	for (const d of districts) count.set(d.name, (count.get(d.name) ?? 0) + 1);
	return new Map(
		districts.map((d) => [
			d.key,
			(count.get(d.name) ?? 0) > 1 ? `${d.name} (${d.parent ?? d.level})` : d.name
		])
	);
}

/**
 * Districts whose shown name (with parent) holds every typed word, names that start with the
 * typing first, then in the given order; at most `limit`, and how many matched in all.
 */
export function findDistricts(
	districts: readonly PickerDistrict[],
	shown: ReadonlyMap<string, string>,
	query: string,
	limit = 50
): { matches: PickerDistrict[]; total: number } {
	const words = searchForm(query).split(' ').filter(Boolean);
	if (!words.length) return { matches: districts.slice(0, limit), total: districts.length };
	const starts: PickerDistrict[] = [];
	const contains: PickerDistrict[] = [];
	for (const d of districts) {
		const text = searchForm(`${shown.get(d.key) ?? d.name} ${d.parent ?? ''}`);
		if (!words.every((w) => text.includes(w))) continue;
		(searchForm(d.name).startsWith(words[0]) ? starts : contains).push(d);
	}
	const all = [...starts, ...contains];
	return { matches: all.slice(0, limit), total: all.length };
}
