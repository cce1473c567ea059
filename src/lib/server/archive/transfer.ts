import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import { documentName } from '../../collab/documents';
import { workshopStatuses } from '../../domain/workshop';
import { newId } from '../../ids';
import type { Db, Queryable, SqlValue, Tx } from '../db';
import {
	archiveFormat,
	archiveVersion,
	archivedDocuments,
	type ArchiveExport
} from './archive-entry';
import { indexArchive } from './search';
import { loadStoredDoc } from '../close-workshop';
import {
	exportFormatParts,
	findRoundTableConflicts,
	formatPartNames,
	noFormatParts,
	readInventoryPart,
	readNextReportsPart,
	readRoundTablePart,
	writeFormatParts,
	type FormatParts
} from './transfer-formats';
import {
	dedupe,
	keyOf,
	parseJson,
	Refusal,
	shape,
	type DistrictKey,
	type TransferError
} from './transfer-checks';

export { jsonDepth, type TransferError } from './transfer-checks';

/**
 * Moving a closed workshop from one installation to another (archive issue, point 6): one JSON file
 * with the workshop, the planning rows it links to, the register's measures that came from it, the
 * archive entry and the Yjs state of its shared documents, each as a part with its SHA-256 in the
 * manifest. The importer checks format, version, size, nesting and every hash before it reads a
 * part, checks every part's shape before it writes a row, and writes everything in one transaction.
 *
 * Only closed workshops are exported: their documents no longer change, so the file is the whole
 * workshop. A live one would arrive without its participants (invites, sessions and guest rows
 * never travel), so nobody could carry on in it anyway.
 *
 * What never travels: sessions, invite tokens and join codes (secrets), participant rows and names,
 * ballots (who gave which dot), the owners of Yjs client ids (`doc_clients`, which would tie edits to
 * people), private documents (one person's unpublished drafts) and who added an inventory entry
 * (`added_by`, a participant's or user's id). Staff user ids are meaningless on another install:
 * the importing admin becomes the workshop's creator and closer, measures and reports keep their
 * author's name as text (`author_name`) but no account.
 *
 * Version 2 added the parts of the issue-13 formats (transfer-formats.ts): next reports, linked
 * needs with their inventory entries, and a Runder Tisch meeting with its series. A version-1 file
 * has none of them and imports as before; an older install refuses a version-2 file by its version.
 * A Runder Tisch brings its member list (organisations and people, as staff entered them).
 */
export const transferFormat = 'quartierswerkstatt.transfer';
export const transferVersion = 2;
/** Versions this install reads; every part added since version 1 is missing from older files. */
const readableVersions = [1, 2] as const;
/** The file is JSON with base64 documents; a 500-card workshop is well under 1 MB. */
export const maxTransferBytes = 50 * 1024 * 1024;
/**
 * How long after a deletion the same workshop may be imported again: rooms unload 30 s after
 * their last connection closed and store a last snapshot then (server/sync/core.ts).
 */
export const deletionSettleMs = 5 * 60_000;

const documentKinds = archivedDocuments;
const version1PartNames = [
	'workshop.json',
	'planning.json',
	'register.json',
	'archive.json',
	...documentKinds.map((kind) => `documents/${kind}.yjs`),
	...documentKinds.map((kind) => `archive/${kind}.yjs`)
] as const;
const partNames = [...version1PartNames, ...formatPartNames] as const;
type PartName = (typeof partNames)[number];

export interface ManifestEntry {
	name: string;
	sha256: string;
	bytes: number;
}

export interface TransferFile {
	format: typeof transferFormat;
	version: typeof transferVersion;
	exportedAt: string;
	workshop: { id: string; title: string };
	manifest: ManifestEntry[];
	/** JSON parts as their text, `.yjs` parts as base64; hashes are over the decoded bytes. */
	parts: Record<string, string>;
}

interface WorkshopPart {
	id: string;
	format: string;
	title: string;
	startsOn: string | null;
	description: string;
	status: string;
	createdAt: number;
	districts: DistrictKey[];
	goalIds: string[];
}

interface DistrictRow extends DistrictKey {
	name: string;
	parentCode: string | null;
	parentLevel: string | null;
	geometry: string;
	bbox: string;
	createdAt: number;
}

interface GoalRow {
	id: string;
	title: string;
	description: string;
	parentId: string | null;
	level: string;
	status: string;
	citywide: number;
	targetIndicatorKey: string | null;
	targetValue: number | null;
	targetYear: number | null;
	createdAt: number;
	updatedAt: number;
	districts: DistrictKey[];
}

interface PlanningPart {
	districts: DistrictRow[];
	/** Parents before children. */
	goals: GoalRow[];
}

interface UpdateRow {
	id: string;
	kind: string;
	reportedOn: string;
	status: string;
	progress: number | null;
	note: string;
	authorName: string;
	createdAt: number;
	/** A report that moved the due date: from, to and why (controlling, issue 11 point 6). */
	dueFrom: string | null;
	dueTo: string | null;
	dueReason: string;
}

