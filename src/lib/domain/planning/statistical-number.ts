/**
 * Cells as German statistics offices write them: `1 229` (also with no-break or thin spaces),
 * `1.229,5`, `- 23`, `−23`, `12,5 %`, `(12,5)`, and the marks of the "Zeichenerklärung" (DIN 55301)
 * for missing values. A cell is a number, "no data" or unreadable — "no data" is never 0, because a 0
 * would count as a real, very good or very bad, value in every mean and every rule.
 *
 * The decimal question (`1.229` thousands or decimal?) is not decided per cell but per column, by
 * `profileNumberColumn`, since one program in one locale wrote the whole column. The cell reader only
 * takes away what is the same in both formats (spaces, sign, percent, brackets) and hands the rest to
 * `parseNumber`, so both layers read digits, grouping and exponents identically.
 *
 * Not read (yet): footnote marks after a value (`12,5¹`, `12,5 p` for "vorläufig"). They are rare in
 * the indicator tables cities publish, and a column with a few of them is still offered, with the
 * cells shown as unreadable, so the planner sees them before anything is imported.
 */
import { parseNumber, type NumberFormat } from './csv';

export type StatisticalCell =
	| {
			kind: 'number';
			value: number;
			/** Written with `%`. The value stays as written (12,5 % is 12.5), as indicator tables mean it. */
			percent: boolean;
			/** Written in brackets: DIN 55301 "Aussagewert eingeschränkt" — a value, but an unsure one. */
			uncertain: boolean;
	  }
	/** `mark` is the cell as written, trimmed; '' for an empty cell. */
	| { kind: 'noData'; mark: string }
	| { kind: 'notANumber'; text: string };

/**
 * Cells that mean "no value here". From DIN 55301 and the Destatis/Länder tables: `.` unknown or
 * secret, `…` not yet available, `x` not sensible, `/` not reliable enough, `–` nothing there,
 * `•` secret; `*` is what several city offices use for suppressed small numbers.
 *
 * `–` strictly means "nichts vorhanden" (exactly zero) in official tables, but a plain hyphen means
 * "no data" in most city exports, the two cannot be told apart once someone retyped the file, and
 * the issue asks for no-data. Taking a true zero as no data loses one value; taking "unknown" as zero
 * would invent one and move every mean. The mark is kept in the result, so a planner can still say
 * "– heißt hier 0" for a file.
 *
 * Words such as `k. A.` are deliberately not here: they are not standard, and the importer's own
 * `invalidMarkers` option takes any text the file uses.
 */
export const noDataMarks: readonly string[] = [
	'.',
	'..',
	'...',
	'…',
	'-',
	'--',
	'\u2010', // hyphen
	'\u2012', // figure dash
	'\u2013', // en dash
	'\u2014', // em dash
	'\u2015', // horizontal bar
	'\u2212', // minus sign on its own
	'x',
	'X',
	'/',
	'*',
	'•',
	'()',
	'( )'
];
const noDataSet = new Set(noDataMarks);

/**
 * Signs seen in front of numbers: hyphen-minus, U+2212 (Intl, word processors) and the en dash,
 * which German typesetting and Word's autocorrect ("- " becomes "– ") use as the minus sign. An em
 * dash is never a minus sign, so `—23` stays unreadable rather than guessed. A space between sign and
 * digits (`- 23`) is how some offices align columns.
 */
const signPattern = /^([+\-\u2212\u2013])\s*/;
/** Groups of three separated by a space of any kind: U+0020, no-break U+00A0, thin U+2009/U+202F. */
const spaceGroupedPattern = /^\d{1,3}(?:[ \u00A0\u2009\u202F]\d{3})+(?=[.,]\d|[eE]|$)/;
const anySpace = /[\s\u00A0\u2009\u202F]/;

export type CleanedNumberText =
	| { kind: 'text'; text: string; percent: boolean; uncertain: boolean }
	| { kind: 'noData'; mark: string }
	| { kind: 'notANumber'; text: string };

/**
 * Takes away everything that reads the same in German and English files — surrounding and grouping
 * spaces, the kind of minus sign, `%`, brackets — and leaves digits with `.` and `,` for
 * `parseNumber`, or says the cell is no data or cannot be a number.
 */
export function cleanNumberText(raw: string): CleanedNumberText {
	// String#trim removes every Unicode space separator, the no-break and thin spaces included.
	let text = raw.trim();
	if (text === '' || noDataSet.has(text)) return { kind: 'noData', mark: text };
	let uncertain = false;
	const bracketed = /^\((.*)\)$/.exec(text);
	if (bracketed) {
		uncertain = true;
		text = bracketed[1].trim();
	}
	let percent = false;
	if (text.endsWith('%')) {
		percent = true;
		text = text.slice(0, -1).trim();
	}
	// `( )`, `- %`: a mark dressed up is still a mark.
	if (text === '' || noDataSet.has(text)) return { kind: 'noData', mark: raw.trim() };
	const sign = signPattern.exec(text);
	let body = sign ? text.slice(sign[0].length) : text;
	const grouped = spaceGroupedPattern.exec(body);
	if (grouped)
		body = grouped[0].replace(/[ \u00A0\u2009\u202F]/g, '') + body.slice(grouped[0].length);
	// One sign only: `+-3` and `--3` are typing accidents, not numbers.
	if (anySpace.test(body) || !/\d/.test(body) || signPattern.test(body)) {
		return { kind: 'notANumber', text: raw.trim() };
	}
	const minus = sign !== null && sign[1] !== '+';
	return { kind: 'text', text: (minus ? '-' : '') + body, percent, uncertain };
}

