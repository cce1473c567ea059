/** UI text: arranging the wall (fit, tidy, groups). German first, plain language; English mirrors every key. */
export const wallDe = {
	'wall.fitAll': 'Alles zeigen',
	'wall.arrange': 'Ordnen',
	'wall.arrangeHint':
		'Legt die Gruppen nebeneinander in Spalten, lose Karten in eine eigene Spalte.',
	'wall.arranged': 'Die Wand ist geordnet.',
	'wall.arrangeUndo': 'Ordnen rückgängig machen'
} as const;

export const wallEn: Record<keyof typeof wallDe, string> = {
	'wall.fitAll': 'Show everything',
	'wall.arrange': 'Tidy up',
	'wall.arrangeHint':
		'Lays the groups out side by side in columns, loose cards in a column of their own.',
	'wall.arranged': 'The wall is tidied up.',
	'wall.arrangeUndo': 'Undo tidying up'
};
