/**
 * Importing a list of services and offers from a CSV file (issue 13): `;`- or `,`-separated, with
 * the German headers people write ("Name des Angebots", "Träger / Anbieter", "Sozialraum"). The
 * district column may hold a code or a name. All or nothing: a file with one unknown district or
 * one entry without a name is refused as a whole, and every bad row is named, so the planner can
 * fix the file once instead of finding half of it imported.
 */
import { parseCsv } from '../planning/csv';
import {
	createDistrictLookup,
	type DistrictLookup,
	type DistrictRef
} from '../planning/district-matching';
import { foldDistrictName, normalizeDistrictName } from '../planning/district-names';
import { checkEntryInput, type EntryErrorKey, type EntryField, type EntryInput } from './entry';

export type ImportColumn = EntryField | 'district';

export interface ImportRow {
	line: number;
	/** The district's code on the level imported into. */
	districtCode: string;
	entry: EntryInput;
}

export type ImportProblemKey =
	| EntryErrorKey
	| 'inventory.csv.unreadable'
	| 'inventory.csv.noNameColumn'
	| 'inventory.csv.noRows'
	| 'inventory.csv.districtUnknown'
	| 'inventory.csv.districtAmbiguous';

export interface ImportProblem {
	/** The line in the file (the header is line 1); 0 for problems of the whole file. */
	line: number;
	field?: ImportColumn;
	key: ImportProblemKey;
	params?: Record<string, string | number>;
}

export type InventoryImport =
	{ ok: true; rows: ImportRow[] } | { ok: false; problems: ImportProblem[] };

/**
 * Which column a header means, by the words in it. Checked in this order, so "Adresse oder Gebiet"
 * is the area and "Sozialraum (Code oder Name)" the district; the first match wins per field.
 */
const headerWords: [ImportColumn, RegExp][] = [
	[
		'district',
		/sozialraum|planungsraum|prognoseraum|bezirksregion|district|quartier|kiez|raumcode/
	],
	['openingHours', /offnungszeit|oeffnungszeit|sprechzeit|zeiten|opening|hours/],
	['targetGroups', /zielgruppe|target|fur wen|fuer wen/],
	['provider', /trager|traeger|anbieter|provider|betreiber/],
	['contact', /kontakt|ansprech|telefon|e mail|email|contact/],
	['kind', /formell|informell|formal|informal|^art\b|^form\b/],
	['lon', /langengrad|laengengrad|longitude|^lon\b|^lng\b|^x\b/],
	['lat', /breitengrad|latitude|^lat\b|^y\b/],
	['area', /adresse|anschrift|gebiet|\bort\b|standort|strasse|address|area/],
	['name', /name|angebot|bezeichnung|einrichtung|titel|service/]
];

/** "Name des Angebots (Pflicht)" → "name des angebots": lower case, no umlauts, no brackets. */
function foldHeader(header: string): string {
	return foldDistrictName(header.replace(/\([^)]*\)/g, ' '))
		.replace(/[^a-z0-9 ]+/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
}

/** The column index of each field found in the header; unknown headers are left out. */
export function mapInventoryHeader(
	header: readonly string[]
): Partial<Record<ImportColumn, number>> {
	const found: Partial<Record<ImportColumn, number>> = {};
	const taken = new Set<number>();
	for (const [field, words] of headerWords)
		for (const [index, raw] of header.entries()) {
			if (taken.has(index) || found[field] !== undefined) continue;
			if (words.test(foldHeader(raw))) {
				found[field] = index;
				taken.add(index);
			}
		}
	return found;
}

type DistrictFound = { ok: true; code: string } | { ok: false; key: ImportProblemKey };

function findDistrict(lookup: DistrictLookup, cell: string): DistrictFound {
	const byCode = lookup.byCode.get(cell) ?? lookup.byUnpaddedCode.get(cell);
	if (byCode) return { ok: true, code: byCode.code };
	const named = lookup.byName.get(normalizeDistrictName(cell)) ?? [];
	if (named.length === 1) return { ok: true, code: named[0].code };
	return {
		ok: false,
		key: named.length > 1 ? 'inventory.csv.districtAmbiguous' : 'inventory.csv.districtUnknown'
	};
}

/**
 * Reads the file against the districts of one level. Rows without a district cell (or a file
 * without a district column) go to `fallbackCode`, the district whose page the import started on.
 */
export function parseInventoryCsv(
	text: string,
	districts: readonly DistrictRef[],
	fallbackCode: string | null
): InventoryImport {
	const table = parseCsv(text);
	if (!table.ok)
		return {
			ok: false,
			problems: [
				{
					line: table.error.line,
					key: 'inventory.csv.unreadable',
					params: { detail: table.error.message }
				}
			]
		};
	const columns = mapInventoryHeader(table.header);
	if (columns.name === undefined)
		return {
			ok: false,
			problems: [
				{
					line: 1,
					field: 'name',
					key: 'inventory.csv.noNameColumn',
					params: { headers: table.header.join(', ') }
				}
			]
		};
	if (table.rows.length === 0)
		return { ok: false, problems: [{ line: 0, key: 'inventory.csv.noRows' }] };
	const lookup = createDistrictLookup(districts);
	const rows: ImportRow[] = [];
	const problems: ImportProblem[] = [];
	for (const [i, cells] of table.rows.entries()) {
		const line = table.lines[i];
		const cell = (field: ImportColumn) => {
			const index = columns[field];
			return index === undefined ? '' : (cells[index] ?? '').trim();
		};
		const districtCell = cell('district');
		let districtCode = fallbackCode;
		if (districtCell !== '') {
			const found = findDistrict(lookup, districtCell);
			if (found.ok) districtCode = found.code;
			else {
				problems.push({
					line,
					field: 'district',
					key: found.key,
					params: { district: districtCell }
				});
				districtCode = null;
			}
		} else if (!fallbackCode)
			problems.push({
				line,
				field: 'district',
				key: 'inventory.csv.districtUnknown',
				params: { district: '' }
			});
		const checked = checkEntryInput({
			name: cell('name'),
			provider: cell('provider'),
			targetGroups: cell('targetGroups'),
			area: cell('area'),
			contact: cell('contact'),
			openingHours: cell('openingHours'),
			kind: cell('kind'),
			lon: cell('lon'),
			lat: cell('lat')
		});
		if (!checked.ok) {
			problems.push({
				line,
				field: checked.error.field,
				key: checked.error.key,
				params: checked.error.params
			});
			continue;
		}
		if (districtCode) rows.push({ line, districtCode, entry: checked.value });
	}
	return problems.length ? { ok: false, problems } : { ok: true, rows };
}
