import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { describeEachStore, type TestStore } from '../../../tests/helpers/stores';
import { createStaff } from '../../../tests/helpers/fixtures';
import { parseBerlinBzr, bzrFile } from '../../../tests/helpers/berlin';
import type { User } from './accounts';
import { createGoal, getGoal, updateGoal } from './goals';
import { goalIndicatorStatus, readTarget } from './goal-indicator';
import {
	addProgressReport,
	createMeasure,
	getMeasure,
	listDueMeasures,
	listMeasureUpdates
} from './measures';
import { importDistricts } from './planning/districts';
import { checkGoal, checkMeasure, type GoalInput } from '../domain/measures';

const bzr = parseBerlinBzr();
const [mitte] = bzr.districts;

const unwrap = <T>(result: { ok: true; value: T } | { ok: false; error: unknown } | null): T => {
	if (!result?.ok) throw new Error(JSON.stringify(result));
	return result.value;
};
const goalInput = (raw: Record<string, unknown>): GoalInput => unwrap(checkGoal(raw));

describe('a target read against baseline and now', () => {
	test('lowering a rate: gap, direction and reached', () => {
		expect(readTarget(5, 9, 7, false)).toEqual({
			value: 7,
			baseline: 9,
			gap: 2,
			aim: 'down',
			trend: 'towards'
		});
		expect(readTarget(5, 9, 10, false)).toMatchObject({ gap: 5, trend: 'away' });
		expect(readTarget(5, 9, 9, false)).toMatchObject({ gap: 4, trend: 'unchanged' });
		expect(readTarget(5, 9, 4.5, false)).toMatchObject({ gap: 0, trend: 'reached' });
		expect(readTarget(5, 9, 9, true)).toMatchObject({ gap: 4, trend: null });
	});

	test('raising a share, and no current value', () => {
		expect(readTarget(60, 40, 50, false)).toMatchObject({ aim: 'up', gap: 10, trend: 'towards' });
		expect(readTarget(60, 40, null, false)).toMatchObject({ gap: null, trend: null });
		expect(readTarget(60, null, null, false)).toMatchObject({ aim: null });
	});
});

