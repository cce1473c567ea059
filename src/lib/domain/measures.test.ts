import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
	canChangeStatus,
	checkGoal,
	checkGoalParent,
	checkMeasure,
	checkProgress,
	checkProgressReport,
	districtChoices,
	goalLevels,
	goalTree,
	isOverdue,
	measureStatuses,
	parseDistrictKey,
	readAmount,
	wouldCreateCycle,
	type GoalLevel
} from './measures';

describe('checkMeasure', () => {
	test('a title is all a new measure needs; it starts as an idea', () => {
		const result = checkMeasure({ title: '  Bank an der Haltestelle ' });
		expect(result).toEqual({
			ok: true,
			value: expect.objectContaining({
				title: 'Bank an der Haltestelle',
				status: 'idea',
				startOn: null,
				dueOn: null,
				budget: null,
				quickWin: false,
				goalIds: [],
				districts: []
			})
		});
	});

	test('a missing title names the title field', () => {
		expect(checkMeasure({ title: '   ' })).toEqual({
			ok: false,
			error: { field: 'title', error: 'measures.error.titleMissing' }
		});
	});

	test('a due date before the start date names the due date field', () => {
		expect(checkMeasure({ title: 'x', startOn: '2026-05-01', dueOn: '2026-04-30' })).toEqual({
			ok: false,
			error: { field: 'dueOn', error: 'measures.error.dueBeforeStart' }
		});
		expect(checkMeasure({ title: 'x', startOn: '2026-05-01', dueOn: '2026-05-01' }).ok).toBe(true);
	});

	test('impossible dates are refused with their field', () => {
		expect(checkMeasure({ title: 'x', startOn: '2026-02-30' })).toMatchObject({
			error: { field: 'startOn', error: 'measures.error.dateInvalid' }
		});
	});

	test('form values are understood: German decimal comma, checkbox, repeated ids, districts', () => {
		const result = checkMeasure({
			title: 'x',
			budget: '1.500,50',
			staffHours: '12',
			quickWin: 'on',
			goalIds: ['abc', 'abc', 'def'],
			districts: ['planungsraum:0101', { level: 'bezirk', code: '01' }]
		});
		expect(result).toMatchObject({
			ok: true,
			value: {
				budget: 1500.5,
				staffHours: 12,
				quickWin: true,
				goalIds: ['abc', 'def'],
				districts: [
					{ level: 'planungsraum', code: '0101' },
					{ level: 'bezirk', code: '01' }
				]
			}
		});
	});

	test('editing enforces the status transitions and names the allowed next ones', () => {
		expect(checkMeasure({ title: 'x', status: 'done' }, 'idea')).toEqual({
			ok: false,
			error: {
				field: 'status',
				error: 'measures.error.statusTransition',
				params: { from: 'idea', allowed: ['planned', 'dropped'] }
			}
		});
		expect(checkMeasure({ title: 'x', status: 'planned' }, 'idea').ok).toBe(true);
		expect(checkMeasure({ title: 'x', status: 'bogus' })).toMatchObject({
			error: { field: 'status' }
		});
	});

	test('whatever arrives, the result is either a clean measure or an error naming a field', () => {
		fc.assert(
			fc.property(
				fc.dictionary(
					fc.constantFrom(
						'title',
						'description',
						'startOn',
						'dueOn',
						'budget',
						'staffHours',
						'status',
						'goalIds',
						'districts',
						'quickWin'
					),
					fc.oneof(
						fc.string(),
						fc.integer(),
						fc.double(),
						fc.boolean(),
						fc.constant(null),
						fc.array(fc.string())
					)
				),
				(raw) => {
					const result = checkMeasure(raw);
					if (!result.ok) {
						expect(typeof result.error.field).toBe('string');
						return;
					}
					const m = result.value;
					expect(m.title.length).toBeGreaterThan(0);
					expect(measureStatuses).toContain(m.status);
					if (m.startOn && m.dueOn) expect(m.dueOn >= m.startOn).toBe(true);
					for (const amount of [m.budget, m.staffHours])
						if (amount !== null) expect(Number.isFinite(amount) && amount >= 0).toBe(true);
				}
			)
		);
	});
});

