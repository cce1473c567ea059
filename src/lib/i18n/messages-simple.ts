/**
 * The Einfache Sprache switch and its help box (i18n/simple). Written simply already; the simple
 * texts of all other participant keys live in ./simple/de.ts.
 */
export const simpleLanguageDe = {
	'simple.switch': 'Einfache Sprache',
	'simple.help': 'Hilfe',
	'simple.helpWrite': 'Schreiben Sie Ihre Idee auf eine Karte. Drücken Sie dann auf „{button}“.',
	'simple.helpVote': 'Geben Sie Punkte für die besten Ideen.',
	'simple.helpDone': 'Sind Sie fertig? Dann drücken Sie auf „{button}“.',
	'simple.helpAsk': 'Sie kommen nicht weiter? Fragen Sie die Moderation.'
} as const;

export const simpleLanguageEn: Record<keyof typeof simpleLanguageDe, string> = {
	'simple.switch': 'Simple language',
	'simple.help': 'Help',
	'simple.helpWrite': 'Write your idea on a card. Then press “{button}”.',
	'simple.helpVote': 'Give points to the best ideas.',
	'simple.helpDone': 'Are you done? Then press “{button}”.',
	'simple.helpAsk': 'Are you stuck? Ask the facilitators.'
};