interface MeasureRow {
	id: string;
	title: string;
	description: string;
	responsible: string;
	partners: string;
	startOn: string | null;
	dueOn: string | null;
	budget: number | null;
	staffHours: number | null;
	rooms: string;
	status: string;
	targetGroups: string;
	quickWin: number;
	originMeasureId: string | null;
	originPhase: string | null;
	originCards: string;
	createdAt: number;
	updatedAt: number;
	goalIds: string[];
	districts: DistrictKey[];
	updates: UpdateRow[];
}

interface RegisterPart {
	measures: MeasureRow[];
}

interface ArchivePart {
	closedAt: number;
	exportJson: string;
	manifestJson: string | null;
}

export type ExportResult =
	| { ok: true; fileName: string; bytes: Uint8Array }
	| { ok: false; error: 'notFound' | 'notClosed' };

export type ImportResult =
	| {
			ok: true;
			workshopId: string;
			title: string;
			measures: number;
			documents: number;
			createdGoals: number;
			createdDistricts: number;
	  }
	/** `detail` names the part, field or rows concerned, for the message. */
	| { ok: false; error: TransferError; detail?: string };

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const utf8 = new TextEncoder();

/** A file name from the title: ASCII, lower case, umlauts spelt out. */
export function transferFileName(title: string, id: string): string {
	const slug = title
		.toLowerCase()
		.replace(/ä/g, 'ae')
		.replace(/ö/g, 'oe')
		.replace(/ü/g, 'ue')
		.replace(/ß/g, 'ss')
		.normalize('NFKD')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 40)
		.replace(/-+$/, '');
	return `werkstatt-${slug || id}.qwtransfer.json`;
}

// ---------------------------------------------------------------------------------------------
// Export

async function districtKeysOf(db: Queryable, sql: string, params: SqlValue[]) {
	return (await db.all<{ level: string; code: string }>(sql, params)).map((row) => ({
		level: row.level,
		code: row.code
	}));
}

