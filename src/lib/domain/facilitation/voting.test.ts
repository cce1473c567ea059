import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
	castVote,
	closeVote,
	doneCount,
	maxPaperDots,
	openVote,
	paperVoter,
	remainingBudget,
	reopenVote,
	revealVote,
	setPaperDots,
	tally,
	visibleTotals,
	type Ballots,
	type VoteError,
	type VoteSettings
} from './voting';

function settingsOf(items: string[], options = {}): VoteSettings {
	const result = openVote(items, options);
	if (!result.ok) throw new Error(result.error);
	return result.value;
}

/** Casts a series of dots; each is `[voter, item]` for +1, or `[voter, item, -1]`. */
function cast(settings: VoteSettings, casts: [string, string, (1 | -1)?][], ballots: Ballots = {}) {
	for (const [voter, item, delta = 1] of casts) {
		const result = castVote(settings, ballots, voter, item, delta);
		if (!result.ok) throw new Error(result.error);
		ballots = result.value;
	}
	return ballots;
}

const refusal = (result: { ok: true } | { ok: false; error: VoteError }) =>
	result.ok ? 'ok' : result.error;

describe('opening a vote', () => {
	test('defaults to 5 dots, at most 3 on one item, open and not revealed', () => {
		expect(settingsOf(['a', 'b'])).toEqual({
			budgetPerPerson: 5,
			maxPerItem: 3,
			items: ['a', 'b'],
			open: true,
			revealed: false
		});
		expect(settingsOf(['a'], { budgetPerPerson: 2 }).maxPerItem).toBe(2);
	});

	test('refuses budgets and limits out of range and bad item lists', () => {
		const error = (items: string[], options: object) => {
			const result = openVote(items, options);
			return result.ok ? 'ok' : result.error;
		};
		expect(error(['a'], { budgetPerPerson: 0 })).toBe('vote.budgetOutOfRange');
		expect(error(['a'], { budgetPerPerson: 21 })).toBe('vote.budgetOutOfRange');
		expect(error(['a'], { budgetPerPerson: 2.5 })).toBe('vote.budgetOutOfRange');
		expect(error(['a'], { budgetPerPerson: 20, maxPerItem: 20 })).toBe('ok');
		expect(error(['a'], { budgetPerPerson: 4, maxPerItem: 5 })).toBe('vote.itemLimitOutOfRange');
		expect(error(['a'], { maxPerItem: 0 })).toBe('vote.itemLimitOutOfRange');
		expect(error([], {})).toBe('vote.noItems');
		expect(error(['a', 'a'], {})).toBe('vote.duplicateItem');
		expect(error([''], {})).toBe('vote.itemInvalid');
		expect(
			error(
				Array.from({ length: 1001 }, (_, i) => `c${i}`),
				{}
			)
		).toBe('vote.tooManyItems');
	});
});