describeEachStore('controlling', (open) => {
	let store: TestStore;
	let planner: User;
	beforeEach(async () => {
		store = await open();
		planner = await createStaff(store.db, 'planner');
		await importDistricts(store.db, bzr, {
			fileName: bzrFile,
			createdBy: planner.id,
			parentLevel: 'bezirk'
		});
	});
	afterEach(() => store.dispose());

	const author = () => ({ id: planner.id, name: planner.name });
	const newMeasure = async (raw: Record<string, unknown>) =>
		unwrap(await createMeasure(store.db, unwrap(checkMeasure(raw)), planner.id));
	const report = (id: string, raw: Record<string, unknown>, today = '2026-06-15', now = 1000) =>
		addProgressReport(store.db, id, raw, author(), { mayChangeStatus: true }, now, today);

	test('a report dated after today is refused and nothing is stored', async () => {
		const measure = await newMeasure({ title: 'Sonnensegel', status: 'planned' });
		expect(
			await report(measure.id, { reportedOn: '2026-06-16', progress: 10, status: 'in_progress' })
		).toEqual({
			ok: false,
			error: { field: 'reportedOn', error: 'measures.error.reportInFuture' }
		});
		expect(await listMeasureUpdates(store.db, measure.id)).toEqual([]);
		expect(await getMeasure(store.db, measure.id)).toMatchObject({
			status: 'planned',
			progress: null
		});
		// Today itself is fine.
		unwrap(await report(measure.id, { reportedOn: '2026-06-15', progress: 10 }));
	});

	test('the newest report by date decides status and progress, not the newest entered', async () => {
		const measure = await newMeasure({ title: 'Sonnensegel', status: 'planned' });
		unwrap(
			await report(
				measure.id,
				{ reportedOn: '2026-05-10', progress: 50, status: 'in_progress' },
				'2026-06-15',
				1000
			)
		);
		// Entered later, but about April: kept in the history, the May report still decides.
		const late = unwrap(
			await report(
				measure.id,
				{ reportedOn: '2026-04-01', progress: 20, status: 'planned', note: 'nachgetragen' },
				'2026-06-15',
				2000
			)
		);
		expect(late).toMatchObject({ status: 'planned', progress: 20 });
		expect(await getMeasure(store.db, measure.id)).toMatchObject({
			status: 'in_progress',
			progress: 50,
			lastReportOn: '2026-05-10'
		});
		expect(
			(await listMeasureUpdates(store.db, measure.id)).map((u) => [u.reportedOn, u.progress])
		).toEqual([
			['2026-05-10', 50],
			['2026-04-01', 20]
		]);
		// On the same day, the later entry wins.
		unwrap(
			await report(
				measure.id,
				{ reportedOn: '2026-05-10', progress: 60, status: 'in_progress' },
				'2026-06-15',
				3000
			)
		);
		expect(await getMeasure(store.db, measure.id)).toMatchObject({ progress: 60 });
		// A newer report moves the status on.
		unwrap(
			await report(
				measure.id,
				{ reportedOn: '2026-06-01', progress: 100, status: 'done' },
				'2026-06-15',
				4000
			)
		);
		expect(await getMeasure(store.db, measure.id)).toMatchObject({
			status: 'done',
			progress: 100
		});
	});

	test('a report moves the due date only with a reason, which the history keeps', async () => {
		const measure = await newMeasure({
			title: 'Spielplatz',
			status: 'in_progress',
			startOn: '2026-03-01',
			dueOn: '2026-06-30'
		});
		const base = { reportedOn: '2026-06-10', progress: 40 };
		expect(await report(measure.id, { ...base, dueOn: '2026-09-30' })).toEqual({
			ok: false,
			error: { field: 'dueReason', error: 'measures.error.reasonMissing' }
		});
		expect(await report(measure.id, { ...base, dueOn: '2026-09-30', dueReason: '   ' })).toEqual({
			ok: false,
			error: { field: 'dueReason', error: 'measures.error.reasonMissing' }
		});
		expect(
			await report(measure.id, { ...base, dueOn: '2026-02-01', dueReason: 'zu früh' })
		).toMatchObject({
			ok: false,
			error: { field: 'dueOn', error: 'measures.error.dueBeforeStart' }
		});
		expect(await listMeasureUpdates(store.db, measure.id)).toEqual([]);
		expect((await getMeasure(store.db, measure.id))?.dueOn).toBe('2026-06-30');

		const moved = unwrap(
			await report(measure.id, {
				...base,
				dueOn: '2026-09-30',
				dueReason: 'Lieferung der Geräte verzögert sich'
			})
		);
		expect(moved.dueMove).toEqual({
			from: '2026-06-30',
			to: '2026-09-30',
			reason: 'Lieferung der Geräte verzögert sich'
		});
		expect((await getMeasure(store.db, measure.id))?.dueOn).toBe('2026-09-30');
		expect((await listMeasureUpdates(store.db, measure.id))[0].dueMove).toEqual(moved.dueMove);

		// The same date again is no move and needs no reason.
		const same = unwrap(
			await report(measure.id, { reportedOn: '2026-06-12', progress: 45, dueOn: '2026-09-30' })
		);
		expect(same.dueMove).toBeNull();
	});

	test('the overview: overdue and due within 30 days, open measures only', async () => {
		const today = '2026-06-15';
		await newMeasure({ title: 'Längst fällig', status: 'planned', dueOn: '2026-05-01' });
		await newMeasure({ title: 'Gestern fällig', status: 'in_progress', dueOn: '2026-06-14' });
		await newMeasure({ title: 'Erledigt', status: 'done', dueOn: '2026-05-01' });
		await newMeasure({ title: 'Heute fällig', status: 'idea', dueOn: '2026-06-15' });
		await newMeasure({ title: 'In 30 Tagen', status: 'planned', dueOn: '2026-07-15' });
		await newMeasure({ title: 'In 31 Tagen', status: 'planned', dueOn: '2026-07-16' });
		await newMeasure({ title: 'Verworfen', status: 'dropped', dueOn: '2026-06-20' });
		await newMeasure({ title: 'Ohne Frist', status: 'planned' });
		const due = await listDueMeasures(store.db, today);
		expect(due.overdue.map((m) => m.title)).toEqual(['Längst fällig', 'Gestern fällig']);
		expect(due.soon.map((m) => m.title)).toEqual(['Heute fällig', 'In 30 Tagen']);
		expect(due.days).toBe(30);
	});

	test('goal targets: unknown indicators are refused; baseline, now and gap are read', async () => {
		const district = [`bezirksregion:${mitte.code}`];
		expect(
			await createGoal(
				store.db,
				goalInput({
					title: 'Weniger Armut',
					level: 'leitbild',
					districts: district,
					targetIndicatorKey: 'gibtsnicht',
					targetValue: '5',
					targetYear: '2030'
				}),
				planner.id
			)
		).toEqual({
			ok: false,
			error: {
				field: 'targetIndicatorKey',
				error: 'measures.error.listInvalid',
				params: { item: 'gibtsnicht' }
			}
		});
		await store.db.run(
			`INSERT INTO indicators (key, label, unit, polarity, level, created_at)
			VALUES ('armut', 'Kinderarmut', '%', 'higherIsWorse', 'bezirksregion', 1)`
		);
		for (const [period, value] of [
			['2018-12', 30],
			['2020-12', 26]
		] as const)
			await store.db.run(
				`INSERT INTO indicator_values (indicator_key, district_code, level, period, value)
				VALUES ('armut', ?, 'bezirksregion', ?, ?)`,
				[mitte.code, period, value]
			);
		const goal = unwrap(
			await createGoal(
				store.db,
				goalInput({
					title: 'Weniger Armut',
					level: 'leitbild',
					districts: district,
					targetIndicatorKey: 'armut',
					targetValue: '20',
					targetYear: '2030'
				}),
				planner.id
			)
		);
		const status = await goalIndicatorStatus(store.db, goal);
		expect(status).toMatchObject({
			label: 'Kinderarmut',
			period: '2020-12',
			baselinePeriod: '2018-12',
			districts: [
				{ code: mitte.code, value: 26, baseline: 30, gap: 6, aim: 'down', trend: 'towards' }
			]
		});
		// The stored key is not checked again once its indicator is gone (an import may drop it).
		await store.db.run(`DELETE FROM indicators WHERE key = 'armut'`);
		const renamed = await updateGoal(
			store.db,
			goal.id,
			goalInput({
				title: 'Weniger Kinderarmut',
				level: 'leitbild',
				districts: district,
				target: { indicatorKey: 'armut', value: 20, year: 2030 }
			})
		);
		expect(renamed).toMatchObject({ ok: true });
		expect((await getGoal(store.db, goal.id))?.title).toBe('Weniger Kinderarmut');
	});
});
