import { expect, test } from 'vitest';
import { readBerlinFile } from '../../../../tests/helpers/berlin';
import { inspectCsv, inspectGeoJson } from './import-suggestions';

const read = readBerlinFile;

test('proposes PLR_ID and PLR_NAME for the Berlin Planungsräume', () => {
	const result = inspectGeoJson(read('berlin-plr-2021-wgs84-simplified.geojson'));
	if (!result.ok) throw new Error(result.message);
	expect(result.featureCount).toBe(542);
	expect(result.properties.map((p) => p.name)).toEqual(
		expect.arrayContaining(['PLR_ID', 'PLR_NAME', 'BEZ'])
	);
	expect(result).toMatchObject({ idProperty: 'PLR_ID', nameProperty: 'PLR_NAME' });
});

test('proposes id, period, validity and the indicator columns of an MSS table', () => {
	const result = inspectCsv(read('mss_2021_index_indikatoren.csv'));
	if (!result.ok) throw new Error(result.message);
	expect(result).toMatchObject({
		delimiter: ',',
		rows: 542,
		idColumn: 'PLR_ID',
		periodColumn: 'ZEIT',
		validityColumn: 'KOM',
		validValue: 'gültig'
	});
	expect(result.columns.filter((c) => c.selected).map((c) => c.column)).toEqual([
		'EW',
		'S1',
		'S3',
		'S4',
		'D1',
		'D3',
		'D4'
	]);
	expect(result.columns.find((c) => c.column === 'EW')).toMatchObject({
		unit: 'Personen',
		polarity: 'higherIsBetter'
	});
});

test('a broken file is explained, not thrown', () => {
	expect(inspectGeoJson('{"type": "Feature"')).toMatchObject({ ok: false });
	expect(inspectCsv('')).toEqual({ ok: false, message: 'Die Datei ist leer.' });
});
