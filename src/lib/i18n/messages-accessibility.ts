/** UI text: the accessibility statement (Erklärung zur Barrierefreiheit, BITV 2.0 § 7). */
export const accessibilityDe = {
	'a11y.footer': 'Barrierefreiheit',
	'a11y.title': 'Erklärung zur Barrierefreiheit',
	'a11y.intro':
		'{operator} möchte, dass alle Menschen mitmachen können. Diese Erklärung gilt für die Beteiligungsseiten der Quartierswerkstatt auf {host}.',
	'a11y.operatorFallback': 'Die Betreiberin dieser Seiten',
	'a11y.statusTitle': 'Wie barrierefrei sind diese Seiten?',
	'a11y.status':
		'Die Seiten sind teilweise barrierefrei nach der BITV 2.0 (Barrierefreie-Informationstechnik-Verordnung). Was noch fehlt, steht im nächsten Abschnitt.',
	'a11y.gapsTitle': 'Was noch nicht barrierefrei ist',
	'a11y.gapCanvas':
		'Die Kartenwand als Leinwand geht nur mit Maus oder Finger. Die Ansicht „Liste“ zeigt dieselben Karten und kann alles, was die Leinwand kann: auch mit der Tastatur und dem Screenreader.',
	'a11y.gapLanguages':
		'Die Seiten zum Mitmachen gibt es auf Deutsch, Englisch, Türkisch, Arabisch, Ukrainisch und Russisch. Auf Deutsch gibt es sie auch in Einfacher Sprache; auf Englisch gibt es das Teilnehmen und die Werkstatt selbst auch in einfacher Sprache. Die Seiten für das Team gibt es auf Deutsch und Englisch.',
	'a11y.gapPdf':
		'Die Dokumentation als PDF hat Überschriften, Tabellen und Bildbeschreibungen. Eine vollständige Prüfung nach PDF/UA steht noch aus.',
	'a11y.methodTitle': 'Wie wir das geprüft haben',
	'a11y.method':
		'Die Erklärung beruht auf einer Selbstbewertung. Bei jeder Änderung der Software prüfen automatische Tests (axe) die Seiten in einem echten Browser, auf dem Computer und auf dem Handy.',
	'a11y.date': 'Erstellt am {date}.',
	'a11y.feedbackTitle': 'Barrieren melden',
	'a11y.feedback':
		'Haben Sie eine Barriere gefunden, oder brauchen Sie einen Inhalt in einer anderen Form? Schreiben Sie uns:',
	'a11y.feedbackNone':
		'Die Kommune hat noch keinen Kontakt eingetragen. Bitte sagen Sie der Moderation Ihrer Werkstatt Bescheid.',
	'a11y.enforcementTitle': 'Schlichtung',
	'a11y.enforcement':
		'Bekommen Sie auf Ihre Meldung keine gute Antwort, können Sie sich an die Schlichtungs- oder Durchsetzungsstelle Ihres Bundeslandes wenden. Für Stellen des Bundes ist es die Schlichtungsstelle nach § 16 BGG:'
} as const;

export const accessibilityEn: Record<keyof typeof accessibilityDe, string> = {
	'a11y.footer': 'Accessibility',
	'a11y.title': 'Accessibility statement',
	'a11y.intro':
		'{operator} wants everyone to be able to take part. This statement covers the participation pages of Quartierswerkstatt on {host}.',
	'a11y.operatorFallback': 'The operator of these pages',
	'a11y.statusTitle': 'How accessible are these pages?',
	'a11y.status':
		'The pages are partly accessible under the German BITV 2.0. What is still missing is listed in the next section.',
	'a11y.gapsTitle': 'What is not accessible yet',
	'a11y.gapCanvas':
		'The card wall as a canvas works only with a mouse or a finger. The “List” view shows the same cards and can do everything the canvas can, also with a keyboard and a screen reader.',
	'a11y.gapLanguages':
		'The participation pages exist in German, English, Turkish, Arabic, Ukrainian and Russian. In German they also exist in plain language (Einfache Sprache); in English, joining and the workshop itself do too. The team pages exist in German and English.',
	'a11y.gapPdf':
		'The PDF documentation has headings, tables and image descriptions. A full check against PDF/UA is still to come.',
	'a11y.methodTitle': 'How we checked',
	'a11y.method':
		'This statement is a self-assessment. With every change of the software, automated tests (axe) check the pages in a real browser, on a computer and on a phone.',
	'a11y.date': 'Written on {date}.',
	'a11y.feedbackTitle': 'Report a barrier',
	'a11y.feedback': 'Did you find a barrier, or do you need content in another form? Write to us:',
	'a11y.feedbackNone':
		'The municipality has not entered a contact yet. Please tell the facilitator of your workshop.',
	'a11y.enforcementTitle': 'Conciliation',
	'a11y.enforcement':
		'If you do not get a good answer to your report, you can turn to the conciliation or enforcement body of your federal state. For federal bodies it is the conciliation body under § 16 BGG:'
};
