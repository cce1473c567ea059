/** Moving a closed workshop to another installation: the export link and the import page. */
export const transferDe = {
	'transfer.export': 'Exportieren (für eine andere Installation)',
	'transfer.exportHelp':
		'Eine Datei mit der Werkstatt, ihren Dokumenten, dem Archiv und ihren Maßnahmen. Eine andere Installation kann sie unter „Werkstatt einspielen“ übernehmen.',
	'transfer.export.notClosed':
		'Nur abgeschlossene Werkstätten lassen sich exportieren. Schließen Sie die Werkstatt zuerst ab.',
	'transfer.export.notFound': 'Diese Werkstatt gibt es nicht.',
	'transfer.nav': 'Werkstatt einspielen',
	'transfer.title': 'Werkstatt einspielen',
	'transfer.intro':
		'Hier übernehmen Sie eine abgeschlossene Werkstatt aus einer anderen Installation: die Dokumentation, die Wände und Texte, das Archiv und ihre Maßnahmen im Register. Die Datei bekommen Sie dort auf der Archivseite der Werkstatt unter „Exportieren“.',
	'transfer.privacy':
		'Die Datei enthält keine Namen von Teilnehmenden, keine Einladungslinks und keine Anmeldedaten. Nur bei einem Runden Tisch kommt die Mitgliederliste mit (Organisationen und Personen). Gebiete und Ziele, die es hier noch nicht gibt, werden mit angelegt.',
	'transfer.file': 'Exportdatei (.qwtransfer.json, höchstens 50 MB)',
	'transfer.submit': 'Prüfen und einspielen',
	'transfer.busy': 'Datei wird geprüft und eingespielt …',
	'transfer.done': 'Die Werkstatt „{title}“ ist eingespielt.',
	'transfer.doneDetails':
		'Maßnahmen im Register: {measures}. Dokumente: {documents}. Neu angelegt: {goals} {goals|one:Ziel|other:Ziele} und {districts} {districts|one:Gebiet|other:Gebiete}.',
	'transfer.openArchive': 'Dokumentation öffnen',
	'transfer.openWorkshop': 'Werkstatt öffnen',
	'transfer.nothingChanged': 'Es wurde nichts gespeichert.',
	'transfer.error.noFile': 'Bitte wählen Sie eine Exportdatei aus.',
	'transfer.error.empty': 'Die Datei ist leer.',
	'transfer.error.tooLarge': 'Die Datei ist größer als 50 MB. Erlaubt sind höchstens 50 MB.',
	'transfer.error.malformed':
		'Die Datei ist beschädigt oder unvollständig. Laden Sie den Export noch einmal herunter.',
	'transfer.error.tooDeep': 'Die Datei ist zu tief verschachtelt. Sie ist kein Export dieser App.',
	'transfer.error.otherFormat':
		'Das ist kein Werkstatt-Export der Quartierswerkstatt. Wählen Sie eine Datei „….qwtransfer.json“.',
	'transfer.error.otherVersion':
		'Die Datei hat die Version {detail}. Diese Installation liest nur die Versionen 1 und 2. Bitte aktualisieren Sie die Installation, die sie einspielen soll.',
	'transfer.error.missingPart': 'In der Datei fehlen Teile: {detail}.',
	'transfer.error.unknownPart': 'Die Datei enthält unbekannte Teile: {detail}.',
	'transfer.error.hashMismatch':
		'Die Prüfsummen stimmen nicht: {detail} wurde nach dem Export verändert. Verwenden Sie die unveränderte Datei.',
	'transfer.error.invalidPart': 'Ein Eintrag in der Datei ist ungültig ({detail}).',
	'transfer.error.invalidDocument': 'Ein Dokument in der Datei ist beschädigt ({detail}).',
	'transfer.error.workshopExists':
		'Die Werkstatt „{detail}“ gibt es in dieser Installation schon. Sie wurde nicht noch einmal eingespielt.',
	'transfer.error.recentlyDeleted':
		'Die Werkstatt „{detail}“ wurde hier vor wenigen Minuten gelöscht. Bitte spielen Sie sie in fünf Minuten noch einmal ein.',
	'transfer.error.conflict':
		'Maßnahmen aus dieser Datei stehen schon im Register: {detail}. Die Datei wurde nicht eingespielt.',
	'transfer.error.roundTableConflict':
		'Der Runde Tisch hat hier schon andere Beschlüsse, Aufgaben oder Mitglieder unter denselben Nummern: {detail}. Die Datei wurde nicht eingespielt.',
	'transfer.error.writeFailed':
		'Die Werkstatt konnte nicht gespeichert werden. Bitte versuchen Sie es noch einmal.'
};

