import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { checkCardText, maxCardLength, maxPaperBatch, splitPaperCards } from './cards';

test('empty and too long cards are refused with their reason', () => {
	expect(checkCardText('   \n ')).toEqual({ ok: false, error: 'wall.cardEmpty' });
	expect(checkCardText('x'.repeat(10_000))).toEqual({ ok: false, error: 'wall.cardTooLong' });
	expect(checkCardText(' Zu wenig Bänke am Platz ')).toEqual({
		ok: true,
		text: 'Zu wenig Bänke am Platz'
	});
	expect(checkCardText('x'.repeat(maxCardLength)).ok).toBe(true);
});

describe('paper cards typed in as a stack', () => {
	test('one card per line, blank lines and spaces left out', () => {
		expect(splitPaperCards('Mehr Bänke\n\n  Licht im Park  \r\nSpielplatz sanieren\n')).toEqual({
			ok: true,
			texts: ['Mehr Bänke', 'Licht im Park', 'Spielplatz sanieren']
		});
	});

	test('an empty stack, too many cards and too long lines are refused, naming the lines', () => {
		expect(splitPaperCards(' \n\n')).toEqual({ ok: false, error: 'wall.paperEmpty' });
		expect(
			splitPaperCards(
				Array(maxPaperBatch + 1)
					.fill('Karte')
					.join('\n')
			)
		).toEqual({
			ok: false,
			error: 'wall.paperTooMany'
		});
		const long = 'x'.repeat(maxCardLength + 1);
		expect(splitPaperCards(`kurz\n${long}\nkurz\n\n${long}`)).toEqual({
			ok: false,
			error: 'wall.paperTooLong',
			lines: [2, 5]
		});
	});

	test('whatever is typed: the cards are the filled lines, each a valid card, or a refusal', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 2000 }), (raw) => {
				const result = splitPaperCards(raw);
				if (!result.ok) return;
				expect(result.texts.length).toBeLessThanOrEqual(maxPaperBatch);
				for (const text of result.texts) expect(checkCardText(text)).toEqual({ ok: true, text });
			})
		);
	});
});
