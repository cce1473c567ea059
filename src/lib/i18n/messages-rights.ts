/** UI text: card rights and the bin. */
export const rightsDe = {
	'live.lostEdits':
		'Die Werkstatt wurde beendet, während Sie geschrieben haben. Ihre letzte Änderung ist nicht mehr gespeichert worden.',
	'bin.title': 'Papierkorb ({n})',
	'bin.empty': 'Der Papierkorb ist leer.',
	'bin.restore': 'Zurückholen',
	'facilitation.fixedCards': 'Karten festhalten',
	'facilitation.fixedCardsHint': 'Dann kann nur die Moderation Karten verschieben und gruppieren.'
};

export const rightsEn: Record<keyof typeof rightsDe, string> = {
	'live.lostEdits':
		'The workshop ended while you were writing. Your last change was not saved any more.',
	'bin.title': 'Bin ({n})',
	'bin.empty': 'The bin is empty.',
	'bin.restore': 'Restore',
	'facilitation.fixedCards': 'Fix the cards',
	'facilitation.fixedCardsHint': 'Then only the facilitators can move and group cards.'
};
