import { expect, test } from 'vitest';
import { epsgFromName, projectorFor, readFileCrs } from './crs';
import { parseDistrictGeoJson, type ParentArea } from './districts';
import { inspectGeoJson } from './import-suggestions';
import type { Position } from './geometry';

/** A square of `size` degrees (or metres) with its lower left corner at (x, y). */
const square = (x: number, y: number, size: number) => ({
	type: 'Polygon',
	coordinates: [
		[
			[x, y],
			[x + size, y],
			[x + size, y + size],
			[x, y + size],
			[x, y]
		]
	]
});
const feature = (properties: Record<string, unknown>, geometry: unknown) => ({
	type: 'Feature',
	properties,
	geometry
});
const collection = (features: unknown[], extra: Record<string, unknown> = {}) =>
	JSON.stringify({ type: 'FeatureCollection', ...extra, features });

// Two Stadtbezirke side by side on the mainland, and a Stadtteil file whose last area is an island
// out in the sea, inside neither (as Hamburg's Neuwerk lies far off Hamburg).
const stadtbezirke: ParentArea[] = [
	{ code: 'N', geometry: square(10, 53, 0.2) as ParentArea['geometry'] },
	{ code: 'S', geometry: square(10, 52.8, 0.2) as ParentArea['geometry'] }
];
const stadtteile = collection([
	feature(
		{ Schlüssel: '101', Bezeichnung: 'Altstadt-Nord', Stadtbezirk_Nr: 'N' },
		square(10.05, 53.05, 0.05)
	),
	feature(
		{ Schlüssel: '102', Bezeichnung: 'Hafenviertel', Stadtbezirk_Nr: 'N' },
		square(10.1, 53.1, 0.05)
	),
	feature(
		{ Schlüssel: '201', Bezeichnung: 'Südstadt', Stadtbezirk_Nr: 'S' },
		square(10.05, 52.85, 0.05)
	),
	feature(
		{ Schlüssel: '901', Bezeichnung: 'Insel Neuwerk', Stadtbezirk_Nr: null },
		square(8.49, 53.91, 0.02)
	)
]);
const level = 'Stadtteil (Statistischer Bezirk nach Gemeindeordnung)';

test('parents by location refuse an outlying island unless areas without a parent are allowed', () => {
	const strict = parseDistrictGeoJson(stadtteile, {
		idProperty: 'Schlüssel',
		nameProperty: 'Bezeichnung',
		level,
		parent: { layer: stadtbezirke }
	});
	expect(strict).toMatchObject({
		ok: false,
		errors: [
			{
				code: 'parentNotFound',
				feature: 4,
				message:
					'Objekt 4 („Insel Neuwerk“): Das Gebiet liegt in keinem Gebiet der übergeordneten Ebene.'
			}
		]
	});

	const lenient = parseDistrictGeoJson(stadtteile, {
		idProperty: 'Schlüssel',
		nameProperty: 'Bezeichnung',
		level,
		parent: { layer: stadtbezirke, allowOrphans: true }
	});
	if (!lenient.ok) throw new Error(lenient.errors[0].message);
	expect(lenient.districts.map((d) => [d.code, d.level, d.parentCode])).toEqual([
		['101', level, 'N'],
		['102', level, 'N'],
		['201', level, 'S'],
		['901', level, null]
	]);
	expect(lenient.warnings.map((w) => w.message)).toContain(
		'1 Gebiet hat kein übergeordnetes Gebiet und wurde ohne eines übernommen: „Insel Neuwerk“ (901).'
	);
});

