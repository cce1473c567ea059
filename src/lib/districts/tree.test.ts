import { expect, test } from 'vitest';
import { buildTree, searchDistricts, type DistrictItem } from './tree';

const items: DistrictItem[] = [
	{ code: '0101', name: 'Stülerstraße', level: 'plr', parentCode: '01', parentLevel: 'bzr' },
	{ code: '01', name: 'Tiergarten', level: 'bzr', parentCode: null, parentLevel: null },
	{ code: '0102', name: 'Lützowstraße', level: 'plr', parentCode: '01', parentLevel: 'bzr' },
	{ code: '0901', name: 'Waise', level: 'plr', parentCode: '09', parentLevel: 'bzr' }
];

test('children hang below their parent; orphans become roots', () => {
	const tree = buildTree(items);
	expect(tree.map((n) => n.code)).toEqual(['01', '0901']);
	expect(tree[0].children.map((n) => n.name)).toEqual(['Stülerstraße', 'Lützowstraße']);
});

test('search ignores case and accents, matches code prefixes and names the parents', () => {
	expect(searchDistricts(items, 'LUTZOW').hits.map((h) => h.item.code)).toEqual(['0102']);
	const byCode = searchDistricts(items, '010');
	expect(byCode.total).toBe(2);
	expect(byCode.hits[0].path.map((p) => p.name)).toEqual(['Tiergarten']);
	expect(searchDistricts(items, '  ').total).toBe(0);
});