/** The workshop as one transfer file; only for a closed workshop (see the module comment). */
export async function exportWorkshop(
	db: Db,
	workshopId: string,
	now = Date.now()
): Promise<ExportResult> {
	const workshop = await db.get<{
		id: string;
		format: string;
		title: string;
		starts_on: string | null;
		description: string;
		status: string;
		created_at: number;
	}>(
		'SELECT id, format, title, starts_on, description, status, created_at FROM workshops WHERE id = ?',
		[workshopId]
	);
	if (!workshop) return { ok: false, error: 'notFound' };
	const archive = await db.get<{
		closed_at: number;
		export_json: string;
		manifest_json: string | null;
	}>('SELECT closed_at, export_json, manifest_json FROM archives WHERE workshop_id = ?', [
		workshopId
	]);
	if (!archive || (workshop.status !== 'closed' && workshop.status !== 'archived'))
		return { ok: false, error: 'notClosed' };

	const workshopDistricts = await districtKeysOf(
		db,
		`SELECT district_level AS level, district_code AS code FROM workshop_districts
		WHERE workshop_id = ? ORDER BY district_level, district_code`,
		[workshopId]
	);
	const workshopGoals = (
		await db.all<{ goal_id: string }>(
			'SELECT goal_id FROM workshop_goals WHERE workshop_id = ? ORDER BY goal_id',
			[workshopId]
		)
	).map((row) => row.goal_id);

	const measureRows = await db.all<{
		id: string;
		title: string;
		description: string;
		responsible: string;
		partners: string;
		start_on: string | null;
		due_on: string | null;
		budget: number | null;
		staff_hours: number | null;
		rooms: string;
		status: string;
		target_groups: string;
		quick_win: number;
		origin_measure_id: string | null;
		origin_phase: string | null;
		origin_cards: string;
		created_at: number;
		updated_at: number;
	}>(
		`SELECT id, title, description, responsible, partners, start_on, due_on, budget, staff_hours,
			rooms, status, target_groups, quick_win, origin_measure_id, origin_phase, origin_cards,
			created_at, updated_at
		FROM measures WHERE origin_workshop_id = ? ORDER BY id`,
		[workshopId]
	);
	const measures: MeasureRow[] = [];
	for (const m of measureRows) {
		const goalIds = (
			await db.all<{ goal_id: string }>(
				'SELECT goal_id FROM measure_goals WHERE measure_id = ? ORDER BY goal_id',
				[m.id]
			)
		).map((row) => row.goal_id);
		const districts = await districtKeysOf(
			db,
			`SELECT district_level AS level, district_code AS code FROM measure_districts
			WHERE measure_id = ? ORDER BY district_level, district_code`,
			[m.id]
		);
		const updates = await db.all<{
			id: string;
			kind: string;
			reported_on: string;
			status: string;
			progress: number | null;
			note: string;
			author_name: string;
			created_at: number;
			due_from: string | null;
			due_to: string | null;
			due_reason: string;
		}>(
			`SELECT id, kind, reported_on, status, progress, note, author_name, created_at,
				due_from, due_to, due_reason
			FROM measure_updates WHERE measure_id = ? ORDER BY id`,
			[m.id]
		);
		measures.push({
			id: m.id,
			title: m.title,
			description: m.description,
			responsible: m.responsible,
			partners: m.partners,
			startOn: m.start_on,
			dueOn: m.due_on,
			budget: m.budget === null ? null : Number(m.budget),
			staffHours: m.staff_hours === null ? null : Number(m.staff_hours),
			rooms: m.rooms,
			status: m.status,
			targetGroups: m.target_groups,
			quickWin: Number(m.quick_win),
			originMeasureId: m.origin_measure_id,
			originPhase: m.origin_phase,
			originCards: m.origin_cards,
			createdAt: Number(m.created_at),
			updatedAt: Number(m.updated_at),
			goalIds,
			districts,
			updates: updates.map((u) => ({
				id: u.id,
				kind: u.kind,
				reportedOn: u.reported_on,
				status: u.status,
				progress: u.progress === null ? null : Number(u.progress),
				note: u.note,
				authorName: u.author_name,
				createdAt: Number(u.created_at),
				dueFrom: u.due_from,
				dueTo: u.due_to,
				dueReason: u.due_reason
			}))
		});
	}

	const formats = await exportFormatParts(db, workshopId);

	// The goals the workshop, its measures and decisions name, with their parents up to the top,
	// parents first.
	const goals: GoalRow[] = [];
	const seen = new Set<string>();
	const visit = async (id: string) => {
		if (seen.has(id)) return;
		seen.add(id);
		const g = await db.get<{
			id: string;
			title: string;
			description: string;
			parent_id: string | null;
			level: string;
			status: string;
			citywide: number;
			target_indicator_key: string | null;
			target_value: number | null;
			target_year: number | null;
			created_at: number;
			updated_at: number;
		}>(
			`SELECT id, title, description, parent_id, level, status, citywide, target_indicator_key,
				target_value, target_year, created_at, updated_at FROM goals WHERE id = ?`,
			[id]
		);
		if (!g) return;
		if (g.parent_id) await visit(g.parent_id);
		goals.push({
			id: g.id,
			title: g.title,
			description: g.description,
			parentId: g.parent_id,
			level: g.level,
			status: g.status,
			citywide: Number(g.citywide),
			targetIndicatorKey: g.target_indicator_key,
			targetValue: g.target_value === null ? null : Number(g.target_value),
			targetYear: g.target_year === null ? null : Number(g.target_year),
			createdAt: Number(g.created_at),
			updatedAt: Number(g.updated_at),
			districts: await districtKeysOf(
				db,
				`SELECT district_level AS level, district_code AS code FROM goal_districts
				WHERE goal_id = ? ORDER BY district_level, district_code`,
				[g.id]
			)
		});
	};
	for (const id of [...workshopGoals, ...measures.flatMap((m) => m.goalIds), ...formats.goalIds])
		await visit(id);

	// Every district any of them links to, as far as this install has it (links may outlive a
	// boundary import; such a link travels as a key alone).
	const wanted = new Map<string, DistrictKey>();
	for (const d of [
		...workshopDistricts,
		...measures.flatMap((m) => m.districts),
		...goals.flatMap((g) => g.districts),
		...formats.districts
	])
		wanted.set(keyOf(d), d);
	const districts: DistrictRow[] = [];
	for (const key of [...wanted.keys()].sort()) {
		const { level, code } = wanted.get(key)!;
		const d = await db.get<{
			name: string;
			parent_code: string | null;
			parent_level: string | null;
			geometry: string;
			bbox: string;
			created_at: number;
		}>(
			`SELECT name, parent_code, parent_level, geometry, bbox, created_at FROM districts
			WHERE level = ? AND code = ?`,
			[level, code]
		);
		if (d)
			districts.push({
				level,
				code,
				name: d.name,
				parentCode: d.parent_code,
				parentLevel: d.parent_level,
				geometry: d.geometry,
				bbox: d.bbox,
				createdAt: Number(d.created_at)
			});
	}

	const archiveStates = new Map(
		(
			await db.all<{ doc: string; state: Uint8Array }>(
				'SELECT doc, state FROM archive_documents WHERE workshop_id = ?',
				[workshopId]
			)
		).map((row) => [row.doc, new Uint8Array(row.state)])
	);

	const parts = new Map<PartName, Uint8Array>();
	const json = (value: unknown) => utf8.encode(JSON.stringify(value));
	parts.set(
		'workshop.json',
		json({
			id: workshop.id,
			format: workshop.format,
			title: workshop.title,
			startsOn: workshop.starts_on,
			description: workshop.description,
			status: workshop.status,
			createdAt: Number(workshop.created_at),
			districts: workshopDistricts,
			goalIds: workshopGoals
		} satisfies WorkshopPart)
	);
	parts.set('planning.json', json({ districts, goals } satisfies PlanningPart));
	parts.set('register.json', json({ measures } satisfies RegisterPart));
	parts.set(
		'archive.json',
		json({
			closedAt: Number(archive.closed_at),
			exportJson: archive.export_json,
			manifestJson: archive.manifest_json
		} satisfies ArchivePart)
	);
	parts.set('next-reports.json', json(formats.parts.nextReports));
	parts.set('inventory.json', json(formats.parts.inventory));
	parts.set('round-table.json', json(formats.parts.roundTable));
	for (const kind of documentKinds) {
		const name = documentName(workshopId, kind);
		// The stored state (snapshot and log), as the sync engine would load it.
		const live = await loadStoredDoc(db, name);
		parts.set(`documents/${kind}.yjs`, Y.encodeStateAsUpdate(live));
		live.destroy();
		// An archive entry always holds both documents (archive-entry.ts); an empty one if not.
		parts.set(`archive/${kind}.yjs`, archiveStates.get(name) ?? Y.encodeStateAsUpdate(new Y.Doc()));
	}

	const file: TransferFile = {
		format: transferFormat,
		version: transferVersion,
		exportedAt: new Date(now).toISOString(),
		workshop: { id: workshop.id, title: workshop.title },
		manifest: partNames.map((name) => ({
			name,
			sha256: sha256(parts.get(name)!),
			bytes: parts.get(name)!.byteLength
		})),
		parts: Object.fromEntries(
			partNames.map((name) => {
				const bytes = parts.get(name)!;
				return [
					name,
					name.endsWith('.yjs')
						? Buffer.from(bytes).toString('base64')
						: new TextDecoder().decode(bytes)
				];
			})
		)
	};
	return {
		ok: true,
		fileName: transferFileName(workshop.title, workshop.id),
		bytes: utf8.encode(JSON.stringify(file, null, 1))
	};
}

