/**
 * Coordinate systems of boundary files. German offices export in their official projection (ETRS89 /
 * UTM, EPSG:25832 or 25833) and say so in the GeoJSON's old `crs` member; the map and the
 * point-in-polygon tests work in longitude/latitude (WGS84). Only what needs no datum shift is
 * converted here: ETRS89 and WGS84 agree to well under a metre, far below what a district map shows.
 * Gauß-Krüger (DHDN, EPSG:31466–31469) would need a datum transformation and is refused with advice.
 */
import type { Position } from './geometry';

export interface FileCrs {
	/** The name as written in the file, e.g. `urn:ogc:def:crs:EPSG::25833`. */
	name: string;
	/** The EPSG code read from it; 4326 for OGC CRS84; null when the name has none. */
	epsg: number | null;
}

/** The `crs` member of a (pre-2016) GeoJSON file, if it names one. */
export function readFileCrs(json: unknown): FileCrs | null {
	if (typeof json !== 'object' || json === null) return null;
	const crs = (json as { crs?: unknown }).crs;
	if (typeof crs !== 'object' || crs === null) return null;
	const properties = (crs as { properties?: unknown }).properties;
	if (typeof properties !== 'object' || properties === null) return null;
	const name = (properties as { name?: unknown }).name;
	if (typeof name !== 'string' || name.trim() === '') return null;
	return { name: name.trim(), epsg: epsgFromName(name) };
}

/**
 * `urn:ogc:def:crs:EPSG::25833`, `urn:ogc:def:crs:EPSG:6.9:25833`, `EPSG:25833`,
 * `http://www.opengis.net/def/crs/EPSG/0/25833`; CRS84 is longitude/latitude on WGS84.
 */
export function epsgFromName(name: string): number | null {
	const text = name.trim();
	if (/crs84$/i.test(text)) return 4326;
	const match = /epsg(?::[\d.]*)?[:/](?:0\/)?(\d{4,5})$/i.exec(text) ?? /^(\d{4,5})$/.exec(text);
	return match ? Number(match[1]) : null;
}

export type Projector = (position: Position) => Position;

export type ProjectorResult =
	{ ok: true; project: Projector | null; label: string } | { ok: false; message: string };

const geographic = new Set([4326, 4258, 4258, 4230, 4937, 4979]);

/**
 * A function that turns the file's coordinates into longitude/latitude, or null when they already
 * are. EPSG:258xx is ETRS89 / UTM zone xx, 326xx WGS84 / UTM zone xx (north), 3857 Web Mercator.
 */
export function projectorFor(epsg: number): ProjectorResult {
	if (geographic.has(epsg)) return { ok: true, project: null, label: `EPSG:${epsg}` };
	if (epsg >= 25828 && epsg <= 25838) {
		const zone = epsg - 25800;
		return { ok: true, project: inverseUtm(zone, grs80), label: `ETRS89 / UTM Zone ${zone}N` };
	}
	if (epsg >= 32628 && epsg <= 32638) {
		const zone = epsg - 32600;
		return { ok: true, project: inverseUtm(zone, wgs84), label: `WGS 84 / UTM Zone ${zone}N` };
	}
	if (epsg === 3857 || epsg === 900913) {
		return { ok: true, project: inverseWebMercator, label: 'Web Mercator' };
	}
	if (epsg >= 31466 && epsg <= 31469) {
		return {
			ok: false,
			message:
				`Das Koordinatensystem EPSG:${epsg} (Gauß-Krüger) kann nicht umgerechnet werden. Bitte die ` +
				'Datei in einem GIS (z. B. QGIS) als EPSG:25832, EPSG:25833 oder EPSG:4326 speichern.'
		};
	}
	return {
		ok: false,
		message:
			`Das Koordinatensystem EPSG:${epsg} wird nicht unterstützt. Möglich sind EPSG:4326 (WGS84), ` +
			'EPSG:4258, EPSG:25828–25838 (ETRS89 / UTM), EPSG:32628–32638 und EPSG:3857.'
	};
}

interface Ellipsoid {
	a: number;
	f: number;
}
const grs80: Ellipsoid = { a: 6378137, f: 1 / 298.257222101 };
const wgs84: Ellipsoid = { a: 6378137, f: 1 / 298.257223563 };

/** Transverse Mercator inverse (Snyder, Map Projections – A Working Manual, 1987, p. 63). */
function inverseUtm(zone: number, { a, f }: Ellipsoid): Projector {
	const k0 = 0.9996;
	const e2 = f * (2 - f);
	const ep2 = e2 / (1 - e2);
	const e1 = (1 - Math.sqrt(1 - e2)) / (1 + Math.sqrt(1 - e2));
	const lon0 = ((zone - 1) * 6 - 180 + 3) * (Math.PI / 180);
	const muFactor = a * (1 - e2 / 4 - (3 * e2 ** 2) / 64 - (5 * e2 ** 3) / 256);
	return ([x, y]) => {
		const mu = y / k0 / muFactor;
		const phi1 =
			mu +
			((3 * e1) / 2 - (27 * e1 ** 3) / 32) * Math.sin(2 * mu) +
			((21 * e1 ** 2) / 16 - (55 * e1 ** 4) / 32) * Math.sin(4 * mu) +
			((151 * e1 ** 3) / 96) * Math.sin(6 * mu) +
			((1097 * e1 ** 4) / 512) * Math.sin(8 * mu);
		const sin = Math.sin(phi1);
		const cos = Math.cos(phi1);
		const tan = Math.tan(phi1);
		const c1 = ep2 * cos ** 2;
		const t1 = tan ** 2;
		const n1 = a / Math.sqrt(1 - e2 * sin ** 2);
		const r1 = (a * (1 - e2)) / (1 - e2 * sin ** 2) ** 1.5;
		const d = (x - 500000) / (n1 * k0);
		const lat =
			phi1 -
			((n1 * tan) / r1) *
				(d ** 2 / 2 -
					((5 + 3 * t1 + 10 * c1 - 4 * c1 ** 2 - 9 * ep2) * d ** 4) / 24 +
					((61 + 90 * t1 + 298 * c1 + 45 * t1 ** 2 - 252 * ep2 - 3 * c1 ** 2) * d ** 6) / 720);
		const lon =
			lon0 +
			(d -
				((1 + 2 * t1 + c1) * d ** 3) / 6 +
				((5 - 2 * c1 + 28 * t1 - 3 * c1 ** 2 + 8 * ep2 + 24 * t1 ** 2) * d ** 5) / 120) /
				cos;
		return [round((lon * 180) / Math.PI), round((lat * 180) / Math.PI)];
	};
}

function inverseWebMercator([x, y]: Position): Position {
	const r = 6378137;
	const lon = (x / r) * (180 / Math.PI);
	const lat = (2 * Math.atan(Math.exp(y / r)) - Math.PI / 2) * (180 / Math.PI);
	return [round(lon), round(lat)];
}

/** Seven decimals of a degree are about a centimetre; more only bloats the stored outline. */
const round = (n: number) => Math.round(n * 1e7) / 1e7;
