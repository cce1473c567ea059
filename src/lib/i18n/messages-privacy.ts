/** UI text: DSGVO — consent to the name, removing names, retention, deleting a workshop. */
export const privacyDe = {
	'privacy.join.consent': 'Mein Name darf in der Dokumentation stehen.',
	'privacy.join.consentHint':
		'Ohne Häkchen erscheinen Ihre Karten in der Dokumentation ohne Namen. Sie können den Namen später von der Moderation entfernen lassen.',

	'privacy.names.title': 'Namen der Teilnehmenden',
	'privacy.names.help':
		'Sie können den Namen einer Person entfernen. Ihre Karten und Texte bleiben, nur der Name geht: aus der Liste, aus dem Export und aus der Dokumentation, die dann neu erstellt wird.',
	'privacy.names.empty': 'Niemand in dieser Werkstatt hat einen Namen angegeben.',
	'privacy.names.consentYes': 'darf in der Dokumentation stehen',
	'privacy.names.consentNo': 'nicht in der Dokumentation',
	'privacy.names.remove': 'Namen entfernen …',
	'privacy.names.removeConfirm': 'Ja, den Namen „{name}“ entfernen',
	'privacy.names.removed': 'Der Name ist entfernt.',
	'privacy.names.regenerated': 'Die Dokumentation wurde am {date} neu erstellt.',
	'privacy.names.notFound': 'Diese Person hat keinen Namen (mehr) in dieser Werkstatt.',

	'privacy.delete.title': 'Werkstatt löschen',
	'privacy.delete.help':
		'Löschen entfernt die Werkstatt mit allen Karten, Texten, Teilnehmenden und der Dokumentation. Maßnahmen im Register bleiben. Festgehalten wird nur, wer wann gelöscht hat.',
	'privacy.delete.zipOffer':
		'Vorher: Laden Sie das Archiv als ZIP herunter, zum Beispiel für das Stadtarchiv.',
	'privacy.delete.zipLink': 'Archiv als ZIP herunterladen',
	'privacy.delete.noArchive':
		'Diese Werkstatt ist nicht abgeschlossen. Es gibt noch keine Dokumentation zum Herunterladen.',
	'privacy.delete.open': 'Löschen …',
	'privacy.delete.confirm': 'Ich habe verstanden: Die Werkstatt „{title}“ wird endgültig gelöscht.',
	'privacy.delete.button': 'Endgültig löschen',
	'privacy.delete.confirmMissing': 'Bitte bestätigen Sie das Löschen mit dem Häkchen.',
	'privacy.delete.forbidden': 'Werkstätten löschen dürfen nur Administration und Sozialplanung.',

	'privacy.deleted.title': 'Gelöschte Werkstätten',
	'privacy.deleted.help': 'Wer welche Werkstatt wann gelöscht hat. Die Inhalte gibt es nicht mehr.',
	'privacy.deleted.empty': 'Noch keine Werkstatt wurde gelöscht.',
	'privacy.deleted.workshop': 'Werkstatt',
	'privacy.deleted.by': 'Gelöscht von',
	'privacy.deleted.at': 'Gelöscht am',
	'privacy.deleted.done': 'Die Werkstatt „{title}“ ist gelöscht.',
	'privacy.deleted.gone': 'Diese Werkstatt wurde am {date} gelöscht. Es gibt sie nicht mehr.',
	'privacy.deleted.archiveGone':
		'Diese Werkstatt wurde am {date} gelöscht. Ihre Dokumentation gibt es nicht mehr.',
	'privacy.deleted.link': 'Gelöschte Werkstätten',

	'privacy.retention.title': 'Aufbewahrung von Gastdaten',
	'privacy.retention.help':
		'So viele Tage nach dem Abschluss einer Werkstatt werden Namen, Gast-Zugänge und private Entwürfe gelöscht. Karten, Texte und Maßnahmen bleiben ohne Namen. Voreinstellung: {days} {days|one:Tag|other:Tage}.',
	'privacy.retention.days': 'Tage nach dem Abschluss',
	'privacy.retention.save': 'Aufbewahrung speichern',
	'privacy.retention.saved':
		'Gespeichert: Gastdaten werden {days} {days|one:Tag|other:Tage} nach dem Abschluss gelöscht.',
	'privacy.retention.notNumber': 'Bitte geben Sie eine ganze Zahl von Tagen ein.',
	'privacy.retention.outOfRange': 'Bitte geben Sie zwischen {min} und {max} Tagen an.'
};

export const privacyEn: Record<keyof typeof privacyDe, string> = {
	'privacy.join.consent': 'My name may appear in the documentation.',
	'privacy.join.consentHint':
		'Without a tick your cards appear in the documentation without a name. You can ask the facilitators to remove your name later.',

	'privacy.names.title': 'Participants’ names',
	'privacy.names.help':
		'You can remove a person’s name. Their cards and texts stay, only the name goes: from this list, the export and the documentation, which is then made again.',
	'privacy.names.empty': 'Nobody in this workshop gave a name.',
	'privacy.names.consentYes': 'may appear in the documentation',
	'privacy.names.consentNo': 'not in the documentation',
	'privacy.names.remove': 'Remove name …',
	'privacy.names.removeConfirm': 'Yes, remove the name “{name}”',
	'privacy.names.removed': 'The name is removed.',
	'privacy.names.regenerated': 'The documentation was made again on {date}.',
	'privacy.names.notFound': 'This person has no name (any more) in this workshop.',

	'privacy.delete.title': 'Delete workshop',
	'privacy.delete.help':
		'Deleting removes the workshop with all cards, texts, participants and the documentation. Measures in the register stay. Only who deleted it and when is kept.',
	'privacy.delete.zipOffer':
		'First: download the archive as a ZIP, for example for the city archive.',
	'privacy.delete.zipLink': 'Download the archive as ZIP',
	'privacy.delete.noArchive':
		'This workshop is not closed. There is no documentation to download yet.',
	'privacy.delete.open': 'Delete …',
	'privacy.delete.confirm': 'I understand: the workshop “{title}” will be deleted for good.',
	'privacy.delete.button': 'Delete for good',
	'privacy.delete.confirmMissing': 'Please confirm the deletion with the tick.',
	'privacy.delete.forbidden': 'Only administrators and planners may delete workshops.',

	'privacy.deleted.title': 'Deleted workshops',
	'privacy.deleted.help': 'Who deleted which workshop and when. The contents are gone.',
	'privacy.deleted.empty': 'No workshop has been deleted yet.',
	'privacy.deleted.workshop': 'Workshop',
	'privacy.deleted.by': 'Deleted by',
	'privacy.deleted.at': 'Deleted on',
	'privacy.deleted.done': 'The workshop “{title}” is deleted.',
	'privacy.deleted.gone': 'This workshop was deleted on {date}. It no longer exists.',
	'privacy.deleted.archiveGone':
		'This workshop was deleted on {date}. Its documentation no longer exists.',
	'privacy.deleted.link': 'Deleted workshops',

	'privacy.retention.title': 'Keeping guest data',
	'privacy.retention.help':
		'This many days after a workshop closes, names, guest access and private drafts are deleted. Cards, texts and measures stay, without names. Default: {days} {days|one:day|other:days}.',
	'privacy.retention.days': 'Days after the close',
	'privacy.retention.save': 'Save retention',
	'privacy.retention.saved':
		'Saved: guest data is deleted {days} {days|one:day|other:days} after the close.',
	'privacy.retention.notNumber': 'Please enter a whole number of days.',
	'privacy.retention.outOfRange': 'Please enter between {min} and {max} days.'
};