// ---------------------------------------------------------------------------------------------
// Import: reading and checking, before anything is written

function readWorkshopPart(value: unknown): WorkshopPart {
	const p = 'workshop.json';
	const w = shape.object(value, p);
	const status = shape.oneOf(w.status, workshopStatuses, `${p}: status`);
	if (status !== 'closed' && status !== 'archived')
		throw new Refusal('invalidPart', `${p}: status`);
	return {
		id: shape.id(w.id, `${p}: id`),
		format: shape.text(w.format, `${p}: format`, 100),
		title: shape.text(w.title, `${p}: title`, 1000),
		startsOn: shape.textOrNull(w.startsOn, `${p}: startsOn`, 100),
		description: shape.text(w.description, `${p}: description`),
		status,
		createdAt: shape.integer(w.createdAt, `${p}: createdAt`),
		districts: shape.districtKeys(w.districts, `${p}: districts`),
		goalIds: shape.ids(w.goalIds, `${p}: goalIds`)
	};
}

function readPlanningPart(value: unknown): PlanningPart {
	const p = 'planning.json';
	const part = shape.object(value, p);
	const districts = shape.array(part.districts, `${p}: districts`).map((item, i): DistrictRow => {
		const at = `${p}: districts[${i}]`;
		const d = shape.object(item, at);
		return {
			level: shape.text(d.level, `${at}.level`, 200),
			code: shape.text(d.code, `${at}.code`, 200),
			name: shape.text(d.name, `${at}.name`, 1000),
			parentCode: shape.textOrNull(d.parentCode, `${at}.parentCode`, 200),
			parentLevel: shape.textOrNull(d.parentLevel, `${at}.parentLevel`, 200),
			geometry: shape.text(d.geometry, `${at}.geometry`, maxTransferBytes),
			bbox: shape.text(d.bbox, `${at}.bbox`, 1000),
			createdAt: shape.integer(d.createdAt, `${at}.createdAt`)
		};
	});
	const known = new Set<string>();
	const goals = shape.array(part.goals, `${p}: goals`).map((item, i): GoalRow => {
		const at = `${p}: goals[${i}]`;
		const g = shape.object(item, at);
		const goal: GoalRow = {
			id: shape.id(g.id, `${at}.id`),
			title: shape.text(g.title, `${at}.title`, 1000),
			description: shape.text(g.description, `${at}.description`),
			parentId: g.parentId === null ? null : shape.id(g.parentId, `${at}.parentId`),
			level: shape.oneOf(g.level, ['leitbild', 'strategic', 'operative'], `${at}.level`),
			status: shape.text(g.status, `${at}.status`, 100),
			citywide: shape.oneOf(String(g.citywide), ['0', '1'], `${at}.citywide`) === '1' ? 1 : 0,
			targetIndicatorKey: shape.textOrNull(g.targetIndicatorKey, `${at}.targetIndicatorKey`, 200),
			targetValue: shape.numberOrNull(g.targetValue, `${at}.targetValue`),
			targetYear: shape.integerOrNull(g.targetYear, `${at}.targetYear`),
			createdAt: shape.integer(g.createdAt, `${at}.createdAt`),
			updatedAt: shape.integer(g.updatedAt, `${at}.updatedAt`),
			districts: shape.districtKeys(g.districts, `${at}.districts`)
		};
		// Parents come first, so each new goal can point at one already written.
		if (goal.parentId !== null && !known.has(goal.parentId))
			throw new Refusal('invalidPart', `${at}.parentId`);
		if (known.has(goal.id)) throw new Refusal('invalidPart', `${at}.id`);
		known.add(goal.id);
		return goal;
	});
	return { districts, goals };
}

