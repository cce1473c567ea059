import { expect, test } from 'vitest';
import { syntheticDistricts } from '../../../../tests/helpers/synthetic-districts';
import { listProperties, parseDistrictGeoJson, tooDeepMessage } from './districts';

// Each of these took minutes while every district was tested against every parent, and while the
// list of districts sharing a name was copied for each one: far beyond the test's time limit. Now
// they take a few seconds, so finishing at all is the check that the work grows linearly.

test('40,000 areas find their parents among 40,000 by location, each the right one', () => {
	const layers = syntheticDistricts({
		parentsPerSide: 200,
		parentVerticesPerSide: 1,
		childColumns: 1,
		childRows: 1,
		childVerticesPerSide: 1
	});
	const parents = parseDistrictGeoJson(layers.parentText, {
		idProperty: 'id',
		nameProperty: 'name',
		level: 'bezirk'
	});
	expect(parents.ok).toBe(true);
	const children = parseDistrictGeoJson(layers.childText, {
		idProperty: 'code',
		nameProperty: 'name',
		level: 'raum',
		parent: { layer: parents.ok ? parents.districts : [] }
	});
	expect(children.ok && children.districts).toHaveLength(40_000);
	const wrong = (children.ok ? children.districts : []).filter(
		(d) => d.parentCode !== layers.expectedParent.get(d.code)
	);
	expect(wrong).toEqual([]);
});

test('100,000 areas sharing one name are imported, with one warning that counts them', () => {
	const features = Array.from(
		{ length: 100_000 },
		(_, i) =>
			`{"type":"Feature","properties":{"id":"${i}","name":"Mitte"},"geometry":{"type":"Polygon",` +
			`"coordinates":[[[13,52],[13.1,52],[13.1,52.1],[13,52]]]}}`
	);
	const result = parseDistrictGeoJson(
		`{"type":"FeatureCollection","features":[${features.join(',')}]}`,
		{ idProperty: 'id', nameProperty: 'name', level: 'raum' }
	);
	expect(result.ok && result.districts).toHaveLength(100_000);
	expect(result.ok && result.warnings.map((w) => w.message.slice(0, 40))).toEqual([
		'Der Name „Mitte“ kommt 100000-mal vor (K'
	]);
});

test('a property nested 200,000 levels deep is refused in plain words instead of a crash', () => {
	const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
	const text = `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"a":${deep}}}]}`;
	expect(listProperties(text)).toEqual({
		ok: false,
		errors: [{ code: 'tooDeep', feature: null, message: tooDeepMessage }]
	});
});
