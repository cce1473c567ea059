import { afterEach, beforeEach, expect, test } from 'vitest';
import * as Y from 'yjs';
import { describeEachStore, type TestStore } from '../../../tests/helpers/stores';
import { createStaff, createTestWorkshop } from '../../../tests/helpers/fixtures';
import { DocPersistence } from '../../../server/sync/persistence';
import { setNextReport } from '../collab/data-board';
import { documentName } from '../collab/documents';
import { addMeasure } from '../collab/measures';
import { createAccessEvents } from './access-events';
import type { User } from './accounts';
import { closeWorkshop } from './close-workshop';
import { addProgressReport, listMeasures } from './measures';
import { listDueReports, nextReportsByMeasure } from './next-reports';

describeEachStore('next reports', (open) => {
	let store: TestStore;
	let facilitator: User;

	beforeEach(async () => {
		store = await open();
		facilitator = await createStaff(store.db, 'facilitator');
	});
	afterEach(() => store.dispose());

	const actor = () =>
		({
			kind: 'staff',
			userId: facilitator.id,
			name: facilitator.name,
			role: 'facilitator'
		}) as const;

	test('an agreed next report reaches the register at the close and is due until a report comes', async () => {
		const workshop = await createTestWorkshop(store.db, facilitator);
		const doc = new Y.Doc();
		const bench = addMeasure(doc, { title: 'Bänke aufstellen', status: 'planned' });
		const fest = addMeasure(doc, { title: 'Hoffest', status: 'planned' });
		const half = addMeasure(doc, { title: 'Halb ausgefüllt', status: 'planned' });
		setNextReport(doc, bench, 'reporter', 'Kiezbüro');
		setNextReport(doc, bench, 'reportOn', '2027-01-10');
		setNextReport(doc, fest, 'reportOn', '2027-02-05');
		// A half-typed date is no agreement: nothing is made up from it.
		setNextReport(doc, half, 'reportOn', '2027-02');
		await new DocPersistence(store.db).append([
			{ doc: documentName(workshop.id, 'content'), update: Y.encodeStateAsUpdate(doc) }
		]);
		const services = { db: store.db, access: createAccessEvents() };
		expect((await closeWorkshop(services, workshop.id, actor())).ok).toBe(true);
		// Closing again changes nothing (every close step is idempotent).
		expect((await closeWorkshop(services, workshop.id, actor())).ok).toBe(true);

		const ids = Object.fromEntries((await listMeasures(store.db, {})).map((m) => [m.title, m.id]));
		const due = await listDueReports(store.db, '2027-01-15');
		expect(due.overdue).toEqual([
			{
				measureId: ids['Bänke aufstellen'],
				title: 'Bänke aufstellen',
				status: 'planned',
				reporter: 'Kiezbüro',
				reportOn: '2027-01-10'
			}
		]);
		expect(due.soon.map((r) => [r.title, r.reportOn, r.reporter])).toEqual([
			['Hoffest', '2027-02-05', '']
		]);
		expect(Object.keys(await nextReportsByMeasure(store.db)).sort()).toEqual(
			[ids['Bänke aufstellen'], ids['Hoffest']].sort()
		);

		// The report came: the agreement is fulfilled and no longer due.
		const reported = await addProgressReport(
			store.db,
			ids['Bänke aufstellen'],
			{ reportedOn: '2026-12-01', status: 'in_progress', progress: 20, note: 'Erste Bank steht' },
			{ id: facilitator.id, name: facilitator.name },
			{ mayChangeStatus: true },
			Date.now() + 1000
		);
		expect(reported).toMatchObject({ ok: true });
		const after = await listDueReports(store.db, '2027-01-15');
		expect(after.overdue).toEqual([]);
		expect(after.soon.map((r) => r.title)).toEqual(['Hoffest']);
	});
});