const measureStatuses = ['idea', 'planned', 'in_progress', 'done', 'dropped'] as const;

function readRegisterPart(value: unknown, goalIds: Set<string>): RegisterPart {
	const p = 'register.json';
	const part = shape.object(value, p);
	const ids = new Set<string>();
	const measures = shape.array(part.measures, `${p}: measures`).map((item, i): MeasureRow => {
		const at = `${p}: measures[${i}]`;
		const m = shape.object(item, at);
		const measure: MeasureRow = {
			id: shape.id(m.id, `${at}.id`),
			title: shape.text(m.title, `${at}.title`, 1000),
			description: shape.text(m.description, `${at}.description`),
			responsible: shape.text(m.responsible, `${at}.responsible`, 1000),
			partners: shape.text(m.partners, `${at}.partners`, 10_000),
			startOn: shape.textOrNull(m.startOn, `${at}.startOn`, 100),
			dueOn: shape.textOrNull(m.dueOn, `${at}.dueOn`, 100),
			budget: shape.numberOrNull(m.budget, `${at}.budget`),
			staffHours: shape.numberOrNull(m.staffHours, `${at}.staffHours`),
			rooms: shape.text(m.rooms, `${at}.rooms`, 10_000),
			status: shape.oneOf(m.status, measureStatuses, `${at}.status`),
			targetGroups: shape.text(m.targetGroups, `${at}.targetGroups`, 10_000),
			quickWin: shape.oneOf(String(m.quickWin), ['0', '1'], `${at}.quickWin`) === '1' ? 1 : 0,
			originMeasureId: shape.textOrNull(m.originMeasureId, `${at}.originMeasureId`, 100),
			originPhase: shape.textOrNull(m.originPhase, `${at}.originPhase`, 100),
			originCards: shape.text(m.originCards, `${at}.originCards`, 1_000_000),
			createdAt: shape.integer(m.createdAt, `${at}.createdAt`),
			updatedAt: shape.integer(m.updatedAt, `${at}.updatedAt`),
			goalIds: shape.ids(m.goalIds, `${at}.goalIds`),
			districts: shape.districtKeys(m.districts, `${at}.districts`),
			updates: shape.array(m.updates, `${at}.updates`).map((u, j): UpdateRow => {
				const uat = `${at}.updates[${j}]`;
				const o = shape.object(u, uat);
				const progress = shape.integerOrNull(o.progress, `${uat}.progress`);
				if (progress !== null && (progress < 0 || progress > 100))
					throw new Refusal('invalidPart', `${uat}.progress`);
				return {
					id: shape.id(o.id, `${uat}.id`),
					kind: shape.oneOf(o.kind, ['report', 'status'], `${uat}.kind`),
					reportedOn: shape.text(o.reportedOn, `${uat}.reportedOn`, 100),
					status: shape.text(o.status, `${uat}.status`, 100),
					progress,
					note: shape.text(o.note, `${uat}.note`),
					authorName: shape.text(o.authorName, `${uat}.authorName`, 1000),
					createdAt: shape.integer(o.createdAt, `${uat}.createdAt`),
					dueFrom: shape.textOrNull(o.dueFrom ?? null, `${uat}.dueFrom`, 100),
					dueTo: shape.textOrNull(o.dueTo ?? null, `${uat}.dueTo`, 100),
					dueReason: shape.text(o.dueReason ?? '', `${uat}.dueReason`, 10_000)
				};
			})
		};
		// The trail's card texts are JSON inside the row; the register reads them back.
		if (!Array.isArray(parseJson(measure.originCards, `${at}.originCards`)))
			throw new Refusal('invalidPart', `${at}.originCards`);
		if (ids.has(measure.id)) throw new Refusal('invalidPart', `${at}.id`);
		ids.add(measure.id);
		for (const goalId of measure.goalIds)
			if (!goalIds.has(goalId)) throw new Refusal('invalidPart', `${at}.goalIds`);
		return measure;
	});
	return { measures };
}

function readArchivePart(value: unknown, workshopId: string): ArchivePart {
	const p = 'archive.json';
	const a = shape.object(value, p);
	const part: ArchivePart = {
		closedAt: shape.integer(a.closedAt, `${p}: closedAt`),
		exportJson: shape.text(a.exportJson, `${p}: exportJson`, maxTransferBytes),
		manifestJson: shape.textOrNull(a.manifestJson, `${p}: manifestJson`, maxTransferBytes)
	};
	// The documentation is made from this export: it must be an archive export of this workshop.
	const exported = shape.object(parseJson(part.exportJson, `${p}: exportJson`), `${p}: exportJson`);
	const exportedWorkshop = shape.object(exported.workshop, `${p}: exportJson.workshop`);
	if (
		exported.format !== archiveFormat ||
		exported.version !== archiveVersion ||
		exportedWorkshop.id !== workshopId
	)
		throw new Refusal('invalidPart', `${p}: exportJson`);
	for (const key of ['phases', 'measures', 'districts', 'goals'])
		shape.array(exported[key], `${p}: exportJson.${key}`);
	if (part.manifestJson !== null)
		shape.object(parseJson(part.manifestJson, `${p}: manifestJson`), `${p}: manifestJson`);
	return part;
}

