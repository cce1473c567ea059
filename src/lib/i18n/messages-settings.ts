/** UI text: the municipality's settings, the footer and what the join page says is stored. */
export const siteSettingsDe = {
	'settings.nav': 'Einstellungen',
	'settings.title': 'Einstellungen',
	'settings.intro':
		'Diese Angaben sehen alle: im Kopf und Fuß jeder Seite und auf der Seite zum Teilnehmen.',
	'settings.municipality': 'Kommune',
	'settings.legal': 'Rechtliches und Kontakt',
	'settings.name': 'Name der Kommune',
	'settings.nameHint': 'Zum Beispiel „Stadt Musterstadt“. Höchstens 120 Zeichen.',
	'settings.privacyUrl': 'Link zur Datenschutzerklärung',
	'settings.imprintUrl': 'Link zum Impressum',
	'settings.urlHint': 'Die volle Adresse, sie beginnt mit https://',
	'settings.contact': 'Kontakt für Barrierefreiheit',
	'settings.contactHint':
		'Eine E-Mail-Adresse oder ein Link. Hier können Menschen Barrieren melden.',
	'settings.logo': 'Logo',
	'settings.logoHint':
		'PNG, JPEG oder WebP, höchstens 300 KB. SVG geht nicht. Das Logo steht klein im Kopf jeder Seite.',
	'settings.logoChoose': 'Neues Logo hochladen',
	'settings.logoCurrent': 'Das aktuelle Logo',
	'settings.logoNone': 'Noch kein Logo.',
	'settings.logoPreview': 'Vorschau (noch nicht gespeichert)',
	'settings.logoRemove': 'Logo entfernen',
	'settings.logoRemoved': 'Das Logo ist entfernt.',
	'settings.logoAlt': 'Logo der Kommune',
	'settings.save': 'Speichern',
	'settings.saved': 'Die Einstellungen sind gespeichert.',
	'settings.error.summary': 'Bitte prüfen Sie die markierten Felder. Es wurde nichts gespeichert.',
	'settings.error.nameTooLong': 'Der Name darf höchstens 120 Zeichen haben.',
	'settings.error.urlInvalid':
		'Bitte geben Sie die volle Adresse ein, zum Beispiel https://www.stadt.de/datenschutz',
	'settings.error.urlScheme': 'Der Link muss mit https:// oder http:// beginnen.',
	'settings.error.urlTooLong': 'Die Adresse darf höchstens 500 Zeichen haben.',
	'settings.error.contactInvalid':
		'Bitte geben Sie eine E-Mail-Adresse oder einen Link mit https:// ein.',
	'settings.error.logoType':
		'Das Logo muss ein PNG-, JPEG- oder WebP-Bild sein. Bitte wählen Sie eine andere Datei.',
	'settings.error.logoTooLarge':
		'Das Logo darf höchstens 300 KB groß sein. Bitte wählen Sie eine kleinere Datei.',
	'settings.error.logoBroken':
		'Die Bilddatei ist unvollständig oder beschädigt. Bitte wählen Sie eine andere Datei.',
	'privacy.title': 'Was wird gespeichert?',
	'privacy.name': 'Ihr Name, wenn Sie einen angeben. Wenn Sie anonym teilnehmen: kein Name.',
	'privacy.content': 'Ihre Karten, Texte und Stimmen in dieser Werkstatt.',
	'privacy.howLongLabel': 'Wie lange?',
	'privacy.howLong':
		'Ihr Name: bis {days} {days|one:Tag|other:Tage} nach dem Ende der Werkstatt. Ihre Karten, Texte und Stimmen: bis die Kommune die Dokumentation löscht.',
	'privacy.deviceLabel': 'Auf diesem Gerät:',
	'privacy.device':
		'Ein Cookie, das Sie in dieser Werkstatt angemeldet hält. Es endet spätestens {days} {days|one:Tag|other:Tage} nach Ihrem letzten Besuch.',
	'privacy.deviceCopy':
		'Ihr Browser hebt außerdem eine Kopie der Karten und Texte dieser Werkstatt auf, damit bei einer Funkstörung nichts verloren geht. Er merkt sich auch, ob Sie die Liste oder die Wand sehen, und bei anonymen Karten einen Schlüssel, mit dem nur Sie Ihre Karte noch ändern können. Sie können das in Ihrem Browser löschen.',
	'privacy.notYet': 'Gespeichert wird erst, wenn Sie auf „{button}“ drücken.',
	'privacy.more': 'Mehr dazu:',
	'privacy.policy': 'Datenschutzerklärung',
	'privacy.imprint': 'Impressum',
	'privacy.newTab': '(öffnet in neuem Tab)',
	'privacy.missing': 'Fragen zum Datenschutz beantwortet Ihnen die Moderation der Werkstatt.',
	'footer.legal': 'Rechtliches',
	'footer.privacy': 'Datenschutz',
	'footer.imprint': 'Impressum',
	'footer.newTab': '(öffnet in neuem Tab)'
};

