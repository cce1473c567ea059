/**
 * German search text, the same for both stores (archive search, archive issue point 4): indexed
 * text and query words go through these functions, and a query word matches where its stem is a
 * part of an indexed word's stem. That finds by stem ("Spielplätze" → "spielplatz") and by part of
 * a compound ("platz" in "Spielplatzsanierung") alike, with SQLite's FTS5 trigram index and
 * PostgreSQL's pg_trgm index doing the substring search. Pure: no I/O.
 *
 * The stemmer is steps 1 and 2 of the Snowball German stemmer (inflection endings only). Step 3
 * (derivations such as -ung, -lich, -heit) is left out on purpose: with part matching it would make
 * "Jugendliche" find every "Jugend…" word.
 */

/** Longest query a search takes; longer input is cut, never refused. */
export const maxQueryLength = 200;
/** Most words a query uses; each is one more condition on the index. */
export const maxQueryWords = 8;
/** Longest word kept; longer ones are cut (nobody searches for 40 letters in one word). */
const maxWordLength = 40;

const vowels = new Set(['a', 'e', 'i', 'o', 'u', 'y']);
const sEndings = new Set(['b', 'd', 'f', 'g', 'h', 'k', 'l', 'm', 'n', 'r', 't']);
const stEndings = new Set(['b', 'd', 'f', 'g', 'h', 'k', 'l', 'm', 'n', 't']);

/**
 * Lower case, ß → ss, accents and umlauts dropped (ä → a, as Snowball's German stemmer ends up
 * doing), compatibility forms unfolded (ligatures, full-width letters).
 */
export function foldText(text: string): string {
	return text
		.normalize('NFKD')
		.toLowerCase()
		.replace(/\p{M}+/gu, '')
		.replaceAll('ß', 'ss');
}

/** The words of a text: runs of letters and digits. Everything else separates. */
export function splitWords(text: string): string[] {
	return foldText(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** R1 of Snowball: after the first non-vowel that follows a vowel, and at least 3 letters in. */
function regionOne(word: string): number {
	for (let i = 1; i < word.length; i++) {
		if (!vowels.has(word[i]) && vowels.has(word[i - 1])) return Math.max(i + 1, 3);
	}
	return word.length;
}

/** The stem of one folded word (output of `splitWords`). */
export function stemWord(folded: string): string {
	let word = folded.slice(0, maxWordLength);
	if (!/^\p{L}+$/u.test(word)) return word;
	const r1 = regionOne(word);
	const inR1 = (suffix: string) => word.endsWith(suffix) && word.length - suffix.length >= r1;
	// Step 1: the longest of these endings, if it lies in R1.
	if (inR1('ern')) word = word.slice(0, -3);
	else if (inR1('em') || inR1('er')) word = word.slice(0, -2);
	else if (inR1('en') || inR1('es')) {
		word = word.slice(0, -2);
		if (word.endsWith('niss')) word = word.slice(0, -1);
	} else if (inR1('e')) {
		word = word.slice(0, -1);
		if (word.endsWith('niss')) word = word.slice(0, -1);
	} else if (inR1('s') && sEndings.has(word.at(-2) ?? '')) word = word.slice(0, -1);
	// Step 2.
	if (inR1('est')) word = word.slice(0, -3);
	else if (inR1('en') || inR1('er')) word = word.slice(0, -2);
	else if (inR1('st') && word.length >= 6 && stEndings.has(word.at(-3) ?? ''))
		word = word.slice(0, -2);
	return word;
}

/** A text as the index keeps it: the stems of its words, separated by single spaces. */
export function searchText(text: string): string {
	return splitWords(text).map(stemWord).join(' ');
}

export interface QueryTerm {
	/** What the index is searched for: a part of an indexed stem. */
	stem: string;
	/** The folded word the stem came from (PostgreSQL's `german` text search takes it). */
	word: string;
}

/**
 * A query as search terms: distinct stems, in order, at most `maxQueryWords`. Only letters and
 * digits survive, so no input can carry SQL, LIKE wildcards or FTS syntax (quotes, `*`, `NEAR`,
 * `-`, `:`) into a store: those are separators here, and `NEAR` is a plain word.
 */
export function queryTerms(query: string): QueryTerm[] {
	const terms: QueryTerm[] = [];
	for (const word of splitWords(query.slice(0, maxQueryLength))) {
		const stem = stemWord(word);
		if (!terms.some((t) => t.stem === stem))
			terms.push({ stem, word: word.slice(0, maxWordLength) });
		if (terms.length === maxQueryWords) break;
	}
	return terms;
}

/** How many words a query has (before `maxQueryWords` cuts it), to tell the user. */
export function countQueryWords(query: string): number {
	return splitWords(query.slice(0, maxQueryLength)).length;
}

/** Whether a word of a shown text matches one of the terms (the same rule as the stores'). */
export function wordMatches(word: string, terms: readonly string[]): boolean {
	const stems = splitWords(word).map(stemWord);
	return stems.some((stem) => terms.some((term) => stem.includes(term)));
}

export interface SnippetPart {
	text: string;
	hit: boolean;
}

/**
 * A short piece of `text` around its first matching word, cut into parts so a page can mark the
 * matching words as text (never as markup). Words are kept whole; the cut is marked with "…".
 */
export function snippetParts(text: string, terms: readonly string[], length = 160): SnippetPart[] {
	const pieces = text
		.replace(/\s+/g, ' ')
		.trim()
		.split(/([\p{L}\p{N}]+)/u);
	const isHit = (piece: string, index: number) => index % 2 === 1 && wordMatches(piece, terms);
	const first = Math.max(
		0,
		pieces.findIndex((piece, index) => isHit(piece, index))
	);
	// Start a few words before the first hit, so it stands in context.
	let start = first;
	let before = 0;
	while (start > 0 && before < length / 3) {
		start--;
		before += pieces[start].length;
	}
	// Begin at a word, not at the space before it.
	if (start % 2 === 0 && start > 0 && start < first) start++;
	const parts: SnippetPart[] = [];
	let used = 0;
	let end = start;
	for (; end < pieces.length && used < length; end++) {
		const piece = pieces[end];
		if (!piece) continue;
		used += piece.length;
		const hit = isHit(piece, end);
		const last = parts.at(-1);
		if (last && last.hit === hit) last.text += piece;
		else parts.push({ text: piece, hit });
	}
	if (start > 0) parts.unshift({ text: '… ', hit: false });
	if (end < pieces.length && pieces.slice(end).join('').trim())
		parts.push({ text: ' …', hit: false });
	return parts;
}
