/**
 * What the import worker hands back to the main thread: districts and indicator values in a few flat
 * arrays and one block of UTF-8 text. Those move between threads without copying (transfer), where
 * a structured clone of 50 MB of objects or strings costs the main thread seconds. The main thread
 * decodes a batch at a time, right before writing it.
 */
import type { DistrictProblem } from '../../domain/planning/districts';
import type { District } from '../../domain/planning/districts';
import type { IndicatorValue } from '../../domain/planning/indicators';

/** Strings end to end as UTF-8; string i is `bytes[ends[i - 1] .. ends[i])`. */
export interface PackedStrings {
	bytes: Uint8Array;
	ends: Uint32Array;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function packStrings(strings: Iterable<string>): PackedStrings {
	let bytes = new Uint8Array(1 << 16);
	const ends: number[] = [];
	let length = 0;
	for (const text of strings) {
		// encodeInto needs room for the worst case, three bytes per UTF-16 unit.
		if (bytes.length - length < text.length * 3) {
			const grown = new Uint8Array(Math.max(bytes.length * 2, length + text.length * 3));
			grown.set(bytes.subarray(0, length));
			bytes = grown;
		}
		length += encoder.encodeInto(text, bytes.subarray(length)).written;
		ends.push(length);
	}
	return { bytes: bytes.subarray(0, length), ends: Uint32Array.from(ends) };
}

export function unpackString({ bytes, ends }: PackedStrings, index: number): string {
	return decoder.decode(bytes.subarray(index === 0 ? 0 : ends[index - 1], ends[index]));
}

/** Byte length of string `index`, without decoding it. */
export function packedLength({ ends }: PackedStrings, index: number): number {
	return ends[index] - (index === 0 ? 0 : ends[index - 1]);
}

/** The buffers to transfer with a message. */
export const buffersOf = (...packed: { buffer: ArrayBufferLike }[]): ArrayBuffer[] => [
	...new Set(packed.map((p) => p.buffer as ArrayBuffer))
];

// Districts ---------------------------------------------------------------------------------------

/**
 * A parsed district file, ready to store: per district four strings (code, name, parent code or ''
 * for none, geometry as JSON) and its box.
 */
export interface PreparedDistricts {
	ok: true;
	prepared: true;
	level: string;
	count: number;
	strings: PackedStrings;
	/** west, south, east, north per district. */
	bboxes: Float64Array;
	warnings: DistrictProblem[];
}

export function prepareDistricts(
	level: string,
	districts: readonly District[],
	warnings: DistrictProblem[]
): PreparedDistricts {
	const bboxes = new Float64Array(districts.length * 4);
	districts.forEach((d, i) => bboxes.set(d.bbox, i * 4));
	const strings = packStrings(
		(function* () {
			for (const d of districts) {
				yield d.code;
				yield d.name;
				// Codes are never empty (the parser refuses them), so '' can stand for "no parent".
				yield d.parentCode ?? '';
				yield JSON.stringify(d.geometry);
			}
		})()
	);
	return { ok: true, prepared: true, level, count: districts.length, strings, bboxes, warnings };
}

export interface PreparedDistrictRow {
	code: string;
	name: string;
	parentCode: string | null;
	geometry: string;
	bbox: string;
}

export function preparedDistrict(prepared: PreparedDistricts, i: number): PreparedDistrictRow {
	const parentCode = unpackString(prepared.strings, 4 * i + 2);
	return {
		code: unpackString(prepared.strings, 4 * i),
		name: unpackString(prepared.strings, 4 * i + 1),
		parentCode: parentCode === '' ? null : parentCode,
		geometry: unpackString(prepared.strings, 4 * i + 3),
		bbox: JSON.stringify(Array.from(prepared.bboxes.subarray(4 * i, 4 * i + 4)))
	};
}

/** The size of a district's geometry as stored, for batches of about the same size in bytes. */
export const preparedGeometryBytes = (prepared: PreparedDistricts, i: number) =>
	packedLength(prepared.strings, 4 * i + 3);

// Indicator values --------------------------------------------------------------------------------

/** What an import of values replaces and reports, worked out once over all values. */
export interface ValuesSummary {
	/** Indicator and period pairs, in the order first met. */
	pairs: { key: string; period: string }[];
	/** Indicator keys in the order first met. */
	keys: string[];
	/** Sorted. */
	periods: string[];
	nullValues: number;
}

export function summarizeValues(values: readonly IndicatorValue[]): ValuesSummary {
	const pairs = new Map<string, { key: string; period: string }>();
	const keys = new Set<string>();
	const periods = new Set<string>();
	let nullValues = 0;
	for (const { indicatorKey: key, period, value } of values) {
		pairs.set(`${key}\u0000${period}`, { key, period });
		keys.add(key);
		periods.add(period);
		if (value === null) nullValues++;
	}
	return { pairs: [...pairs.values()], keys: [...keys], periods: [...periods].sort(), nullValues };
}

/**
 * Values as numbers into a table of distinct strings (district codes, indicator keys, periods
 * repeat on every row); NaN is null, since parsed values are always finite.
 */
export interface PreparedValues {
	prepared: true;
	count: number;
	strings: PackedStrings;
	district: Uint32Array;
	indicator: Uint32Array;
	period: Uint32Array;
	value: Float64Array;
	summary: ValuesSummary;
}

export function prepareValues(values: readonly IndicatorValue[]): PreparedValues {
	const table = new Map<string, number>();
	const id = (text: string) => {
		let found = table.get(text);
		if (found === undefined) table.set(text, (found = table.size));
		return found;
	};
	const count = values.length;
	const [district, indicator, period] = [0, 0, 0].map(() => new Uint32Array(count));
	const value = new Float64Array(count);
	values.forEach((v, i) => {
		district[i] = id(v.districtCode);
		indicator[i] = id(v.indicatorKey);
		period[i] = id(v.period);
		value[i] = v.value ?? NaN;
	});
	return {
		prepared: true,
		count,
		strings: packStrings(table.keys()),
		district,
		indicator,
		period,
		value,
		summary: summarizeValues(values)
	};
}

/** Reads prepared values back one at a time, decoding each distinct string once. */
export function preparedValueReader(prepared: PreparedValues): (i: number) => IndicatorValue {
	const decoded: string[] = [];
	const text = (index: number) => (decoded[index] ??= unpackString(prepared.strings, index));
	return (i) => ({
		districtCode: text(prepared.district[i]),
		indicatorKey: text(prepared.indicator[i]),
		period: text(prepared.period[i]),
		value: Number.isNaN(prepared.value[i]) ? null : prepared.value[i]
	});
}
