import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
	cleanNumberText,
	noDataMarks,
	parseStatisticalNumber,
	profileNumberColumn
} from './statistical-number';

const number = (value: number, extra: { percent?: boolean; uncertain?: boolean } = {}) => ({
	kind: 'number',
	value,
	percent: extra.percent ?? false,
	uncertain: extra.uncertain ?? false
});

describe('parseStatisticalNumber', () => {
	test('reads thousands separated by dots or by any kind of space', () => {
		expect(parseStatisticalNumber('1.229', 'de')).toEqual(number(1229));
		expect(parseStatisticalNumber('1 229', 'de')).toEqual(number(1229));
		expect(parseStatisticalNumber('1\u00A0229', 'de')).toEqual(number(1229));
		expect(parseStatisticalNumber('1\u202F229', 'de')).toEqual(number(1229));
		expect(parseStatisticalNumber('1\u2009229', 'de')).toEqual(number(1229));
		expect(parseStatisticalNumber('1 229 567', 'de')).toEqual(number(1229567));
		expect(parseStatisticalNumber('1 229,5', 'de')).toEqual(number(1229.5));
		expect(parseStatisticalNumber('1 229.5', 'en')).toEqual(number(1229.5));
		expect(parseStatisticalNumber('1.229,5', 'de')).toEqual(number(1229.5));
		expect(parseStatisticalNumber('12,5', 'de')).toEqual(number(12.5));
	});

	test('reads signs as offices write them: hyphen, minus sign, en dash, with or without a space', () => {
		expect(parseStatisticalNumber('- 23', 'de')).toEqual(number(-23));
		expect(parseStatisticalNumber('-23', 'de')).toEqual(number(-23));
		expect(parseStatisticalNumber('\u221223', 'de')).toEqual(number(-23));
		expect(parseStatisticalNumber('\u2212 1 229,5', 'de')).toEqual(number(-1229.5));
		expect(parseStatisticalNumber('\u201323', 'de')).toEqual(number(-23));
		expect(parseStatisticalNumber('+4', 'de')).toEqual(number(4));
		expect(parseStatisticalNumber('+ 4,5', 'de')).toEqual(number(4.5));
		expect(parseStatisticalNumber('-0,0', 'de')).toEqual(number(0));
	});

	test('an em dash is never a minus sign, and a sign needs digits after it', () => {
		expect(parseStatisticalNumber('\u201423', 'de')).toEqual({ kind: 'notANumber', text: '—23' });
		expect(parseStatisticalNumber('--23', 'de').kind).toBe('notANumber');
		expect(parseStatisticalNumber('+-3', 'de').kind).toBe('notANumber');
	});

	test('keeps a percentage as written and marks it', () => {
		expect(parseStatisticalNumber('12,5 %', 'de')).toEqual(number(12.5, { percent: true }));
		expect(parseStatisticalNumber('12,5%', 'de')).toEqual(number(12.5, { percent: true }));
		expect(parseStatisticalNumber('12,5\u00A0%', 'de')).toEqual(number(12.5, { percent: true }));
		expect(parseStatisticalNumber('- 3,1 %', 'de')).toEqual(number(-3.1, { percent: true }));
	});

	test('reads a bracketed value as an uncertain value, not as no data', () => {
		expect(parseStatisticalNumber('(12,5)', 'de')).toEqual(number(12.5, { uncertain: true }));
		expect(parseStatisticalNumber('( 7 )', 'de')).toEqual(number(7, { uncertain: true }));
	});

	test('ignores surrounding spaces of every kind, tabs included', () => {
		expect(parseStatisticalNumber('  12,5 ', 'de')).toEqual(number(12.5));
		expect(parseStatisticalNumber('\u00A012,5\u202F', 'de')).toEqual(number(12.5));
		expect(parseStatisticalNumber('\t17\t', 'de')).toEqual(number(17));
	});

	test('every no-data mark and the empty cell are no data, never 0', () => {
		for (const mark of [...noDataMarks, '', '   ', ' . ', '\u00A0–\u00A0', '- %', '(-)']) {
			const cell = parseStatisticalNumber(mark, 'de');
			expect(cell.kind, JSON.stringify(mark)).toBe('noData');
		}
		expect(parseStatisticalNumber('', 'de')).toEqual({ kind: 'noData', mark: '' });
		expect(parseStatisticalNumber(' x ', 'de')).toEqual({ kind: 'noData', mark: 'x' });
		expect(parseStatisticalNumber('…', 'en')).toEqual({ kind: 'noData', mark: '…' });
	});

	test('refuses irregular groups and text instead of guessing', () => {
		for (const raw of [
			'1 22',
			'12 34',
			'1 2345',
			'1.22',
			'abc',
			'12a',
			'k. A.',
			'?',
			'1,2,3',
			'e5'
		]) {
			expect(parseStatisticalNumber(raw, 'de').kind, raw).toBe('notANumber');
		}
		// Read as German, 4.22594 would silently become 422594.
		expect(parseStatisticalNumber('4.22594', 'de').kind).toBe('notANumber');
		expect(parseStatisticalNumber('4.22594', 'en')).toEqual(number(4.22594));
		// A grouped number never starts with a zero group.
		expect(parseStatisticalNumber('0.125', 'de').kind).toBe('notANumber');
	});

	test('gives back any number written the German way, in all the shapes offices use', () => {
		const separators = ['.', ' ', '\u00A0', '\u202F', '\u2009', ''];
		const minusSigns = ['-', '- ', '\u2212', '\u2013'];
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 999_999_999 }),
				fc.option(fc.stringMatching(/^\d{1,4}$/), { nil: undefined }),
				fc.boolean(),
				fc.constantFrom(...separators),
				fc.constantFrom(...minusSigns),
				fc.boolean(),
				fc.constantFrom('', ' ', '\u00A0'),
				(whole, fraction, negative, separator, minus, percent, padding) => {
					const digits = String(whole);
					const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
					const body = fraction === undefined ? grouped : `${grouped},${fraction}`;
					const text = `${padding}${negative ? minus : ''}${body}${percent ? ' %' : ''}${padding}`;
					const magnitude = Number(`${digits}.${fraction ?? '0'}`);
					const expected = negative && magnitude !== 0 ? -magnitude : magnitude;
					expect(parseStatisticalNumber(text, 'de'), text).toEqual(number(expected, { percent }));
				}
			),
			{ numRuns: 1000 }
		);
	});

	test('gives back what Intl writes for de-DE', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: -1e9, max: 1e9 }),
				fc.integer({ min: 0, max: 6 }),
				(units, scale) => {
					const value = units / 10 ** scale;
					const text = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 6 }).format(value);
					expect(parseStatisticalNumber(text, 'de'), text).toEqual(number(value === 0 ? 0 : value));
					const percent = new Intl.NumberFormat('de-DE', {
						style: 'percent',
						maximumFractionDigits: 6
					}).format(value);
					const cell = parseStatisticalNumber(percent, 'de');
					expect(cell.kind, percent).toBe('number');
				}
			),
			{ numRuns: 500 }
		);
	});

	test('never throws, whatever the cell holds', () => {
		fc.assert(
			fc.property(
				fc.string({ unit: 'grapheme', maxLength: 30 }),
				fc.constantFrom('de', 'en'),
				(raw, format) => {
					const cell = parseStatisticalNumber(raw, format as 'de' | 'en');
					if (cell.kind === 'number') expect(Number.isFinite(cell.value)).toBe(true);
				}
			),
			{ numRuns: 2000 }
		);
		fc.assert(
			fc.property(
				fc.string({
					unit: fc.constantFrom(...'0123456789.,- \u00A0%()+\u2212\u2013xX/*…eE'),
					maxLength: 16
				}),
				(raw) => {
					for (const format of ['de', 'en'] as const) {
						const cell = parseStatisticalNumber(raw, format);
						if (cell.kind === 'number') expect(Number.isFinite(cell.value), raw).toBe(true);
					}
					expect(() => profileNumberColumn([raw, raw])).not.toThrow();
				}
			),
			{ numRuns: 3000 }
		);
	});

	test('no-data marks never become numbers, however they are padded or bracketed', () => {
		fc.assert(
			fc.property(
				fc.constantFrom(...noDataMarks, ''),
				fc.constantFrom('', ' ', '\u00A0', '\u202F', '\t'),
				fc.boolean(),
				fc.constantFrom('de', 'en'),
				(mark, padding, percent, format) => {
					const raw = `${padding}${mark}${percent ? ' %' : ''}${padding}`;
					expect(parseStatisticalNumber(raw, format as 'de' | 'en').kind, JSON.stringify(raw)).toBe(
						'noData'
					);
				}
			)
		);
	});
});