describe('casting dots', () => {
	const settings = settingsOf(['bank', 'licht', 'spielplatz']);

	test('dots add up per person and item and can be taken back', () => {
		const ballots = cast(settings, [
			['anna', 'bank'],
			['anna', 'bank'],
			['ben', 'licht'],
			['anna', 'bank', -1]
		]);
		expect(ballots).toEqual({ anna: { bank: 1 }, ben: { licht: 1 } });
		expect(remainingBudget(settings, ballots, 'anna')).toBe(4);
		expect(remainingBudget(settings, ballots, 'carla')).toBe(5);
	});

	test('taking back the last dot leaves no empty entries behind', () => {
		expect(
			cast(settings, [
				['anna', 'bank'],
				['anna', 'bank', -1]
			])
		).toEqual({});
	});

	test('the server refuses a sixth dot and a fourth dot on one item', () => {
		const three = cast(settings, [
			['anna', 'bank'],
			['anna', 'bank'],
			['anna', 'bank']
		]);
		expect(refusal(castVote(settings, three, 'anna', 'bank', 1))).toBe('vote.overItemLimit');
		const five = cast(
			settings,
			[
				['anna', 'licht'],
				['anna', 'licht']
			],
			three
		);
		expect(refusal(castVote(settings, five, 'anna', 'spielplatz', 1))).toBe('vote.overBudget');
		// Both limits reached: the budget is named.
		expect(refusal(castVote(settings, five, 'anna', 'bank', 1))).toBe('vote.overBudget');
	});

	test('unknown items, missing dots, missing voters and odd deltas are refused', () => {
		expect(refusal(castVote(settings, {}, 'anna', 'kiosk', 1))).toBe('vote.unknownItem');
		expect(refusal(castVote(settings, {}, 'anna', 'bank', -1))).toBe('vote.nothingToRemove');
		expect(refusal(castVote(settings, {}, '', 'bank', 1))).toBe('vote.voterMissing');
		expect(refusal(castVote(settings, {}, 'anna', 'bank', 2 as 1))).toBe('vote.badDelta');
	});

	test('after the vote is closed nobody can add or take back dots; reopening allows it again', () => {
		const ballots = cast(settings, [['anna', 'bank']]);
		const closed = closeVote(settings);
		expect(refusal(castVote(closed, ballots, 'anna', 'licht', 1))).toBe('vote.closed');
		expect(refusal(castVote(closed, ballots, 'anna', 'bank', -1))).toBe('vote.closed');
		expect(castVote(reopenVote(closed), ballots, 'anna', 'licht', 1).ok).toBe(true);
	});

	test('someone who joins late can still vote while the vote is open', () => {
		const early = cast(settings, [['anna', 'bank']]);
		expect(cast(settings, [['late-joiner', 'licht']], early)).toEqual({
			anna: { bank: 1 },
			'late-joiner': { licht: 1 }
		});
	});

	test('ids that look like object internals are ordinary ids', () => {
		const odd = settingsOf(['__proto__', 'constructor', 'toString']);
		const ballots = cast(odd, [
			['__proto__', '__proto__'],
			['constructor', 'constructor'],
			['constructor', 'toString']
		]);
		expect(Object.getPrototypeOf(ballots)).toBe(Object.prototype);
		expect(remainingBudget(odd, ballots, '__proto__')).toBe(4);
		expect(remainingBudget(odd, ballots, 'constructor')).toBe(3);
		expect(remainingBudget(odd, {}, 'hasOwnProperty')).toBe(5);
		expect(tally(ballots, odd).map((entry) => entry.dots)).toEqual([1, 1, 1]);
	});

	test('dots on an item that left the vote go back to their voters', () => {
		const ballots = cast(settings, [
			['anna', 'bank'],
			['anna', 'bank']
		]);
		const without = { ...settings, items: ['licht', 'spielplatz'] };
		expect(remainingBudget(without, ballots, 'anna')).toBe(5);
		expect(tally(ballots, without).every((entry) => entry.dots === 0)).toBe(true);
	});
});

describe('results', () => {
	const settings = settingsOf(['bank', 'licht', 'spielplatz', 'kiosk']);
	const ballots = cast(settings, [
		['anna', 'licht'],
		['anna', 'licht'],
		['ben', 'licht'],
		['ben', 'kiosk'],
		['carla', 'spielplatz'],
		['carla', 'spielplatz'],
		['dora', 'kiosk']
	]);

	test('are ranked by dots, ties shared and listed in item order', () => {
		expect(tally(ballots, settings)).toEqual([
			{ itemId: 'licht', dots: 3, voters: 2, rank: 1 },
			{ itemId: 'spielplatz', dots: 2, voters: 1, rank: 2 },
			{ itemId: 'kiosk', dots: 2, voters: 2, rank: 2 },
			{ itemId: 'bank', dots: 0, voters: 0, rank: 4 }
		]);
	});

	test('a participant sees only their own dots until the reveal', () => {
		const viewer = { role: 'participant', voterId: 'ben' } as const;
		expect(visibleTotals(settings, ballots, viewer)).toEqual({
			results: null,
			own: { licht: 1, kiosk: 1 },
			remaining: 3
		});
		const revealed = visibleTotals(revealVote(settings), ballots, viewer);
		expect(revealed.results).toEqual(tally(ballots, settings));
		expect(revealed.own).toEqual({ licht: 1, kiosk: 1 });
	});

	test('the facilitator sees the running totals before the reveal', () => {
		expect(visibleTotals(settings, ballots, { role: 'facilitator' })).toEqual({
			results: tally(ballots, settings),
			own: {},
			remaining: null
		});
	});

	test('"ich bin fertig" counts only people who are still present', () => {
		expect(doneCount(['anna', 'ben', 'gone'], ['anna', 'ben', 'carla', 'dora'])).toEqual({
			done: 2,
			present: 4
		});
		expect(doneCount(new Set(['anna', 'anna']), ['anna'])).toEqual({ done: 1, present: 1 });
		expect(doneCount([], [])).toEqual({ done: 0, present: 0 });
	});
});

