import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterEach, beforeEach, expect, test } from 'vitest';
import * as Y from 'yjs';
import { DocPersistence } from '../../../../server/sync/persistence';
import { parseBerlinBzr, bzrFile } from '../../../../tests/helpers/berlin';
import { createStaff, createTestWorkshop, joinAsGuest } from '../../../../tests/helpers/fixtures';
import { describeEachStore, type TestStore } from '../../../../tests/helpers/stores';
import { startSyncServer } from '../../../../tests/helpers/sync';
import { setPlan, setSettings, setVoteResults } from '../../collab/control';
import { setNextReport } from '../../collab/data-board';
import { documentName } from '../../collab/documents';
import { addMeasure } from '../../collab/measures';
import { addCard, addCluster, readCards } from '../../collab/wall';
import { zukunftswerkstattTemplate } from '../../domain/facilitation/phases';
import { checkEntryInput, type EntryInput } from '../../domain/inventory/entry';
import { checkGoal, type GoalInput } from '../../domain/measures';
import {
	parseActionInput,
	parseDecisionInput,
	parseMemberInput,
	parseSeriesInput
} from '../../domain/round-table/round-table';
import { createAccessEvents } from '../access-events';
import type { User } from '../accounts';
import { closeWorkshop, loadStoredDoc } from '../close-workshop';
import type { Db } from '../db';
import { createGoal, listGoals } from '../goals';
import { addProgressReport, listMeasureUpdates, listMeasures } from '../measures';
import { importDistricts } from '../planning/districts';
import {
	addInventoryEntry,
	getInventoryEntry,
	listNeedLinks,
	listSupplyGaps,
	setNeedLink,
	updateInventoryEntry
} from '../inventory/store';
import { nextReportsByMeasure } from '../next-reports';
import {
	actionToMeasure,
	addAction,
	addDecision,
	listActions,
	listDecisions,
	setActionStatus,
	setDecisionLinks,
	setMinutesStatus
} from '../round-table/records';
import {
	addMember,
	createMeeting,
	createSeries,
	getMeeting,
	getSeries,
	listAttendance,
	listMembers,
	removeMember,
	setAttendance
} from '../round-table/series';
import { setWorkshopLinks } from '../workshop-links';
import { createWorkshop, getWorkshop } from '../workshops';
import { deleteWorkshop } from '../privacy/delete-workshop';
import { readArchive } from './archive-entry';
import { searchArchives } from './search';
import {
	deletionSettleMs,
	exportWorkshop,
	importWorkshop,
	maxTransferBytes,
	transferFormat,
	transferVersion,
	type TransferFile
} from './transfer';

const bzr = parseBerlinBzr();
const [mitte, tiergarten] = bzr.districts;
const district = (d: { code: string }) => ({ level: 'bezirksregion', code: d.code });
const text = new TextDecoder();
const encode = (file: unknown) => new TextEncoder().encode(JSON.stringify(file));
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function goalInput(raw: Record<string, unknown>): GoalInput {
	const checked = checkGoal(raw);
	if (!checked.ok) throw new Error(JSON.stringify(checked.error));
	return checked.value;
}

/** Every table an import may write to, by row count: "nothing written" means all the same. */
const tables = [
	'workshops',
	'workshop_districts',
	'workshop_goals',
	'districts',
	'goals',
	'goal_districts',
	'measures',
	'measure_goals',
	'measure_districts',
	'measure_updates',
	'archives',
	'archive_documents',
	'archive_search',
	'doc_snapshots',
	'doc_updates',
	'doc_clients',
	'participants',
	'invites',
	'sessions',
	'measure_next_reports',
	'inventory_entries',
	'inventory_needs',
	'rt_series',
	'rt_members',
	'rt_meetings',
	'rt_attendance',
	'rt_decisions',
	'rt_decision_goals',
	'rt_decision_districts',
	'rt_actions'
];
async function rowCounts(db: Db): Promise<Record<string, number>> {
	const counts: Record<string, number> = {};
	for (const table of tables)
		counts[table] = Number(
			(await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))?.n ?? 0
		);
	return counts;
}

/** A file with its parts changed by `edit` and every hash made to fit again. */
function rehashed(bytes: Uint8Array, edit: (file: TransferFile) => void): Uint8Array {
	const file = JSON.parse(text.decode(bytes)) as TransferFile;
	edit(file);
	for (const entry of file.manifest) {
		const part = file.parts[entry.name];
		if (typeof part !== 'string') continue;
		const raw = entry.name.endsWith('.yjs')
			? new Uint8Array(Buffer.from(part, 'base64'))
			: new TextEncoder().encode(part);
		entry.sha256 = sha256(raw);
		entry.bytes = raw.byteLength;
	}
	return encode(file);
}

function editPart(file: TransferFile, name: string, edit: (part: Record<string, unknown>) => void) {
	const part = JSON.parse(file.parts[name]) as Record<string, unknown>;
	edit(part);
	file.parts[name] = JSON.stringify(part);
}

function must<T>(parsed: { ok: true; value: T } | { ok: false; error: unknown }): T {
	if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
	return parsed.value;
}

function entryInput(fields: Record<string, unknown>): EntryInput {
	return must(checkEntryInput(fields));
}

const newPartNames = ['next-reports.json', 'inventory.json', 'round-table.json'];

/** The file as an install before version 2 wrote it: the same parts, without the new ones. */
function asVersion1(bytes: Uint8Array): Uint8Array {
	return rehashed(bytes, (f) => {
		(f as { version: number }).version = 1;
		for (const name of newPartNames) delete f.parts[name];
		f.manifest = f.manifest.filter((m) => !newPartNames.includes(m.name));
	});
}

