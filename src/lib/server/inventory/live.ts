import { documentName } from '../../collab/documents';
import { inventoryMapName } from '../../boards/inventory/inventory-doc';
import { checkEntryInput, type EntryError } from '../../domain/inventory/entry';
import { districtKey, type DistrictKey } from '../../domain/measures';
import { createMapFrame, geometryPath, unionBBox } from '../../domain/planning/projection';
import type { Db } from '../db';
import type { LiveDocuments } from '../live-documents';
import { districtGeometries } from '../planning/districts';
import { getWorkshopLinks } from '../workshop-links';
import {
	addInventoryEntry,
	deleteInventoryEntry,
	getInventoryEntry,
	listInventory,
	updateInventoryEntry,
	type InventoryEntry
} from './store';

/**
 * The live Bestandsaufnahme board (issue 13). Entries are added through the server, not written
 * into a shared document by clients: the server checks each one (an entry without a name is
 * refused with a message, and nothing the person typed is lost, since the form keeps it), stores
 * it in the district's inventory right away (so it is kept after the conference without a step at
 * closing), and then bumps a counter in the workshop's control document, which only the server
 * writes (server/sync/inventory-rights.ts). Every open board sees the bump and reloads the list,
 * so two people adding entries see each other's at once. Who added an entry never leaves the
 * server: the list only says which entries are the asker's own.
 */

/** Who asks: their writer key as stored in `added_by`, and whether they run the workshop. */
export interface Asker {
	writer: string;
	moderator: boolean;
}

export interface BoardDistrict {
	key: string;
	level: string;
	code: string;
	name: string;
}

export interface BoardEntry extends Omit<InventoryEntry, 'addedBy' | 'district'> {
	district: string;
	/** May the asker change or delete it: their own, added in this workshop; any for moderators. */
	mine: boolean;
	/** Added in this workshop (not brought from earlier work). */
	addedHere: boolean;
	/** Added here by the asker: "von Ihnen" (a facilitator may change all, but wrote only some). */
	own: boolean;
}

export interface BoardMap {
	viewBox: string;
	areas: { code: string; name: string; d: string }[];
	points: { id: string; name: string; x: number; y: number }[];
}

export interface InventoryBoardData {
	districts: BoardDistrict[];
	entries: BoardEntry[];
	map: BoardMap | null;
}

async function workshopDistricts(db: Db, workshopId: string): Promise<BoardDistrict[]> {
	const { districts } = await getWorkshopLinks(db, workshopId);
	const out: BoardDistrict[] = [];
	for (const d of districts) {
		const row = await db.get<{ name: string }>(
			'SELECT name FROM districts WHERE level = ? AND code = ?',
			[d.level, d.code]
		);
		out.push({ key: districtKey(d), level: d.level, code: d.code, name: row?.name ?? d.code });
	}
	return out;
}

/** The workshop's districts drawn together, with every entry that has a point on them. */
async function boardMap(
	db: Db,
	districts: readonly BoardDistrict[],
	entries: readonly InventoryEntry[]
): Promise<BoardMap | null> {
	if (districts.length === 0) return null;
	const level = districts[0].level;
	const codes = new Set(districts.filter((d) => d.level === level).map((d) => d.code));
	const shapes = (await districtGeometries(db, level)).filter((s) => codes.has(s.code));
	if (shapes.length === 0) return null;
	const frame = createMapFrame(unionBBox(shapes.map((s) => s.bbox)), 600, 12);
	const round = (n: number) => Math.round(n * 10) / 10;
	return {
		viewBox: frame.viewBox,
		areas: shapes.map((s) => ({
			code: s.code,
			name: s.name,
			d: geometryPath(s.geometry, frame, 1)
		})),
		points: entries
			.filter((e) => e.lon !== null && e.lat !== null)
			.map((e) => {
				const [x, y] = frame.project([e.lon as number, e.lat as number]);
				return { id: e.id, name: e.name, x: round(x), y: round(y) };
			})
	};
}

