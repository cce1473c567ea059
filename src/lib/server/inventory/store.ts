import { newId } from '../../ids';
import type { DistrictKey } from '../../domain/measures';
import type { EntryInput, EntryKind } from '../../domain/inventory/entry';
import type { ImportRow } from '../../domain/inventory/csv-import';
import type { Db, Queryable } from '../db';

/**
 * The services and offers of each district (Bestandsaufnahme, issue 13), in plain SQL shared by
 * SQLite and PostgreSQL. An entry belongs to its district, not to a workshop: what a conference
 * adds stays for the next one. `workshopId`/`addedBy` record where it was added live and by whom
 * (a writer key, `participant:<id>` or `user:<id>`), so participants change only their own.
 */
export interface InventoryEntry extends EntryInput {
	id: string;
	district: DistrictKey;
	workshopId: string | null;
	addedBy: string | null;
	createdAt: number;
	updatedAt: number;
}

/** An inventory entry as the store holds it (also read by the workshop transfer). */
export interface EntryRow {
	id: string;
	district_level: string;
	district_code: string;
	name: string;
	provider: string;
	target_groups: string;
	area: string;
	contact: string;
	opening_hours: string;
	kind: string;
	lon: number | null;
	lat: number | null;
	workshop_id: string | null;
	added_by: string | null;
	created_at: number | string;
	updated_at: number | string;
}

const columns = `id, district_level, district_code, name, provider, target_groups, area, contact,
	opening_hours, kind, lon, lat, workshop_id, added_by, created_at, updated_at`;

const toEntry = (row: EntryRow): InventoryEntry => ({
	id: row.id,
	district: { level: row.district_level, code: row.district_code },
	name: row.name,
	provider: row.provider,
	targetGroups: row.target_groups,
	area: row.area,
	contact: row.contact,
	openingHours: row.opening_hours,
	kind: (row.kind === 'formal' || row.kind === 'informal' ? row.kind : '') as EntryKind,
	lon: row.lon === null ? null : Number(row.lon),
	lat: row.lat === null ? null : Number(row.lat),
	workshopId: row.workshop_id,
	addedBy: row.added_by,
	createdAt: Number(row.created_at),
	updatedAt: Number(row.updated_at)
});

/** The entries of these districts, by name. */
export async function listInventory(
	db: Queryable,
	districts: readonly DistrictKey[]
): Promise<InventoryEntry[]> {
	if (districts.length === 0) return [];
	const where = districts.map(() => '(district_level = ? AND district_code = ?)').join(' OR ');
	const rows = await db.all<EntryRow>(
		`SELECT ${columns} FROM inventory_entries WHERE ${where} ORDER BY name, id`,
		districts.flatMap((d) => [d.level, d.code])
	);
	return rows.map(toEntry);
}

export async function getInventoryEntry(db: Queryable, id: string): Promise<InventoryEntry | null> {
	const row = await db.get<EntryRow>(`SELECT ${columns} FROM inventory_entries WHERE id = ?`, [id]);
	return row ? toEntry(row) : null;
}

export interface EntryOrigin {
	workshopId?: string | null;
	addedBy?: string | null;
}

/** An entry's own fields in the order of the columns `name` … `lat` (also for the transfer). */
export const entryValues = (e: EntryInput) => [
	e.name,
	e.provider,
	e.targetGroups,
	e.area,
	e.contact,
	e.openingHours,
	e.kind,
	e.lon,
	e.lat
];

