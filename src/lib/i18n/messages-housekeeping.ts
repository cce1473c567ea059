/** UI text: the facilitator's housekeeping (links shown again, people removed). */
export const housekeepingDe = {
	'invites.show': 'Link und QR-Code zeigen',
	'invites.shownAgain': 'Link für „{label}“. Auch ältere Links dieser Einladung gelten weiter:',
	'invites.showFailed':
		'Für diese Einladung gibt es keinen Link mehr: Sie ist abgelaufen oder zurückgezogen.',
	'participants.title': 'Wer ist dabei ({n})',
	'participants.help':
		'Hier können Sie eine einzelne Person aus der Werkstatt entfernen. Ihre Karten bleiben. Mit dem Link kann die Person wieder beitreten; ziehen Sie dafür den Link zurück und verteilen Sie einen neuen.',
	'participants.empty': 'Noch niemand ist beigetreten.',
	'participants.anonymous': 'Anonym',
	'participants.joined': 'beigetreten {time} über „{label}“',
	'participants.remove': 'Entfernen …',
	'participants.removeConfirm': 'Ja, {name} entfernen',
	'participants.removed': 'Die Person ist entfernt. Ihre Verbindung ist beendet.',
	'participants.removeFailed': 'Diese Person ist nicht (mehr) in der Werkstatt.'
};

export const housekeepingEn: Record<keyof typeof housekeepingDe, string> = {
	'invites.show': 'Show link and QR code',
	'invites.shownAgain': 'Link for "{label}". Older links of this invitation keep working:',
	'invites.showFailed': 'This invitation has no link any more: it has expired or was revoked.',
	'participants.title': 'Who is here ({n})',
	'participants.help':
		'Here you can remove a single person from the workshop. Their cards stay. The person can join again with the link; to prevent that, revoke the link and hand out a new one.',
	'participants.empty': 'Nobody has joined yet.',
	'participants.anonymous': 'Anonymous',
	'participants.joined': 'joined {time} via "{label}"',
	'participants.remove': 'Remove …',
	'participants.removeConfirm': 'Yes, remove {name}',
	'participants.removed': 'The person has been removed. Their connection has ended.',
	'participants.removeFailed': 'This person is not (or no longer) in the workshop.'
};