describe('status and progress', () => {
	test('done and dropped can be reopened, but an idea cannot jump to done', () => {
		expect(canChangeStatus('idea', 'done')).toBe(false);
		expect(canChangeStatus('done', 'in_progress')).toBe(true);
		expect(canChangeStatus('dropped', 'idea')).toBe(true);
		for (const s of measureStatuses) expect(canChangeStatus(s, s)).toBe(true);
	});

	test('progress is a whole number from 0 to 100', () => {
		fc.assert(
			fc.property(fc.oneof(fc.integer(), fc.double(), fc.string()), (raw) => {
				const result = checkProgress(raw);
				if (result.ok) expect(result.value >= 0 && result.value <= 100).toBe(true);
			})
		);
		expect(checkProgress('55')).toEqual({ ok: true, value: 55 });
		expect(checkProgress(101)).toMatchObject({ ok: false, error: { field: 'progress' } });
		expect(checkProgress(2.5)).toMatchObject({ ok: false });
	});

	test('a report needs a date and keeps the status when none is given', () => {
		expect(checkProgressReport({ progress: 10 }, 'planned')).toMatchObject({
			error: { field: 'reportedOn' }
		});
		expect(
			checkProgressReport({ reportedOn: '2026-06-01', progress: '30', note: 'läuft' }, 'planned')
		).toEqual({
			ok: true,
			value: { reportedOn: '2026-06-01', status: 'planned', progress: 30, note: 'läuft' }
		});
	});

	test('overdue: due date passed and neither done nor dropped', () => {
		expect(isOverdue({ dueOn: '2026-01-31', status: 'planned' }, '2026-02-01')).toBe(true);
		expect(isOverdue({ dueOn: '2026-02-01', status: 'planned' }, '2026-02-01')).toBe(false);
		expect(isOverdue({ dueOn: '2026-01-31', status: 'done' }, '2026-02-01')).toBe(false);
		expect(isOverdue({ dueOn: '2026-01-31', status: 'dropped' }, '2026-02-01')).toBe(false);
		expect(isOverdue({ dueOn: null, status: 'idea' }, '2026-02-01')).toBe(false);
	});

	test('amounts: negative, huge and non-numbers are refused', () => {
		expect(readAmount('-1', 'budget').ok).toBe(false);
		expect(readAmount('1e12', 'budget').ok).toBe(false);
		expect(readAmount('abc', 'budget').ok).toBe(false);
		expect(readAmount('12 €', 'budget')).toEqual({ ok: true, value: 12 });
	});

	test('district keys split at the first colon', () => {
		expect(parseDistrictKey('planungsraum:01:02')).toEqual({
			level: 'planungsraum',
			code: '01:02'
		});
		expect(parseDistrictKey(':x')).toBeNull();
		expect(parseDistrictKey('x:')).toBeNull();
	});
});

