import { expect, test } from 'vitest';
import fc from 'fast-check';
import { displayNames, findDistricts, searchForm, type PickerDistrict } from './district-search';

const districts: PickerDistrict[] = [
	{ key: 'ot:1', name: 'Neustadt', level: 'ortsteil', parent: 'Nord' },
	{ key: 'ot:2', name: 'Neustadt', level: 'ortsteil', parent: 'Süd' },
	{ key: 'ot:3', name: 'Großer Garten', level: 'ortsteil', parent: 'Süd' },
	{ key: 'ot:4', name: 'Alt-Neustadt', level: 'ortsteil', parent: 'Nord' },
	{ key: 'ot:5', name: 'Übigau', level: 'ortsteil', parent: null }
];
const shown = displayNames(districts);

test('a name that occurs twice is shown with its parent', () => {
	expect(shown.get('ot:1')).toBe('Neustadt (Nord)');
	expect(shown.get('ot:2')).toBe('Neustadt (Süd)');
	expect(shown.get('ot:3')).toBe('Großer Garten');
});

test('typing finds names however they are spelt; names that start with it come first', () => {
	const keys = (q: string) => findDistricts(districts, shown, q).matches.map((d) => d.key);
	expect(keys('neustadt')).toEqual(['ot:1', 'ot:2', 'ot:4']);
	expect(keys('neustadt sud')).toEqual(['ot:2']);
	expect(keys('GROSSER garten')).toEqual(['ot:3']);
	expect(keys('ubigau')).toEqual(['ot:5']);
	expect(keys('alt neustadt')).toEqual(['ot:4']);
	expect(keys('')).toHaveLength(5);
	expect(findDistricts(districts, shown, 'neu', 2)).toMatchObject({ total: 3 });
});

test('any typing: never throws, and every match holds what was typed', () => {
	fc.assert(
		fc.property(fc.string({ maxLength: 12 }), (query) => {
			const { matches, total } = findDistricts(districts, shown, query);
			expect(matches.length).toBeLessThanOrEqual(total);
			for (const d of matches)
				for (const word of searchForm(query).split(' ').filter(Boolean))
					expect(searchForm(`${shown.get(d.key)} ${d.parent ?? ''}`)).toContain(word);
		})
	);
});
