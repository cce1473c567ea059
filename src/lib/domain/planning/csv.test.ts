import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
	csvDelimiters,
	detectNumberFormat,
	parseCsv,
	parseNumber,
	type CsvDelimiter,
	type CsvResult
} from './csv';

function table(result: CsvResult) {
	if (!result.ok) throw new Error(result.error.message);
	return result;
}

describe('parseCsv', () => {
	test('reads a plain comma table with a header', () => {
		expect(parseCsv('a,b\n1,2\n3,4\n')).toEqual({
			ok: true,
			header: ['a', 'b'],
			rows: [
				['1', '2'],
				['3', '4']
			],
			lines: [2, 3],
			delimiter: ','
		});
	});

	test('reads quoted fields with doubled quotes, delimiters and line breaks inside', () => {
		const result = table(parseCsv('id,text\n"01","Sie sagte ""Hallo"", dann\nging sie"\n"02",x'));
		expect(result.rows).toEqual([
			['01', 'Sie sagte "Hallo", dann\nging sie'],
			['02', 'x']
		]);
		// The row after a multi-line field starts on line 4, and errors must say so.
		expect(result.lines).toEqual([2, 4]);
	});

	test('treats CRLF, LF and a lone CR as line breaks', () => {
		expect(table(parseCsv('a;b\r\n1;2\r\n3;4\r\n')).rows).toEqual([
			['1', '2'],
			['3', '4']
		]);
		expect(table(parseCsv('a;b\r1;2')).rows).toEqual([['1', '2']]);
	});

	test('strips the UTF-8 byte order mark that Excel writes', () => {
		expect(table(parseCsv('\uFEFFPLR_ID;S1\n01100101;4,2')).header).toEqual(['PLR_ID', 'S1']);
	});

	test('detects the delimiter from the header line, not from decimals in the data', () => {
		expect(table(parseCsv('ZEIT;PLR_ID;S1\n202012;01100101;4,22594')).delimiter).toBe(';');
		expect(table(parseCsv('a\tb\n1,5\t2,5')).delimiter).toBe('\t');
		expect(table(parseCsv('"a;b",c\n1,2')).delimiter).toBe(',');
		expect(table(parseCsv('nur eine Spalte\n1')).header).toEqual(['nur eine Spalte']);
	});

	test('ignores the empty trailing line and blank lines, but counts them for line numbers', () => {
		const result = table(parseCsv('a,b\n\n1,2\n\n'));
		expect(result.rows).toEqual([['1', '2']]);
		expect(result.lines).toEqual([3]);
	});

	test('keeps empty fields, including a trailing one', () => {
		expect(table(parseCsv('a,b,c\n,,\n1,,')).rows).toEqual([
			['', '', ''],
			['1', '', '']
		]);
	});

	test('refuses an empty file', () => {
		expect(parseCsv('')).toMatchObject({ ok: false, error: { code: 'empty', line: 1 } });
		expect(parseCsv('\uFEFF\r\n')).toMatchObject({ ok: false, error: { code: 'empty' } });
	});

	test('names the line where an unterminated quote was opened', () => {
		expect(parseCsv('a,b\n1,2\n3,"offen\n4,5\n')).toEqual({
			ok: false,
			error: {
				code: 'unterminatedQuote',
				line: 3,
				message: 'Zeile 3: Ein Anführungszeichen wird geöffnet, aber nie geschlossen.'
			}
		});
	});

	test('refuses text after a closing quote', () => {
		expect(parseCsv('a,b\n"x"y,2')).toMatchObject({
			ok: false,
			error: { code: 'textAfterQuote', line: 2 }
		});
	});

	test('names the line of a row with the wrong number of fields', () => {
		expect(parseCsv('a,b,c\n1,2,3\n4,5\n')).toEqual({
			ok: false,
			error: {
				code: 'fieldCount',
				line: 3,
				message: 'Zeile 3 hat 2 Felder, die Kopfzeile hat 3.'
			}
		});
	});

	test('hints at the delimiter when the header has one column but rows have more', () => {
		const result = parseCsv('ZEIT|PLR_ID|S1\n202012|01100101|4,2', { delimiter: ',' });
		expect(result).toMatchObject({ ok: false, error: { code: 'fieldCount', line: 2 } });
		if (!result.ok) expect(result.error.message).toContain('Trennzeichen');
	});

	test('takes a literal quote inside an unquoted field as text', () => {
		expect(table(parseCsv('a,b\n5" Zoll,2')).rows).toEqual([['5" Zoll', '2']]);
	});

	test('any table written with proper quoting reads back to the same cells, for each delimiter', () => {
		const cell = fc.string({
			unit: fc.constantFrom('a', 'ä', 'ß', ' ', ',', ';', '\t', '"', '\n', '\r', '1', '.', '-')
		});
		const cells = fc.integer({ min: 1, max: 5 }).chain((width) =>
			fc.array(fc.array(cell, { minLength: width, maxLength: width }), {
				minLength: 1,
				maxLength: 7
			})
		);
		fc.assert(
			fc.property(
				fc.constantFrom(...csvDelimiters),
				cells,
				fc.boolean(),
				(delimiter, [header, ...rows], crlf) => {
					const text = writeCsv([header, ...rows], delimiter, crlf ? '\r\n' : '\n');
					expect(parseCsv(text, { delimiter })).toEqual({
						ok: true,
						header,
						rows,
						lines: expectedLines([header, ...rows]),
						delimiter
					});
				}
			),
			{ numRuns: 300 }
		);
	});

	test('the delimiter written is the delimiter detected, when the header is plain text', () => {
		fc.assert(
			fc.property(
				fc.constantFrom(...csvDelimiters),
				fc.array(fc.stringMatching(/^[A-Za-z_0-9]{1,8}$/), { minLength: 2, maxLength: 6 }),
				(delimiter, header) => {
					const text = writeCsv([header, header.map(() => '1,5')], delimiter, '\n');
					expect(table(parseCsv(text)).delimiter).toBe(delimiter);
				}
			)
		);
	});
});