export function mayChangeEntry(entry: InventoryEntry, workshopId: string, asker: Asker): boolean {
	if (asker.moderator) return true;
	return entry.workshopId === workshopId && entry.addedBy === asker.writer;
}

export async function loadInventoryBoard(
	db: Db,
	workshopId: string,
	asker: Asker
): Promise<InventoryBoardData> {
	const districts = await workshopDistricts(db, workshopId);
	const entries = await listInventory(db, districts);
	return {
		districts,
		entries: entries.map((entry) => {
			const { addedBy, district, ...shown } = entry;
			void addedBy; // never sent: the list only says which entries are the asker's own
			return {
				...shown,
				district: districtKey(district),
				mine: mayChangeEntry(entry, workshopId, asker),
				addedHere: entry.workshopId === workshopId,
				own: entry.workshopId === workshopId && entry.addedBy === asker.writer
			};
		}),
		map: await boardMap(db, districts, entries)
	};
}

/** Tells every open board of the workshop to reload its list (only the server writes this). */
export async function announceInventoryChange(
	documents: LiveDocuments,
	workshopId: string
): Promise<void> {
	await documents.change(documentName(workshopId, 'control'), (doc) => {
		const map = doc.getMap(inventoryMapName);
		const previous = map.get('version');
		map.set('version', (typeof previous === 'number' ? previous : 0) + 1);
	});
}

export type LiveEntryResult =
	| { ok: true; entry: InventoryEntry | null }
	| {
			ok: false;
			status: 400 | 403 | 404;
			error: EntryError | { field: 'district' | 'entry'; key: LiveErrorKey };
	  };

export type LiveErrorKey =
	'inventory.error.districtMissing' | 'inventory.error.notYours' | 'inventory.error.gone';

function pickDistrict(districts: readonly BoardDistrict[], value: unknown): DistrictKey | null {
	// With one district the choice is made; with several, the form must say which.
	if (districts.length === 1 && (value === undefined || value === '' || value === null))
		return districts[0];
	return districts.find((d) => d.key === value) ?? null;
}

/** Adds, changes or deletes one entry of the workshop's districts, for the asker, after checks. */
export async function changeLiveEntry(
	services: { db: Db; documents: LiveDocuments },
	workshopId: string,
	asker: Asker,
	request: { action: 'add' | 'edit' | 'delete'; id?: string; fields: Record<string, unknown> }
): Promise<LiveEntryResult> {
	const { db, documents } = services;
	const districts = await workshopDistricts(db, workshopId);
	let result: LiveEntryResult;
	if (request.action === 'add') {
		const district = pickDistrict(districts, request.fields.district);
		if (!district)
			return {
				ok: false,
				status: 400,
				error: { field: 'district', key: 'inventory.error.districtMissing' }
			};
		const checked = checkEntryInput(request.fields);
		if (!checked.ok) return { ok: false, status: 400, error: checked.error };
		const entry = await addInventoryEntry(
			db,
			{ level: district.level, code: district.code },
			checked.value,
			{ workshopId, addedBy: asker.writer }
		);
		result = { ok: true, entry };
	} else {
		const entry = request.id ? await getInventoryEntry(db, request.id) : null;
		const here = entry && districts.some((d) => d.key === districtKey(entry.district));
		if (!entry || !here)
			return { ok: false, status: 404, error: { field: 'entry', key: 'inventory.error.gone' } };
		if (!mayChangeEntry(entry, workshopId, asker))
			return { ok: false, status: 403, error: { field: 'entry', key: 'inventory.error.notYours' } };
		if (request.action === 'delete') {
			await deleteInventoryEntry(db, entry.id);
			result = { ok: true, entry: null };
		} else {
			const checked = checkEntryInput(request.fields);
			if (!checked.ok) return { ok: false, status: 400, error: checked.error };
			await updateInventoryEntry(db, entry.id, checked.value);
			result = { ok: true, entry: await getInventoryEntry(db, entry.id) };
		}
	}
	await announceInventoryChange(documents, workshopId);
	return result;
}
