import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { readBerlinFile } from '../../../../tests/helpers/berlin';
import {
	listProperties,
	maxReportedProblems,
	parseDistrictGeoJson,
	type District,
	type DistrictImportOptions,
	type DistrictImportResult
} from './districts';

// The shared data lives beside the repository (/work/shared next to /work/main), also in CI.
const plrText = readBerlinFile('berlin-plr-2021-wgs84-simplified.geojson');
const bzrText = readBerlinFile('berlin-bzr-2021-wgs84-simplified.geojson');

const plrOptions: DistrictImportOptions = {
	idProperty: 'PLR_ID',
	nameProperty: 'PLR_NAME',
	level: 'planungsraum'
};

function districtsOf(result: DistrictImportResult): District[] {
	if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
	return result.districts;
}

/** A small valid collection to break in one place per test. */
function collection(features: unknown[]): string {
	return JSON.stringify({ type: 'FeatureCollection', features });
}

function area(id: unknown, name: unknown, x = 13.4, y = 52.5): Record<string, unknown> {
	return {
		type: 'Feature',
		properties: { PLR_ID: id, PLR_NAME: name },
		geometry: {
			type: 'Polygon',
			coordinates: [
				[
					[x, y],
					[x + 0.01, y],
					[x + 0.01, y + 0.01],
					[x, y + 0.01],
					[x, y]
				]
			]
		}
	};
}

describe('Berlin LOR 2021', () => {
	const bzr = parseDistrictGeoJson(bzrText, {
		idProperty: 'BZR_ID',
		nameProperty: 'BZR_NAME',
		level: 'bezirksregion',
		parent: { fromIdPrefix: 2 }
	});
	const bzrCodes = new Set(districtsOf(bzr).map((d) => d.code));

	test('the 542 Planungsräume import cleanly, ids as text with their leading zero', () => {
		const plr = districtsOf(parseDistrictGeoJson(plrText, plrOptions));
		expect(plr).toHaveLength(542);
		expect(new Set(plr.map((d) => d.code)).size).toBe(542);
		expect(plr.every((d) => /^\d{8}$/.test(d.code))).toBe(true);
		const stuler = plr.find((d) => d.code === '01100101');
		expect(stuler).toMatchObject({ name: 'Stülerstraße', level: 'planungsraum', parentCode: null });
		const [west, south, east, north] = stuler!.bbox;
		expect(west).toBeLessThan(east);
		expect(south).toBeLessThan(north);
		expect(west).toBeGreaterThan(13);
		expect(north).toBeLessThan(53);
	});

	test('every Planungsraum gets the Bezirksregion of its 6-digit prefix, and it exists', () => {
		const plr = districtsOf(
			parseDistrictGeoJson(plrText, {
				...plrOptions,
				parent: { fromIdPrefix: 6, knownCodes: bzrCodes }
			})
		);
		expect(bzrCodes.size).toBe(143);
		expect(plr.every((d) => d.parentCode === d.code.slice(0, 6))).toBe(true);
		expect(new Set(plr.map((d) => d.parentCode)).size).toBe(143);
	});

	test('the 143 Bezirksregionen fall into the 12 Bezirke by their 2-digit prefix', () => {
		const regions = districtsOf(bzr);
		expect(regions).toHaveLength(143);
		expect([...new Set(regions.map((d) => d.parentCode))].sort()).toEqual([
			'01',
			'02',
			'03',
			'04',
			'05',
			'06',
			'07',
			'08',
			'09',
			'10',
			'11',
			'12'
		]);
		const plr = districtsOf(
			parseDistrictGeoJson(plrText, { ...plrOptions, parent: { fromIdPrefix: 2 } })
		);
		expect(new Set(plr.map((d) => d.parentCode)).size).toBe(12);
	});

	test('the parent found by location agrees with the id prefix for all 542', () => {
		const plr = districtsOf(
			parseDistrictGeoJson(plrText, { ...plrOptions, parent: { layer: districtsOf(bzr) } })
		);
		expect(plr.filter((d) => d.parentCode !== d.code.slice(0, 6))).toEqual([]);
	});

	test('the two Planungsräume named Schloßstraße are imported, with a warning', () => {
		const result = parseDistrictGeoJson(plrText, plrOptions);
		expect(result.ok && result.warnings).toEqual([
			{
				code: 'nameDuplicate',
				feature: expect.any(Number),
				field: 'PLR_NAME',
				message: expect.stringContaining('„Schloßstraße“ kommt 2-mal vor')
			}
		]);
		// Heerstraße is the same case one level up.
		expect(bzr.ok && bzr.warnings.map((w) => w.message)).toEqual([
			expect.stringContaining('„Heerstraße“')
		]);
	});

	test('a code not among the known parents is an error naming it', () => {
		const someRegions = new Set([...bzrCodes].filter((code) => code !== '011001'));
		const result = parseDistrictGeoJson(plrText, {
			...plrOptions,
			parent: { fromIdPrefix: 6, knownCodes: someRegions }
		});
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors.every((e) => e.code === 'parentUnknown')).toBe(true);
		expect(result.errors[0].message).toContain('„011001“ ist nicht bekannt');
	});

	test('listProperties offers the property names with samples and marks unique ones', () => {
		const result = listProperties(plrText);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.featureCount).toBe(542);
		expect(result.properties.map((p) => p.name)).toEqual([
			'PLR_ID',
			'PLR_NAME',
			'BEZ',
			'STAND',
			'GROESSE_M2'
		]);
		const [id, name, bez] = result.properties;
		expect(id).toMatchObject({ filled: 542, kinds: ['text'], unique: true });
		expect(id.samples).toHaveLength(3);
		// Names repeat (Schloßstraße), so they are not offered as ids.
		expect(name.unique).toBe(false);
		expect(bez.unique).toBe(false);
	});
});