/** Each row starts one line after the previous one ended, line breaks inside quotes included. */
function expectedLines(rows: string[][]): number[] {
	let line = 1;
	return rows
		.map((row) => {
			const start = line;
			for (const cell of row) line += cell.split(/\r\n|\r|\n/).length - 1;
			line += 1;
			return start;
		})
		.slice(1);
}

/**
 * The writer the property checks against: quote a cell when it holds the delimiter, a quote or a line
 * break, and quote a lone empty cell, since an empty line is read as blank.
 */
function writeCsv(rows: string[][], delimiter: CsvDelimiter, lineBreak: string): string {
	return rows
		.map((row) =>
			row
				.map((cell) =>
					/["\r\n]/.test(cell) || cell.includes(delimiter) || (row.length === 1 && cell === '')
						? `"${cell.replaceAll('"', '""')}"`
						: cell
				)
				.join(delimiter)
		)
		.join(lineBreak);
}

describe('parseNumber', () => {
	test('reads German and English notation', () => {
		expect(parseNumber('1.234,56', 'de')).toEqual({ ok: true, value: 1234.56 });
		expect(parseNumber('1,234.56', 'en')).toEqual({ ok: true, value: 1234.56 });
		expect(parseNumber('4.22594', 'en')).toEqual({ ok: true, value: 4.22594 });
		expect(parseNumber('-0,5', 'de')).toEqual({ ok: true, value: -0.5 });
		expect(parseNumber(' 12 ', 'de')).toEqual({ ok: true, value: 12 });
		expect(parseNumber('1,2E-05', 'de')).toEqual({ ok: true, value: 0.000012 });
		expect(parseNumber('\u22123,5', 'de')).toEqual({ ok: true, value: -3.5 });
	});

	test('reads an empty cell as no data, never as 0', () => {
		expect(parseNumber('', 'de')).toEqual({ ok: true, value: null });
		expect(parseNumber('   ', 'auto')).toEqual({ ok: true, value: null });
	});

	test('leaves -9999 an ordinary number; the importer decides what it means', () => {
		expect(parseNumber('-9999', 'en')).toEqual({ ok: true, value: -9999 });
	});

	test('refuses text and irregular grouping instead of guessing', () => {
		for (const raw of ['abc', '12a', '1,2,3', '-', '.', ',', '1.2.3', 'e5', '4,5 %', 'NaN']) {
			expect(parseNumber(raw, 'de'), raw).toEqual({ ok: false, reason: 'notANumber' });
		}
		// Read as German, 4.22594 would silently become 422594.
		expect(parseNumber('4.22594', 'de')).toEqual({ ok: false, reason: 'notANumber' });
		expect(parseNumber('1.234,5', 'en')).toEqual({ ok: false, reason: 'notANumber' });
		// A grouped number never starts with a zero group: 0.125 is a decimal, never 125.
		expect(parseNumber('0.125', 'de')).toEqual({ ok: false, reason: 'notANumber' });
		expect(parseNumber('0,125', 'en')).toEqual({ ok: false, reason: 'notANumber' });
		expect(parseNumber('0.125', 'auto')).toEqual({ ok: true, value: 0.125 });
	});

	test('auto accepts a single value only when it cannot be misread', () => {
		expect(parseNumber('4.22594', 'auto')).toEqual({ ok: true, value: 4.22594 });
		expect(parseNumber('4,5', 'auto')).toEqual({ ok: true, value: 4.5 });
		expect(parseNumber('17', 'auto')).toEqual({ ok: true, value: 17 });
		expect(parseNumber('1.234', 'auto')).toEqual({ ok: false, reason: 'ambiguous' });
	});

	test('reads back whatever Intl formats for de-DE and en-US', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: -1e9, max: 1e9 }),
				fc.integer({ min: 0, max: 6 }),
				(units, scale) => {
					const value = units / 10 ** scale;
					const options = { maximumFractionDigits: 6 };
					const de = new Intl.NumberFormat('de-DE', options).format(value);
					const en = new Intl.NumberFormat('en-US', options).format(value);
					expect(parseNumber(de, 'de'), de).toEqual({ ok: true, value });
					expect(parseNumber(en, 'en'), en).toEqual({ ok: true, value });
				}
			),
			{ numRuns: 500 }
		);
		fc.assert(
			fc.property(
				fc.double({ noNaN: true, noDefaultInfinity: true, max: 1e15, min: -1e15 }),
				(x) => {
					const de = new Intl.NumberFormat('de-DE').format(x);
					const en = new Intl.NumberFormat('en-US').format(x);
					const fromDe = parseNumber(de, 'de');
					expect(fromDe.ok, de).toBe(true);
					expect(fromDe).toEqual(parseNumber(en, 'en'));
				}
			)
		);
	});
});

