/** The archive search for planners (/archiv). */
export const archiveSearchDe = {
	'archiveSearch.nav': 'Archiv',
	'archiveSearch.title': 'Archiv',
	'archiveSearch.intro':
		'Hier finden Sie abgeschlossene Werkstätten. Die Suche findet Wörter in Karten, Texten und Maßnahmen, auch in anderen Formen („Spielplätze“ findet „Spielplatz“) und als Teil eines Wortes („platz“ findet „Spielplatzsanierung“).',
	'archiveSearch.form': 'Suchen und filtern',
	'archiveSearch.query': 'Suchbegriff',
	'archiveSearch.queryHint': 'Alle Wörter müssen in der Werkstatt vorkommen.',
	'archiveSearch.format': 'Format',
	'archiveSearch.allFormats': 'Alle Formate',
	'archiveSearch.district': 'Sozialraum',
	'archiveSearch.allDistricts': 'Alle Sozialräume',
	'archiveSearch.goal': 'Entwicklungsziel',
	'archiveSearch.allGoals': 'Alle Ziele',
	'archiveSearch.period': 'Zeitraum',
	'archiveSearch.from': 'Datum von',
	'archiveSearch.to': 'Datum bis',
	'archiveSearch.dateHint':
		'Das Datum ist der Tag der Werkstatt. Hat sie keinen, zählt der Tag des Abschlusses.',
	'archiveSearch.submit': 'Suchen',
	'archiveSearch.reset': 'Alles zurücksetzen',
	'archiveSearch.count': '{n} abgeschlossene {n|one:Werkstatt|other:Werkstätten}',
	'archiveSearch.countOne': '1 abgeschlossene Werkstatt',
	'archiveSearch.countMatches':
		'{n} {n|one:Werkstatt passt|other:Werkstätten passen} zu Ihrer Suche',
	'archiveSearch.countMatchesOne': '1 Werkstatt passt zu Ihrer Suche',
	'archiveSearch.more':
		'Es werden die neuesten {n} gezeigt. Grenzen Sie die Suche ein, um ältere zu finden.',
	'archiveSearch.emptyArchive': 'Es gibt noch keine abgeschlossenen Werkstätten.',
	'archiveSearch.emptyResult':
		'Keine Werkstatt passt zu Ihrer Suche. Versuchen Sie ein anderes Wort oder weniger Filter.',
	'archiveSearch.day': 'Datum: {day}',
	'archiveSearch.closed': 'Abgeschlossen am {day}',
	'archiveSearch.districts': 'Sozialräume: {names}',
	'archiveSearch.goals': 'Ziele: {names}',
	'archiveSearch.hits': '{n} Treffer',
	'archiveSearch.hitsOne': '1 Treffer',
	'archiveSearch.moreHits': 'und {n} weitere Treffer',
	'archiveSearch.kind.workshop': 'Werkstatt',
	'archiveSearch.kind.card': 'Karte',
	'archiveSearch.kind.group': 'Gruppe',
	'archiveSearch.kind.text': 'Text',
	'archiveSearch.kind.measure': 'Maßnahme',
	'archiveSearch.documentation': 'Dokumentation',
	'archiveSearch.documentationOf': 'Dokumentation: {title}',
	'archiveSearch.measureLink': 'Im Maßnahmenregister',
	'archiveSearch.measureLinkOf': 'Im Maßnahmenregister: {title}',
	'archiveSearch.allMeasures': 'Alle Maßnahmen der Werkstatt im Register',
	'archiveSearch.allMeasuresOf': 'Alle Maßnahmen der Werkstatt im Register: {title}',
	'archiveSearch.problems': 'Bitte prüfen Sie Ihre Eingaben',
	'archiveSearch.error.dateInvalid':
		'„{value}“ ist kein gültiges Datum. Bitte wählen Sie ein Datum wie 2026-03-31.',
	'archiveSearch.error.dateReversed':
		'Das Datum „von“ liegt nach dem Datum „bis“. Bitte tauschen Sie die beiden Daten.',
	'archiveSearch.error.noWords':
		'Der Suchbegriff enthält keine Buchstaben oder Ziffern. Bitte geben Sie ein Wort ein.',
	'archiveSearch.note.unknownFormat':
		'Dieses Format gibt es nicht. Der Filter wurde nicht angewendet.',
	'archiveSearch.note.unknownDistrict':
		'Diesen Sozialraum gibt es nicht. Der Filter wurde nicht angewendet.',
	'archiveSearch.note.unknownGoal':
		'Dieses Entwicklungsziel gibt es nicht. Der Filter wurde nicht angewendet.',
	'archiveSearch.note.tooManyWords':
		'Die Suche nutzt nur die ersten {n} Wörter. Weitere Wörter wurden nicht beachtet.',
	'archiveSearch.note.tooLong':
		'Der Suchbegriff ist sehr lang. Die Suche nutzt nur die ersten {n} Zeichen.'
} as const;

