import { expect, test } from 'vitest';
import { translate } from '../../i18n';
import { checkRuleInput, ruleNameKey } from './saved-rules';

const known = ['S1', 'S3', 'S4', 'EW'];
const good = { name: 'MSS-Status', keys: ['S1', 'S3', 'S4'], minCount: '2', threshold: '1' };

test('a rule with name, indicators, k and t is accepted; a German decimal comma is read', () => {
	expect(checkRuleInput({ ...good, threshold: '1,5' }, known, [])).toEqual({
		ok: true,
		value: { name: 'MSS-Status', keys: ['S1', 'S3', 'S4'], minCount: 2, threshold: 1.5 }
	});
});

test('k larger than the number of indicators is refused, naming k and the limit', () => {
	const refused = checkRuleInput({ ...good, minCount: '4' }, known, []);
	expect(refused).toEqual({
		ok: false,
		field: 'minCount',
		key: 'rules.error.minCountTooLarge',
		params: { k: 4, n: 3 },
		message:
			'k (wie viele auffällig sein müssen): 4 ist mehr als die 3 gewählten Indikatoren. ' +
			'Bitte höchstens 3 eintragen oder mehr Indikatoren wählen.'
	});
	// The page shows it in the planner's language.
	if (refused.ok) return;
	expect(translate('en', refused.key, refused.params)).toBe(
		'k (how many must stand out): 4 is more than the 3 chosen indicators. ' +
			'Please enter at most 3 or choose more indicators.'
	);
});

test('an unknown indicator, an empty name and a name in use are refused by field', () => {
	expect(checkRuleInput({ ...good, keys: ['S1', 'XX'] }, known, [])).toMatchObject({
		ok: false,
		field: 'indicators',
		message: expect.stringContaining('„XX“ gibt es nicht')
	});
	expect(checkRuleInput({ ...good, name: '   ' }, known, [])).toMatchObject({
		ok: false,
		field: 'name',
		message: 'Name: Bitte geben Sie der Regel einen Namen.'
	});
	expect(checkRuleInput({ ...good, name: ' mss-status ' }, known, ['MSS-Status'])).toMatchObject({
		ok: false,
		field: 'name',
		message: expect.stringContaining('Eine Regel „mss-status“ gibt es schon')
	});
	expect(checkRuleInput({ ...good, keys: [] }, known, [])).toMatchObject({ field: 'indicators' });
	expect(checkRuleInput({ ...good, minCount: '1,5' }, known, [])).toMatchObject({
		field: 'minCount'
	});
	expect(checkRuleInput({ ...good, threshold: '-1' }, known, [])).toMatchObject({
		field: 'threshold'
	});
	expect(checkRuleInput({ ...good, threshold: 'viel' }, known, [])).toMatchObject({
		field: 'threshold'
	});
});

test('names differing only in case and spaces are the same name', () => {
	expect(ruleNameKey('  MSS   Status ')).toBe(ruleNameKey('mss status'));
});