describe('cleanNumberText', () => {
	test('leaves the dot and comma for the format to decide', () => {
		expect(cleanNumberText(' - 1 229,5 % ')).toEqual({
			kind: 'text',
			text: '-1229,5',
			percent: true,
			uncertain: false
		});
		expect(cleanNumberText('1.229')).toMatchObject({ kind: 'text', text: '1.229' });
	});
});

describe('profileNumberColumn', () => {
	test('a column where every dot is followed by three digits is thousands, assumed', () => {
		const profile = profileNumberColumn(['1.229', '12.500', '999', '.', '']);
		expect(profile).toMatchObject({
			format: 'de',
			basis: { kind: 'assumed', example: '1.229' },
			numbers: 3,
			marks: 1,
			empty: 1,
			readableShare: 1,
			offered: true
		});
		expect(parseStatisticalNumber('1.229', profile.format ?? 'de')).toEqual(number(1229));
	});

	test('a single value that reads only one way decides the column', () => {
		expect(profileNumberColumn(['1.229', '4,5'])).toMatchObject({
			format: 'de',
			basis: { kind: 'evidence', example: '4,5' }
		});
		expect(profileNumberColumn(['1.229', '1.5'])).toMatchObject({
			format: 'en',
			basis: { kind: 'evidence', example: '1.5' }
		});
		expect(profileNumberColumn(['0.125', '1,229'])).toMatchObject({ format: 'en' });
		expect(profileNumberColumn(['1 229', '- 23', '12,5 %'])).toMatchObject({
			format: 'de',
			percentSign: true,
			numbers: 3
		});
	});

	test('German and English notation in one column is mixed and has no format', () => {
		expect(profileNumberColumn(['4,5', '4.22594'])).toMatchObject({
			format: null,
			basis: { kind: 'mixed', examples: ['4,5', '4.22594'] }
		});
	});

	test('integers and marks read the same either way', () => {
		expect(profileNumberColumn(['17', '- 3', 'x', '1 229'])).toMatchObject({
			basis: { kind: 'any' },
			numbers: 3,
			marks: 1,
			marksSeen: ['x']
		});
	});

	test('offers a column with a stray footnote, not a column of names', () => {
		const values = Array.from({ length: 19 }, (_, i) => `${i},5`);
		expect(profileNumberColumn([...values, '12,5¹'])).toMatchObject({
			offered: true,
			unreadable: 1,
			unreadableExamples: ['12,5¹'],
			readableShare: 0.95
		});
		// Offered with a broken cell, so the import can name its line.
		expect(profileNumberColumn(['4.2', '3.1', 'viel'])).toMatchObject({
			offered: true,
			unreadable: 1
		});
		expect(profileNumberColumn(['Mitte', 'Alt-Moabit', 'Block 12', '12'])).toMatchObject({
			offered: false,
			readableShare: 0.25
		});
	});

	test('a column of only marks or empty cells is not offered', () => {
		expect(profileNumberColumn(['.', '-', 'x'])).toMatchObject({
			offered: false,
			numbers: 0,
			marks: 3
		});
		expect(profileNumberColumn(['', ''])).toMatchObject({ offered: false, readableShare: 0 });
		expect(profileNumberColumn([])).toMatchObject({ offered: false, cells: 0 });
	});
});