export const siteSettingsEn: Record<keyof typeof siteSettingsDe, string> = {
	'settings.nav': 'Settings',
	'settings.title': 'Settings',
	'settings.intro':
		'Everybody sees these details: at the top and bottom of every page and on the page for joining.',
	'settings.municipality': 'Municipality',
	'settings.legal': 'Legal and contact',
	'settings.name': 'Name of the municipality',
	'settings.nameHint': 'For example “City of Springfield”. At most 120 characters.',
	'settings.privacyUrl': 'Link to the privacy policy',
	'settings.imprintUrl': 'Link to the imprint (legal notice)',
	'settings.urlHint': 'The full address, starting with https://',
	'settings.contact': 'Contact for accessibility',
	'settings.contactHint': 'An e-mail address or a link. People can report barriers there.',
	'settings.logo': 'Logo',
	'settings.logoHint':
		'PNG, JPEG or WebP, at most 300 KB. SVG is not possible. The logo is shown small at the top of every page.',
	'settings.logoChoose': 'Upload a new logo',
	'settings.logoCurrent': 'The current logo',
	'settings.logoNone': 'No logo yet.',
	'settings.logoPreview': 'Preview (not saved yet)',
	'settings.logoRemove': 'Remove logo',
	'settings.logoRemoved': 'The logo has been removed.',
	'settings.logoAlt': 'Logo of the municipality',
	'settings.save': 'Save',
	'settings.saved': 'The settings have been saved.',
	'settings.error.summary': 'Please check the marked fields. Nothing was saved.',
	'settings.error.nameTooLong': 'The name may have at most 120 characters.',
	'settings.error.urlInvalid':
		'Please enter the full address, for example https://www.city.example/privacy',
	'settings.error.urlScheme': 'The link must start with https:// or http://.',
	'settings.error.urlTooLong': 'The address may have at most 500 characters.',
	'settings.error.contactInvalid': 'Please enter an e-mail address or a link with https://.',
	'settings.error.logoType':
		'The logo must be a PNG, JPEG or WebP image. Please choose another file.',
	'settings.error.logoTooLarge': 'The logo may be at most 300 KB. Please choose a smaller file.',
	'settings.error.logoBroken':
		'The image file is incomplete or damaged. Please choose another file.',
	'privacy.title': 'What is stored?',
	'privacy.name': 'Your name, if you give one. If you take part anonymously: no name.',
	'privacy.content': 'Your cards, texts and votes in this workshop.',
	'privacy.howLongLabel': 'For how long?',
	'privacy.howLong':
		'Your name: until {days} {days|one:day|other:days} after the workshop ends. Your cards, texts and votes: until the municipality deletes the documentation.',
	'privacy.deviceLabel': 'On this device:',
	'privacy.device':
		'A cookie that keeps you signed in to this workshop. It ends at the latest {days} {days|one:day|other:days} after your last visit.',
	'privacy.deviceCopy':
		'Your browser also keeps a copy of this workshop’s cards and texts, so that nothing is lost when the connection drops. It also remembers whether you see the list or the wall, and for anonymous cards a key with which only you can still change your card. You can delete this in your browser.',
	'privacy.notYet': 'Nothing is stored until you press “{button}”.',
	'privacy.more': 'More about this:',
	'privacy.policy': 'Privacy policy',
	'privacy.imprint': 'Imprint',
	'privacy.newTab': '(opens in a new tab)',
	'privacy.missing': 'The workshop’s facilitators answer questions about privacy.',
	'footer.legal': 'Legal',
	'footer.privacy': 'Privacy',
	'footer.imprint': 'Imprint',
	'footer.newTab': '(opens in a new tab)'
};
