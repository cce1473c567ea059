import { afterEach, beforeEach, expect, test } from 'vitest';
import * as Y from 'yjs';
import { describeEachStore, type TestStore } from '../../../tests/helpers/stores';
import { createStaff, createTestWorkshop } from '../../../tests/helpers/fixtures';
import { parseBerlinBzr, bzrFile } from '../../../tests/helpers/berlin';
import { DocPersistence } from '../../../server/sync/persistence';
import { createAccessEvents, type AccessChange } from './access-events';
import type { User } from './accounts';
import { createApiToken, listApiTokens, revokeApiToken, validateApiToken } from './api-tokens';
import { closeWorkshop, copyMeasuresToRegister } from './close-workshop';
import { createGoal, deleteGoal, getGoal, listGoals, updateGoal } from './goals';
import {
	addProgressReport,
	createMeasure,
	getMeasure,
	listMeasureUpdates,
	listMeasures,
	measureAsInput,
	updateMeasure
} from './measures';
import { goalsForDistrict, measuresForDistrict, workshopsForDistrict } from './planning-links';
import { getWorkshopLinks, setWorkshopLinks } from './workshop-links';
import { getWorkshop } from './workshops';
import { importDistricts } from './planning/districts';
import { addMeasure } from '../collab/measures';
import { addCard } from '../collab/wall';
import { documentName } from '../collab/documents';
import { checkGoal, checkMeasure, type GoalInput, type MeasureInput } from '../domain/measures';

const bzr = parseBerlinBzr();
const [mitte, tiergarten] = bzr.districts;
const key = (d: { code: string }) => ({ level: 'bezirksregion', code: d.code });

function goalInput(raw: Record<string, unknown>): GoalInput {
	const checked = checkGoal(raw);
	if (!checked.ok) throw new Error(JSON.stringify(checked.error));
	return checked.value;
}

function measureInput(raw: Record<string, unknown>): MeasureInput {
	const checked = checkMeasure(raw);
	if (!checked.ok) throw new Error(JSON.stringify(checked.error));
	return checked.value;
}

const unwrap = <T>(result: { ok: true; value: T } | { ok: false; error: unknown } | null): T => {
	if (!result?.ok) throw new Error(JSON.stringify(result));
	return result.value;
};