describe('detectNumberFormat', () => {
	test('decides from the values that can only be read one way', () => {
		expect(detectNumberFormat(['1.234', '4,5', ''])).toEqual({
			ok: true,
			format: 'de',
			example: '4,5'
		});
		expect(detectNumberFormat(['1,234', '4.22594'])).toEqual({
			ok: true,
			format: 'en',
			example: '4.22594'
		});
		expect(detectNumberFormat(['1.234.567'])).toMatchObject({ ok: true, format: 'de' });
	});

	test('calls a column ambiguous when every value fits both formats but reads differently', () => {
		expect(detectNumberFormat(['1.234', '2.500'])).toEqual({
			ok: false,
			code: 'ambiguous',
			example: '1.234'
		});
	});

	test('calls a column mixed when it holds German and English notation', () => {
		expect(detectNumberFormat(['4,5', '4.22594'])).toEqual({
			ok: false,
			code: 'mixed',
			examples: ['4,5', '4.22594']
		});
	});

	test('does not care when the format changes nothing', () => {
		expect(detectNumberFormat(['1', '-9999', '', 'abc'])).toEqual({
			ok: true,
			format: 'en',
			example: null
		});
		expect(detectNumberFormat([])).toEqual({ ok: true, format: 'en', example: null });
	});
});