test('parents by a property of each feature, checked against the known parent codes', () => {
	const known = new Set(['N', 'S']);
	const byProperty = parseDistrictGeoJson(stadtteile, {
		idProperty: 'Schlüssel',
		nameProperty: 'Bezeichnung',
		level,
		parent: { fromProperty: 'Stadtbezirk_Nr', knownCodes: known }
	});
	expect(byProperty).toMatchObject({
		ok: false,
		errors: [
			{
				code: 'parentUnknown',
				feature: 4,
				message:
					'Objekt 4 („Insel Neuwerk“): Die Eigenschaft „Stadtbezirk_Nr“ mit dem übergeordneten Gebiet fehlt.'
			}
		]
	});
	const kept = parseDistrictGeoJson(stadtteile, {
		idProperty: 'Schlüssel',
		nameProperty: 'Bezeichnung',
		level,
		parent: { fromProperty: 'Stadtbezirk_Nr', knownCodes: known, allowOrphans: true }
	});
	if (!kept.ok) throw new Error(kept.errors[0].message);
	expect(kept.districts.map((d) => d.parentCode)).toEqual(['N', 'N', 'S', null]);

	// A parent code the parent level does not have is named with the property it came from.
	const unknown = parseDistrictGeoJson(
		collection([feature({ id: '1', name: 'A', bez: 'X' }, square(10, 53, 0.1))]),
		{
			idProperty: 'id',
			nameProperty: 'name',
			level,
			parent: { fromProperty: 'bez', knownCodes: known }
		}
	);
	expect(unknown).toMatchObject({
		ok: false,
		errors: [
			{ message: 'Objekt 1 („A“): Das übergeordnete Gebiet „X“ (aus „bez“) ist nicht bekannt.' }
		]
	});
});

// Berlin's Planungsräume come from the Geoportal in ETRS89 / UTM zone 33N, with the crs member.
const utmSquare = square(389000, 5819000, 1000);
const utmFile = collection([feature({ PLR_ID: '01100101', PLR_NAME: 'Stülerstraße' }, utmSquare)], {
	crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::25833' } }
});

test('the crs member is read and its EPSG code suggested; the coordinates are converted to WGS84', () => {
	const inspection = inspectGeoJson(utmFile);
	expect(inspection).toMatchObject({
		ok: true,
		crsName: 'urn:ogc:def:crs:EPSG::25833',
		suggestedEpsg: 25833
	});
	const parsed = parseDistrictGeoJson(utmFile, {
		idProperty: 'PLR_ID',
		nameProperty: 'PLR_NAME',
		level: 'Planungsraum'
	});
	if (!parsed.ok) throw new Error(parsed.errors[0].message);
	const [minX, minY, maxX, maxY] = parsed.districts[0].bbox;
	// Berlin-Tiergarten lies at about 13.37° E, 52.51° N.
	expect(minX).toBeGreaterThan(13.3);
	expect(maxX).toBeLessThan(13.4);
	expect(minY).toBeGreaterThan(52.49);
	expect(maxY).toBeLessThan(52.53);
	// 1 km east-west at 52.5° N is 1000 / (111320 · cos 52.5°) ≈ 0.01475°.
	expect(maxX - minX).toBeCloseTo(0.01475, 3);
	// 1 km north-south is about 0.009°.
	expect(maxY - minY).toBeCloseTo(0.009, 3);
	expect(parsed.warnings.map((w) => w.code)).toContain('reprojected');
});

test('without the crs member, projected coordinates are refused with advice; the planner may name the EPSG code', () => {
	const bare = collection([feature({ id: 'a', name: 'A' }, utmSquare)]);
	const refused = parseDistrictGeoJson(bare, {
		idProperty: 'id',
		nameProperty: 'name',
		level: 'x'
	});
	expect(refused).toMatchObject({ ok: false, errors: [{ code: 'notWgs84' }] });
	if (refused.ok) return;
	expect(refused.errors[0].message).toContain('Bitte wählen Sie beim Import das Koordinatensystem');
	const chosen = parseDistrictGeoJson(bare, {
		idProperty: 'id',
		nameProperty: 'name',
		level: 'x',
		epsg: 25833
	});
	expect(chosen.ok).toBe(true);
});