describeEachStore('goals, measures and controlling', (open) => {
	let store: TestStore;
	let planner: User;
	let facilitator: User;
	beforeEach(async () => {
		store = await open();
		await createStaff(store.db, 'admin');
		planner = await createStaff(store.db, 'planner');
		facilitator = await createStaff(store.db, 'facilitator');
		await importDistricts(store.db, bzr, {
			fileName: bzrFile,
			createdBy: planner.id,
			parentLevel: 'bezirk'
		});
		// Goal targets must name an indicator the city has.
		await store.db.run(
			`INSERT INTO indicators (key, label, unit, polarity, level, created_at)
			VALUES ('S1', 'Arbeitslosigkeit', '%', 'higherIsWorse', 'bezirksregion', 1)`
		);
	});
	afterEach(() => store.dispose());

	async function hierarchy() {
		const leitbild = unwrap(
			await createGoal(
				store.db,
				goalInput({ title: 'Gutes Aufwachsen', level: 'leitbild', citywide: 'on' }),
				planner.id
			)
		);
		const strategic = unwrap(
			await createGoal(
				store.db,
				goalInput({
					title: 'Mehr Grün',
					level: 'strategic',
					parentId: leitbild.id,
					districts: [`bezirksregion:${mitte.code}`]
				}),
				planner.id
			)
		);
		const operative = unwrap(
			await createGoal(
				store.db,
				goalInput({
					title: 'Schatten auf Spielplätzen',
					level: 'operative',
					parentId: strategic.id,
					districts: [`bezirksregion:${mitte.code}`],
					targetIndicatorKey: 'S1',
					targetValue: '5',
					targetYear: '2030'
				}),
				planner.id
			)
		);
		return { leitbild, strategic, operative };
	}

	test('goals form a hierarchy with districts or city-wide and an optional target', async () => {
		const { leitbild, strategic, operative } = await hierarchy();
		expect(await getGoal(store.db, operative.id)).toMatchObject({
			parentId: strategic.id,
			level: 'operative',
			citywide: false,
			districts: [key(mitte)],
			target: { indicatorKey: 'S1', value: 5, year: 2030 }
		});
		expect((await listGoals(store.db)).map((g) => g.title).sort()).toEqual([
			'Gutes Aufwachsen',
			'Mehr Grün',
			'Schatten auf Spielplätzen'
		]);
		// Wrong parent level, unknown district, level change that strands children:
		expect(
			await createGoal(
				store.db,
				goalInput({ title: 'x', level: 'operative', parentId: leitbild.id }),
				null
			)
		).toMatchObject({
			ok: false,
			error: { field: 'parentId', error: 'measures.error.parentLevel' }
		});
		expect(
			await createGoal(
				store.db,
				goalInput({ title: 'x', level: 'leitbild', districts: ['bezirksregion:nope'] }),
				null
			)
		).toMatchObject({ ok: false, error: { field: 'districts' } });
		expect(
			await updateGoal(store.db, strategic.id, goalInput({ title: 'Mehr Grün', level: 'leitbild' }))
		).toMatchObject({ ok: false, error: { field: 'level' } });
		expect(
			await updateGoal(store.db, 'missing', goalInput({ title: 'x', level: 'leitbild' }))
		).toBeNull();
		expect(await deleteGoal(store.db, leitbild.id)).toBe('hasChildren');
		expect(await deleteGoal(store.db, operative.id)).toBe('deleted');
	});

	test('measures with goals and districts; status changes and reports make the timeline', async () => {
		const { operative } = await hierarchy();
		const measure = unwrap(
			await createMeasure(
				store.db,
				measureInput({
					title: 'Sonnensegel',
					responsible: 'Grünflächenamt Mitte',
					dueOn: '2026-05-31',
					budget: '4.500',
					goalIds: [operative.id],
					districts: [`bezirksregion:${mitte.code}`]
				}),
				planner.id
			)
		);
		expect(measure).toMatchObject({
			status: 'idea',
			budget: 4500,
			goalIds: [operative.id],
			progress: null
		});
		expect(
			await createMeasure(store.db, measureInput({ title: 'x', goalIds: ['unknown'] }), null)
		).toMatchObject({ ok: false, error: { field: 'goalIds' } });

		const author = { id: planner.id, name: planner.name };
		expect(
			await updateMeasure(
				store.db,
				measure.id,
				{ ...measureAsInput(measure), status: 'done' },
				author
			)
		).toMatchObject({
			ok: false,
			error: { field: 'status', error: 'measures.error.statusTransition' }
		});
		const planned = unwrap(
			await updateMeasure(
				store.db,
				measure.id,
				{ ...measureAsInput(measure), status: 'planned' },
				author,
				1000,
				'2026-03-01'
			)
		);
		expect(planned.status).toBe('planned');

		expect(
			await addProgressReport(
				store.db,
				measure.id,
				{
					reportedOn: '2026-04-01',
					status: 'in_progress',
					progress: '40',
					note: 'Auftrag vergeben'
				},
				author,
				{ mayChangeStatus: true },
				2000,
				'2026-04-01'
			)
		).toMatchObject({ ok: true, value: { kind: 'report', progress: 40 } });
		expect(await getMeasure(store.db, measure.id)).toMatchObject({
			status: 'in_progress',
			progress: 40,
			lastReportOn: '2026-04-01'
		});
		expect(
			(await listMeasureUpdates(store.db, measure.id)).map((u) => [u.kind, u.status, u.progress])
		).toEqual([
			['report', 'in_progress', 40],
			['status', 'planned', null]
		]);
	});

	test('a report is checked against the status stored when it is written, not when the page loaded', async () => {
		const measure = unwrap(
			await createMeasure(store.db, measureInput({ title: 'Hoffest', status: 'planned' }), null)
		);
		const author = { id: planner.id, name: planner.name };
		// Someone else moved it on after this page was loaded with "planned" (which allows "idea").
		unwrap(
			await updateMeasure(
				store.db,
				measure.id,
				{ ...measureAsInput(measure), status: 'in_progress' },
				author
			)
		);
		const report = { reportedOn: '2026-04-01', status: 'idea', progress: 10 };
		expect(
			await addProgressReport(store.db, measure.id, report, author, { mayChangeStatus: true })
		).toMatchObject({
			ok: false,
			error: {
				field: 'status',
				error: 'measures.error.statusTransition',
				params: { from: 'in_progress', allowed: ['planned', 'done', 'dropped'] }
			}
		});
		expect((await getMeasure(store.db, measure.id))?.status).toBe('in_progress');
		expect(
			await addProgressReport(store.db, 'missing', report, author, { mayChangeStatus: true })
		).toBeNull();
	});

	test('two status changes at once are checked one after the other', async () => {
		const measure = unwrap(
			await createMeasure(store.db, measureInput({ title: 'Hoffest', status: 'planned' }), null)
		);
		const author = { id: planner.id, name: planner.name };
		const report = (status: string) =>
			addProgressReport(
				store.db,
				measure.id,
				{ reportedOn: '2026-04-01', status, progress: 10 },
				author,
				{ mayChangeStatus: true }
			);
		// From "planned" both are allowed; after either one, the other is not.
		const results = await Promise.all([report('in_progress'), report('idea')]);
		expect(results.filter((r) => r?.ok)).toHaveLength(1);
		expect(results.find((r) => r && !r.ok)).toMatchObject({
			error: { error: 'measures.error.statusTransition' }
		});
		expect(await listMeasureUpdates(store.db, measure.id)).toHaveLength(1);
	});

	test('without planning.manage a report adds progress and a note but keeps the status', async () => {
		const measure = unwrap(
			await createMeasure(store.db, measureInput({ title: 'Hoffest', status: 'planned' }), null)
		);
		const added = await addProgressReport(
			store.db,
			measure.id,
			{ reportedOn: '2026-04-01', status: 'dropped', progress: '20', note: 'Zelt bestellt' },
			{ id: facilitator.id, name: facilitator.name },
			{ mayChangeStatus: false }
		);
		expect(added).toMatchObject({
			ok: true,
			value: { status: 'planned', progress: 20, note: 'Zelt bestellt' }
		});
		expect(await getMeasure(store.db, measure.id)).toMatchObject({
			status: 'planned',
			progress: 20
		});
	});

	test('links to a district a boundary import removed stay and do not block later saves', async () => {
		const { leitbild } = await hierarchy();
		const goal = unwrap(
			await createGoal(
				store.db,
				goalInput({
					title: 'Treffpunkte',
					level: 'strategic',
					parentId: leitbild.id,
					districts: [`bezirksregion:${mitte.code}`, `bezirksregion:${tiergarten.code}`]
				}),
				planner.id
			)
		);
		const measure = unwrap(
			await createMeasure(
				store.db,
				measureInput({
					title: 'Bänke',
					districts: [`bezirksregion:${mitte.code}`, `bezirksregion:${tiergarten.code}`]
				}),
				planner.id
			)
		);
		await importDistricts(
			store.db,
			{ ...bzr, districts: bzr.districts.filter((d) => d.code !== tiergarten.code) },
			// The planner said yes to removing a district that a measure links to.
			{ fileName: bzrFile, createdBy: planner.id, parentLevel: 'bezirk', confirmRemoval: true }
		);
		const author = { id: planner.id, name: planner.name };
		const saved = unwrap(
			await updateMeasure(
				store.db,
				measure.id,
				{ ...measureAsInput(measure), status: 'planned' },
				author
			)
		);
		expect(saved).toMatchObject({ status: 'planned', districts: measure.districts });
		const goalSaved = unwrap(
			await updateGoal(store.db, goal.id, goalInput({ ...goal, status: 'achieved' }))
		);
		expect(goalSaved.districts).toEqual(goal.districts);

		// A district that does not exist is still refused when it is new, and named.
		const unknown = { level: 'bezirksregion', code: '99999999' };
		expect(
			await updateMeasure(
				store.db,
				measure.id,
				{ ...measureAsInput(saved), districts: [...saved.districts, unknown] },
				author
			)
		).toMatchObject({
			ok: false,
			error: {
				field: 'districts',
				error: 'measures.error.listInvalid',
				params: { item: 'bezirksregion:99999999' }
			}
		});
		expect(
			await updateGoal(
				store.db,
				goal.id,
				goalInput({ ...goal, districts: [...goal.districts, unknown] })
			)
		).toMatchObject({ ok: false, error: { params: { item: 'bezirksregion:99999999' } } });
	});

	test('the register filters by district, goal, status, responsible, due date and overdue', async () => {
		const { operative } = await hierarchy();
		const make = async (raw: Record<string, unknown>) =>
			unwrap(await createMeasure(store.db, measureInput(raw), planner.id));
		const a = await make({
			title: 'A',
			responsible: 'Jugendamt',
			dueOn: '2026-01-31',
			status: 'planned',
			districts: [`bezirksregion:${mitte.code}`],
			goalIds: [operative.id]
		});
		const b = await make({
			title: 'B',
			responsible: 'Schulamt',
			dueOn: '2026-01-31',
			status: 'done',
			districts: [`bezirksregion:${tiergarten.code}`]
		});
		const c = await make({ title: 'C', responsible: 'jugendAMT Süd', dueOn: '2026-12-31' });
		const ids = async (filter: Parameters<typeof listMeasures>[1]) =>
			(await listMeasures(store.db, filter, '2026-06-01')).map((m) => m.title);
		expect(await ids({})).toEqual(['A', 'B', 'C']);
		expect(await ids({ district: key(mitte) })).toEqual(['A']);
		expect(await ids({ goalId: operative.id })).toEqual(['A']);
		expect(await ids({ status: 'done' })).toEqual(['B']);
		expect(await ids({ responsible: 'jugendamt' })).toEqual(['A', 'C']);
		expect(await ids({ dueFrom: '2026-06-01' })).toEqual(['C']);
		expect(await ids({ dueTo: '2026-06-01' })).toEqual(['A', 'B']);
		expect(await ids({ overdue: true })).toEqual(['A']);
		expect([a, b, c].every((m) => m.id)).toBe(true);

		expect(
			(await goalsForDistrict(store.db, mitte.code)).map((g) => [g.title, g.viaCitywide])
		).toEqual([
			['Gutes Aufwachsen', true],
			['Mehr Grün', false],
			['Schatten auf Spielplätzen', false]
		]);
		expect(
			(await measuresForDistrict(store.db, tiergarten.code, 'bezirksregion')).map((m) => m.title)
		).toEqual(['B']);
	});

	test('closing a workshop copies the live measure plan into the register, once', async () => {
		const { strategic } = await hierarchy();
		const workshop = await createTestWorkshop(store.db, facilitator);
		unwrap(
			await setWorkshopLinks(store.db, workshop.id, {
				districts: [key(mitte)],
				goalIds: [strategic.id]
			})
		);
		expect(await getWorkshopLinks(store.db, workshop.id)).toEqual({
			districts: [key(mitte)],
			goalIds: [strategic.id]
		});
		expect((await workshopsForDistrict(store.db, mitte.code)).map((w) => w.id)).toEqual([
			workshop.id
		]);

		// The content document as the sync engine stores it: a snapshot and a log entry.
		const doc = new Y.Doc();
		const cardId = addCard(doc, { text: 'Zu wenig Schatten', x: 0, y: 0, colour: 'yellow' });
		const persistence = new DocPersistence(store.db);
		const name = documentName(workshop.id, 'content');
		await persistence.append([{ doc: name, update: Y.encodeStateAsUpdate(doc) }]);
		const before = Y.encodeStateVector(doc);
		addMeasure(doc, {
			title: 'Bäume pflanzen',
			responsible: 'Bürgerverein',
			startOn: '2026-05-01',
			dueOn: '2026-04-01',
			originCards: [cardId],
			originPhase: 'verwirklichung',
			quickWin: true
		});
		addMeasure(doc, { title: '' });
		await persistence.append([{ doc: name, update: Y.encodeStateAsUpdate(doc, before) }]);

		const access = createAccessEvents();
		const changes: AccessChange[] = [];
		access.subscribe((change) => changes.push(change));
		const services = { db: store.db, access };
		expect(
			await closeWorkshop(services, workshop.id, {
				kind: 'staff',
				userId: planner.id,
				name: 'p',
				role: 'planner'
			})
		).toEqual({
			ok: false,
			error: 'forbidden'
		});
		const actor = {
			kind: 'staff',
			userId: facilitator.id,
			name: facilitator.name,
			role: 'facilitator'
		} as const;
		const first = await closeWorkshop(services, workshop.id, actor);
		expect(first).toEqual({
			ok: true,
			report: {
				copied: 1,
				alreadyCopied: 0,
				skipped: 1,
				cleared: [{ title: 'Bäume pflanzen', fields: ['dueOn'] }]
			}
		});
		expect(changes).toEqual([{ workshopId: workshop.id }]);
		expect((await getWorkshop(store.db, workshop.id))?.status).toBe('closed');
		const again = await closeWorkshop(services, workshop.id, actor);
		expect(again).toMatchObject({ ok: true, report: { copied: 0, alreadyCopied: 1 } });
		const register = await listMeasures(store.db, { workshopId: workshop.id });
		expect(register).toHaveLength(1);
		expect(register[0]).toMatchObject({
			title: 'Bäume pflanzen',
			responsible: 'Bürgerverein',
			quickWin: true,
			originWorkshopId: workshop.id,
			originWorkshopTitle: workshop.title,
			originPhase: 'verwirklichung',
			originCards: [{ id: cardId, text: 'Zu wenig Schatten' }],
			// No goals or districts in the draft: the workshop's own links.
			goalIds: [strategic.id],
			districts: [key(mitte)]
		});
	});

	test('two closes of the same workshop at once both succeed and copy each draft once', async () => {
		const workshop = await createTestWorkshop(store.db, facilitator);
		const doc = new Y.Doc();
		addMeasure(doc, { title: 'Bänke aufstellen' });
		addMeasure(doc, { title: 'Hoffest' });
		await new DocPersistence(store.db).append([
			{ doc: documentName(workshop.id, 'content'), update: Y.encodeStateAsUpdate(doc) }
		]);
		const actor = {
			kind: 'staff',
			userId: facilitator.id,
			name: facilitator.name,
			role: 'facilitator'
		} as const;
		// A pause before copying makes the two transactions overlap, as two slow requests would.
		const steps = [
			() => new Promise<void>((done) => setTimeout(done, 100)),
			copyMeasuresToRegister
		];
		const results = await Promise.all([
			closeWorkshop({ db: store.db, access: createAccessEvents() }, workshop.id, actor, steps),
			closeWorkshop({ db: store.db, access: createAccessEvents() }, workshop.id, actor, steps)
		]);
		expect(results.every((r) => r.ok)).toBe(true);
		expect(
			results.map((r) => (r.ok ? [r.report.copied, r.report.alreadyCopied] : null)).sort()
		).toEqual([
			[0, 2],
			[2, 0]
		]);
		const register = await listMeasures(store.db, { workshopId: workshop.id });
		expect(register.map((m) => m.title).sort()).toEqual(['Bänke aufstellen', 'Hoffest']);
	});

	test('API tokens: only the hash is stored; revoked tokens and demoted makers stop working', async () => {
		const { token, id } = await createApiToken(store.db, {
			name: 'GIS',
			scope: 'read',
			createdBy: planner.id
		});
		expect(token).toMatch(/^qw_[a-z0-9]+$/);
		const stored = await store.db.get<{ token_hash: string }>(
			'SELECT token_hash FROM api_tokens WHERE id = ?',
			[id]
		);
		expect(stored?.token_hash).not.toContain(token.slice(3));
		expect(await validateApiToken(store.db, token, 5000)).toMatchObject({
			tokenId: id,
			scope: 'read',
			actor: { userId: planner.id, role: 'planner' }
		});
		expect((await listApiTokens(store.db, planner.id))[0]).toMatchObject({
			name: 'GIS',
			lastUsedAt: 5000
		});
		expect(await validateApiToken(store.db, 'qw_wrongwrongwrongwrongwrong')).toBeNull();
		expect(await revokeApiToken(store.db, id, facilitator.id)).toBe(false);
		expect(await revokeApiToken(store.db, id, planner.id)).toBe(true);
		expect(await validateApiToken(store.db, token)).toBeNull();

		const second = await createApiToken(store.db, {
			name: 'BI',
			scope: 'write',
			createdBy: planner.id
		});
		await store.db.run("UPDATE users SET role = 'facilitator' WHERE id = ?", [planner.id]);
		expect(await validateApiToken(store.db, second.token)).toBeNull();
	});
});
