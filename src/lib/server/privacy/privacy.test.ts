import { readFileSync, existsSync } from 'node:fs';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import * as Y from 'yjs';
import { DocPersistence } from '../../../../server/sync/persistence';
import { createStaff, createTestWorkshop, joinAsGuest } from '../../../../tests/helpers/fixtures';
import { describeEachStore, type TestStore } from '../../../../tests/helpers/stores';
import { setPlan, setSettings } from '../../collab/control';
import { documentName, privateDocumentName } from '../../collab/documents';
import { addCard } from '../../collab/wall';
import { zukunftswerkstattTemplate } from '../../domain/facilitation/phases';
import { writerKey, type Actor } from '../../domain/roles';
import { createAccessEvents } from '../access-events';
import type { User } from '../accounts';
import { exportForDocuments, readArchive } from '../archive/archive-entry';
import { archiveDocuments, storedManifest } from '../archive/archive-files';
import { closeWorkshop } from '../close-workshop';
import { listParticipants, recordNameConsent } from '../participants';
import {
	deleteWorkshop,
	findWorkshopDeletion,
	goneMessage,
	listWorkshopDeletions
} from './delete-workshop';
import { listNamedParticipants, removeDisplayName } from './names';
import {
	checkRetentionDays,
	defaultRetentionDays,
	readRetentionDays,
	runRetention,
	saveRetentionDays,
	scheduleRetention
} from './retention';

const day = 24 * 60 * 60 * 1000;
/** Times the ZIP can carry (1980–2099): 1 March 2026 and days after it. */
const base = Date.UTC(2026, 2, 1);
const staff = (user: User): Extract<Actor, { kind: 'staff' }> => ({
	kind: 'staff',
	userId: user.id,
	name: user.name,
	role: user.role
});