test('Gauß-Krüger and unknown systems are refused with a plain message, nothing imported', () => {
	const gk = collection([feature({ id: 'a', name: 'A' }, square(4590000, 5820000, 1000))], {
		crs: { type: 'name', properties: { name: 'EPSG:31468' } }
	});
	expect(
		parseDistrictGeoJson(gk, { idProperty: 'id', nameProperty: 'name', level: 'x' })
	).toMatchObject({
		ok: false,
		errors: [
			{ code: 'crsUnsupported', message: expect.stringContaining('EPSG:31468 (Gauß-Krüger)') }
		]
	});
});

test('EPSG codes are read from the names files use', () => {
	expect(epsgFromName('urn:ogc:def:crs:EPSG::25833')).toBe(25833);
	expect(epsgFromName('urn:ogc:def:crs:EPSG:6.9:25832')).toBe(25832);
	expect(epsgFromName('EPSG:4326')).toBe(4326);
	expect(epsgFromName('http://www.opengis.net/def/crs/EPSG/0/3857')).toBe(3857);
	expect(epsgFromName('urn:ogc:def:crs:OGC:1.3:CRS84')).toBe(4326);
	expect(epsgFromName('Lambert 93')).toBeNull();
	expect(readFileCrs({ crs: { properties: { name: 'EPSG:25832' } } })).toEqual({
		name: 'EPSG:25832',
		epsg: 25832
	});
	expect(readFileCrs({ type: 'FeatureCollection' })).toBeNull();
});

test('inverse UTM: the central meridian and the equator come out exactly, and a forward projection round-trips', () => {
	const zone33 = projectorFor(25833);
	if (!zone33.ok || !zone33.project) throw new Error('no projector');
	expect(zone33.project([500000, 0])).toEqual([15, 0]);
	// Forward transverse Mercator (Snyder eq. 8-9 to 8-10) for 13.3777° E, 52.5163° N.
	const forward = ([lonDeg, latDeg]: Position): Position => {
		const a = 6378137;
		const f = 1 / 298.257222101;
		const e2 = f * (2 - f);
		const ep2 = e2 / (1 - e2);
		const k0 = 0.9996;
		const phi = (latDeg * Math.PI) / 180;
		const lam = ((lonDeg - 15) * Math.PI) / 180;
		const n = a / Math.sqrt(1 - e2 * Math.sin(phi) ** 2);
		const t = Math.tan(phi) ** 2;
		const c = ep2 * Math.cos(phi) ** 2;
		const A = lam * Math.cos(phi);
		const m =
			a *
			((1 - e2 / 4 - (3 * e2 ** 2) / 64 - (5 * e2 ** 3) / 256) * phi -
				((3 * e2) / 8 + (3 * e2 ** 2) / 32 + (45 * e2 ** 3) / 1024) * Math.sin(2 * phi) +
				((15 * e2 ** 2) / 256 + (45 * e2 ** 3) / 1024) * Math.sin(4 * phi) -
				((35 * e2 ** 3) / 3072) * Math.sin(6 * phi));
		const x =
			500000 +
			k0 *
				n *
				(A +
					((1 - t + c) * A ** 3) / 6 +
					((5 - 18 * t + t ** 2 + 72 * c - 58 * ep2) * A ** 5) / 120);
		const y =
			k0 *
			(m +
				n *
					Math.tan(phi) *
					(A ** 2 / 2 +
						((5 - t + 9 * c + 4 * c ** 2) * A ** 4) / 24 +
						((61 - 58 * t + t ** 2 + 600 * c - 330 * ep2) * A ** 6) / 720));
		return [x, y];
	};
	const gate: Position = [13.3777, 52.5163];
	const [x, y] = forward(gate);
	// The Brandenburger Tor in EPSG:25833 is about E 389 900, N 5 819 700.
	expect(Math.abs(x - 389900)).toBeLessThan(300);
	expect(Math.abs(y - 5819700)).toBeLessThan(300);
	const [lon, lat] = zone33.project([x, y]);
	expect(lon).toBeCloseTo(gate[0], 6);
	expect(lat).toBeCloseTo(gate[1], 6);
});