describe('any sequence of casts', () => {
	const voter = fc.constantFrom('anna', 'ben', 'carla', '__proto__', 'constructor');
	const item = fc.constantFrom('a', 'b', 'c', 'd', 'toString', 'unknown');
	const step = fc.oneof(
		{ weight: 20, arbitrary: fc.tuple(voter, item, fc.constantFrom(1 as const, -1 as const)) },
		{ weight: 1, arbitrary: fc.constantFrom('close' as const, 'reopen' as const) }
	);
	const options = fc.integer({ min: 1, max: 20 }).chain((budget) =>
		fc.record({
			budgetPerPerson: fc.constant(budget),
			maxPerItem: fc.integer({ min: 1, max: budget })
		})
	);

	test('never exceeds the budget or the per-item limit, and the tally adds up', () => {
		fc.assert(
			fc.property(options, fc.array(step, { maxLength: 120 }), (chosen, steps) => {
				let settings = settingsOf(['a', 'b', 'c', 'd', 'toString'], chosen);
				let ballots: Ballots = {};
				for (const next of steps) {
					if (next === 'close' || next === 'reopen') {
						settings = next === 'close' ? closeVote(settings) : reopenVote(settings);
						continue;
					}
					const [voterId, itemId, delta] = next;
					const before = remainingBudget(settings, ballots, voterId);
					const result = castVote(settings, ballots, voterId, itemId, delta);
					if (result.ok) {
						ballots = result.value;
						expect(remainingBudget(settings, ballots, voterId)).toBe(before - delta);
					} else if (result.error === 'vote.overBudget') {
						expect(before).toBe(0);
					}
					for (const mine of Object.values(ballots)) {
						const dots = Object.values(mine);
						expect(dots.every((n) => Number.isInteger(n) && n >= 1)).toBe(true);
						expect(dots.every((n) => n <= settings.maxPerItem)).toBe(true);
						expect(dots.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(settings.budgetPerPerson);
					}
				}
				const allDots = Object.values(ballots)
					.flatMap((mine) => Object.values(mine))
					.reduce((a, b) => a + b, 0);
				const results = tally(ballots, settings);
				expect(results.reduce((sum, entry) => sum + entry.dots, 0)).toBe(allDots);
				for (let i = 1; i < results.length; i++) {
					expect(results[i].dots).toBeLessThanOrEqual(results[i - 1].dots);
					if (results[i].dots === results[i - 1].dots) {
						expect(results[i].rank).toBe(results[i - 1].rank);
						expect(settings.items.indexOf(results[i].itemId)).toBeGreaterThan(
							settings.items.indexOf(results[i - 1].itemId)
						);
					}
				}
			}),
			{ numRuns: 300 }
		);
	});
});

describe('paper rounds (hybrid sessions)', () => {
	const settings = settingsOf(['bank', 'licht', 'kiosk']);
	const digital = cast(settings, [
		['anna', 'licht'],
		['ben', 'licht'],
		['ben', 'kiosk']
	]);
	const paper = (ballots: Ballots, counts: Record<string, unknown>, on = settings) => {
		const result = setPaperDots(on, ballots, counts);
		if (!result.ok) throw new Error(result.error);
		return result.value;
	};

	test('count like any dots, without a budget, and are shown apart', () => {
		const ballots = paper(digital, { bank: 12, licht: 4 });
		expect(tally(ballots, settings)).toEqual([
			{ itemId: 'bank', dots: 12, voters: 0, paperDots: 12, rank: 1 },
			{ itemId: 'licht', dots: 6, voters: 2, paperDots: 4, rank: 2 },
			{ itemId: 'kiosk', dots: 1, voters: 1, rank: 3 }
		]);
		// Nobody's own dots or budget change.
		expect(remainingBudget(settings, ballots, 'ben')).toBe(3);
	});

	test('a second batch corrects the items it names and keeps the others', () => {
		const ballots = paper(paper(digital, { bank: 12, licht: 4 }), { bank: 10, kiosk: 0 });
		expect(ballots[paperVoter]).toEqual({ licht: 4, bank: 10 });
		expect(paper(ballots, { bank: 0, licht: 0 })[paperVoter]).toBeUndefined();
	});

	test('wrong counts, unknown items and a closed vote are refused, nothing changes', () => {
		for (const count of [-1, 1.5, maxPaperDots + 1, '3', null, Number.NaN, Infinity])
			expect(refusal(setPaperDots(settings, digital, { bank: count }))).toBe(
				'vote.paperCountInvalid'
			);
		expect(refusal(setPaperDots(settings, digital, { bank: 2, unbekannt: 1 }))).toBe(
			'vote.unknownItem'
		);
		expect(refusal(setPaperDots(closeVote(settings), digital, { bank: 2 }))).toBe('vote.closed');
		expect(refusal(setPaperDots(settings, digital, { ['__proto__']: 2 }))).toBe('vote.unknownItem');
	});

	test('any batch either fits or is refused, and never touches the digital ballots', () => {
		fc.assert(
			fc.property(
				fc.dictionary(fc.constantFrom('bank', 'licht', 'kiosk', 'x'), fc.anything()),
				(counts) => {
					const result = setPaperDots(settings, digital, counts);
					if (!result.ok) return;
					for (const voter of ['anna', 'ben']) expect(result.value[voter]).toEqual(digital[voter]);
					for (const dots of Object.values(result.value[paperVoter] ?? {}))
						expect(Number.isInteger(dots) && dots > 0 && dots <= maxPaperDots).toBe(true);
				}
			)
		);
	});
});