describe('goals', () => {
	const goals = [
		{ id: 'l', parentId: null, level: 'leitbild' as GoalLevel, title: 'Leitbild' },
		{ id: 's', parentId: 'l', level: 'strategic' as GoalLevel, title: 'Strategisch' },
		{ id: 'o', parentId: 's', level: 'operative' as GoalLevel, title: 'Operativ' }
	];

	test('a goal needs a title and a level; the target is all or nothing', () => {
		expect(checkGoal({ title: '', level: 'leitbild' })).toMatchObject({
			error: { field: 'title' }
		});
		expect(checkGoal({ title: 'x', level: 'vision' })).toMatchObject({
			error: { field: 'level' }
		});
		expect(checkGoal({ title: 'x', level: 'leitbild', targetIndicatorKey: 'k' })).toMatchObject({
			error: { field: 'targetValue', error: 'measures.error.targetIncomplete' }
		});
		expect(
			checkGoal({
				title: 'x',
				level: 'operative',
				targetIndicatorKey: 'k',
				targetValue: '12,5',
				targetYear: '2030'
			})
		).toMatchObject({
			ok: true,
			value: { target: { indicatorKey: 'k', value: 12.5, year: 2030 } }
		});
	});

	test('a goal is either city-wide or for districts', () => {
		expect(
			checkGoal({ title: 'x', level: 'leitbild', citywide: 'on', districts: ['a:1'] })
		).toMatchObject({ error: { field: 'districts' } });
	});

	test('the parent must be exactly one level above', () => {
		expect(checkGoalParent(goals, null, { level: 'leitbild', parentId: null })).toBeNull();
		expect(checkGoalParent(goals, null, { level: 'leitbild', parentId: 'l' })).toMatchObject({
			error: 'measures.error.parentLevel'
		});
		expect(checkGoalParent(goals, null, { level: 'strategic', parentId: 'l' })).toBeNull();
		expect(checkGoalParent(goals, null, { level: 'operative', parentId: 'l' })).toMatchObject({
			field: 'parentId',
			error: 'measures.error.parentLevel'
		});
		expect(checkGoalParent(goals, null, { level: 'operative', parentId: null })).toMatchObject({
			error: 'measures.error.parentMissing'
		});
		expect(checkGoalParent(goals, null, { level: 'operative', parentId: 'zz' })).toMatchObject({
			error: 'measures.error.parentMissing'
		});
	});

	test('no goal can become its own ancestor, even in data that breaks the level rule', () => {
		expect(wouldCreateCycle(goals, 'l', 'o')).toBe(true);
		expect(wouldCreateCycle(goals, 'o', 's')).toBe(false);
		expect(wouldCreateCycle(goals, 's', 's')).toBe(true);
		const broken = [
			{ id: 'a', parentId: 'b' },
			{ id: 'b', parentId: 'a' }
		];
		expect(wouldCreateCycle(broken, 'c', 'a')).toBe(false);
	});

	test('random parent links: accepting only non-cycles keeps every chain finite', () => {
		fc.assert(
			fc.property(
				fc.array(fc.tuple(fc.nat(9), fc.option(fc.nat(9), { nil: null })), { maxLength: 40 }),
				(edits) => {
					const parents = new Map<string, string | null>();
					for (let i = 0; i < 10; i++) parents.set(`g${i}`, null);
					for (const [child, parent] of edits) {
						const list = [...parents].map(([id, parentId]) => ({ id, parentId }));
						const parentId = parent === null ? null : `g${parent}`;
						if (!wouldCreateCycle(list, `g${child}`, parentId)) parents.set(`g${child}`, parentId);
					}
					for (const start of parents.keys()) {
						let steps = 0;
						for (let at: string | null = start; at !== null; at = parents.get(at) ?? null)
							expect(++steps).toBeLessThanOrEqual(10);
					}
				}
			)
		);
	});

	test('the tree lists every goal once, children under their parents', () => {
		const tree = goalTree([...goals].reverse());
		expect(tree.map((g) => [g.id, g.depth])).toEqual([
			['l', 0],
			['s', 1],
			['o', 2]
		]);
		expect(goalLevels).toHaveLength(3);
	});
});

describe('error details', () => {
	test('a wrong type is not "too long"; too long names the limit', () => {
		expect(checkMeasure({ title: 42 })).toEqual({
			ok: false,
			error: { field: 'title', error: 'measures.error.notText' }
		});
		expect(checkMeasure({ title: 'x', rooms: 'r'.repeat(501) })).toEqual({
			ok: false,
			error: { field: 'rooms', error: 'measures.error.tooLong', params: { max: 500 } }
		});
	});

	test('an invalid list names its first bad entry; too many entries name the limit', () => {
		expect(checkMeasure({ title: 'x', goalIds: ['abc', 'NOT valid', 'x y'] })).toEqual({
			ok: false,
			error: {
				field: 'goalIds',
				error: 'measures.error.listInvalid',
				params: { item: 'NOT valid' }
			}
		});
		expect(checkMeasure({ title: 'x', districts: [{ level: 'bezirk' }] })).toMatchObject({
			error: { field: 'districts', params: { item: '{"level":"bezirk"}' } }
		});
		expect(
			checkMeasure({ title: 'x', goalIds: Array.from({ length: 101 }, (_, i) => `g${i}`) })
		).toMatchObject({ error: { error: 'measures.error.listTooLong', params: { max: 100 } } });
	});
});

describe('districtChoices', () => {
	test('offers linked districts that no longer exist, by code, in their level', () => {
		const districts = [
			{ key: 'bezirk:01', name: 'Mitte', level: 'bezirk' },
			{ key: 'planungsraum:0101', name: 'Stülerstraße', level: 'planungsraum' }
		];
		expect(districtChoices(districts, ['bezirk:01', 'bezirk:13', 'sozialraum:7'])).toEqual([
			{
				level: 'bezirk',
				choices: [
					{ key: 'bezirk:01', name: 'Mitte', level: 'bezirk', gone: false },
					{ key: 'bezirk:13', name: '13', level: 'bezirk', gone: true }
				]
			},
			{
				level: 'planungsraum',
				choices: [
					{ key: 'planungsraum:0101', name: 'Stülerstraße', level: 'planungsraum', gone: false }
				]
			},
			{
				level: 'sozialraum',
				choices: [{ key: 'sozialraum:7', name: '7', level: 'sozialraum', gone: true }]
			}
		]);
		expect(districtChoices([], [])).toEqual([]);
	});
});
