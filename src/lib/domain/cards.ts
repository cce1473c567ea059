/** Rules for wall cards, shared by the UI and by whatever validates peer data before rendering. */
export const maxCardLength = 500;
export const cardColours = ['yellow', 'orange', 'green', 'blue', 'pink'] as const;
export type CardColour = (typeof cardColours)[number];

/** Fill colours chosen for contrast with dark text (WCAG AA at 14 px). */
export const colourFill: Record<CardColour, string> = {
	yellow: '#ffe9a8',
	orange: '#ffd0b5',
	green: '#cdebd3',
	blue: '#cfe3f7',
	pink: '#f6d3e4'
};

export function isCardColour(value: unknown): value is CardColour {
	return cardColours.includes(value as CardColour);
}

export type CardTextCheck =
	{ ok: true; text: string } | { ok: false; error: 'wall.cardEmpty' | 'wall.cardTooLong' };

export function checkCardText(raw: string): CardTextCheck {
	const text = raw.trim();
	if (!text) return { ok: false, error: 'wall.cardEmpty' };
	if (text.length > maxCardLength) return { ok: false, error: 'wall.cardTooLong' };
	return { ok: true, text };
}

/** Card size on the canvas, in world units. */
export const cardWidth = 180;
export const cardHeight = 110;

/** A stack of paper cards typed in at once; more is a second batch. */
export const maxPaperBatch = 100;

export type PaperCardsCheck =
	| { ok: true; texts: string[] }
	| { ok: false; error: 'wall.paperEmpty' | 'wall.paperTooMany' }
	| { ok: false; error: 'wall.paperTooLong'; lines: number[] };

/**
 * Paper cards typed in by the facilitator: one card per line (Enter for the next), blank lines
 * left out. A line that is too long is named by its number and nothing is added, so the
 * facilitator shortens it and adds the whole stack once.
 */
export function splitPaperCards(raw: string): PaperCardsCheck {
	const lines = raw
		.split(/\r\n|\r|\n/)
		.map((line, index) => ({ text: line.trim(), number: index + 1 }));
	const filled = lines.filter((line) => line.text);
	if (filled.length === 0) return { ok: false, error: 'wall.paperEmpty' };
	if (filled.length > maxPaperBatch) return { ok: false, error: 'wall.paperTooMany' };
	const tooLong = filled.filter((line) => line.text.length > maxCardLength).map((l) => l.number);
	if (tooLong.length > 0) return { ok: false, error: 'wall.paperTooLong', lines: tooLong };
	return { ok: true, texts: filled.map((line) => line.text) };
}
