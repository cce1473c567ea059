import { expect, test } from 'vitest';
import { checkDataBoardChange, defaultIndicators, shownRows, toneOf } from './data-board';

const districts = [
	{ key: 'planungsraum:0100', profile: [{ key: 'alq' }, { key: 'kinderarmut' }, { key: 'ew' }] },
	{ key: 'planungsraum:0200', profile: [{ key: 'alq' }, { key: 'transfer' }] }
];

test('a change with known keys passes and keeps only what it names', () => {
	expect(checkDataBoardChange({ highlight: 'alq' }, districts)).toEqual({
		ok: true,
		value: { highlight: 'alq' }
	});
	expect(
		checkDataBoardChange(
			{ district: 'planungsraum:0200', indicators: ['alq', 'transfer', 'alq'], highlight: null },
			districts
		)
	).toEqual({
		ok: true,
		value: { district: 'planungsraum:0200', indicators: ['alq', 'transfer'], highlight: null }
	});
});

test('an unknown indicator is refused with the field that holds it', () => {
	expect(checkDataBoardChange({ highlight: 'erfunden' }, districts)).toMatchObject({
		ok: false,
		error: 'data.indicatorUnknown',
		field: 'highlight',
		params: { indicator: 'erfunden' }
	});
	expect(checkDataBoardChange({ indicators: ['alq', 42] }, districts)).toMatchObject({
		ok: false,
		field: 'indicators[1]'
	});
	// Known elsewhere, but not in the district the change shows.
	expect(
		checkDataBoardChange({ district: 'planungsraum:0200', highlight: 'kinderarmut' }, districts)
	).toMatchObject({ ok: false, field: 'highlight' });
});

test('a district outside the workshop, a list that is no list, or no district at all are refused', () => {
	expect(checkDataBoardChange({ district: 'planungsraum:9999' }, districts)).toMatchObject({
		ok: false,
		error: 'data.districtUnknown',
		field: 'district'
	});
	expect(checkDataBoardChange({ indicators: 'alq' }, districts)).toMatchObject({
		ok: false,
		field: 'indicators'
	});
	expect(checkDataBoardChange({ highlight: 'alq' }, [])).toMatchObject({
		ok: false,
		error: 'data.noDistricts'
	});
});

test('rows follow the chosen order and skip keys without a value', () => {
	const profile = [{ key: 'a' }, { key: 'b' }, { key: 'c' }];
	expect(shownRows(profile, ['c', 'x', 'a']).map((r) => r.key)).toEqual(['c', 'a']);
});

test('the tone says worse on the worse side, nothing for population or unknown direction', () => {
	expect(toneOf({ key: 'alq', z: 1.2, polarity: 'higherIsWorse' }, 'ew')).toBe('worse');
	expect(toneOf({ key: 'alq', z: -1.2, polarity: 'higherIsWorse' }, 'ew')).toBe('better');
	expect(toneOf({ key: 'quote', z: -1, polarity: 'higherIsBetter' }, 'ew')).toBe('worse');
	expect(toneOf({ key: 'ew', z: 3, polarity: 'higherIsWorse' }, 'ew')).toBe('neutral');
	expect(toneOf({ key: 'x', z: 3, polarity: 'unknown' }, 'ew')).toBe('neutral');
	expect(toneOf({ key: 'x', z: null, polarity: 'higherIsWorse' }, 'ew')).toBe('neutral');
});

test("by default the board shows the rule's indicators, else the profile without population", () => {
	const profile = [{ key: 'ew' }, { key: 'alq' }, { key: 'kinderarmut' }];
	expect(
		defaultIndicators({
			profile,
			populationKey: 'ew',
			rule: { ok: true, statistics: [{ key: 'kinderarmut' }, { key: 'fehlt' }] }
		})
	).toEqual(['kinderarmut']);
	expect(defaultIndicators({ profile, populationKey: 'ew', rule: { ok: false } })).toEqual([
		'alq',
		'kinderarmut'
	]);
	expect(defaultIndicators(null)).toEqual([]);
});
