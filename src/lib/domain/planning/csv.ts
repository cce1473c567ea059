/**
 * CSV and number reading for indicator imports. Pure and dependency-free: the files planners bring are
 * small exports from FIS-Broker, Excel or a statistics office, and we want to name the exact line of a
 * problem in plain German rather than pass on a library's English message.
 */

export const csvDelimiters = [',', ';', '\t'] as const;
export type CsvDelimiter = (typeof csvDelimiters)[number];

export interface CsvOptions {
	/** Leave out to detect the delimiter from the header line. */
	delimiter?: CsvDelimiter;
}

export interface CsvTable {
	header: string[];
	rows: string[][];
	/** The physical line (1-based) on which each row starts, so later checks can name it. */
	lines: number[];
	delimiter: CsvDelimiter;
}

export type CsvErrorCode = 'empty' | 'unterminatedQuote' | 'textAfterQuote' | 'fieldCount';

export interface CsvError {
	code: CsvErrorCode;
	line: number;
	message: string;
}

export type CsvResult = ({ ok: true } & CsvTable) | { ok: false; error: CsvError };

interface CsvRecord {
	fields: string[];
	line: number;
	/** A line with nothing on it at all; skipped, because it cannot be a row of a real table. */
	blank: boolean;
}

export function parseCsv(text: string, options: CsvOptions = {}): CsvResult {
	// Excel writes a byte order mark in front of UTF-8 exports; it is not part of the first column name.
	const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
	// Only line breaks count as empty: a lone space or tab is a (strange) header, not nothing.
	if (/^[\r\n]*$/.test(source)) return failCsv('empty', 1, 'Die Datei ist leer.');
	const delimiter = options.delimiter ?? detectDelimiter(source);
	const read = readRecords(source, delimiter);
	if (!read.ok) return read;
	const records = read.records.filter((record) => !record.blank);
	const [head, ...body] = records;
	if (!head) return failCsv('empty', 1, 'Die Datei ist leer.');
	for (const record of body) {
		if (record.fields.length === head.fields.length) continue;
		const hint =
			head.fields.length === 1
				? ' Die Kopfzeile hat nur eine Spalte – ist das Trennzeichen richtig?'
				: '';
		return failCsv(
			'fieldCount',
			record.line,
			`Zeile ${record.line} hat ${record.fields.length} Felder, die Kopfzeile hat ${head.fields.length}.${hint}`
		);
	}
	return {
		ok: true,
		header: head.fields,
		rows: body.map((record) => record.fields),
		lines: body.map((record) => record.line),
		delimiter
	};
}

/**
 * Picks the candidate that occurs most often outside quotes in the header line. German Excel writes
 * `;` because `,` is the decimal separator; the header is the one line without numbers in it, so it
 * gives the cleanest count. No candidate at all means a single column, and `,` is as good as any.
 */
export function detectDelimiter(text: string): CsvDelimiter {
	const counts = new Map<CsvDelimiter, number>(csvDelimiters.map((d) => [d, 0]));
	let quoted = false;
	for (const char of text) {
		if (char === '"') quoted = !quoted;
		else if (!quoted && (char === '\n' || char === '\r')) break;
		else if (!quoted && counts.has(char as CsvDelimiter)) {
			counts.set(char as CsvDelimiter, (counts.get(char as CsvDelimiter) ?? 0) + 1);
		}
	}
	let best: CsvDelimiter = ',';
	for (const [delimiter, count] of counts) {
		if (count > (counts.get(best) ?? 0)) best = delimiter;
	}
	return best;
}

function readRecords(
	source: string,
	delimiter: CsvDelimiter
): { ok: true; records: CsvRecord[] } | { ok: false; error: CsvError } {
	const records: CsvRecord[] = [];
	let fields: string[] = [];
	let line = 1;
	let recordLine = 1;
	let quotedAny = false;
	let i = 0;
	for (;;) {
		let value: string;
		if (source[i] === '"') {
			const openedOn = line;
			const read = readQuoted(source, i + 1);
			if (read === null) {
				return failCsv(
					'unterminatedQuote',
					openedOn,
					`Zeile ${openedOn}: Ein Anführungszeichen wird geöffnet, aber nie geschlossen.`
				);
			}
			value = read.value;
			i = read.end;
			line += countLineBreaks(value);
			quotedAny = true;
			const next = source[i];
			if (i < source.length && next !== delimiter && next !== '\n' && next !== '\r') {
				return failCsv(
					'textAfterQuote',
					line,
					`Zeile ${line}: Nach dem schließenden Anführungszeichen folgt „${next}“ statt eines Trennzeichens.`
				);
			}
		} else {
			// A quote in the middle of an unquoted field is taken literally (`5" Zoll`), as Excel does.
			let end = i;
			while (end < source.length) {
				const char = source[end];
				if (char === delimiter || char === '\n' || char === '\r') break;
				end++;
			}
			value = source.slice(i, end);
			i = end;
		}
		fields.push(value);
		if (i < source.length && source[i] === delimiter) {
			i++;
			continue;
		}
		const blank = fields.length === 1 && fields[0] === '' && !quotedAny;
		records.push({ fields, line: recordLine, blank });
		if (i >= source.length) break;
		i += source[i] === '\r' && source[i + 1] === '\n' ? 2 : 1;
		line++;
		// A final line break ends the last row; it does not start an empty one.
		if (i >= source.length) break;
		fields = [];
		recordLine = line;
		quotedAny = false;
	}
	return { ok: true, records };
}