/** Reads one cell in a known format (take it from `profileNumberColumn`). Never throws. */
export function parseStatisticalNumber(raw: string, format: NumberFormat): StatisticalCell {
	const cleaned = cleanNumberText(raw);
	if (cleaned.kind !== 'text') return cleaned;
	const parsed = parseNumber(cleaned.text, format);
	if (!parsed.ok || parsed.value === null) return { kind: 'notANumber', text: raw.trim() };
	return {
		kind: 'number',
		// -0 is a formatting accident ("-0,0"), not a different value; it would only confuse Object.is.
		value: parsed.value === 0 ? 0 : parsed.value,
		percent: cleaned.percent,
		uncertain: cleaned.uncertain
	};
}

// Columns -----------------------------------------------------------------------------------------

export interface NumberColumnProfile {
	/** The format to read the column in; null when the column mixes German and English notation. */
	format: NumberFormat | null;
	/**
	 * How the format was chosen: `evidence` — some value reads only one way (`example`); `assumed` —
	 * every value reads both ways but differently (only `1.229`-like values), read as German; `any` —
	 * the format changes nothing (integers, no data); `mixed` — both kinds of evidence (`examples`).
	 */
	basis:
		| { kind: 'evidence'; example: string }
		| { kind: 'assumed'; example: string }
		| { kind: 'any' }
		| { kind: 'mixed'; examples: [de: string, en: string] };
	cells: number;
	empty: number;
	/** Cells with a no-data mark (not counting empty ones). */
	marks: number;
	numbers: number;
	unreadable: number;
	/**
	 * (numbers + marks) / non-empty cells: how much of the column reads as statistics. 0 for a column
	 * with nothing in it.
	 */
	readableShare: number;
	/** Some value was written with `%`: a strong hint for the unit. */
	percentSign: boolean;
	/** The marks seen, each once, in order of appearance: shown so the planner sees what became "no data". */
	marksSeen: string[];
	/** Up to five unreadable cells as written, to show why a column is not offered or will fail. */
	unreadableExamples: string[];
	/** Offer this column as an indicator: at least one number and `readableShare ≥ offerShare`. */
	offered: boolean;
}

/**
 * Share of readable cells from which a column is offered: more than half. A column of numbers with
 * a few broken cells (a stray footnote `12,5¹`, a typed `viel`) must reach the mapping step, where
 * the importer names each broken line instead of the column silently vanishing; a name column with
 * a few numbers in it (`Block 12`) stays out.
 */
export const offerShare = 0.5;

/**
 * Decides a column's number format from all its (sampled) cells, and how much of it reads.
 *
 * The rule: a value that reads only one way decides (`4,5` German, `4.5` English; `1.229,5` German).
 * If both kinds occur, the column is mixed and has no format. If no value decides but some read
 * differently in the two formats — only values like `1.229` (a dot followed by exactly three digits,
 * no comma) or `1,229` — the column is read the German way and marked `assumed`: for a German office
 * `1.229` is 1229 inhabitants, and an English file whose every value has exactly three decimals and
 * none is below 1 is rare. The preview shows the reading, so a wrong guess is visible before import.
 */
export function profileNumberColumn(values: readonly string[]): NumberColumnProfile {
	let empty = 0;
	let marks = 0;
	let unreadable = 0;
	let percentSign = false;
	const marksSeen = new Set<string>();
	const unreadableExamples: string[] = [];
	let deOnly: string | null = null;
	let enOnly: string | null = null;
	let differing: string | null = null;
	let numbers = 0;
	for (const raw of values) {
		const cleaned = cleanNumberText(raw);
		if (cleaned.kind === 'noData') {
			if (cleaned.mark === '') empty++;
			else {
				marks++;
				marksSeen.add(cleaned.mark);
			}
			continue;
		}
		const de = cleaned.kind === 'text' ? parseNumber(cleaned.text, 'de') : null;
		const en = cleaned.kind === 'text' ? parseNumber(cleaned.text, 'en') : null;
		const deValue = de?.ok ? de.value : null;
		const enValue = en?.ok ? en.value : null;
		if (deValue === null && enValue === null) {
			unreadable++;
			if (unreadableExamples.length < 5) unreadableExamples.push(raw.trim());
			continue;
		}
		if (cleaned.kind === 'text' && cleaned.percent) percentSign = true;
		const text = raw.trim();
		if (deValue !== null && enValue === null) deOnly ??= text;
		else if (enValue !== null && deValue === null) enOnly ??= text;
		else if (!Object.is(deValue, enValue)) differing ??= text;
		// Without evidence for the other format, every such cell reads in the chosen one; in a mixed
		// column it reads in one of them, and the mix is reported through `format: null`.
		numbers++;
	}

	let format: NumberFormat | null;
	let basis: NumberColumnProfile['basis'];
	if (deOnly !== null && enOnly !== null) {
		format = null;
		basis = { kind: 'mixed', examples: [deOnly, enOnly] };
	} else if (deOnly !== null) {
		format = 'de';
		basis = { kind: 'evidence', example: deOnly };
	} else if (enOnly !== null) {
		format = 'en';
		basis = { kind: 'evidence', example: enOnly };
	} else if (differing !== null) {
		format = 'de';
		basis = { kind: 'assumed', example: differing };
	} else {
		format = 'de';
		basis = { kind: 'any' };
	}
	const filled = values.length - empty;
	const readableShare = filled === 0 ? 0 : (numbers + marks) / filled;
	return {
		format,
		basis,
		cells: values.length,
		empty,
		marks,
		numbers,
		unreadable,
		readableShare,
		percentSign,
		marksSeen: [...marksSeen],
		unreadableExamples,
		offered: numbers > 0 && readableShare >= offerShare
	};
}