async function insertEntry(
	db: Queryable,
	district: DistrictKey,
	entry: EntryInput,
	origin: EntryOrigin,
	now: number
): Promise<string> {
	const id = newId();
	await db.run(
		`INSERT INTO inventory_entries (id, district_level, district_code, name, provider,
			target_groups, area, contact, opening_hours, kind, lon, lat, workshop_id, added_by,
			created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		[
			id,
			district.level,
			district.code,
			...entryValues(entry),
			origin.workshopId ?? null,
			origin.addedBy ?? null,
			now,
			now
		]
	);
	return id;
}

export async function addInventoryEntry(
	db: Db,
	district: DistrictKey,
	entry: EntryInput,
	origin: EntryOrigin = {}
): Promise<InventoryEntry> {
	const id = await insertEntry(db, district, entry, origin, Date.now());
	return (await getInventoryEntry(db, id)) as InventoryEntry;
}

/** Changes the fields people enter; where and by whom it was added stay. False: no such entry. */
export async function updateInventoryEntry(
	db: Db,
	id: string,
	entry: EntryInput
): Promise<boolean> {
	const { changes } = await db.run(
		`UPDATE inventory_entries SET name = ?, provider = ?, target_groups = ?, area = ?,
			contact = ?, opening_hours = ?, kind = ?, lon = ?, lat = ?, updated_at = ? WHERE id = ?`,
		[...entryValues(entry), Date.now(), id]
	);
	return changes > 0;
}

export async function deleteInventoryEntry(db: Db, id: string): Promise<boolean> {
	const { changes } = await db.run('DELETE FROM inventory_entries WHERE id = ?', [id]);
	return changes > 0;
}

/** All rows of a checked CSV in one transaction: either every entry is stored or none. */
export async function importInventory(
	db: Db,
	level: string,
	rows: readonly ImportRow[]
): Promise<number> {
	return db.transaction(async (tx) => {
		const now = Date.now();
		for (const row of rows)
			await insertEntry(tx, { level, code: row.districtCode }, row.entry, {}, now);
		return rows.length;
	});
}

// ---------------------------------------------------------------------------------------------
// Needs (the `wall` of the Bedarfe phase) linked to target groups and to an entry, or to none.

export interface NeedLink {
	cardId: string;
	cardText: string;
	targetGroups: string;
	/**
	 * True: an entry covers it (`entryId`, if still there); false: a gap (Versorgungslücke); null:
	 * not decided yet (only target groups given). Stored as 1, 0 and -1.
	 */
	covered: boolean | null;
	entryId: string | null;
	updatedAt: number;
}

export async function listNeedLinks(db: Queryable, workshopId: string): Promise<NeedLink[]> {
	const rows = await db.all<{
		card_id: string;
		card_text: string;
		target_groups: string;
		covered: number;
		entry_id: string | null;
		updated_at: number | string;
	}>(
		`SELECT card_id, card_text, target_groups, covered, entry_id, updated_at FROM inventory_needs
		WHERE workshop_id = ? ORDER BY updated_at, card_id`,
		[workshopId]
	);
	return rows.map((r) => ({
		cardId: r.card_id,
		cardText: r.card_text,
		targetGroups: r.target_groups,
		covered: Number(r.covered) === 1 ? true : Number(r.covered) === 0 ? false : null,
		entryId: r.entry_id,
		updatedAt: Number(r.updated_at)
	}));
}

/** Sets or (with `link` null) removes the link of one needs card. */
export async function setNeedLink(
	db: Db,
	workshopId: string,
	cardId: string,
	link: {
		cardText: string;
		targetGroups: string;
		covered: boolean | null;
		entryId: string | null;
	} | null
): Promise<void> {
	await db.transaction(async (tx) => {
		await tx.run('DELETE FROM inventory_needs WHERE workshop_id = ? AND card_id = ?', [
			workshopId,
			cardId
		]);
		if (!link) return;
		await tx.run(
			`INSERT INTO inventory_needs (workshop_id, card_id, card_text, target_groups, covered,
				entry_id, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			[
				workshopId,
				cardId,
				link.cardText,
				link.targetGroups,
				link.covered === null ? -1 : link.covered ? 1 : 0,
				link.covered ? link.entryId : null,
				Date.now()
			]
		);
	});
}

export interface SupplyGap {
	workshopId: string;
	workshopTitle: string;
	cardId: string;
	need: string;
	targetGroups: string;
}

/**
 * Versorgungslücken of a district: needs marked "nicht gedeckt" in the workshops held for it
 * (linked through `workshop_districts`), newest workshop first.
 */
export async function listSupplyGaps(db: Queryable, district: DistrictKey): Promise<SupplyGap[]> {
	const rows = await db.all<{
		workshop_id: string;
		title: string;
		card_id: string;
		card_text: string;
		target_groups: string;
	}>(
		`SELECT n.workshop_id, w.title, n.card_id, n.card_text, n.target_groups
		FROM inventory_needs n JOIN workshops w ON w.id = n.workshop_id
		WHERE n.covered = 0 AND n.workshop_id IN (SELECT d.workshop_id FROM workshop_districts d
			WHERE d.district_level = ? AND d.district_code = ?)
		ORDER BY w.created_at DESC, n.updated_at, n.card_id`,
		[district.level, district.code]
	);
	return rows.map((r) => ({
		workshopId: r.workshop_id,
		workshopTitle: r.title,
		cardId: r.card_id,
		need: r.card_text,
		targetGroups: r.target_groups
	}));
}
