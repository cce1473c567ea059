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