/** A Yjs update that applies completely to an empty document (nothing missing, nothing thrown). */
function checkDocument(bytes: Uint8Array, name: string): void {
	const doc = new Y.Doc();
	try {
		Y.applyUpdate(doc, bytes);
		if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null)
			throw new Refusal('invalidDocument', name);
	} catch (error) {
		if (error instanceof Refusal) throw error;
		throw new Refusal('invalidDocument', name);
	} finally {
		doc.destroy();
	}
}

interface CheckedFile {
	workshop: WorkshopPart;
	planning: PlanningPart;
	register: RegisterPart;
	archive: ArchivePart;
	formats: FormatParts;
	documents: Map<string, Uint8Array>;
	archiveDocuments: Map<string, Uint8Array>;
}

const base64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Everything about the file that can be checked without the target store. */
export function readTransferFile(bytes: Uint8Array): CheckedFile {
	if (bytes.byteLength === 0) throw new Refusal('empty');
	if (bytes.byteLength > maxTransferBytes) throw new Refusal('tooLarge');
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		throw new Refusal('malformed', 'file');
	}
	const file = parseJson(text, 'file');
	if (typeof file !== 'object' || file === null || Array.isArray(file))
		throw new Refusal('malformed', 'file');
	const top = file as Record<string, unknown>;
	if (top.format !== transferFormat) throw new Refusal('otherFormat');
	const version = readableVersions.find((v) => v === top.version);
	if (version === undefined)
		throw new Refusal('otherVersion', typeof top.version === 'number' ? String(top.version) : '?');
	// The parts of this file's version: all of them, and nothing added after it.
	const expected: readonly PartName[] = version === 1 ? version1PartNames : partNames;

	// The manifest first: every part named once with a well-formed hash, no part left out or added.
	const manifest = new Map<string, string>();
	const entries = Array.isArray(top.manifest) ? top.manifest : null;
	if (!entries || entries.length > 100) throw new Refusal('malformed', 'manifest');
	for (const entry of entries) {
		const e = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>) : {};
		if (
			typeof e.name !== 'string' ||
			typeof e.sha256 !== 'string' ||
			!/^[0-9a-f]{64}$/.test(e.sha256) ||
			manifest.has(e.name)
		)
			throw new Refusal('malformed', 'manifest');
		manifest.set(e.name, e.sha256);
	}
	const parts =
		typeof top.parts === 'object' && top.parts !== null && !Array.isArray(top.parts)
			? (top.parts as Record<string, unknown>)
			: null;
	if (!parts) throw new Refusal('malformed', 'parts');
	const known = new Set<string>(expected);
	const extra = [...new Set([...manifest.keys(), ...Object.keys(parts)])].filter(
		(name) => !known.has(name)
	);
	if (extra.length) throw new Refusal('unknownPart', extra.slice(0, 5).join(', '));
	const missing = expected.filter((name) => !manifest.has(name) || typeof parts[name] !== 'string');
	if (missing.length) throw new Refusal('missingPart', missing.join(', '));

	// Every hash, before any part is read.
	const decoded = new Map<PartName, Uint8Array>();
	const mismatched: string[] = [];
	for (const name of expected) {
		const value = parts[name] as string;
		let raw: Uint8Array;
		if (name.endsWith('.yjs')) {
			if (value.length % 4 !== 0 || !base64.test(value)) {
				mismatched.push(name);
				continue;
			}
			raw = new Uint8Array(Buffer.from(value, 'base64'));
		} else raw = utf8.encode(value);
		if (sha256(raw) !== manifest.get(name)) mismatched.push(name);
		decoded.set(name, raw);
	}
	if (mismatched.length) throw new Refusal('hashMismatch', mismatched.join(', '));

	const json = (name: PartName) => parseJson(parts[name] as string, name);
	const workshop = readWorkshopPart(json('workshop.json'));
	const planning = readPlanningPart(json('planning.json'));
	const goalIds = new Set(planning.goals.map((g) => g.id));
	for (const id of workshop.goalIds)
		if (!goalIds.has(id)) throw new Refusal('invalidPart', 'workshop.json: goalIds');
	const register = readRegisterPart(json('register.json'), goalIds);
	const archive = readArchivePart(json('archive.json'), workshop.id);
	const formats: FormatParts =
		version === 1
			? noFormatParts
			: {
					nextReports: readNextReportsPart(
						json('next-reports.json'),
						new Set(register.measures.map((m) => m.id))
					),
					inventory: readInventoryPart(json('inventory.json')),
					roundTable: readRoundTablePart(json('round-table.json'), workshop, goalIds)
				};
	const documents = new Map<string, Uint8Array>();
	const archiveDocuments = new Map<string, Uint8Array>();
	for (const kind of documentKinds) {
		const live = decoded.get(`documents/${kind}.yjs`)!;
		const archived = decoded.get(`archive/${kind}.yjs`)!;
		checkDocument(live, `documents/${kind}.yjs`);
		checkDocument(archived, `archive/${kind}.yjs`);
		documents.set(documentName(workshop.id, kind), live);
		archiveDocuments.set(documentName(workshop.id, kind), archived);
	}
	return { workshop, planning, register, archive, formats, documents, archiveDocuments };
}