export const archiveSearchEn: Record<keyof typeof archiveSearchDe, string> = {
	'archiveSearch.nav': 'Archive',
	'archiveSearch.title': 'Archive',
	'archiveSearch.intro':
		'Find closed workshops here. The search finds words in cards, texts and measures, also in other forms ("Spielplätze" finds "Spielplatz") and as part of a word ("platz" finds "Spielplatzsanierung").',
	'archiveSearch.form': 'Search and filter',
	'archiveSearch.query': 'Search words',
	'archiveSearch.queryHint': 'Every word must occur in the workshop.',
	'archiveSearch.format': 'Format',
	'archiveSearch.allFormats': 'All formats',
	'archiveSearch.district': 'District',
	'archiveSearch.allDistricts': 'All districts',
	'archiveSearch.goal': 'Development goal',
	'archiveSearch.allGoals': 'All goals',
	'archiveSearch.period': 'Period',
	'archiveSearch.from': 'Date from',
	'archiveSearch.to': 'Date to',
	'archiveSearch.dateHint':
		'The date is the day of the workshop. Without one, the day it was closed counts.',
	'archiveSearch.submit': 'Search',
	'archiveSearch.reset': 'Reset everything',
	'archiveSearch.count': '{n} closed {n|one:workshop|other:workshops}',
	'archiveSearch.countOne': '1 closed workshop',
	'archiveSearch.countMatches': '{n} {n|one:workshop matches|other:workshops match} your search',
	'archiveSearch.countMatchesOne': '1 workshop matches your search',
	'archiveSearch.more': 'The newest {n} are shown. Narrow the search to find older ones.',
	'archiveSearch.emptyArchive': 'There are no closed workshops yet.',
	'archiveSearch.emptyResult':
		'No workshop matches your search. Try another word or fewer filters.',
	'archiveSearch.day': 'Date: {day}',
	'archiveSearch.closed': 'Closed on {day}',
	'archiveSearch.districts': 'Districts: {names}',
	'archiveSearch.goals': 'Goals: {names}',
	'archiveSearch.hits': '{n} {n|one:match|other:matches}',
	'archiveSearch.hitsOne': '1 match',
	'archiveSearch.moreHits': 'and {n} more {n|one:match|other:matches}',
	'archiveSearch.kind.workshop': 'Workshop',
	'archiveSearch.kind.card': 'Card',
	'archiveSearch.kind.group': 'Group',
	'archiveSearch.kind.text': 'Text',
	'archiveSearch.kind.measure': 'Measure',
	'archiveSearch.documentation': 'Documentation',
	'archiveSearch.documentationOf': 'Documentation: {title}',
	'archiveSearch.measureLink': 'In the measure register',
	'archiveSearch.measureLinkOf': 'In the measure register: {title}',
	'archiveSearch.allMeasures': "All of the workshop's measures in the register",
	'archiveSearch.allMeasuresOf': "All of the workshop's measures in the register: {title}",
	'archiveSearch.problems': 'Please check your input',
	'archiveSearch.error.dateInvalid':
		'"{value}" is not a valid date. Please pick a date such as 2026-03-31.',
	'archiveSearch.error.dateReversed':
		'The "from" date is after the "to" date. Please swap the two dates.',
	'archiveSearch.error.noWords':
		'The search words contain no letters or digits. Please enter a word.',
	'archiveSearch.note.unknownFormat': 'This format does not exist. The filter was not applied.',
	'archiveSearch.note.unknownDistrict': 'This district does not exist. The filter was not applied.',
	'archiveSearch.note.unknownGoal':
		'This development goal does not exist. The filter was not applied.',
	'archiveSearch.note.tooManyWords':
		'The search uses only the first {n} words. Further words were not used.',
	'archiveSearch.note.tooLong':
		'The search words are very long. Only the first {n} characters are used.'
};