describe('broken files', () => {
	test('text that is not JSON is refused as a whole', () => {
		expect(parseDistrictGeoJson('{"type": "FeatureCollection", ', plrOptions)).toEqual({
			ok: false,
			errors: [
				{
					code: 'notJson',
					feature: null,
					message: 'Die Datei lässt sich nicht als JSON lesen. Ist es eine GeoJSON-Datei?'
				}
			]
		});
		// JSON has no NaN; a file that writes it is not JSON.
		const withNaN = collection([area('01', 'A')]).replace('13.4', 'NaN');
		expect(parseDistrictGeoJson(withNaN, plrOptions)).toMatchObject({
			ok: false,
			errors: [{ code: 'notJson' }]
		});
	});

	test('JSON that is not a FeatureCollection is refused and its type named', () => {
		const result = parseDistrictGeoJson(JSON.stringify(area('01', 'A')), plrOptions);
		expect(result).toMatchObject({ ok: false, errors: [{ code: 'notFeatureCollection' }] });
		expect(!result.ok && result.errors[0].message).toContain('(Typ „Feature“)');
		expect(parseDistrictGeoJson('[1,2]', plrOptions)).toMatchObject({
			ok: false,
			errors: [{ code: 'notFeatureCollection' }]
		});
		expect(parseDistrictGeoJson(collection([]), plrOptions)).toMatchObject({
			ok: false,
			errors: [{ code: 'noFeatures' }]
		});
	});

	test('a feature without geometry is named by its position and name', () => {
		const result = parseDistrictGeoJson(
			collection([area('01', 'A'), { ...area('02', 'Bahnhof'), geometry: null }]),
			plrOptions
		);
		expect(result).toEqual({
			ok: false,
			errors: [
				{
					code: 'geometryMissing',
					feature: 2,
					message: 'Objekt 2 („Bahnhof“): Das Gebiet hat keine Geometrie.'
				}
			]
		});
	});

	test('a point or a line is not a district', () => {
		const point = { ...area('01', 'A'), geometry: { type: 'Point', coordinates: [13.4, 52.5] } };
		expect(parseDistrictGeoJson(collection([point]), plrOptions)).toMatchObject({
			ok: false,
			errors: [{ code: 'geometryNotArea', message: expect.stringContaining('„Point“') }]
		});
	});

	test('a duplicate id is an error naming both features and the value', () => {
		const result = parseDistrictGeoJson(
			collection([area('01100101', 'A'), area('01100102', 'B'), area('01100101', 'C')]),
			plrOptions
		);
		expect(result).toEqual({
			ok: false,
			errors: [
				{
					code: 'idDuplicate',
					feature: 3,
					field: 'PLR_ID',
					message: 'Objekt 3: Die Kennung „01100101“ kommt doppelt vor (schon bei Objekt 1).'
				}
			]
		});
	});

	test('a missing or empty id is an error naming the feature and the property', () => {
		const result = parseDistrictGeoJson(
			collection([area(undefined, 'A'), area('  ', 'B'), area(null, 'C')]),
			plrOptions
		);
		expect(!result.ok && result.errors.map((e) => [e.code, e.feature, e.message])).toEqual([
			['idMissing', 1, 'Objekt 1 („A“): Die Kennung („PLR_ID“) fehlt.'],
			['idMissing', 2, 'Objekt 2 („B“): Die Kennung („PLR_ID“) fehlt.'],
			['idMissing', 3, 'Objekt 3 („C“): Die Kennung („PLR_ID“) fehlt.']
		]);
	});

	test('a missing name is an error', () => {
		expect(parseDistrictGeoJson(collection([area('01', '')]), plrOptions)).toMatchObject({
			ok: false,
			errors: [{ code: 'nameMissing', feature: 1, field: 'PLR_NAME' }]
		});
	});

	test('NaN, Infinity, strings and nulls as coordinates are refused', () => {
		const bad = (value: unknown) => {
			const feature = area('01', 'A');
			const geometry = feature.geometry as { coordinates: unknown[][][] };
			geometry.coordinates[0][2] = [value, 52.5];
			// JSON.stringify writes NaN and Infinity as null; 1e999 reads back as Infinity.
			return collection([feature]);
		};
		for (const text of [bad(NaN), bad('13.4'), bad(null), bad(1).replace('[1,', '[1e999,')]) {
			expect(parseDistrictGeoJson(text, plrOptions)).toMatchObject({
				ok: false,
				errors: [
					{ code: 'geometryInvalid', feature: 1, message: expect.stringContaining('Objekt 1') }
				]
			});
		}
	});

	test('rings that are too short or not closed are refused', () => {
		const open = area('01', 'A');
		(open.geometry as { coordinates: number[][][] }).coordinates[0].pop();
		const short = area('02', 'B');
		(short.geometry as { coordinates: number[][][] }).coordinates[0].splice(1, 2);
		const result = parseDistrictGeoJson(collection([open, short]), plrOptions);
		expect(!result.ok && result.errors.map((e) => e.message)).toEqual([
			'Objekt 1 („A“): Ein Umriss ist nicht geschlossen (erster und letzter Punkt verschieden).',
			'Objekt 2 („B“): Ein Umriss hat weniger als 4 Punkte.'
		]);
	});

	test('coordinates in metres (EPSG:25833) are recognised and explained', () => {
		const result = parseDistrictGeoJson(collection([area('01', 'A', 392000, 5820000)]), plrOptions);
		expect(result).toMatchObject({ ok: false, errors: [{ code: 'notWgs84' }] });
		expect(!result.ok && result.errors[0].message).toContain('EPSG:25833');
	});

	test('all-or-nothing: one bad feature among good ones returns no districts', () => {
		const result = parseDistrictGeoJson(
			collection([area('01', 'A'), area('02', 'B'), { type: 'Feature', properties: {} }]),
			plrOptions
		);
		expect(result.ok).toBe(false);
		expect(result).not.toHaveProperty('districts');
	});

	test('collects the problems of all features, up to a cap', () => {
		const features = Array.from({ length: 150 }, (_, i) => area(i, `G${i}`));
		const result = parseDistrictGeoJson(collection(features), plrOptions);
		expect(!result.ok && result.errors).toHaveLength(maxReportedProblems + 1);
		expect(!result.ok && result.errors.at(-1)).toMatchObject({
			code: 'tooManyErrors',
			message: '… und 50 weitere Fehler. Bitte zuerst die genannten beheben.'
		});
	});

	test('arbitrary JSON never throws', () => {
		const options: DistrictImportOptions = { ...plrOptions, parent: { fromIdPrefix: 1 } };
		fc.assert(
			fc.property(fc.json(), (text) => {
				expect(() => parseDistrictGeoJson(text, options)).not.toThrow();
				expect(() => listProperties(text)).not.toThrow();
			}),
			{ numRuns: 300 }
		);
		// The same one level deeper, where most of the checks are.
		const coordinates = fc.oneof(
			fc.jsonValue(),
			fc.array(fc.array(fc.array(fc.oneof(fc.double(), fc.jsonValue()), { maxLength: 3 })))
		);
		const feature = fc.record(
			{
				type: fc.constantFrom('Feature', 'Point', 7),
				properties: fc.oneof(
					fc.jsonValue(),
					fc.record({ PLR_ID: fc.jsonValue(), PLR_NAME: fc.jsonValue() })
				),
				geometry: fc.oneof(
					fc.jsonValue(),
					fc.record({ type: fc.constantFrom('Polygon', 'MultiPolygon', 'Point'), coordinates })
				)
			},
			{ requiredKeys: [] }
		);
		fc.assert(
			fc.property(fc.array(fc.oneof(feature, fc.jsonValue())), (features) => {
				const text = collection(features);
				expect(() => parseDistrictGeoJson(text, options)).not.toThrow();
				expect(() =>
					parseDistrictGeoJson(text, { ...plrOptions, parent: { layer: [] } })
				).not.toThrow();
				expect(() => listProperties(text)).not.toThrow();
			}),
			{ numRuns: 300 }
		);
	});
});