// ---------------------------------------------------------------------------------------------
// Import: writing

/**
 * Imports a transfer file as the admin `importedBy`. All or nothing: every check passes before the
 * transaction starts, and the transaction writes every row or none.
 *
 * The workshop keeps its id: the documents are named by it, the archive export and the register's
 * origin links carry it, and ids are random, so the same id here means the same workshop was
 * imported before (or never left). That is refused rather than made a second copy under a new id,
 * which would put every measure into the register twice.
 *
 * Districts are found by (level, code), goals by id or else by level and title; what the install
 * lacks comes along from the file, so an empty install takes the workshop as it is.
 */
export async function importWorkshop(
	db: Db,
	bytes: Uint8Array,
	importedBy: string,
	now = Date.now()
): Promise<ImportResult> {
	let file: CheckedFile;
	try {
		file = readTransferFile(bytes);
	} catch (error) {
		if (error instanceof Refusal) return { ok: false, error: error.code, detail: error.detail };
		return { ok: false, error: 'malformed' };
	}
	try {
		return await db.transaction((tx) => writeImport(tx, file, importedBy, now));
	} catch (error) {
		if (error instanceof Refusal) return { ok: false, error: error.code, detail: error.detail };
		console.error('transfer import failed', error);
		return { ok: false, error: 'writeFailed' };
	}
}

