import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
	choiceIds,
	maxReachQuestions,
	parseQuestionPick,
	parseReachAnswers,
	pickInput,
	reachCatalogue,
	shownTotal,
	type ReachQuestion
} from './questions';

const catalogueIds = reachCatalogue.map((q) => q.id);
const name = (q: ReachQuestion) => (q.custom ? q.custom.text : `Frage ${q.id}`);

/** A valid pick: up to three distinct catalogue questions, maybe one own question. */
const pick: fc.Arbitrary<ReachQuestion[]> = fc
	.tuple(
		fc.subarray(catalogueIds, { maxLength: maxReachQuestions }),
		fc.option(
			fc.record({
				text: fc.string({ minLength: 1, maxLength: 40 }).filter((s) => /\S/.test(s)),
				choices: fc.uniqueArray(fc.stringMatching(/^[A-Za-zÄÖÜäöüß ]{1,20}$/), {
					minLength: 2,
					maxLength: 6,
					selector: (s) => s.trim().replace(/\s+/g, ' ').toLowerCase()
				})
			})
		)
	)
	.map(([ids, own]) => {
		const picked = ids.slice(0, own ? maxReachQuestions - 1 : maxReachQuestions);
		const parsed = parseQuestionPick([
			...picked,
			...(own ? [{ id: 'custom', text: own.text, choices: own.choices }] : [])
		]);
		return parsed.ok ? parsed.value : picked.map((id) => ({ id }));
	});

describe('the reach answer parser', () => {
	test('takes every non-empty set of offered answers, exactly as given', () => {
		fc.assert(
			fc.property(
				pick.filter((p) => p.length > 0),
				fc.infiniteStream(fc.nat()),
				fc.nat(),
				(offered, picks, skipMask) => {
					const it = picks[Symbol.iterator]();
					const answers: Record<string, string> = {};
					offered.forEach((q, i) => {
						if (i > 0 && skipMask & (1 << i)) return; // some questions skipped
						const ids = choiceIds(q);
						answers[q.id] = ids[it.next().value! % ids.length];
					});
					const parsed = parseReachAnswers(answers, offered, name);
					expect(parsed.ok).toBe(true);
					if (parsed.ok)
						expect(Object.fromEntries(parsed.value.map((a) => [a.questionId, a.choiceId]))).toEqual(
							answers
						);
				}
			)
		);
	});

	test('refuses any answer outside the offered choices, naming the question', () => {
		fc.assert(
			fc.property(
				pick.filter((p) => p.length > 0),
				fc.nat(),
				fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string())),
				(offered, at, wrong) => {
					const question = offered[at % offered.length];
					fc.pre(typeof wrong !== 'string' || !choiceIds(question).includes(wrong));
					const parsed = parseReachAnswers({ [question.id]: wrong }, offered, name);
					expect(parsed).toEqual({
						ok: false,
						error: { key: 'reach.error.badChoice', params: { question: name(question) } }
					});
				}
			)
		);
	});

	test('never throws on any JSON, and whatever it takes was offered', () => {
		fc.assert(
			fc.property(pick, fc.jsonValue(), (offered, input) => {
				const parsed = parseReachAnswers(input, offered, name);
				if (parsed.ok)
					for (const a of parsed.value) {
						const q = offered.find((o) => o.id === a.questionId);
						expect(q && choiceIds(q)).toContain(a.choiceId);
					}
			})
		);
	});

	test('refuses questions not asked, an empty answer and anything not an object', () => {
		const offered = [{ id: 'age' }];
		expect(parseReachAnswers({ children: 'yes' }, offered, name)).toMatchObject({
			ok: false,
			error: { key: 'reach.error.notOffered' }
		});
		expect(parseReachAnswers({}, offered, name)).toMatchObject({
			error: { key: 'reach.error.answersEmpty' }
		});
		for (const input of [null, [], 'age', 3])
			expect(parseReachAnswers(input, offered, name)).toMatchObject({
				error: { key: 'reach.error.answersNotObject' }
			});
		expect(parseReachAnswers({ __proto__: 'x', age: 'under18' }, offered, name).ok).toBe(true);
		expect(parseReachAnswers(JSON.parse('{"__proto__": "under18"}'), offered, name)).toMatchObject({
			ok: false,
			error: { key: 'reach.error.notOffered' }
		});
	});
});

describe('the facilitator pick', () => {
	test('never throws; what it takes is at most three distinct questions and reads back the same', () => {
		fc.assert(
			fc.property(
				fc.oneof(fc.jsonValue(), fc.array(fc.constantFrom(...catalogueIds, 'custom', 'x'))),
				(input) => {
					const parsed = parseQuestionPick(input);
					if (!parsed.ok) return;
					expect(parsed.value.length).toBeLessThanOrEqual(maxReachQuestions);
					expect(new Set(parsed.value.map((q) => q.id)).size).toBe(parsed.value.length);
					expect(parseQuestionPick(pickInput(parsed.value))).toEqual(parsed);
				}
			)
		);
	});

	test('refuses four questions, unknown ones, doubles and own questions without fixed choices', () => {
		expect(parseQuestionPick(['age', 'firstTime', 'children', 'language'])).toMatchObject({
			error: { key: 'reach.error.tooMany', params: { max: 3 } }
		});
		expect(parseQuestionPick(['age', 'age'])).toMatchObject({
			error: { key: 'reach.error.twice' }
		});
		expect(parseQuestionPick(['income'])).toMatchObject({
			error: { key: 'reach.error.unknownQuestion' }
		});
		expect(parseQuestionPick([{ id: 'custom', text: '   ', choices: ['a', 'b'] }])).toMatchObject({
			error: { key: 'reach.error.customText' }
		});
		expect(parseQuestionPick([{ id: 'custom', text: 'Wie?', choices: 'a,b' }])).toMatchObject({
			error: { key: 'reach.error.customChoices' }
		});
		expect(
			parseQuestionPick([{ id: 'custom', text: 'Wie?', choices: ['Bus', 'bus'] }])
		).toMatchObject({
			error: { key: 'reach.error.customChoiceTwice' }
		});
		expect(
			parseQuestionPick([{ id: 'custom', text: 'Wie?', choices: ['Bus', 'x'.repeat(61)] }])
		).toMatchObject({ error: { key: 'reach.error.customChoiceLong' } });
		expect(parseQuestionPick({ age: true })).toMatchObject({
			error: { key: 'reach.error.notAList' }
		});
	});
});

test('a total below 5 is not shown', () => {
	fc.assert(
		fc.property(fc.nat(1000), (n) => {
			expect(shownTotal(n)).toBe(n < 5 ? null : n);
		})
	);
});