describe('ids and parents', () => {
	test('numbers as ids are refused, because their leading zeros are already gone', () => {
		const result = parseDistrictGeoJson(collection([area(1100101, 'Stülerstraße')]), plrOptions);
		expect(result).toMatchObject({
			ok: false,
			errors: [{ code: 'idNumeric', feature: 1, field: 'PLR_ID' }]
		});
		expect(!result.ok && result.errors[0].message).toContain('führende Nullen');
	});

	test('numbers as ids are padded when the caller gives the width, with a warning', () => {
		const result = parseDistrictGeoJson(
			collection([area(1100101, 'Stülerstraße'), area(12345678, 'B', 13.5)]),
			{ ...plrOptions, numericIds: { padTo: 8 } }
		);
		expect(districtsOf(result).map((d) => d.code)).toEqual(['01100101', '12345678']);
		expect(result.ok && result.warnings).toEqual([
			expect.objectContaining({
				code: 'idsFromNumbers',
				message:
					'2 Kennungen waren als Zahl gespeichert und wurden als Text mit 8 Stellen übernommen ' +
					'(fehlende führende Nullen ergänzt).'
			})
		]);
		// A fraction or a negative number is never a code, whatever the caller says.
		const fraction = parseDistrictGeoJson(collection([area(1.5, 'A')]), {
			...plrOptions,
			numericIds: { padTo: 8 }
		});
		expect(fraction).toMatchObject({ ok: false, errors: [{ code: 'idNumeric' }] });
	});

	test('ids are trimmed, names may be numbers', () => {
		const result = parseDistrictGeoJson(collection([area(' 0101 ', 7)]), plrOptions);
		expect(districtsOf(result)[0]).toMatchObject({ code: '0101', name: '7' });
	});

	test('an id too short for the prefix rule is an error', () => {
		const result = parseDistrictGeoJson(collection([area('01', 'A')]), {
			...plrOptions,
			parent: { fromIdPrefix: 6 }
		});
		expect(result).toMatchObject({
			ok: false,
			errors: [{ code: 'parentUnderivable', feature: 1 }]
		});
	});

	test('a district outside every parent area, or inside two, is an error', () => {
		const parentA = districtsOf(
			parseDistrictGeoJson(collection([area('A', 'A', 13, 52)]), plrOptions)
		);
		const parentB = { ...parentA[0], code: 'B' };
		const child = (x: number) => {
			const feature = area('01', 'Kind', x, 52.001);
			// A child smaller than the parent, well inside it.
			(feature.geometry as { coordinates: number[][][] }).coordinates[0] = [
				[x, 52.001],
				[x + 0.005, 52.001],
				[x + 0.005, 52.005],
				[x, 52.001]
			];
			return collection([feature]);
		};
		expect(
			districtsOf(
				parseDistrictGeoJson(child(13.001), { ...plrOptions, parent: { layer: parentA } })
			)[0].parentCode
		).toBe('A');
		expect(
			parseDistrictGeoJson(child(14), { ...plrOptions, parent: { layer: parentA } })
		).toMatchObject({
			ok: false,
			errors: [{ code: 'parentNotFound', feature: 1 }]
		});
		expect(
			parseDistrictGeoJson(child(13.001), {
				...plrOptions,
				parent: { layer: [...parentA, parentB] }
			})
		).toMatchObject({
			ok: false,
			errors: [{ code: 'parentAmbiguous', message: expect.stringContaining('„A“, „B“') }]
		});
	});

	test('a multipolygon is accepted and its box covers all parts', () => {
		const feature = {
			type: 'Feature',
			properties: { PLR_ID: '01', PLR_NAME: 'Inseln' },
			geometry: {
				type: 'MultiPolygon',
				coordinates: [
					(area('x', 'x', 13, 52).geometry as { coordinates: unknown }).coordinates,
					(area('x', 'x', 13.5, 52.4).geometry as { coordinates: unknown }).coordinates
				]
			}
		};
		const [district] = districtsOf(parseDistrictGeoJson(collection([feature]), plrOptions));
		expect(district.geometry.type).toBe('MultiPolygon');
		expect(district.bbox).toEqual([13, 52, 13.51, 52.41]);
	});

	test('a byte order mark before the JSON is tolerated', () => {
		expect(parseDistrictGeoJson('\uFEFF' + collection([area('01', 'A')]), plrOptions).ok).toBe(
			true
		);
	});
});
