/** UI text: Rich-text editor (vision statement). German first, plain language; English mirrors every key. */
export const editorDe = {
	'editor.toolbar': 'Text gestalten',
	'editor.heading2': 'Große Überschrift',
	'editor.heading3': 'Kleine Überschrift',
	'editor.bulletList': 'Liste mit Punkten',
	'editor.orderedList': 'Liste mit Nummern',
	'editor.bold': 'Fett',
	'editor.italic': 'Kursiv',
	'editor.link': 'Link',
	'editor.undo': 'Rückgängig',
	'editor.redo': 'Wiederholen',
	'editor.linkLabel': 'Adresse für den Link',
	'editor.linkPlaceholder': 'https://… oder E-Mail-Adresse',
	'editor.linkSet': 'Link setzen',
	'editor.linkRemove': 'Link entfernen',
	'editor.linkCancel': 'Abbrechen',
	'editor.linkInvalid':
		'Diese Adresse geht nicht. Erlaubt sind Adressen mit https:// oder http:// und E-Mail-Adressen.',
	'editor.noImages': 'Bilder können hier nicht eingefügt werden.',
	'editor.tooLong':
		'Das ist zu viel Text. Der Text darf höchstens {max} Zeichen haben. Es wurde nichts eingefügt.',
	'editor.limitReached': 'Der Text hat die Höchstlänge von {max} Zeichen erreicht.',
	'editor.anonymous': 'Anonym'
} as const;

export const editorEn: Record<keyof typeof editorDe, string> = {
	'editor.toolbar': 'Format text',
	'editor.heading2': 'Large heading',
	'editor.heading3': 'Small heading',
	'editor.bulletList': 'Bulleted list',
	'editor.orderedList': 'Numbered list',
	'editor.bold': 'Bold',
	'editor.italic': 'Italic',
	'editor.link': 'Link',
	'editor.undo': 'Undo',
	'editor.redo': 'Redo',
	'editor.linkLabel': 'Link address',
	'editor.linkPlaceholder': 'https://… or e-mail address',
	'editor.linkSet': 'Set link',
	'editor.linkRemove': 'Remove link',
	'editor.linkCancel': 'Cancel',
	'editor.linkInvalid':
		'This address does not work. Allowed are addresses starting with https:// or http:// and e-mail addresses.',
	'editor.noImages': 'Images cannot be added here.',
	'editor.tooLong':
		'That is too much text. The text may have at most {max} characters. Nothing was added.',
	'editor.limitReached': 'The text has reached the maximum length of {max} characters.',
	'editor.anonymous': 'Anonymous'
};