describeEachStore('DSGVO: names, deletion, retention', (open) => {
	let store: TestStore;
	let facilitator: User;
	let planner: User;
	beforeEach(async () => {
		store = await open();
		await createStaff(store.db, 'admin');
		facilitator = await createStaff(store.db, 'facilitator', 'Fiona Moderation');
		planner = await createStaff(store.db, 'planner', 'Paul Planung');
	});
	afterEach(() => store.dispose());

	/**
	 * A played wall: Zorabella agreed to be named, Quintus did not, a third card was published
	 * anonymously (under Zorabella's client id, which must not matter), the facilitator wrote one.
	 */
	async function playedWorkshop({ anonymous = false } = {}) {
		const workshop = await createTestWorkshop(store.db, facilitator, 'Werkstatt Nordpark');
		const zora = await joinAsGuest(store.db, workshop, facilitator, { name: 'Zorabella Quint' });
		await recordNameConsent(store.db, zora.participantId);
		const quintus = await joinAsGuest(store.db, workshop, facilitator, { name: 'Quintus Rahm' });
		await joinAsGuest(store.db, workshop, facilitator, { name: null });
		const control = new Y.Doc();
		setPlan(control, { ...zukunftswerkstattTemplate('de'), currentPhaseId: 'kritik' });
		setSettings(control, { anonymous, privateWriting: false });
		const content = new Y.Doc();
		const write = (owner: string | null, text: string, keyHash?: string) => {
			const doc = new Y.Doc();
			Y.applyUpdate(doc, Y.encodeStateAsUpdate(content));
			const id = addCard(doc, {
				text,
				x: 0,
				y: 0,
				colour: 'yellow',
				board: 'kritik',
				...(keyHash ? { keyHash } : {})
			});
			Y.applyUpdate(content, Y.encodeStateAsUpdate(doc));
			return { id, client: doc.clientID, owner };
		};
		const cards = [
			write(writerKey({ kind: 'guest', participantId: zora.participantId }), 'Mehr Bänke'),
			write(writerKey({ kind: 'guest', participantId: quintus.participantId }), 'Licht im Park'),
			write(null, 'Anonym: Spielplatz', 'a'.repeat(64)),
			write(writerKey({ kind: 'staff', userId: facilitator.id }), 'Moderation: Wege')
		];
		const contentName = documentName(workshop.id, 'content');
		for (const card of cards)
			if (card.owner)
				await store.db.run('INSERT INTO doc_clients (doc, client_id, owner) VALUES (?, ?, ?)', [
					contentName,
					card.client,
					card.owner
				]);
		await new DocPersistence(store.db).append([
			{ doc: contentName, update: Y.encodeStateAsUpdate(content) },
			{ doc: documentName(workshop.id, 'control'), update: Y.encodeStateAsUpdate(control) },
			{
				doc: privateDocumentName(workshop.id, quintus.participantId),
				update: Y.encodeStateAsUpdate(content)
			}
		]);
		return { workshop, zora, quintus, cards };
	}

	const close = (workshopId: string, now = Date.now()) =>
		closeWorkshop(
			{ db: store.db, access: createAccessEvents() },
			workshopId,
			staff(facilitator),
			undefined,
			now
		);

	test('the export names only the author who agreed, of a card that is not anonymous', async () => {
		const { workshop, cards } = await playedWorkshop();
		expect((await listParticipants(store.db, workshop.id)).map((p) => p.nameConsent)).toEqual([
			true,
			false,
			false
		]);
		await close(workshop.id);
		const entry = (await readArchive(store.db, workshop.id))!;
		expect(entry.export.authors).toEqual([{ cardId: cards[0].id, name: 'Zorabella Quint' }]);
		const json = JSON.stringify(entry.export);
		expect(json).not.toContain('Quintus');
		// Staff are never named as authors (the closing facilitator is named as such, not here).
		expect(JSON.stringify(entry.export.authors)).not.toContain('Fiona');
		const shown = exportForDocuments(entry.export).phases.flatMap((p) =>
			(p.wall?.loose ?? []).map((c) => c.text)
		);
		expect(shown).toContain('Mehr Bänke – Zorabella Quint');
		expect(shown).toContain('Licht im Park');
		expect(shown).toContain('Anonym: Spielplatz');
	});

	test('an anonymous workshop names nobody, consent or not', async () => {
		const { workshop } = await playedWorkshop({ anonymous: true });
		await close(workshop.id);
		const entry = (await readArchive(store.db, workshop.id))!;
		expect(entry.export.authors).toEqual([]);
		expect(JSON.stringify(entry.export)).not.toContain('Zorabella');
	});

	test('removing a name keeps the content, rewrites the export and the manifest, and leaves no trace in the file', async () => {
		const { workshop, zora } = await playedWorkshop();
		await close(workshop.id, base);
		const before = await archiveDocuments(
			store.db,
			(await readArchive(store.db, workshop.id))!,
			workshop.id
		);
		expect((await storedManifest(store.db, workshop.id))?.files).toEqual(before.manifest.files);

		const removed = await removeDisplayName(
			store.db,
			workshop.id,
			zora.participantId,
			base + 5 * day
		);
		expect(removed).toEqual({ ok: true, regenerated: true });
		const entry = (await readArchive(store.db, workshop.id))!;
		expect(entry.regeneratedAt).toBe(base + 5 * day);
		expect(entry.export.authors).toEqual([]);
		expect(JSON.stringify(entry.export)).toContain('Mehr Bänke');
		expect(JSON.stringify(entry.export)).not.toContain('Zorabella');
		expect(await storedManifest(store.db, workshop.id)).toBeNull();
		const after = await archiveDocuments(store.db, entry, workshop.id);
		expect((await storedManifest(store.db, workshop.id))?.files).toEqual(after.manifest.files);
		expect(after.manifest.files).not.toEqual(before.manifest.files);
		expect((await listNamedParticipants(store.db, workshop.id)).map((p) => p.displayName)).toEqual([
			'Quintus Rahm'
		]);

		// Twice, or someone of another workshop: refused, nothing changes.
		expect(await removeDisplayName(store.db, workshop.id, zora.participantId)).toEqual({
			ok: false,
			error: 'privacy.names.notFound'
		});
		expect(await removeDisplayName(store.db, 'other', 'nobody')).toMatchObject({ ok: false });

		if (store.db.kind === 'sqlite' && store.db.path) {
			const bytes = Buffer.concat(
				[store.db.path, `${store.db.path}-wal`]
					.filter((path) => existsSync(path))
					.map((path) => readFileSync(path))
			);
			expect(bytes.includes(Buffer.from('Zorabella'))).toBe(false);
			expect(bytes.includes(Buffer.from('Quintus'))).toBe(true);
		}
	});

	test('deleting a workshop: planners and admins only, rows and documents gone, a record left', async () => {
		const { workshop } = await playedWorkshop();
		await close(workshop.id);
		const services = { db: store.db, access: createAccessEvents() };
		const announced: unknown[] = [];
		services.access.subscribe((change) => announced.push(change));

		expect(await deleteWorkshop(services, workshop.id, staff(facilitator))).toEqual({
			ok: false,
			error: 'forbidden'
		});
		expect(await store.db.get('SELECT id FROM workshops WHERE id = ?', [workshop.id])).toBeTruthy();

		const deleted = await deleteWorkshop(services, workshop.id, staff(planner), 7 * day, null);
		expect(deleted).toEqual({
			ok: true,
			deletion: {
				workshopId: workshop.id,
				title: 'Werkstatt Nordpark',
				deletedByName: 'Paul Planung',
				deletedAt: 7 * day
			}
		});
		expect(announced).toEqual([{ workshopId: workshop.id }]);
		for (const [table, column] of [
			['workshops', 'id'],
			['participants', 'workshop_id'],
			['invites', 'workshop_id'],
			['archives', 'workshop_id'],
			['archive_documents', 'workshop_id']
		])
			expect(
				await store.db.get(`SELECT 1 AS x FROM ${table} WHERE ${column} = ?`, [workshop.id])
			).toBeUndefined();
		for (const table of ['doc_updates', 'doc_snapshots', 'doc_clients'])
			expect(
				await store.db.get(`SELECT 1 AS x FROM ${table} WHERE doc LIKE ?`, [`${workshop.id}/%`])
			).toBeUndefined();
		expect(
			await store.db.get('SELECT 1 AS x FROM sessions WHERE participant_id IS NOT NULL')
		).toBeUndefined();
		expect(await listWorkshopDeletions(store.db)).toEqual([deleted.ok && deleted.deletion]);
		expect(await findWorkshopDeletion(store.db, workshop.id)).toMatchObject({
			title: 'Werkstatt Nordpark'
		});
		expect(await goneMessage(store.db, workshop.id, 'de')).toMatch(
			/^Diese Werkstatt wurde am .* gelöscht/
		);
		expect(await goneMessage(store.db, 'never', 'de')).not.toMatch(/gelöscht/);

		// Again: nothing there, nothing recorded twice.
		expect(await deleteWorkshop(services, workshop.id, staff(planner))).toEqual({
			ok: false,
			error: 'notFound'
		});
		expect(await listWorkshopDeletions(store.db)).toHaveLength(1);
	});

	test('retention days: whole numbers from 1 to 3650; anything else refused, nothing stored', async () => {
		expect(await readRetentionDays(store.db)).toBe(defaultRetentionDays);
		for (const bad of ['0', '-5', 'abc', '1.5', '', ' ', '3651', '999999999999', '1e3'])
			expect(await saveRetentionDays(store.db, bad)).toMatchObject({ ok: false });
		expect(checkRetentionDays('0')).toEqual({ ok: false, error: 'privacy.retention.outOfRange' });
		expect(checkRetentionDays('zehn')).toEqual({ ok: false, error: 'privacy.retention.notNumber' });
		expect(await readRetentionDays(store.db)).toBe(defaultRetentionDays);
		expect(await saveRetentionDays(store.db, ' 30 ')).toEqual({ ok: true, days: 30 });
		expect(await readRetentionDays(store.db)).toBe(30);
	});

	test('the daily job removes names, guest sessions and private drafts once a workshop is past the time', async () => {
		const { workshop } = await playedWorkshop();
		const closedAt = base;
		await close(workshop.id, closedAt);
		await saveRetentionDays(store.db, '30');
		const guestSessions = () =>
			store.db.all(
				'SELECT s.id FROM sessions s JOIN participants p ON p.id = s.participant_id WHERE p.workshop_id = ?',
				[workshop.id]
			);
		const drafts = () =>
			store.db.all('SELECT id FROM doc_updates WHERE doc LIKE ?', [`${workshop.id}/private/%`]);

		// Not yet: 29 days after the close.
		expect(await runRetention(store.db, closedAt + 29 * day)).toMatchObject({ workshops: 0 });
		expect(await listNamedParticipants(store.db, workshop.id)).toHaveLength(2);
		expect(await guestSessions()).toHaveLength(3);
		expect(await drafts()).toHaveLength(1);

		const report = await runRetention(store.db, closedAt + 30 * day);
		expect(report).toMatchObject({ workshops: 1, names: 2, sessions: 3 });
		expect(report.draftRows).toBeGreaterThan(0);
		expect(await listNamedParticipants(store.db, workshop.id)).toEqual([]);
		expect(await guestSessions()).toEqual([]);
		expect(await drafts()).toEqual([]);
		const entry = (await readArchive(store.db, workshop.id))!;
		expect(entry.export.authors).toEqual([]);
		expect(entry.regeneratedAt).toBe(closedAt + 30 * day);
		expect(JSON.stringify(entry.export)).toContain('Mehr Bänke');
		// The shared documents stay.
		expect(
			await store.db.get('SELECT 1 AS x FROM doc_updates WHERE doc = ?', [
				documentName(workshop.id, 'content')
			])
		).toBeTruthy();

		// Again: nothing left to do.
		expect(await runRetention(store.db, closedAt + 31 * day)).toMatchObject({
			workshops: 0,
			names: 0,
			sessions: 0,
			draftRows: 0
		});
	});

	test('the job sweeps documents a live room stored after its workshop was deleted', async () => {
		const { workshop } = await playedWorkshop();
		await deleteWorkshop(
			{ db: store.db, access: createAccessEvents() },
			workshop.id,
			staff(planner)
		);
		await new DocPersistence(store.db).append([
			{ doc: documentName(workshop.id, 'content'), update: Y.encodeStateAsUpdate(new Y.Doc()) }
		]);
		expect((await runRetention(store.db)).deletedDocumentRows).toBe(1);
		expect(
			await store.db.get('SELECT 1 AS x FROM doc_updates WHERE doc LIKE ?', [`${workshop.id}/%`])
		).toBeUndefined();

		// Brought back by an import: its documents are its own again, and a second deletion counts.
		await store.db.run(
			`INSERT INTO workshops (id, format, title, created_at) VALUES (?, 'zukunftswerkstatt', ?, ?)`,
			[workshop.id, 'Werkstatt Nordpark', Date.now()]
		);
		await new DocPersistence(store.db).append([
			{ doc: documentName(workshop.id, 'content'), update: Y.encodeStateAsUpdate(new Y.Doc()) }
		]);
		expect((await runRetention(store.db)).deletedDocumentRows).toBe(0);
		const again = await deleteWorkshop(
			{ db: store.db, access: createAccessEvents() },
			workshop.id,
			staff(planner),
			base,
			null
		);
		expect(again.ok).toBe(true);
		expect(await listWorkshopDeletions(store.db)).toEqual([
			expect.objectContaining({ workshopId: workshop.id, deletedAt: base })
		]);
	});

	test('the schedule runs the job after the start and then every day', async () => {
		vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval'] });
		try {
			const runs: number[] = [];
			let ran: () => void = () => undefined;
			const schedule = scheduleRetention(store.db, {
				onError: (error) => {
					throw error;
				},
				onDone: () => {
					runs.push(runs.length + 1);
					ran();
				},
				firstAfterMs: 60_000,
				everyMs: day
			});
			const next = () => new Promise<void>((resolve) => (ran = resolve));
			let done = next();
			await vi.advanceTimersByTimeAsync(60_000);
			await done;
			done = next();
			await vi.advanceTimersByTimeAsync(day);
			await done;
			expect(runs).toEqual([1, 2]);
			await schedule.stop();
		} finally {
			vi.useRealTimers();
		}
	});
});
