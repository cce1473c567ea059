import { afterEach, beforeEach, expect, test } from 'vitest';
import * as Y from 'yjs';
import { addAgendaItem, minutesField } from '../boards/agenda/agenda-doc';
import { setPlan } from '../collab/control';
import { documentName } from '../collab/documents';
import { checkEntryInput, type EntryInput } from '../domain/inventory/entry';
import { phaseTemplates } from '../domain/facilitation/phases';
import { writerKey } from '../domain/roles';
import {
	parseActionInput,
	parseDecisionInput,
	parseSeriesInput
} from '../domain/round-table/round-table';
import type { User } from './accounts';
import { closeWorkshop } from './close-workshop';
import { closedWorkshopResults } from './closed-results';
import { changeLiveEntry } from './inventory/live';
import { addInventoryEntry } from './inventory/store';
import { addAction, addDecision, setActionStatus } from './round-table/records';
import { contentOf, createMeeting, createSeries } from './round-table/series';
import { setWorkshopLinks } from './workshop-links';
import { createWorkshop } from './workshops';
import { createStaff } from '../../../tests/helpers/fixtures';
import { describeEachStore, type TestStore } from '../../../tests/helpers/stores';
import { startSyncServer } from '../../../tests/helpers/sync';

function must<T>(parsed: { ok: true; value: T } | { ok: false; error: unknown }): T {
	if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
	return parsed.value;
}

const square = JSON.stringify({
	type: 'Polygon',
	coordinates: [
		[
			[13.35, 52.5],
			[13.36, 52.5],
			[13.36, 52.51],
			[13.35, 52.51],
			[13.35, 52.5]
		]
	]
});

function entry(fields: Record<string, unknown>): EntryInput {
	return must(checkEntryInput(fields));
}

describeEachStore('closed results from the store', (open) => {
	let store: TestStore;
	let server: Awaited<ReturnType<typeof startSyncServer>>;
	let staff: User;
	const district = { level: 'planungsraum', code: '01011101' };

	beforeEach(async () => {
		store = await open();
		staff = await createStaff(store.db, 'facilitator');
		server = await startSyncServer(store.db);
		await store.db.run(
			`INSERT INTO districts (id, code, level, name, geometry, bbox, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`,
			[
				district.code,
				district.code,
				district.level,
				'Stülerstraße',
				square,
				'[13.35,52.5,13.36,52.51]',
				1
			]
		);
	});

	afterEach(async () => {
		try {
			await server.stop();
		} finally {
			await store.dispose();
		}
	});

	const asStaff = () =>
		({ kind: 'staff', userId: staff.id, name: staff.name, role: 'facilitator' }) as const;

	test('a conference shows the services entered in it, by district, and never who entered them', async () => {
		const workshop = await createWorkshop(
			store.db,
			{
				title: 'Sozialraumkonferenz Moabit',
				startsOn: '2026-12-01',
				description: '',
				format: 'sozialraumkonferenz'
			},
			staff.id
		);
		expect(
			(await setWorkshopLinks(store.db, workshop.id, { districts: [district], goalIds: [] })).ok
		).toBe(true);
		await server.services.documents.change(documentName(workshop.id, 'control'), (doc) =>
			setPlan(doc, phaseTemplates.sozialraumkonferenz('de'))
		);
		// Brought from the planner's list: the district's, not this conference's result.
		await addInventoryEntry(store.db, district, entry({ name: 'Stadtteilbibliothek' }));
		const writer = writerKey({ kind: 'staff', userId: staff.id });
		const added = await changeLiveEntry(
			server.services,
			workshop.id,
			{ writer, moderator: false },
			{
				action: 'add',
				fields: {
					name: 'Kiezcafé',
					provider: 'Nachbarschaftsverein',
					targetGroups: 'Ältere Menschen',
					kind: 'informell'
				}
			}
		);
		expect(added.ok).toBe(true);
		expect((await closeWorkshop(server.services, workshop.id, asStaff())).ok).toBe(true);

		const results = await closedWorkshopResults(store.db, workshop.id, []);
		const phase = results.phases.find((p) => p.id === 'bestand');
		expect(phase?.inventory).toEqual({
			districts: [
				{
					key: 'planungsraum:01011101',
					name: 'Stülerstraße',
					services: [
						{
							id: expect.any(String),
							name: 'Kiezcafé',
							provider: 'Nachbarschaftsverein',
							targetGroups: 'Ältere Menschen',
							kind: 'informal'
						}
					]
				}
			]
		});
		expect(JSON.stringify(results)).not.toContain(writer);
		expect(JSON.stringify(results)).not.toContain(staff.id);
	});

	test('a Runder Tisch meeting shows its agenda with minutes, its decisions and its action items as they stand', async () => {
		const series = await createSeries(
			store.db,
			must(parseSeriesInput({ title: 'Runder Tisch Kiezschule', theme: 'Schulweg' })),
			staff.id
		);
		const meeting = must(
			await createMeeting(server.services, series.id, { meetsOn: '2026-03-10' }, staff.id)
		);
		await server.services.documents.change(documentName(meeting.id, 'control'), (doc) =>
			setPlan(doc, phaseTemplates.runderTisch('de'))
		);
		await server.services.documents.change(contentOf(meeting.id), (doc) => {
			addAgendaItem(doc, 'a1', { title: 'Schulweg', timebox: 20 });
			addAgendaItem(doc, 'a2', { title: 'Sommerfest', done: true });
			const paragraph = new Y.XmlElement('paragraph');
			paragraph.insert(0, [new Y.XmlText('Elterntaxis blockieren die Einfahrt.')]);
			doc.getXmlFragment(minutesField('a1')).insert(0, [paragraph]);
		});
		await addDecision(
			server.services,
			meeting.id,
			must(
				parseDecisionInput({
					text: 'Schulstraße beantragen',
					decidedOn: '2026-03-10',
					consensus: 'on'
				})
			),
			staff.id
		);
		const actionId = await addAction(
			server.services,
			meeting.id,
			must(parseActionInput({ title: 'Zählung', owner: 'Bezirksamt', dueOn: '2026-04-01' }))
		);
		expect((await closeWorkshop(server.services, meeting.id, asStaff())).ok).toBe(true);
		// Done later, at the next meeting: the closed meeting's results say where it stands now.
		const next = must(
			await createMeeting(server.services, series.id, { meetsOn: '2026-04-14' }, staff.id)
		);
		await setActionStatus(server.services, next.id, actionId, 'done');

		const results = await closedWorkshopResults(store.db, meeting.id, []);
		const agenda = results.agenda;
		expect(agenda?.items).toEqual([
			{
				id: 'a1',
				title: 'Schulweg',
				timebox: 20,
				done: false,
				carriedFrom: null,
				minutes: [{ kind: 'paragraph', text: 'Elterntaxis blockieren die Einfahrt.' }]
			},
			{ id: 'a2', title: 'Sommerfest', timebox: 0, done: true, carriedFrom: null, minutes: [] }
		]);
		expect(agenda?.decisions).toEqual([
			{
				id: expect.any(String),
				number: 1,
				text: 'Schulstraße beantragen',
				decidedOn: '2026-03-10',
				vote: 'einvernehmlich'
			}
		]);
		expect(agenda?.actions).toEqual([
			{
				id: actionId,
				title: 'Zählung',
				owner: 'Bezirksamt',
				dueOn: '2026-04-01',
				status: 'done',
				fromMeeting: '2026-03-10',
				carried: false
			}
		]);
		expect(JSON.stringify(results)).not.toContain(staff.id);
	});
});