describeEachStore('moving a workshop between installations', (open) => {
	let source: TestStore;
	let target: TestStore;
	let facilitator: User;
	let planner: User;
	let targetAdmin: User;
	beforeEach(async () => {
		source = await open();
		target = await open();
		await createStaff(source.db, 'admin');
		facilitator = await createStaff(source.db, 'facilitator', 'Fiona Moderation');
		planner = await createStaff(source.db, 'planner', 'Paul Planung');
		targetAdmin = await createStaff(target.db, 'admin', 'Anna Admin');
		await importDistricts(source.db, bzr, {
			fileName: bzrFile,
			createdBy: planner.id,
			parentLevel: 'bezirk'
		});
	});
	afterEach(async () => {
		await source.dispose();
		await target.dispose();
	});

	/** A played, closed workshop with goals, districts, a measure in the register and a report. */
	async function closedWorkshop() {
		const leitbild = await createGoal(
			source.db,
			goalInput({ title: 'Gutes Aufwachsen', level: 'leitbild', citywide: 'on' }),
			planner.id
		);
		if (!leitbild.ok) throw new Error('goal');
		const green = await createGoal(
			source.db,
			goalInput({
				title: 'Mehr Grün',
				level: 'strategic',
				parentId: leitbild.value.id,
				districts: [`bezirksregion:${mitte.code}`]
			}),
			planner.id
		);
		if (!green.ok) throw new Error('goal');
		const workshop = await createTestWorkshop(source.db, facilitator, 'Zukunftswerkstatt Südstadt');
		await setWorkshopLinks(source.db, workshop.id, {
			goalIds: [green.value.id],
			districts: [district(mitte), district(tiergarten)]
		});
		const guest = await joinAsGuest(source.db, workshop, facilitator, { name: 'Sevgi Yılmaz' });
		await joinAsGuest(source.db, workshop, facilitator, { role: 'observer' });
		const content = new Y.Doc();
		const control = new Y.Doc();
		setPlan(control, { ...zukunftswerkstattTemplate('de'), currentPhaseId: 'kritik' });
		setSettings(control, { anonymous: false, privateWriting: false });
		const group = addCluster(content, { name: 'Verkehr', board: 'kritik', x: 0, y: 0 });
		const bus = addCard(content, {
			text: 'Kein Bus nach 21 Uhr – schade für Ältere',
			x: 0,
			y: 0,
			colour: 'yellow',
			board: 'kritik',
			cluster: group
		});
		addCard(content, { text: 'Straße zu laut', x: 10, y: 0, colour: 'pink', board: 'kritik' });
		setVoteResults(control, 'kritik', {
			roundId: 'r1',
			results: [{ itemId: bus, dots: 4, voters: 3, rank: 1 }]
		});
		addMeasure(content, {
			title: 'Nachtbus prüfen',
			originCards: [bus],
			originPhase: 'kritik',
			goalIds: [green.value.id]
		});
		const persistence = new DocPersistence(source.db);
		await persistence.append([
			{ doc: documentName(workshop.id, 'content'), update: Y.encodeStateAsUpdate(content) },
			{ doc: documentName(workshop.id, 'control'), update: Y.encodeStateAsUpdate(control) },
			{
				doc: documentName(workshop.id, 'content'),
				claim: { client: 7, owner: guest.participantId }
			}
		]);
		const closed = await closeWorkshop(
			{ db: source.db, access: createAccessEvents() },
			workshop.id,
			{ kind: 'staff', userId: facilitator.id, name: facilitator.name, role: 'facilitator' }
		);
		if (!closed.ok) throw new Error('close');
		const [measure] = await listMeasures(source.db, { workshopId: workshop.id });
		const report = await addProgressReport(
			source.db,
			measure.id,
			{
				reportedOn: '2026-11-20',
				status: 'planned',
				progress: '30',
				note: 'BVG gefragt',
				// A report that moves the due date carries the move and its reason along.
				dueOn: '2027-03-31',
				dueReason: 'Die BVG plant erst im Frühjahr.'
			},
			{ id: planner.id, name: planner.name },
			{ mayChangeStatus: true }
		);
		if (!report?.ok) throw new Error(JSON.stringify(report));
		return { workshop, guest, content, control };
	}

	async function exported(workshopId: string, db = source.db) {
		const result = await exportWorkshop(db, workshopId);
		if (!result.ok) throw new Error(result.error);
		return result;
	}

	test('an empty install gets the same workshop, documents, register and archive', async () => {
		const { workshop, guest } = await closedWorkshop();
		const file = await exported(workshop.id);
		expect(file.fileName).toBe('werkstatt-zukunftswerkstatt-suedstadt.qwtransfer.json');
		const fileText = text.decode(file.bytes);
		expect(JSON.parse(fileText)).toMatchObject({ format: transferFormat, version: 2 });
		expect(transferVersion).toBe(2);
		// No names of participants, no ids of people, no secrets.
		expect(fileText).not.toContain('Sevgi');
		expect(fileText).not.toContain(guest.participantId);
		expect(fileText).not.toContain(guest.sessionToken);
		expect(fileText).not.toContain(guest.inviteToken);
		expect(fileText).not.toContain(facilitator.id);
		expect(fileText).not.toContain(planner.id);

		// The search is set up (and has indexed what there was) before the import.
		expect((await searchArchives(target.db, { text: 'Bus' })).results).toEqual([]);
		const imported = await importWorkshop(target.db, file.bytes, targetAdmin.id);
		expect(imported).toEqual({
			ok: true,
			workshopId: workshop.id,
			title: 'Zukunftswerkstatt Südstadt',
			measures: 1,
			documents: 2,
			createdGoals: 2,
			createdDistricts: 2
		});

		expect(await getWorkshop(target.db, workshop.id)).toEqual(
			await getWorkshop(source.db, workshop.id)
		);
		expect(await listMeasures(target.db, { workshopId: workshop.id })).toEqual(
			await listMeasures(source.db, { workshopId: workshop.id })
		);
		const [measure] = await listMeasures(source.db, { workshopId: workshop.id });
		expect(await listMeasureUpdates(source.db, measure.id)).toMatchObject([
			{ dueMove: { to: '2027-03-31', reason: 'Die BVG plant erst im Frühjahr.' } }
		]);
		expect(await listMeasureUpdates(target.db, measure.id)).toEqual(
			await listMeasureUpdates(source.db, measure.id)
		);
		expect((await listGoals(target.db)).map((g) => [g.id, g.title, g.parentId])).toEqual(
			(await listGoals(source.db)).map((g) => [g.id, g.title, g.parentId])
		);
		expect(await readArchive(target.db, workshop.id)).toEqual(
			await readArchive(source.db, workshop.id)
		);
		for (const kind of ['content', 'control'] as const) {
			const name = documentName(workshop.id, kind);
			const before = await loadStoredDoc(source.db, name);
			const after = await loadStoredDoc(target.db, name);
			expect(Y.encodeStateVector(after)).toEqual(Y.encodeStateVector(before));
			expect(Y.encodeStateAsUpdate(after)).toEqual(Y.encodeStateAsUpdate(before));
			if (kind === 'content') expect(readCards(after)).toEqual(readCards(before));
		}
		// The archive search finds it at once, as it finds a workshop closed here.
		const found = await searchArchives(target.db, { text: 'Bus' });
		expect(JSON.stringify(found.results)).toContain(workshop.id);
		// Who wrote under which client id stays behind.
		expect(await rowCounts(target.db)).toMatchObject({ doc_clients: 0, participants: 0 });

		// Exported again from the new install, every part is the same bytes.
		const again = JSON.parse(text.decode((await exported(workshop.id, target.db)).bytes));
		expect(again.manifest).toEqual(JSON.parse(fileText).manifest);
	});

	test('districts and goals the install already has are linked, not doubled', async () => {
		const { workshop } = await closedWorkshop();
		const file = await exported(workshop.id);
		await importDistricts(target.db, bzr, {
			fileName: bzrFile,
			createdBy: targetAdmin.id,
			parentLevel: 'bezirk'
		});
		const own = await createGoal(
			target.db,
			goalInput({ title: 'Gutes Aufwachsen', level: 'leitbild', citywide: 'on' }),
			targetAdmin.id
		);
		if (!own.ok) throw new Error('goal');
		const districtsBefore = (await rowCounts(target.db)).districts;
		const imported = await importWorkshop(target.db, file.bytes, targetAdmin.id);
		expect(imported).toMatchObject({ ok: true, createdGoals: 1, createdDistricts: 0 });
		expect((await rowCounts(target.db)).districts).toBe(districtsBefore);
		const goals = await listGoals(target.db);
		expect(goals.map((g) => g.title).sort()).toEqual(['Gutes Aufwachsen', 'Mehr Grün']);
		// The brought goal hangs under the install's own Leitbild.
		expect(goals.find((g) => g.title === 'Mehr Grün')?.parentId).toBe(own.value.id);
	});

	test('two imports of one file at once: one wins, the other is refused whole', async () => {
		const { workshop } = await closedWorkshop();
		const { bytes } = await exported(workshop.id);
		const results = await Promise.all([
			importWorkshop(target.db, bytes, targetAdmin.id),
			importWorkshop(target.db, bytes, targetAdmin.id)
		]);
		expect(results.filter((r) => r.ok)).toHaveLength(1);
		expect(results.filter((r) => !r.ok)).toEqual([
			{ ok: false, error: 'workshopExists', detail: 'Zukunftswerkstatt Südstadt' }
		]);
		expect(await rowCounts(target.db)).toMatchObject({
			workshops: 1,
			measures: 1,
			measure_updates: 1,
			archives: 1,
			archive_documents: 2,
			doc_snapshots: 2
		});
	});

	test('after a deletion here, the workshop comes back once the deletion settled, without leftovers', async () => {
		const { workshop } = await closedWorkshop();
		const { bytes } = await exported(workshop.id);
		const admin = {
			kind: 'staff',
			userId: targetAdmin.id,
			name: targetAdmin.name,
			role: 'admin'
		} as const;
		const deletedAt = Date.now();
		expect(await importWorkshop(target.db, bytes, targetAdmin.id, deletedAt - 1000)).toMatchObject({
			ok: true
		});
		const deletion = await deleteWorkshop(
			{ db: target.db, access: createAccessEvents() },
			workshop.id,
			admin,
			deletedAt,
			null
		);
		expect(deletion.ok).toBe(true);
		// A room that was still open stores its last snapshot as it unloads, after the deletion.
		const leftover = new Y.Doc();
		addCard(leftover, { text: 'Übrig geblieben', x: 0, y: 0, colour: 'yellow', board: 'kritik' });
		await target.db.run('INSERT INTO doc_snapshots (doc, data, updated_at) VALUES (?, ?, ?)', [
			documentName(workshop.id, 'content'),
			Y.encodeStateAsUpdate(leftover),
			deletedAt + 30_000
		]);

		const before = await rowCounts(target.db);
		expect(await importWorkshop(target.db, bytes, targetAdmin.id, deletedAt + 60_000)).toEqual({
			ok: false,
			error: 'recentlyDeleted',
			detail: 'Zukunftswerkstatt Südstadt'
		});
		expect(await rowCounts(target.db)).toEqual(before);

		expect(
			await importWorkshop(target.db, bytes, targetAdmin.id, deletedAt + deletionSettleMs)
		).toMatchObject({ ok: true });
		const name = documentName(workshop.id, 'content');
		const after = await loadStoredDoc(target.db, name);
		expect(Y.encodeStateAsUpdate(after)).toEqual(
			Y.encodeStateAsUpdate(await loadStoredDoc(source.db, name))
		);
		expect(readCards(after).map((c) => c.text)).not.toContain('Übrig geblieben');
		// The measures the deletion left in the register belong to the workshop again, once.
		expect(await listMeasures(target.db, { workshopId: workshop.id })).toEqual(
			await listMeasures(source.db, { workshopId: workshop.id })
		);
		expect((await rowCounts(target.db)).measures).toBe(1);
	});

	test('a live workshop is not exported', async () => {
		const workshop = await createTestWorkshop(source.db, facilitator);
		expect(await exportWorkshop(source.db, workshop.id)).toEqual({
			ok: false,
			error: 'notClosed'
		});
		expect(await exportWorkshop(source.db, 'nothere')).toEqual({ ok: false, error: 'notFound' });
	});

	test('bad files are refused with a reason and write nothing', async () => {
		const { workshop } = await closedWorkshop();
		const { bytes } = await exported(workshop.id);
		const file = () => JSON.parse(text.decode(bytes)) as TransferFile;
		const before = await rowCounts(target.db);
		const refuse = async (input: Uint8Array, error: string, detail?: string) => {
			const result = await importWorkshop(target.db, input, targetAdmin.id);
			expect(result).toMatchObject({ ok: false, error, ...(detail ? { detail } : {}) });
			expect(await rowCounts(target.db)).toEqual(before);
		};

		// Tampered: a card's text changed in the register without the hash.
		const tampered = file();
		tampered.parts['register.json'] = tampered.parts['register.json'].replace(
			'Nachtbus prüfen',
			'Nachtbus gestrichen'
		);
		await refuse(encode(tampered), 'hashMismatch', 'register.json');
		// A Yjs document's bytes changed.
		const yjs = file();
		const state = Buffer.from(yjs.parts['documents/content.yjs'], 'base64');
		state[state.length - 3] ^= 0xff;
		yjs.parts['documents/content.yjs'] = state.toString('base64');
		await refuse(encode(yjs), 'hashMismatch', 'documents/content.yjs');
		await refuse(encode({ ...file(), format: 'decidim.export' }), 'otherFormat');
		await refuse(encode({ ...file(), version: 3 }), 'otherVersion', '3');
		await refuse(bytes.slice(0, bytes.length / 2), 'malformed');
		await refuse(new Uint8Array(), 'empty');
		await refuse(new Uint8Array([0xff, 0xfe, 0x00]), 'malformed');
		await refuse(new TextEncoder().encode('['.repeat(200_000)), 'tooDeep');
		await refuse(new Uint8Array(maxTransferBytes + 1).fill(32), 'tooLarge');
		const missing = file();
		delete missing.parts['archive.json'];
		await refuse(encode(missing), 'missingPart', 'archive.json');
		await refuse(
			rehashed(bytes, (f) => {
				f.parts['extra.json'] = '{}';
				f.manifest.push({ name: 'extra.json', sha256: '0'.repeat(64), bytes: 2 });
			}),
			'unknownPart',
			'extra.json'
		);
		// With fitting hashes, the parts are still checked field by field.
		await refuse(
			rehashed(bytes, (f) =>
				editPart(f, 'register.json', (p) => {
					(p.measures as Record<string, unknown>[])[0].status = 'erfunden';
				})
			),
			'invalidPart',
			'register.json: measures[0].status'
		);
		await refuse(
			rehashed(bytes, (f) => {
				f.parts['documents/control.yjs'] = Buffer.from([1, 2, 3, 200, 7]).toString('base64');
			}),
			'invalidDocument',
			'documents/control.yjs'
		);
		// Passes every check, but the store refuses the second measure half way through: rolled back.
		await refuse(
			rehashed(bytes, (f) =>
				editPart(f, 'register.json', (p) => {
					const [m] = p.measures as Record<string, unknown>[];
					(p.measures as unknown[]).push({ ...m, id: 'zweitemassnahme', updates: [] });
				})
			),
			'writeFailed'
		);

		// Imported once, the same file again is refused: the workshop is there.
		expect(await importWorkshop(target.db, bytes, targetAdmin.id)).toMatchObject({ ok: true });
		const after = await rowCounts(target.db);
		const again = await importWorkshop(target.db, bytes, targetAdmin.id);
		expect(again).toEqual({
			ok: false,
			error: 'workshopExists',
			detail: 'Zukunftswerkstatt Südstadt'
		});
		expect(await rowCounts(target.db)).toEqual(after);
		// Into the very install it came from, too.
		const home = await rowCounts(source.db);
		expect(await importWorkshop(source.db, bytes, facilitator.id)).toMatchObject({
			ok: false,
			error: 'workshopExists'
		});
		expect(await rowCounts(source.db)).toEqual(home);
	});

	test('random and mutated files never crash the importer and never write part of a file', async () => {
		const { workshop } = await closedWorkshop();
		const { bytes } = await exported(workshop.id);
		const base = JSON.parse(text.decode(bytes)) as TransferFile;
		const jsonParts = [
			'workshop.json',
			'planning.json',
			'register.json',
			'archive.json',
			'next-reports.json',
			'inventory.json',
			'round-table.json'
		];
		const yjsParts = base.manifest.map((m) => m.name).filter((n) => n.endsWith('.yjs'));

		/** Every path to a value inside a JSON value. */
		const paths = (value: unknown, at: (string | number)[] = []): (string | number)[][] => {
			const inner =
				typeof value === 'object' && value !== null
					? Object.entries(value).flatMap(([k, v]) =>
							paths(v, [...at, Array.isArray(value) ? Number(k) : k])
						)
					: [];
			return [at, ...inner];
		};
		const setAt = (root: unknown, path: (string | number)[], value: unknown): unknown => {
			if (!path.length) return value;
			const copy = (Array.isArray(root) ? [...root] : { ...(root as object) }) as Record<
				string | number,
				unknown
			>;
			copy[path[0]] = setAt(copy[path[0]], path.slice(1), value);
			return copy;
		};

		const byteMutation = fc
			.array(fc.record({ at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }), {
				minLength: 1,
				maxLength: 8
			})
			.map((changes) => {
				const copy = bytes.slice();
				for (const c of changes) copy[c.at % copy.length] = c.value;
				return copy;
			});
		const truncation = fc.nat().map((n) => bytes.slice(0, n % bytes.length));
		const randomBytes = fc.uint8Array({ maxLength: 2000 });
		const partMutation = fc
			.record({
				part: fc.constantFrom(...jsonParts),
				pick: fc.nat(),
				value: fc.jsonValue({ maxDepth: 3 })
			})
			.map(({ part, pick, value }) =>
				rehashed(bytes, (f) => {
					const parsed = JSON.parse(f.parts[part]) as unknown;
					const all = paths(parsed);
					f.parts[part] = JSON.stringify(setAt(parsed, all[pick % all.length], value));
				})
			);
		const documentMutation = fc
			.record({ part: fc.constantFrom(...yjsParts), bytes: fc.uint8Array({ maxLength: 300 }) })
			.map(({ part, bytes: junk }) =>
				rehashed(bytes, (f) => {
					const state = Buffer.from(f.parts[part], 'base64');
					const cut = junk.length ? junk[0] % (state.length + 1) : state.length;
					f.parts[part] = Buffer.concat([state.subarray(0, cut), junk]).toString('base64');
				})
			);
		// A part changed without its hash: what someone editing the file by hand would do.
		const tamper = fc
			.record({
				part: fc.constantFrom(...jsonParts, ...yjsParts),
				at: fc.nat(),
				char: fc.string({ minLength: 1, maxLength: 3 })
			})
			.map(({ part, at, char }) => {
				const file = JSON.parse(text.decode(bytes)) as TransferFile;
				const value = file.parts[part];
				const cut = at % value.length;
				file.parts[part] = value.slice(0, cut) + char + value.slice(cut + 1);
				return encode(file);
			});
		const topMutation = fc
			.record({
				key: fc.constantFrom('format', 'version', 'manifest', 'parts', 'workshop'),
				value: fc.jsonValue({ maxDepth: 3 })
			})
			.map(({ key, value }) => encode({ ...base, [key]: value }));

		const outcomes = new Map<string, number>();
		await fc.assert(
			fc.asyncProperty(
				fc.oneof(
					byteMutation,
					truncation,
					randomBytes,
					{ arbitrary: partMutation, weight: 4 },
					{ arbitrary: documentMutation, weight: 2 },
					tamper,
					topMutation
				),
				async (input) => {
					const before = await rowCounts(target.db);
					const goalsBefore = new Set((await listGoals(target.db)).map((g) => g.id));
					const result = await importWorkshop(target.db, input, targetAdmin.id);
					const outcome = result.ok ? 'ok' : result.error;
					outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
					if (!result.ok) {
						expect(await rowCounts(target.db)).toEqual(before);
						return;
					}
					// A change that still makes a sound file (another title, say) imports whole:
					// the workshop, its archive and both documents are there. Then it is taken out
					// again for the next run.
					const id = result.workshopId;
					expect(await readArchive(target.db, id)).not.toBeNull();
					for (const kind of ['content', 'control'] as const)
						expect(
							await target.db.get('SELECT 1 AS x FROM doc_snapshots WHERE doc = ?', [
								documentName(id, kind)
							])
						).toBeTruthy();
					await target.db.run('DELETE FROM measures WHERE origin_workshop_id = ?', [id]);
					await target.db.run('DELETE FROM workshops WHERE id = ?', [id]);
					await target.db.run("DELETE FROM doc_snapshots WHERE doc LIKE ? ESCAPE '\\'", [
						`${id}/%`
					]);
					for (const goal of await listGoals(target.db))
						if (!goalsBefore.has(goal.id)) {
							await target.db.run('DELETE FROM goal_districts WHERE goal_id = ?', [goal.id]);
							await target.db.run('UPDATE goals SET parent_id = NULL WHERE id = ?', [goal.id]);
						}
					for (const goal of await listGoals(target.db))
						if (!goalsBefore.has(goal.id))
							await target.db.run('DELETE FROM goals WHERE id = ?', [goal.id]);
					await target.db.run('DELETE FROM districts');
					await target.db.run('DELETE FROM inventory_entries');
					await target.db.run('DELETE FROM rt_series');
					expect(await rowCounts(target.db)).toEqual(before);
				}
			),
			{ numRuns: 250, seed: 20261204 }
		);
		// The runs reach past the hashes into the field checks, the documents and the writes.
		for (const outcome of ['hashMismatch', 'invalidPart', 'invalidDocument', 'ok'])
			expect(outcomes.get(outcome) ?? 0, outcome).toBeGreaterThan(0);
	}, 120_000);

	const facilitatorActor = () =>
		({
			kind: 'staff',
			userId: facilitator.id,
			name: facilitator.name,
			role: 'facilitator'
		}) as const;

	/**
	 * A closed Sozialraumkonferenz for Mitte: a measure with its next report agreed, one need linked
	 * to an inventory entry added live by a participant, and one marked as a gap.
	 */
	async function closedConference(title: string, entryId?: string) {
		const workshop = await createWorkshop(
			source.db,
			{ title, startsOn: '2026-11-01', description: '', format: 'sozialraumkonferenz' },
			facilitator.id
		);
		await setWorkshopLinks(source.db, workshop.id, { goalIds: [], districts: [district(mitte)] });
		const guest = await joinAsGuest(source.db, workshop, facilitator, { name: 'Sevgi Yılmaz' });
		const entry =
			entryId ??
			(
				await addInventoryEntry(
					source.db,
					district(mitte),
					entryInput({
						name: 'Stadtteilzentrum Moabit',
						provider: 'Nachbarschaftsverein e. V.',
						targetGroups: 'Familien',
						kind: 'formal',
						lon: 13.34,
						lat: 52.53
					}),
					{ workshopId: workshop.id, addedBy: `participant:${guest.participantId}` }
				)
			).id;
		const content = new Y.Doc();
		const covered = addCard(content, {
			text: 'Treffpunkt für Familien',
			x: 0,
			y: 0,
			colour: 'yellow',
			board: 'bedarfe'
		});
		const gap = addCard(content, {
			text: 'Hausaufgabenhilfe',
			x: 10,
			y: 0,
			colour: 'yellow',
			board: 'bedarfe'
		});
		const draft = addMeasure(content, { title: 'Familiencafé ausbauen' });
		setNextReport(content, draft, 'reporter', 'Quartiersmanagement Moabit');
		setNextReport(content, draft, 'reportOn', '2027-02-01');
		await new DocPersistence(source.db).append([
			{ doc: documentName(workshop.id, 'content'), update: Y.encodeStateAsUpdate(content) }
		]);
		await setNeedLink(source.db, workshop.id, covered, {
			cardText: 'Treffpunkt für Familien',
			targetGroups: 'Familien',
			covered: true,
			entryId: entry
		});
		await setNeedLink(source.db, workshop.id, gap, {
			cardText: 'Hausaufgabenhilfe',
			targetGroups: 'Kinder',
			covered: false,
			entryId: null
		});
		const closed = await closeWorkshop(
			{ db: source.db, access: createAccessEvents() },
			workshop.id,
			facilitatorActor()
		);
		if (!closed.ok) throw new Error('close');
		return { workshop, guest, entry };
	}

	test('a Sozialraumkonferenz brings its next reports, linked needs and their inventory entry', async () => {
		const { workshop, guest, entry } = await closedConference('Sozialraumkonferenz Mitte');
		const file = await exported(workshop.id);
		const fileText = text.decode(file.bytes);
		// Who added the entry (a participant) stays behind.
		expect(fileText).not.toContain(guest.participantId);

		expect(await importWorkshop(target.db, file.bytes, targetAdmin.id)).toMatchObject({
			ok: true,
			measures: 1,
			createdDistricts: 1
		});
		const reports = await nextReportsByMeasure(target.db);
		expect(Object.values(reports)).toMatchObject([
			{ title: 'Familiencafé ausbauen', reporter: 'Quartiersmanagement Moabit' }
		]);
		expect(reports).toEqual(await nextReportsByMeasure(source.db));
		expect(await listNeedLinks(target.db, workshop.id)).toEqual(
			await listNeedLinks(source.db, workshop.id)
		);
		expect(await getInventoryEntry(target.db, entry)).toEqual({
			...(await getInventoryEntry(source.db, entry)),
			addedBy: null
		});
		expect(await listSupplyGaps(target.db, district(mitte))).toEqual(
			await listSupplyGaps(source.db, district(mitte))
		);
		// Exported again from the new install, every part is the same bytes.
		const again = JSON.parse(text.decode((await exported(workshop.id, target.db)).bytes));
		expect(again.manifest).toEqual(JSON.parse(fileText).manifest);
	});

	test('an inventory entry the install has is linked, and the planner’s newer data stays', async () => {
		const first = await closedConference('Sozialraumkonferenz Mitte');
		const second = await closedConference('Sozialraumkonferenz Mitte 2027', first.entry);
		expect(
			await importWorkshop(target.db, (await exported(first.workshop.id)).bytes, targetAdmin.id)
		).toMatchObject({ ok: true });
		// A planner here corrects the entry after the first import.
		const here = (await getInventoryEntry(target.db, first.entry))!;
		await updateInventoryEntry(target.db, first.entry, {
			...here,
			name: 'Stadtteilzentrum Moabit (Haus B)'
		});
		const corrected = await getInventoryEntry(target.db, first.entry);

		const imported = await importWorkshop(
			target.db,
			(await exported(second.workshop.id)).bytes,
			targetAdmin.id
		);
		expect(imported).toMatchObject({ ok: true });
		expect(await getInventoryEntry(target.db, first.entry)).toEqual(corrected);
		expect((await rowCounts(target.db)).inventory_entries).toBe(1);
		expect(
			(await listNeedLinks(target.db, second.workshop.id))
				.map((n) => [n.cardText, n.entryId])
				.sort()
		).toEqual([
			['Hausaufgabenhilfe', null],
			['Treffpunkt für Familien', first.entry]
		]);
	});

	test('a version-1 file, without the new parts, still imports', async () => {
		const { workshop } = await closedConference('Sozialraumkonferenz Mitte');
		const { bytes } = await exported(workshop.id);
		const old = asVersion1(bytes);
		const before = await rowCounts(target.db);
		// The parts of each version, no more and no fewer.
		expect(
			await importWorkshop(
				target.db,
				rehashed(bytes, (f) => {
					delete f.parts['inventory.json'];
				}),
				targetAdmin.id
			)
		).toEqual({ ok: false, error: 'missingPart', detail: 'inventory.json' });
		expect(
			await importWorkshop(
				target.db,
				rehashed(old, (f) => {
					f.parts['round-table.json'] = '{"meeting":null}';
					f.manifest.push({ name: 'round-table.json', sha256: '', bytes: 0 });
				}),
				targetAdmin.id
			)
		).toEqual({ ok: false, error: 'unknownPart', detail: 'round-table.json' });
		expect(await rowCounts(target.db)).toEqual(before);

		expect(await importWorkshop(target.db, old, targetAdmin.id)).toMatchObject({
			ok: true,
			workshopId: workshop.id,
			measures: 1
		});
		expect(await listMeasures(target.db, { workshopId: workshop.id })).toEqual(
			await listMeasures(source.db, { workshopId: workshop.id })
		);
		expect(await rowCounts(target.db)).toMatchObject({
			measure_next_reports: 0,
			inventory_entries: 0,
			inventory_needs: 0
		});
	});

	test('tampered new parts are refused, naming the part and field, and nothing is written', async () => {
		const { workshop } = await closedConference('Sozialraumkonferenz Mitte');
		const { bytes } = await exported(workshop.id);
		const before = await rowCounts(target.db);
		const refuse = async (
			part: string,
			edit: (part: Record<string, unknown>) => void,
			detail: string
		) => {
			const input = rehashed(bytes, (f) => editPart(f, part, edit));
			expect(await importWorkshop(target.db, input, targetAdmin.id)).toEqual({
				ok: false,
				error: 'invalidPart',
				detail
			});
			expect(await rowCounts(target.db)).toEqual(before);
		};
		const first = (list: unknown) => (list as Record<string, unknown>[])[0];

		// Bad types.
		await refuse(
			'inventory.json',
			(p) => (first(p.needs).covered = 'ja'),
			'inventory.json: needs[0].covered'
		);
		await refuse(
			'next-reports.json',
			(p) => (first(p.nextReports).reportOn = '1. Februar'),
			'next-reports.json: nextReports[0].reportOn'
		);
		await refuse(
			'inventory.json',
			(p) => (first(p.entries).lat = null),
			'inventory.json: entries[0].lat'
		);
		// Unknown references: a need's entry that is not in the file, a report on a measure that is not.
		// Needs are in the order of their cards' (random) ids: the covered one is found, not assumed.
		const coveredAt = (p: Record<string, unknown>) =>
			(p.needs as Record<string, unknown>[]).findIndex((n) => n.entryId !== null);
		let covered = -1;
		rehashed(bytes, (f) => editPart(f, 'inventory.json', (p) => (covered = coveredAt(p))));
		expect(covered).toBeGreaterThanOrEqual(0);
		await refuse(
			'inventory.json',
			(p) => ((p.needs as Record<string, unknown>[])[covered].entryId = 'unbekannt'),
			`inventory.json: needs[${covered}].entryId`
		);
		await refuse(
			'next-reports.json',
			(p) => (first(p.nextReports).measureId = 'unbekannt'),
			'next-reports.json: nextReports[0].measureId'
		);
		// A huge string.
		await refuse(
			'inventory.json',
			(p) => (first(p.entries).name = 'x'.repeat(1_000_000)),
			'inventory.json: entries[0].name'
		);
		// A Runder Tisch meeting in a file of a Sozialraumkonferenz.
		await refuse(
			'round-table.json',
			(p) =>
				(p.meeting = {
					series: { id: 'abc', title: 'Runder Tisch', theme: '', createdAt: 0, members: [] },
					meetsOn: '2026-03-10',
					minutesStatus: 'draft',
					minutesChangedAt: null,
					createdAt: 0,
					attendance: [],
					decisions: [],
					actions: []
				}),
			'round-table.json: meeting'
		);
	});

	test('a Runder Tisch meeting brings its series, members, attendance, numbered decisions and action items', async () => {
		const server = await startSyncServer(source.db);
		const third = await open();
		try {
			const services = server.services;
			const goal = await createGoal(
				source.db,
				goalInput({ title: 'Sichere Schulwege', level: 'leitbild', citywide: 'on' }),
				planner.id
			);
			if (!goal.ok) throw new Error('goal');
			const series = await createSeries(
				source.db,
				must(parseSeriesInput({ title: 'Runder Tisch Kiezschule', theme: 'Übergang Kita–Schule' })),
				facilitator.id
			);
			const kita = await addMember(
				source.db,
				series.id,
				must(parseMemberInput({ organisation: 'Kita Sonnenschein', role: 'Mitglied' }))
			);
			const demir = await addMember(
				source.db,
				series.id,
				must(
					parseMemberInput({
						person: 'Frau Demir',
						organisation: 'Schule am Park',
						role: 'Vorsitz'
					})
				)
			);
			const first = must(
				await createMeeting(services, series.id, { meetsOn: '2026-03-10' }, facilitator.id)
			);
			const street = await addDecision(
				services,
				first.id,
				must(
					parseDecisionInput({
						text: 'Schulstraße beantragen',
						decidedOn: '2026-03-10',
						yes: '17',
						no: '3',
						abstain: '1'
					})
				),
				facilitator.id
			);
			await setDecisionLinks(source.db, series.id, street.id, {
				goalIds: [goal.value.id],
				districts: [district(mitte)]
			});
			const count = await addAction(
				services,
				first.id,
				must(
					parseActionInput({ title: 'Verkehrszählung', owner: 'Bezirksamt', dueOn: '2026-04-01' })
				)
			);
			await setAttendance(source.db, first.id, kita.id, true);
			await setAttendance(source.db, first.id, demir.id, false);

			const second = must(
				await createMeeting(services, series.id, { meetsOn: '2026-04-14' }, facilitator.id)
			);
			const fete = await addDecision(
				services,
				second.id,
				must(
					parseDecisionInput({
						text: 'Sommerfest gemeinsam',
						decidedOn: '2026-04-14',
						consensus: 'on'
					})
				),
				facilitator.id
			);
			expect([street.number, fete.number]).toEqual([1, 2]);
			const flyer = await addAction(
				services,
				second.id,
				must(parseActionInput({ title: 'Flyer drucken', owner: 'Kita Sonnenschein' }))
			);
			expect(await actionToMeasure(source.db, series.id, flyer, planner.id)).toBeTruthy();
			// Carried over into the second meeting and done there.
			expect(await setActionStatus(services, second.id, count, 'done')).toBe(true);
			await setAttendance(source.db, second.id, demir.id, true);
			await removeMember(source.db, series.id, kita.id);
			must(await setMinutesStatus(services, first.id, 'circulated', facilitator.id));
			must(await setMinutesStatus(services, first.id, 'approved', facilitator.id));
			for (const m of [first, second])
				expect((await closeWorkshop(services, m.id, facilitatorActor())).ok).toBe(true);

			const firstFile = await exported(first.id);
			const secondFile = await exported(second.id);
			const secondText = text.decode(secondFile.bytes);
			for (const id of [facilitator.id, planner.id]) {
				expect(text.decode(firstFile.bytes)).not.toContain(id);
				expect(secondText).not.toContain(id);
			}

			// Alone, the second meeting comes without the item carried over from the first: that
			// item belongs to the first meeting, which is not there.
			const thirdAdmin = await createStaff(third.db, 'admin');
			expect(await importWorkshop(third.db, secondFile.bytes, thirdAdmin.id)).toMatchObject({
				ok: true,
				measures: 1
			});
			expect((await listActions(third.db, series.id)).map((a) => a.title)).toEqual([
				'Flyer drucken'
			]);
			expect((await listDecisions(third.db, series.id)).map((d) => d.number)).toEqual([2]);

			// Into the target, the first meeting first.
			expect(await importWorkshop(target.db, firstFile.bytes, targetAdmin.id)).toMatchObject({
				ok: true,
				createdGoals: 1
			});
			// A decision number the series here gives to another decision refuses the file whole.
			const before = await rowCounts(target.db);
			const clash = rehashed(secondFile.bytes, (f) =>
				editPart(f, 'round-table.json', (p) => {
					const meeting = p.meeting as { decisions: { number: number }[] };
					meeting.decisions[0].number = 1;
				})
			);
			expect(await importWorkshop(target.db, clash, targetAdmin.id)).toEqual({
				ok: false,
				error: 'roundTableConflict',
				detail: '1: Sommerfest gemeinsam'
			});
			expect(await rowCounts(target.db)).toEqual(before);
			// An attendance of someone who is no member of the series.
			const stranger = rehashed(secondFile.bytes, (f) =>
				editPart(f, 'round-table.json', (p) => {
					const meeting = p.meeting as { attendance: { memberId: string }[] };
					meeting.attendance[0].memberId = 'unbekannt';
				})
			);
			expect(await importWorkshop(target.db, stranger, targetAdmin.id)).toEqual({
				ok: false,
				error: 'invalidPart',
				detail: 'round-table.json: meeting.attendance[0].memberId'
			});
			expect(await rowCounts(target.db)).toEqual(before);

			expect(await importWorkshop(target.db, secondFile.bytes, targetAdmin.id)).toMatchObject({
				ok: true,
				measures: 1
			});
			expect(await getSeries(target.db, series.id)).toEqual(await getSeries(source.db, series.id));
			expect(await listMembers(target.db, series.id)).toEqual(
				await listMembers(source.db, series.id)
			);
			expect((await listMembers(target.db, series.id)).map((m) => m.person)).toEqual([
				'Frau Demir'
			]);
			for (const m of [first, second]) {
				expect(await getMeeting(target.db, m.id)).toEqual(await getMeeting(source.db, m.id));
				expect(await listAttendance(target.db, m.id)).toEqual(
					await listAttendance(source.db, m.id)
				);
			}
			expect((await getMeeting(target.db, first.id))?.minutes).toBe('approved');
			expect(await listDecisions(target.db, series.id)).toEqual(
				await listDecisions(source.db, series.id)
			);
			expect(
				(await listDecisions(target.db, series.id)).map((d) => [d.number, d.text, d.goalIds])
			).toEqual([
				[1, 'Schulstraße beantragen', [goal.value.id]],
				[2, 'Sommerfest gemeinsam', []]
			]);
			expect(await listActions(target.db, series.id)).toEqual(
				await listActions(source.db, series.id)
			);
			expect(
				(await listActions(target.db, series.id)).map((a) => [a.title, a.status, !!a.measureId])
			).toEqual([
				['Verkehrszählung', 'done', false],
				['Flyer drucken', 'open', true]
			]);
			// Exported again from the new install, every part is the same bytes.
			for (const [id, file] of [
				[first.id, firstFile],
				[second.id, secondFile]
			] as const) {
				const again = JSON.parse(text.decode((await exported(id, target.db)).bytes));
				expect(again.manifest).toEqual(JSON.parse(text.decode(file.bytes)).manifest);
			}
		} finally {
			await third.dispose();
			await server.stop();
		}
	});
});
