/** UI text: card rights and the bin. */
export const rightsDe = {
	'bin.title': 'Papierkorb ({n})',
	'bin.empty': 'Der Papierkorb ist leer.',
	'bin.restore': 'Zurückholen',
	'facilitation.fixedCards': 'Karten festhalten',
	'facilitation.fixedCardsHint': 'Dann kann nur die Moderation Karten verschieben und gruppieren.'
};

export const rightsEn: Record<keyof typeof rightsDe, string> = {
	'bin.title': 'Bin ({n})',
	'bin.empty': 'The bin is empty.',
	'bin.restore': 'Restore',
	'facilitation.fixedCards': 'Fix the cards',
	'facilitation.fixedCardsHint': 'Then only the facilitators can move and group cards.'
};
