/** UI text: card rights and the bin. */
export const rightsDe = {
	'live.lostEdits':
		'Die Werkstatt wurde beendet, während Sie geschrieben haben. Ihre letzte Änderung ist nicht mehr gespeichert worden.',
	'bin.title': 'Papierkorb ({n})',
	'bin.empty': 'Der Papierkorb ist leer.',
	'bin.restore': 'Zurückholen',
	'facilitation.fixedCards': 'Karten festhalten',
	'facilitation.fixedCardsHint': 'Dann kann nur die Moderation Karten verschieben und gruppieren.',
	'ownCard.notYours': 'Das ist nicht Ihre Karte. Sie können nur eigene Karten ändern.',
	'ownCard.gone': 'Diese Karte gibt es nicht mehr.',
	'ownCard.network':
		'Keine Verbindung. Ihre Änderung ist nicht angekommen. Bitte versuchen Sie es gleich noch einmal.'
};

export const rightsEn: Record<keyof typeof rightsDe, string> = {
	'live.lostEdits':
		'The workshop ended while you were writing. Your last change was not saved any more.',
	'bin.title': 'Bin ({n})',
	'bin.empty': 'The bin is empty.',
	'bin.restore': 'Restore',
	'facilitation.fixedCards': 'Fix the cards',
	'facilitation.fixedCardsHint': 'Then only the facilitators can move and group cards.',
	'ownCard.notYours': 'This is not your card. You can only change your own cards.',
	'ownCard.gone': 'This card no longer exists.',
	'ownCard.network': 'No connection. Your change did not arrive. Please try again in a moment.'
};
