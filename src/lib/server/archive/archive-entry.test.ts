import { afterEach, beforeEach, expect, test } from 'vitest';
import * as Y from 'yjs';
import { DocPersistence } from '../../../../server/sync/persistence';
import { createStaff, createTestWorkshop, joinAsGuest } from '../../../../tests/helpers/fixtures';
import { describeEachStore, type TestStore } from '../../../../tests/helpers/stores';
import { setPlan, setSettings, setVoteResults } from '../../collab/control';
import { documentName } from '../../collab/documents';
import { addMeasure } from '../../collab/measures';
import { addCard, addCluster, readCards } from '../../collab/wall';
import { zukunftswerkstattTemplate } from '../../domain/facilitation/phases';
import { createAccessEvents } from '../access-events';
import type { User } from '../accounts';
import { closeWorkshop } from '../close-workshop';
import { archiveFormat, readArchive } from './archive-entry';

describeEachStore('the archive entry closing makes', (open) => {
	let store: TestStore;
	let facilitator: User;
	beforeEach(async () => {
		store = await open();
		await createStaff(store.db, 'admin');
		facilitator = await createStaff(store.db, 'facilitator', 'Fiona Moderation');
	});
	afterEach(() => store.dispose());

	const actor = () =>
		({
			kind: 'staff',
			userId: facilitator.id,
			name: facilitator.name,
			role: 'facilitator'
		}) as const;

	/** A played workshop as the sync engine stores it: a wall with a group and a vote, a measure. */
	async function playedWorkshop() {
		const workshop = await createTestWorkshop(store.db, facilitator, 'Zukunftswerkstatt Südstadt');
		await joinAsGuest(store.db, workshop, facilitator, { name: 'Sevgi' });
		await joinAsGuest(store.db, workshop, facilitator, { name: null });
		await joinAsGuest(store.db, workshop, facilitator, { role: 'observer' });
		const content = new Y.Doc();
		const control = new Y.Doc();
		const plan = zukunftswerkstattTemplate('de');
		setPlan(control, { ...plan, currentPhaseId: 'kritik' });
		setSettings(control, { anonymous: true, privateWriting: false });
		const group = addCluster(content, { name: 'Verkehr', board: 'kritik', x: 0, y: 0 });
		const bus = addCard(content, {
			text: 'Kein Bus nach 21 Uhr',
			x: 0,
			y: 0,
			colour: 'yellow',
			board: 'kritik',
			cluster: group
		});
		addCard(content, { text: 'Straße zu laut', x: 0, y: 0, colour: 'pink', board: 'kritik' });
		// Typed in by the facilitator from a paper card (hybrid session): counted apart.
		addCard(content, {
			text: 'Bänke fehlen',
			x: 0,
			y: 200,
			colour: 'yellow',
			board: 'kritik',
			fromPaper: true
		});
		setVoteResults(control, 'kritik', {
			roundId: 'r1',
			results: [{ itemId: bus, dots: 4, voters: 3, rank: 1 }]
		});
		addMeasure(content, { title: 'Nachtbus prüfen', originCards: [bus], originPhase: 'kritik' });
		await new DocPersistence(store.db).append([
			{ doc: documentName(workshop.id, 'content'), update: Y.encodeStateAsUpdate(content) },
			{ doc: documentName(workshop.id, 'control'), update: Y.encodeStateAsUpdate(control) }
		]);
		return { workshop, content, control };
	}

	test('holds the final documents and an export of phases, cards, votes, measures and counts', async () => {
		const { workshop, content } = await playedWorkshop();
		const closed = await closeWorkshop(
			{ db: store.db, access: createAccessEvents() },
			workshop.id,
			actor()
		);
		expect(closed.ok).toBe(true);

		const entry = await readArchive(store.db, workshop.id);
		expect(entry).not.toBeNull();
		const exported = entry!.export;
		expect(exported).toMatchObject({
			format: archiveFormat,
			version: 1,
			workshop: {
				id: workshop.id,
				title: 'Zukunftswerkstatt Südstadt',
				closedBy: 'Fiona Moderation',
				anonymous: true
			},
			participation: { participants: 2, observers: 1, paperCards: 1 }
		});
		const critique = exported.phases.find((p) => p.id === 'kritik')!;
		expect(critique.wall?.groups).toEqual([
			expect.objectContaining({
				name: 'Verkehr',
				cards: [expect.objectContaining({ text: 'Kein Bus nach 21 Uhr', dots: 4 })]
			})
		]);
		// Made in the same millisecond, so their order falls to their random ids.
		expect(critique.wall?.loose.map((c) => c.text).sort()).toEqual([
			'Bänke fehlen',
			'Straße zu laut'
		]);
		expect(critique.wall?.votes).toEqual([{ label: 'Kein Bus nach 21 Uhr', dots: 4, rank: 1 }]);
		expect(exported.measures).toEqual([
			expect.objectContaining({
				title: 'Nachtbus prüfen',
				originCards: [{ id: expect.any(String), text: 'Kein Bus nach 21 Uhr' }]
			})
		]);
		// No participant's name, anywhere in the export.
		expect(JSON.stringify(exported)).not.toContain('Sevgi');

		// The archived content document reproduces the wall exactly.
		const archived = new Y.Doc();
		Y.applyUpdate(archived, entry!.documents.get(documentName(workshop.id, 'content'))!);
		expect(readCards(archived)).toEqual(readCards(content));
		expect([...entry!.documents.keys()].sort()).toEqual(
			[documentName(workshop.id, 'content'), documentName(workshop.id, 'control')].sort()
		);
	});

	test('closing again keeps the first entry; a refused close makes none', async () => {
		const { workshop } = await playedWorkshop();
		const services = { db: store.db, access: createAccessEvents() };
		const planner = await createStaff(store.db, 'planner');
		const refused = await closeWorkshop(services, workshop.id, {
			kind: 'staff',
			userId: planner.id,
			name: planner.name,
			role: 'planner'
		});
		expect(refused).toEqual({ ok: false, error: 'forbidden' });
		expect(await readArchive(store.db, workshop.id)).toBeNull();

		await closeWorkshop(services, workshop.id, actor(), undefined, 1_000);
		const first = await readArchive(store.db, workshop.id);
		await closeWorkshop(services, workshop.id, actor(), undefined, 2_000);
		const second = await readArchive(store.db, workshop.id);
		expect(second).toEqual(first);
		expect(second?.closedAt).toBe(1_000);
		const rows = await store.db.all('SELECT doc FROM archive_documents WHERE workshop_id = ?', [
			workshop.id
		]);
		expect(rows).toHaveLength(2);
	});
});
