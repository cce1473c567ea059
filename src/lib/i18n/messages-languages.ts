/** The language switch (LanguageSwitch.svelte). The six language names stay in their own language. */
export const languagesDe = {
	'lang.apply': 'Wechseln',
	// Facilitators' phase names and prompts in other languages (facilitation/PhaseVariants.svelte).
	'variant.summary': 'Übersetzungen',
	'variant.summaryCount': 'Übersetzungen ({n})',
	'variant.hint':
		'Name und Aufgabe in anderen Sprachen. Teilnehmende sehen die Fassung in ihrer Sprache; gibt es keine, sehen sie das Original. Nur Text: Zeichen wie < und > erscheinen so, wie sie hier stehen. Zum Entfernen beide Felder leeren.',
	'variant.language': 'Sprache',
	'variant.simple': 'Einfache Sprache',
	'variant.title': 'Name der Phase ({language})',
	'variant.prompt': 'Aufgabe für alle ({language})',
	'variant.save': 'Übersetzung speichern',
	'variant.saved': 'Übersetzung gespeichert: {language}.',
	'variant.removed': 'Übersetzung entfernt: {language}.',
	'variant.has': 'Schon übersetzt: {languages}',
	'variant.languageUnknown':
		'Diese Sprache gibt es hier nicht. Bitte wählen Sie eine Sprache aus der Liste (Feld „Sprache“).',
	'variant.titleTooLong':
		'Der Name ist zu lang. Erlaubt sind höchstens 80 Zeichen (Feld „Name der Phase ({language})“).',
	'variant.promptTooLong':
		'Die Aufgabe ist zu lang. Erlaubt sind höchstens 500 Zeichen (Feld „Aufgabe für alle ({language})“).'
} as const;

export const languagesEn: Record<keyof typeof languagesDe, string> = {
	'lang.apply': 'Switch',
	'variant.summary': 'Translations',
	'variant.summaryCount': 'Translations ({n})',
	'variant.hint':
		'Name and task in other languages. Participants see the version in their language; where there is none, they see the original. Text only: characters like < and > appear just as written here. To remove one, empty both fields.',
	'variant.language': 'Language',
	'variant.simple': 'Plain German (Einfache Sprache)',
	'variant.title': 'Name of the phase ({language})',
	'variant.prompt': 'Task for everyone ({language})',
	'variant.save': 'Save translation',
	'variant.saved': 'Translation saved: {language}.',
	'variant.removed': 'Translation removed: {language}.',
	'variant.has': 'Translated already: {languages}',
	'variant.languageUnknown':
		'This language is not available here. Please choose a language from the list (field “Language”).',
	'variant.titleTooLong':
		'The name is too long. At most 80 characters are allowed (field “Name of the phase ({language})”).',
	'variant.promptTooLong':
		'The task is too long. At most 500 characters are allowed (field “Task for everyone ({language})”).'
};
