import { expect, test } from 'vitest';
import { checkCardText, maxCardLength } from './cards';

test('empty and too long cards are refused with their reason', () => {
	expect(checkCardText('   \n ')).toEqual({ ok: false, error: 'wall.cardEmpty' });
	expect(checkCardText('x'.repeat(10_000))).toEqual({ ok: false, error: 'wall.cardTooLong' });
	expect(checkCardText(' Zu wenig Bänke am Platz ')).toEqual({
		ok: true,
		text: 'Zu wenig Bänke am Platz'
	});
	expect(checkCardText('x'.repeat(maxCardLength)).ok).toBe(true);
});
