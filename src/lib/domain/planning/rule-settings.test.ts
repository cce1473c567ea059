import { expect, test } from 'vitest';
import { readRuleSettings, ruleQuery } from './rule-settings';

const available = ['S1', 'S3', 'S4', 'EW'].map((key) => ({
	key,
	polarity: 'higherIsWorse' as const
}));
const read = (query: string) => readRuleSettings(new URLSearchParams(query), available);

test('without parameters the rule is 2 of S1, S3, S4 at 1 SD', () => {
	expect(read('')).toEqual({
		settings: { keys: ['S1', 'S3', 'S4'], minCount: 2, threshold: 1 },
		problems: []
	});
});

test('reads k, t with a decimal comma and the chosen indicators', () => {
	expect(read('k=1&t=1,5&ind=S4&ind=S1').settings).toEqual({
		keys: ['S4', 'S1'],
		minCount: 1,
		threshold: 1.5
	});
});

test('bad values fall back to the default and are reported', () => {
	expect(read('k=5&t=abc&ind=XX&ind=S1')).toEqual({
		settings: { keys: ['S1'], minCount: 1, threshold: 1 },
		problems: ['unknownIndicator', 'minCountInvalid', 'thresholdInvalid']
	});
});

test('without the default indicators nothing is chosen', () => {
	expect(readRuleSettings(new URLSearchParams(''), []).settings.keys).toEqual([]);
});

test('the query round-trips', () => {
	const settings = { keys: ['S3', 'S4'], minCount: 2, threshold: 1.5 };
	expect(readRuleSettings(ruleQuery(settings), available).settings).toEqual(settings);
});
