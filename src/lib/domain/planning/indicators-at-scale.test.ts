import { expect, test } from 'vitest';
import { parseIndicatorTable } from './indicators';

test('a table of 100,000 columns, all chosen, is read column by column without searching', () => {
	// Each chosen column was looked up by searching the header, and each key checked for a double by
	// searching the keys: 100,000 × 100,000 steps, minutes. Now a map each, linear.
	const columns = Array.from({ length: 100_000 }, (_, i) => `I${i}`);
	const result = parseIndicatorTable(
		{ header: ['ID', ...columns], rows: [['A', ...columns.map((_, i) => String(i))]] },
		{
			idColumn: 'ID',
			period: '2024',
			indicators: columns.map((column) => ({ column, key: column })),
			numberFormat: 'en',
			knownDistrictCodes: new Set(['A'])
		}
	);
	expect(result.ok && result.values.length).toBe(100_000);
	expect(result.ok && result.values[99_999]).toEqual({
		districtCode: 'A',
		indicatorKey: 'I99999',
		period: '2024',
		value: 99_999
	});
});

test('a column chosen twice and a header naming a column twice are still found', () => {
	const result = parseIndicatorTable(
		{ header: ['ID', 'X', 'X'], rows: [['A', '1', '2']] },
		{
			idColumn: 'ID',
			period: '2024',
			indicators: [
				{ column: 'X', key: 'x' },
				{ column: 'X', key: 'x' }
			],
			numberFormat: 'en',
			knownDistrictCodes: new Set(['A'])
		}
	);
	expect(result.ok ? [] : result.errors.map((e) => e.message)).toEqual([
		'Der Indikator „x“ ist mehrfach gewählt.',
		'Die Spalte „X“ kommt in der Kopfzeile mehrfach vor.',
		'Die Spalte „X“ kommt in der Kopfzeile mehrfach vor.'
	]);
});