export const transferEn: Record<keyof typeof transferDe, string> = {
	'transfer.export': 'Export (for another installation)',
	'transfer.exportHelp':
		'One file with the workshop, its documents, the archive and its measures. Another installation can take it under “Import a workshop”.',
	'transfer.export.notClosed': 'Only closed workshops can be exported. Close the workshop first.',
	'transfer.export.notFound': 'This workshop does not exist.',
	'transfer.nav': 'Import a workshop',
	'transfer.title': 'Import a workshop',
	'transfer.intro':
		'Take over a closed workshop from another installation: the documentation, the walls and texts, the archive and its measures in the register. Get the file there on the workshop’s archive page under “Export”.',
	'transfer.privacy':
		'The file holds no participant names, no invite links and no login data. Only a Runder Tisch brings its member list (organisations and people). Districts and goals this installation lacks are created.',
	'transfer.file': 'Export file (.qwtransfer.json, at most 50 MB)',
	'transfer.submit': 'Check and import',
	'transfer.busy': 'Checking and importing the file …',
	'transfer.done': 'The workshop “{title}” has been imported.',
	'transfer.doneDetails':
		'Measures in the register: {measures}. Documents: {documents}. Newly created: {goals} {goals|one:goal|other:goals} and {districts} {districts|one:district|other:districts}.',
	'transfer.openArchive': 'Open the documentation',
	'transfer.openWorkshop': 'Open the workshop',
	'transfer.nothingChanged': 'Nothing was saved.',
	'transfer.error.noFile': 'Please choose an export file.',
	'transfer.error.empty': 'The file is empty.',
	'transfer.error.tooLarge': 'The file is larger than 50 MB. At most 50 MB are allowed.',
	'transfer.error.malformed': 'The file is damaged or incomplete. Download the export again.',
	'transfer.error.tooDeep': 'The file is nested too deeply. It is not an export of this app.',
	'transfer.error.otherFormat':
		'This is not a Quartierswerkstatt workshop export. Choose a “….qwtransfer.json” file.',
	'transfer.error.otherVersion':
		'The file has version {detail}. This installation reads versions 1 and 2 only. Please update the installation that should import it.',
	'transfer.error.missingPart': 'Parts of the file are missing: {detail}.',
	'transfer.error.unknownPart': 'The file holds unknown parts: {detail}.',
	'transfer.error.hashMismatch':
		'The checksums do not match: {detail} was changed after the export. Use the unchanged file.',
	'transfer.error.invalidPart': 'An entry in the file is invalid ({detail}).',
	'transfer.error.invalidDocument': 'A document in the file is damaged ({detail}).',
	'transfer.error.workshopExists':
		'The workshop “{detail}” already exists in this installation. It was not imported again.',
	'transfer.error.recentlyDeleted':
		'The workshop “{detail}” was deleted here a few minutes ago. Please import it again in five minutes.',
	'transfer.error.conflict':
		'Measures from this file are already in the register: {detail}. The file was not imported.',
	'transfer.error.roundTableConflict':
		'The Runder Tisch here already has other decisions, action items or members under the same numbers: {detail}. The file was not imported.',
	'transfer.error.writeFailed': 'The workshop could not be saved. Please try again.'
};
