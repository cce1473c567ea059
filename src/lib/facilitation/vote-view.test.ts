import { expect, test } from 'vitest';
import { rankTotals } from './vote-view';

test('lists the most dots first and keeps the given order among ties', () => {
	const totals = [
		{ itemId: 'a', label: 'Mehr Bänke', dots: 1, rank: 3 },
		{ itemId: 'b', label: 'Spielplatz', dots: 4, rank: 1 },
		{ itemId: 'c', label: 'Licht im Park', dots: 2, rank: 2 },
		{ itemId: 'd', label: 'Bücherschrank', dots: 2, rank: 2 }
	];
	expect(rankTotals(totals).map((entry) => entry.itemId)).toEqual(['b', 'c', 'd', 'a']);
	expect(totals[0].itemId).toBe('a');
});
