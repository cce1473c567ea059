import { afterEach, beforeEach, expect, test } from 'vitest';
import type { Actor } from '../../domain/roles';
import type { User } from '../accounts';
import { readArchive } from '../archive/archive-entry';
import { closeWorkshop } from '../close-workshop';
import type { Workshop } from '../workshops';
import { createStaff, createTestWorkshop, joinAsGuest } from '../../../../tests/helpers/fixtures';
import { describeEachStore, type TestStore } from '../../../../tests/helpers/stores';
import { startSyncServer } from '../../../../tests/helpers/sync';
import {
	answerReach,
	hasAnswered,
	participantReach,
	pickReachQuestions,
	reachMessage,
	type ReachResult
} from './store';
import { reachTotals } from './totals';

const refusal = (result: ReachResult) => {
	if (result.ok) throw new Error('expected a refusal');
	return result.error;
};

describeEachStore('reach questions', (open) => {
	let store: TestStore;
	let facilitator: User;
	let staff: Actor;
	let workshop: Workshop;

	const guest = (
		participantId: string,
		w = workshop,
		role: 'participant' | 'observer' = 'participant'
	): Actor => ({
		kind: 'guest',
		participantId,
		workshopId: w.id,
		displayName: null,
		role
	});
	async function participants(n: number, w = workshop): Promise<Actor[]> {
		const out: Actor[] = [];
		for (let i = 0; i < n; i++) {
			const joined = await joinAsGuest(store.db, w, facilitator, { name: `P${i}` });
			out.push(guest(joined.participantId, w));
		}
		return out;
	}
	async function rawCounts(workshopId = workshop.id) {
		const rows = await store.db.all<{ question_id: string; choice_id: string; total: number }>(
			'SELECT question_id, choice_id, total FROM reach_counts WHERE workshop_id = ? ORDER BY question_id, choice_id',
			[workshopId]
		);
		return Object.fromEntries(
			rows.map((r) => [`${r.question_id}:${r.choice_id}`, Number(r.total)])
		);
	}
	const live = (w = workshop) =>
		store.db.run("UPDATE workshops SET status = 'live' WHERE id = ?", [w.id]);

	beforeEach(async () => {
		store = await open();
		await createStaff(store.db, 'admin');
		facilitator = await createStaff(store.db, 'facilitator');
		staff = { kind: 'staff', userId: facilitator.id, name: facilitator.name, role: 'facilitator' };
		workshop = await createTestWorkshop(store.db, facilitator);
		const picked = await pickReachQuestions(store.db, staff, workshop.id, ['age', 'firstTime']);
		expect(picked.ok).toBe(true);
		await live();
	});

	afterEach(async () => {
		await store.dispose();
	});

	test('answers are counted per choice, and totals below 5 are not shown', async () => {
		const people = await participants(6);
		for (const [i, person] of people.entries()) {
			const result = await answerReach(store.db, person, workshop.id, {
				age: i < 5 ? '18to29' : '65plus',
				...(i % 2 === 0 ? { firstTime: 'yes' } : {})
			});
			expect(result).toEqual({ ok: true, value: null });
		}
		const counts = await rawCounts();
		expect(counts['age:18to29']).toBe(5);
		expect(counts['age:65plus']).toBe(1);
		expect(counts['firstTime:yes']).toBe(3);
		expect(counts['firstTime:no']).toBe(0);
		const totals = await reachTotals(store.db, workshop.id);
		expect(totals.respondents).toBe(6);
		const age = totals.questions.find((q) => q.id === 'age')!;
		expect(age.text).toBe('Wie alt sind Sie?');
		expect(age.choices.find((c) => c.id === '18to29')?.total).toBe(5);
		expect(age.choices.find((c) => c.id === '65plus')?.total).toBeNull();
		expect(
			totals.questions.find((q) => q.id === 'firstTime')!.choices.every((c) => c.total === null)
		).toBe(true);
	});

	test('a second answer from the same participant is refused and changes nothing', async () => {
		const [anna] = await participants(1);
		expect((await answerReach(store.db, anna, workshop.id, { age: '30to49' })).ok).toBe(true);
		const again = await answerReach(store.db, anna, workshop.id, { age: '50to64' });
		expect(again).toMatchObject({ ok: false, status: 409, error: { key: 'reach.error.already' } });
		expect(reachMessage('de', refusal(again))).toMatch(/schon beantwortet/);
		expect((await rawCounts())['age:30to49']).toBe(1);
		expect((await rawCounts())['age:50to64']).toBe(0);
		expect(
			await hasAnswered(store.db, workshop.id, (anna as { participantId: string }).participantId)
		).toBe(true);
		expect((await participantReach(store.db, anna, workshop.id, 'de')).answered).toBe(true);
	});

	test('an answer outside the offered choices is refused with a German message naming the question; nothing is counted', async () => {
		const [anna] = await participants(1);
		const bad = await answerReach(store.db, anna, workshop.id, { age: 'uralt' });
		expect(bad).toMatchObject({ ok: false, status: 400 });
		expect(reachMessage('de', refusal(bad))).toBe(
			'Frage „Wie alt sind Sie?“: Diese Antwort gibt es nicht. Bitte wählen Sie eine der angebotenen Antworten.'
		);
		// A choice of another question, a question not asked here, a number, a list, nothing.
		for (const answers of [
			{ age: 'yes' },
			{ age: '18to29', children: 'yes' },
			{ age: 18 },
			['age', '18to29'],
			{},
			null,
			'age=18to29'
		]) {
			const refused = await answerReach(store.db, anna, workshop.id, answers);
			expect(refused).toMatchObject({ ok: false, status: 400 });
		}
		expect(Object.values(await rawCounts()).every((n) => n === 0)).toBe(true);
		// Nothing half-done: the refusals used up no answer.
		expect((await answerReach(store.db, anna, workshop.id, { age: '18to29' })).ok).toBe(true);
	});

	test('only participants of this workshop answer, and only while it runs or after the close', async () => {
		const other = await createTestWorkshop(store.db, facilitator, 'Andere Werkstatt');
		await pickReachQuestions(store.db, staff, other.id, ['age']);
		await live(other);
		const [stranger] = await participants(1, other);
		const observer = await joinAsGuest(store.db, workshop, facilitator, { role: 'observer' });
		const answer = { age: '18to29' };
		expect(await answerReach(store.db, stranger, workshop.id, answer)).toMatchObject({
			status: 403,
			error: { key: 'reach.error.participantsOnly' }
		});
		expect(
			await answerReach(
				store.db,
				guest(observer.participantId, workshop, 'observer'),
				workshop.id,
				answer
			)
		).toMatchObject({ status: 403 });
		expect(await answerReach(store.db, staff, workshop.id, answer)).toMatchObject({ status: 403 });
		expect(await answerReach(store.db, null, workshop.id, answer)).toMatchObject({ status: 401 });
		// A participant of this workshop, but it is still in preparation, or archived.
		const [anna] = await participants(1);
		await store.db.run("UPDATE workshops SET status = 'draft' WHERE id = ?", [workshop.id]);
		expect(await answerReach(store.db, anna, workshop.id, answer)).toMatchObject({
			status: 409,
			error: { key: 'reach.error.notYet' }
		});
		await store.db.run("UPDATE workshops SET status = 'archived' WHERE id = ?", [workshop.id]);
		expect(await answerReach(store.db, anna, workshop.id, answer)).toMatchObject({
			status: 409,
			error: { key: 'reach.error.over' }
		});
		expect(Object.values(await rawCounts()).every((n) => n === 0)).toBe(true);
		expect((await participantReach(store.db, stranger, workshop.id, 'de')).questions).toEqual([]);
	});

	test('the pick: at most three known questions or one own question with fixed choices, by the facilitator, until the first answer', async () => {
		const [anna] = await participants(1);
		expect(await pickReachQuestions(store.db, anna, workshop.id, ['age'])).toMatchObject({
			status: 403
		});
		expect(
			await pickReachQuestions(store.db, staff, workshop.id, [
				'age',
				'firstTime',
				'children',
				'language'
			])
		).toMatchObject({ status: 400, error: { key: 'reach.error.tooMany' } });
		expect(await pickReachQuestions(store.db, staff, workshop.id, ['schuhgroesse'])).toMatchObject({
			status: 400
		});
		expect(
			await pickReachQuestions(store.db, staff, workshop.id, [
				{ id: 'custom', text: 'Wie sind Sie gekommen?', choices: ['Zu Fuß'] }
			])
		).toMatchObject({ status: 400, error: { key: 'reach.error.customChoices' } });
		const own = await pickReachQuestions(store.db, staff, workshop.id, [
			'livesHere',
			{
				id: 'custom',
				text: 'Wie sind Sie gekommen?',
				choices: ['Zu Fuß', 'Mit Bus oder Bahn', 'Mit dem Auto']
			}
		]);
		expect(own.ok).toBe(true);
		expect(await rawCounts()).toEqual({
			'custom:c1': 0,
			'custom:c2': 0,
			'custom:c3': 0,
			'livesHere:elsewhere': 0,
			'livesHere:here': 0,
			'livesHere:near': 0
		});
		expect(await answerReach(store.db, anna, workshop.id, { age: '18to29' })).toMatchObject({
			status: 400,
			error: { key: 'reach.error.notOffered' }
		});
		expect((await answerReach(store.db, anna, workshop.id, { custom: 'c2' })).ok).toBe(true);
		expect(await pickReachQuestions(store.db, staff, workshop.id, ['age'])).toMatchObject({
			status: 409,
			error: { key: 'reach.error.locked' }
		});
		const totals = await reachTotals(store.db, workshop.id);
		expect(totals.questions.map((q) => q.text)).toEqual([
			'Wohnen Sie in diesem Quartier?',
			'Wie sind Sie gekommen?'
		]);
	});

	test('twenty answers at once give exact totals, and twenty repeats at once count once', async () => {
		const people = await participants(20);
		const results = await Promise.all(
			people.map((p, i) =>
				answerReach(store.db, p, workshop.id, { age: i % 2 ? '18to29' : '30to49', firstTime: 'no' })
			)
		);
		expect(results.every((r) => r.ok)).toBe(true);
		const counts = await rawCounts();
		expect([counts['age:18to29'], counts['age:30to49'], counts['firstTime:no']]).toEqual([
			10, 10, 20
		]);
		const repeats = await Promise.all(
			people.map((p) => answerReach(store.db, p, workshop.id, { firstTime: 'yes' }))
		);
		expect(repeats.every((r) => !r.ok && r.status === 409)).toBe(true);
		expect((await rawCounts())['firstTime:yes']).toBe(0);
		expect((await reachTotals(store.db, workshop.id)).respondents).toBe(20);
	});

	test('a dump of the whole store links no participant, invite or session to an answer', async () => {
		const people = await participants(6);
		for (const [i, p] of people.entries())
			await answerReach(store.db, p, workshop.id, { age: i === 0 ? 'under18' : '50to64' });
		const tables =
			store.db.kind === 'sqlite'
				? (
						await store.db.all<{ name: string }>(
							"SELECT name FROM sqlite_master WHERE type = 'table'"
						)
					).map((t) => t.name)
				: (
						await store.db.all<{ name: string }>(
							'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()'
						)
					).map((t) => t.name);
		const personIds = new Set<string>();
		for (const row of await store.db.all<{ id: string; invite_id: string }>(
			'SELECT id, invite_id FROM participants'
		))
			personIds.add(row.id).add(row.invite_id);
		for (const row of await store.db.all<{ id: string }>('SELECT id FROM sessions'))
			personIds.add(row.id);
		const choices = ['under18', '50to64'];
		for (const table of tables) {
			const rows = await store.db.all<Record<string, unknown>>(`SELECT * FROM ${table}`);
			for (const row of rows) {
				const text = JSON.stringify(row, (_, v) =>
					v instanceof Uint8Array
						? Buffer.from(v).toString('latin1')
						: typeof v === 'bigint'
							? String(v)
							: v
				);
				const names = [...personIds].filter((id) => text.includes(id));
				const answered = choices.filter((c) => text.includes(`"${c}"`));
				expect({ table, names, answered }).not.toMatchObject({
					names: [expect.anything()],
					answered: [expect.anything()]
				});
			}
		}
		// The counters are counters: no column beyond the three keys and the total.
		const counter = await store.db.all<Record<string, unknown>>(
			'SELECT * FROM reach_counts WHERE workshop_id = ?',
			[workshop.id]
		);
		expect(Object.keys(counter[0]).sort()).toEqual([
			'choice_id',
			'question_id',
			'total',
			'workshop_id'
		]);
		// The markers name nobody: no participant id in them, no time, no order column.
		const markers = await store.db.all<Record<string, string>>('SELECT * FROM reach_answered');
		expect(markers).toHaveLength(6);
		for (const m of markers) {
			expect(Object.keys(m).sort()).toEqual(['marker', 'workshop_id']);
			for (const id of personIds) expect(m.marker).not.toContain(id);
		}
		// And the one who chose "under 18" is not to be found among the counters either: on
		// PostgreSQL every counter of the workshop was last written by the same transaction.
		expect((await rawCounts())['age:under18']).toBe(1);
		if (store.db.kind === 'postgres') {
			const ids = await store.db.all<{ x: string }>(
				'SELECT DISTINCT xmin::text AS x FROM reach_counts WHERE workshop_id = ?',
				[workshop.id]
			);
			expect(ids).toHaveLength(1);
		}
	});

	test('the documentation shows the totals at the close, and answers after the close bring it up to date', async () => {
		const server = await startSyncServer(store.db);
		try {
			const people = await participants(7);
			for (const p of people.slice(0, 5))
				await answerReach(store.db, p, workshop.id, { age: '30to49', firstTime: 'yes' });
			const closed = await closeWorkshop(server.services, workshop.id, staff);
			expect(closed.ok).toBe(true);
			const section = async () => {
				const entry = await readArchive(store.db, workshop.id);
				const phase = entry!.export.phases.find((p) => p.id === 'reichweite');
				return phase?.text?.map((b) => b.text) ?? [];
			};
			expect(await section()).toEqual(
				expect.arrayContaining([
					'Geantwortet haben: 5.',
					'Wie alt sind Sie?',
					'30 bis 49 Jahre: 5',
					'18 bis 29 Jahre: weniger als 5',
					'Ja, zum ersten Mal: 5'
				])
			);
			await store.db.run("UPDATE archives SET manifest_json = '{}' WHERE workshop_id = ?", [
				workshop.id
			]);
			for (const p of people.slice(5))
				expect((await answerReach(store.db, p, workshop.id, { age: '30to49' })).ok).toBe(true);
			expect(await section()).toEqual(
				expect.arrayContaining([
					'Geantwortet haben: 7.',
					'30 bis 49 Jahre: 7',
					'Ja, zum ersten Mal: 5'
				])
			);
			const manifest = await store.db.get<{ manifest_json: string | null }>(
				'SELECT manifest_json FROM archives WHERE workshop_id = ?',
				[workshop.id]
			);
			expect(manifest?.manifest_json).toBeNull();
			// Closed: the pick stays.
			expect(await pickReachQuestions(store.db, staff, workshop.id, ['age'])).toMatchObject({
				status: 409
			});
		} finally {
			await server.stop();
		}
	});
});
