/**
 * Bestandsaufnahme (issue 13): one service or offer of a district as people enter it, in the live
 * board, on the planners' page or in a CSV row. Pure: checked here before anything is stored, with
 * errors that name the field, so the form (or the CSV report) can say which one to fix.
 */

export const entryKinds = ['formal', 'informal'] as const;
/** '' = not said. Formal: run by an agency or the city; informal: a neighbours' group, a café. */
export type EntryKind = (typeof entryKinds)[number] | '';

export interface EntryInput {
	name: string;
	provider: string;
	targetGroups: string;
	area: string;
	contact: string;
	openingHours: string;
	kind: EntryKind;
	/** WGS 84; both or neither. */
	lon: number | null;
	lat: number | null;
}

export const entryTextFields = [
	'name',
	'provider',
	'targetGroups',
	'area',
	'contact',
	'openingHours'
] as const;
export type EntryTextField = (typeof entryTextFields)[number];
export type EntryField = EntryTextField | 'kind' | 'lon' | 'lat';

export const entryLimits: Record<EntryTextField, number> = {
	name: 200,
	provider: 200,
	targetGroups: 300,
	area: 300,
	contact: 300,
	openingHours: 300
};

export type EntryErrorKey =
	| 'inventory.error.nameMissing'
	| 'inventory.error.tooLong'
	| 'inventory.error.kindInvalid'
	| 'inventory.error.coordinateInvalid'
	| 'inventory.error.coordinatePair';

export interface EntryError {
	field: EntryField;
	key: EntryErrorKey;
	params?: Record<string, string | number>;
}

export type EntryCheck = { ok: true; value: EntryInput } | { ok: false; error: EntryError };

const text = (value: unknown) =>
	typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : '';

/** "13,4049" (German) and "13.4049" both; anything else is not a coordinate. */
export function parseCoordinate(value: unknown): number | null | 'invalid' {
	if (typeof value === 'number') return Number.isFinite(value) ? value : 'invalid';
	const raw = text(value);
	if (raw === '') return null;
	if (!/^[+-]?\d{1,3}([.,]\d+)?$/.test(raw)) return 'invalid';
	return Number(raw.replace(',', '.'));
}

/** A kind as written in forms and CSV files ("formell", "informell", "formal", …). */
export function parseEntryKind(value: unknown): EntryKind | 'invalid' {
	const raw = text(value).toLowerCase();
	if (raw === '') return '';
	if (['formal', 'formell', 'f', 'ja'].includes(raw)) return 'formal';
	if (['informal', 'informell', 'i', 'nein'].includes(raw)) return 'informal';
	return 'invalid';
}

export function checkEntryInput(raw: Record<string, unknown>): EntryCheck {
	const value: Partial<EntryInput> = {};
	for (const field of entryTextFields) {
		const v = text(raw[field]);
		if (v.length > entryLimits[field])
			return {
				ok: false,
				error: { field, key: 'inventory.error.tooLong', params: { max: entryLimits[field] } }
			};
		value[field] = v;
	}
	if (!value.name)
		return { ok: false, error: { field: 'name', key: 'inventory.error.nameMissing' } };
	const kind = parseEntryKind(raw.kind);
	if (kind === 'invalid')
		return { ok: false, error: { field: 'kind', key: 'inventory.error.kindInvalid' } };
	const lon = parseCoordinate(raw.lon);
	const lat = parseCoordinate(raw.lat);
	if (lon === 'invalid' || (lon !== null && Math.abs(lon) > 180))
		return { ok: false, error: { field: 'lon', key: 'inventory.error.coordinateInvalid' } };
	if (lat === 'invalid' || (lat !== null && Math.abs(lat) > 90))
		return { ok: false, error: { field: 'lat', key: 'inventory.error.coordinateInvalid' } };
	if ((lon === null) !== (lat === null))
		return {
			ok: false,
			error: { field: lon === null ? 'lon' : 'lat', key: 'inventory.error.coordinatePair' }
		};
	return { ok: true, value: { ...(value as EntryInput), kind, lon, lat } };
}

/** Target groups as a list: "Kinder, Familien; Senioren" → three groups. */
export function splitTargetGroups(value: string): string[] {
	return value
		.split(/[,;/]/)
		.map((g) => g.trim())
		.filter(Boolean);
}