/** Reads a quoted field whose content starts at `start`; `""` stands for one quote. */
function readQuoted(source: string, start: number): { value: string; end: number } | null {
	let value = '';
	let from = start;
	for (;;) {
		const quote = source.indexOf('"', from);
		if (quote === -1) return null;
		value += source.slice(from, quote);
		if (source[quote + 1] !== '"') return { value, end: quote + 1 };
		value += '"';
		from = quote + 2;
	}
}

function countLineBreaks(value: string): number {
	return value.match(/\r\n|\r|\n/g)?.length ?? 0;
}

function failCsv(
	code: CsvErrorCode,
	line: number,
	message: string
): { ok: false; error: CsvError } {
	return { ok: false, error: { code, line, message } };
}

// Numbers -----------------------------------------------------------------------------------------

export type NumberFormat = 'de' | 'en';

export type ParsedNumber =
	{ ok: true; value: number | null } | { ok: false; reason: 'notANumber' | 'ambiguous' };

/**
 * Digits either plain or grouped in threes, an optional fraction and an optional exponent (Excel
 * writes `1,2E-05` for tiny shares). Grouping must be regular, so `4.22594` is not a German number:
 * reading it as 422594 would be a silent factor of 100,000. A grouped number never starts with a
 * zero group, so `0.125` is a decimal in any file and never 125.
 */
const numberPatterns: Record<NumberFormat, RegExp> = {
	de: /^(?:[1-9]\d{0,2}(?:\.\d{3})+|\d+)?(?:,\d+)?(?:[eE][+-]?\d+)?$/,
	en: /^(?:[1-9]\d{0,2}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:[eE][+-]?\d+)?$/
};

/**
 * Reads one cell. Empty means "no data" (null), never 0. Markers such as -9999 are ordinary numbers
 * here: whether they mean "invalid" is the importer's decision, made with the user's settings.
 * 'auto' accepts a value only if it reads the same in both formats or is valid in just one; use
 * `detectNumberFormat` on a whole column instead, since `1.234` alone cannot be decided.
 */
export function parseNumber(raw: string, format: NumberFormat | 'auto'): ParsedNumber {
	const text = raw.trim();
	if (text === '') return { ok: true, value: null };
	if (format !== 'auto') {
		const value = readNumber(text, format);
		return value === null ? { ok: false, reason: 'notANumber' } : { ok: true, value };
	}
	const de = readNumber(text, 'de');
	const en = readNumber(text, 'en');
	if (de !== null && en !== null && !Object.is(de, en)) return { ok: false, reason: 'ambiguous' };
	const value = de ?? en;
	return value === null ? { ok: false, reason: 'notANumber' } : { ok: true, value };
}

function readNumber(text: string, format: NumberFormat): number | null {
	// Word processors and Intl in some locales write a real minus sign (U+2212).
	const sign = /^[+\-\u2212]/.test(text) ? text[0] : '';
	const body = text.slice(sign.length);
	if (!/\d/.test(body) || !numberPatterns[format].test(body)) return null;
	const [group, decimal] = format === 'de' ? ['.', ','] : [',', '.'];
	const plain = body.split(group).join('').replace(decimal, '.');
	const value = Number(plain);
	if (!Number.isFinite(value)) return null;
	return sign === '-' || sign === '\u2212' ? -value : value;
}

export type DetectedNumberFormat =
	/** `example` is the first value that decided it; null when every value reads the same either way. */
	| { ok: true; format: NumberFormat; example: string | null }
	| { ok: false; code: 'ambiguous'; example: string }
	| { ok: false; code: 'mixed'; examples: [de: string, en: string] };

/**
 * Decides the format of a whole column. Values that read in neither format are ignored here (the
 * importer reports them with their line). If every value reads the same either way (integers, an
 * empty column), the answer is 'en' with no example, because the choice changes nothing.
 */
export function detectNumberFormat(values: readonly string[]): DetectedNumberFormat {
	let deOnly: string | null = null;
	let enOnly: string | null = null;
	let differing: string | null = null;
	for (const raw of values) {
		const text = raw.trim();
		if (text === '') continue;
		const de = readNumber(text, 'de');
		const en = readNumber(text, 'en');
		if (de !== null && en === null) deOnly ??= text;
		else if (en !== null && de === null) enOnly ??= text;
		else if (de !== null && en !== null && !Object.is(de, en)) differing ??= text;
	}
	if (deOnly !== null && enOnly !== null) {
		return { ok: false, code: 'mixed', examples: [deOnly, enOnly] };
	}
	if (deOnly !== null) return { ok: true, format: 'de', example: deOnly };
	if (enOnly !== null) return { ok: true, format: 'en', example: enOnly };
	if (differing !== null) return { ok: false, code: 'ambiguous', example: differing };
	return { ok: true, format: 'en', example: null };
}