async function writeImport(
	tx: Tx,
	file: CheckedFile,
	importedBy: string,
	now: number
): Promise<ImportResult> {
	const { workshop, planning, register, archive } = file;
	// Two imports of one file at once take turns; the second finds the workshop and is refused.
	await tx.lockKey(`transfer-import:${workshop.id}`);
	if (await tx.get('SELECT 1 AS x FROM workshops WHERE id = ?', [workshop.id]))
		throw new Refusal('workshopExists', workshop.title);
	const taken: string[] = [];
	// Measures of a workshop deleted here stay in the register without the link back (their
	// reports may have gone on since). When the workshop comes back they are linked to it again,
	// as the register has them, rather than put in twice.
	const relink = new Set<string>();
	for (const m of register.measures) {
		const there = await tx.get<{ origin_workshop_id: string | null; origin_measure_id: string }>(
			'SELECT origin_workshop_id, origin_measure_id FROM measures WHERE id = ?',
			[m.id]
		);
		if (there?.origin_workshop_id === null && there.origin_measure_id === m.originMeasureId) {
			relink.add(m.id);
			continue;
		}
		if (there) taken.push(m.title);
		for (const u of m.updates)
			if (await tx.get('SELECT 1 AS x FROM measure_updates WHERE id = ?', [u.id]))
				taken.push(m.title);
	}
	if (taken.length) throw new Refusal('conflict', [...new Set(taken)].slice(0, 5).join(', '));
	const clashes = await findRoundTableConflicts(tx, file.formats.roundTable, workshop.id);
	if (clashes.length)
		throw new Refusal('roundTableConflict', [...new Set(clashes)].slice(0, 5).join(', '));
	// The workshop was deleted here. A room the sync engine still held stores its last snapshot
	// when it unloads, some time after the deletion (privacy/delete-workshop.ts), and would write
	// over the imported one: a fresh deletion has to settle first.
	const deleted = await tx.get<{ deleted_at: number }>(
		'SELECT deleted_at FROM workshop_deletions WHERE workshop_id = ?',
		[workshop.id]
	);
	if (deleted && now - Number(deleted.deleted_at) < deletionSettleMs)
		throw new Refusal('recentlyDeleted', workshop.title);
	// What is left of its documents (the deletion's sweep removes it too) would merge into the
	// imported ones. Documents are named by workshop id, and the sync engine opens none for a
	// workshop that does not exist, so these rows belong to nothing.
	for (const table of ['doc_updates', 'doc_snapshots', 'doc_clients'])
		await tx.run(`DELETE FROM ${table} WHERE doc LIKE ?`, [`${workshop.id}/%`]);

	let createdDistricts = 0;
	for (const d of planning.districts) {
		if (
			await tx.get('SELECT 1 AS x FROM districts WHERE level = ? AND code = ?', [d.level, d.code])
		)
			continue;
		await tx.run(
			`INSERT INTO districts (id, code, level, name, parent_code, parent_level, geometry, bbox, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			[
				newId(),
				d.code,
				d.level,
				d.name,
				d.parentCode,
				d.parentLevel,
				d.geometry,
				d.bbox,
				d.createdAt
			]
		);
		createdDistricts++;
	}

	let createdGoals = 0;
	const goalId = new Map<string, string>();
	for (const g of planning.goals) {
		const same =
			(await tx.get<{ id: string }>('SELECT id FROM goals WHERE id = ?', [g.id])) ??
			(await tx.get<{ id: string }>(
				'SELECT id FROM goals WHERE level = ? AND title = ? ORDER BY id LIMIT 1',
				[g.level, g.title]
			));
		if (same) {
			goalId.set(g.id, same.id);
			continue;
		}
		await tx.run(
			`INSERT INTO goals (id, title, description, parent_id, level, status, citywide,
				target_indicator_key, target_value, target_year, created_by, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)`,
			[
				g.id,
				g.title,
				g.description,
				g.parentId === null ? null : (goalId.get(g.parentId) ?? null),
				g.level,
				g.status,
				g.citywide,
				g.targetIndicatorKey,
				g.targetValue,
				g.targetYear,
				g.createdAt,
				g.updatedAt
			]
		);
		for (const d of g.districts)
			await tx.run(
				'INSERT INTO goal_districts (goal_id, district_level, district_code) VALUES (?, ?, ?)',
				[g.id, d.level, d.code]
			);
		goalId.set(g.id, g.id);
		createdGoals++;
	}

	await tx.run(
		`INSERT INTO workshops (id, format, title, starts_on, description, status, created_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		[
			workshop.id,
			workshop.format,
			workshop.title,
			workshop.startsOn,
			workshop.description,
			workshop.status,
			importedBy,
			workshop.createdAt
		]
	);
	for (const d of dedupe(workshop.districts))
		await tx.run(
			'INSERT INTO workshop_districts (workshop_id, district_level, district_code) VALUES (?, ?, ?)',
			[workshop.id, d.level, d.code]
		);
	for (const id of new Set(workshop.goalIds.map((id) => goalId.get(id)!)))
		await tx.run('INSERT INTO workshop_goals (workshop_id, goal_id) VALUES (?, ?)', [
			workshop.id,
			id
		]);

	for (const m of register.measures) {
		if (relink.has(m.id)) {
			await tx.run('UPDATE measures SET origin_workshop_id = ? WHERE id = ?', [workshop.id, m.id]);
			continue;
		}
		await tx.run(
			`INSERT INTO measures (id, title, description, responsible, partners, start_on, due_on, budget,
				staff_hours, rooms, status, target_groups, quick_win, origin_workshop_id, origin_measure_id,
				origin_phase, origin_cards, created_by, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)`,
			[
				m.id,
				m.title,
				m.description,
				m.responsible,
				m.partners,
				m.startOn,
				m.dueOn,
				m.budget,
				m.staffHours,
				m.rooms,
				m.status,
				m.targetGroups,
				m.quickWin,
				workshop.id,
				m.originMeasureId,
				m.originPhase,
				m.originCards,
				m.createdAt,
				m.updatedAt
			]
		);
		for (const id of new Set(m.goalIds.map((id) => goalId.get(id)!)))
			await tx.run('INSERT INTO measure_goals (measure_id, goal_id) VALUES (?, ?)', [m.id, id]);
		for (const d of dedupe(m.districts))
			await tx.run(
				'INSERT INTO measure_districts (measure_id, district_level, district_code) VALUES (?, ?, ?)',
				[m.id, d.level, d.code]
			);
		for (const u of m.updates)
			await tx.run(
				`INSERT INTO measure_updates (id, measure_id, kind, reported_on, status, progress, note,
					author_id, author_name, created_at, due_from, due_to, due_reason)
				VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?)`,
				[
					u.id,
					m.id,
					u.kind,
					u.reportedOn,
					u.status,
					u.progress,
					u.note,
					u.authorName,
					u.createdAt,
					u.dueFrom,
					u.dueTo,
					u.dueReason
				]
			);
	}

	await writeFormatParts(tx, file.formats, {
		workshopId: workshop.id,
		goalId,
		measureIds: new Set(register.measures.map((m) => m.id))
	});

	await tx.run(
		`INSERT INTO archives (workshop_id, closed_at, closed_by, export_json, manifest_json)
		VALUES (?, ?, ?, ?, ?)`,
		[workshop.id, archive.closedAt, importedBy, archive.exportJson, archive.manifestJson]
	);
	for (const [doc, state] of file.archiveDocuments)
		await tx.run('INSERT INTO archive_documents (workshop_id, doc, state) VALUES (?, ?, ?)', [
			workshop.id,
			doc,
			state
		]);
	// Searchable at once, like a workshop closed here (the closing transaction indexes it too).
	await indexArchive(
		tx,
		workshop.id,
		JSON.parse(archive.exportJson) as ArchiveExport,
		archive.closedAt,
		now
	);
	// The live documents as snapshots, as the sync engine stores a compacted document.
	for (const [doc, state] of file.documents)
		await tx.run('INSERT INTO doc_snapshots (doc, data, updated_at) VALUES (?, ?, ?)', [
			doc,
			state,
			now
		]);

	return {
		ok: true,
		workshopId: workshop.id,
		title: workshop.title,
		measures: register.measures.length,
		documents: file.documents.size,
		createdGoals,
		createdDistricts
	};
}
