/** UI text: the admin's team page (roles, deactivation, reset links, open links) and the reset page. */
export const staffAdminDe = {
	'staff.intro':
		'Hier verwalten Sie die Konten des Teams: Rollen ändern, Konten abschalten, Links für ein neues Passwort erstellen und Einladungen zurückziehen.',
	'staff.peopleHeading': 'Personen im Team ({n})',
	'staff.status': 'Status',
	'staff.actions': 'Aktionen',
	'staff.active': 'aktiv',
	'staff.deactivated': 'deaktiviert',
	'staff.deactivatedSince': 'seit {date}',
	'staff.you': '(Sie)',
	'staff.roleOf': 'Rolle von {name}',
	'staff.saveRole': 'Speichern',
	'staff.roleChanged':
		'{name} hat jetzt die Rolle {role}. Die Anmeldung von {name} ist beendet; beim nächsten Anmelden gilt die neue Rolle.',
	'staff.roleUnchanged': '{name} hat schon die Rolle {role}.',
	'staff.deactivate': 'Deaktivieren …',
	'staff.deactivateHelp':
		'Danach kann sich die Person nicht mehr anmelden. Offene Seiten verlieren sofort den Zugang. Was sie geschrieben hat, bleibt.',
	'staff.deactivateConfirm': 'Ja, {name} deaktivieren',
	'staff.deactivatedNotice':
		'Das Konto von {name} ist deaktiviert. Alle Anmeldungen dieses Kontos sind beendet.',
	'staff.reactivate': 'Wieder aktivieren',
	'staff.reactivated':
		'Das Konto von {name} ist wieder aktiv. {name} kann sich mit dem bisherigen Passwort anmelden.',
	'staff.resetCreate': 'Passwort-Link erstellen',
	'staff.resetFor': 'für {name}',
	'staff.resetCreated':
		'Link für ein neues Passwort von {name}. Er gilt 24 Stunden und nur einmal. Geben Sie ihn nur an {name} weiter:',
	'staff.copy': 'Link kopieren',
	'staff.copied': 'Kopiert',
	'staff.notFound': 'Dieses Konto gibt es nicht (mehr). Bitte laden Sie die Seite neu.',
	'staff.lastAdmin':
		'Das geht nicht: Dies ist das einzige aktive Konto mit der Rolle Administration. Sonst könnte niemand mehr das Team verwalten. Geben Sie zuerst einer anderen Person diese Rolle.',
	'staff.alreadyDeactivated': 'Dieses Konto ist schon deaktiviert.',
	'staff.alreadyActive': 'Dieses Konto ist schon aktiv.',
	'staff.resetDeactivated':
		'Für ein deaktiviertes Konto gibt es keinen Passwort-Link. Aktivieren Sie das Konto zuerst wieder.',
	'staff.inviteHelp':
		'Der Link gilt 7 Tage und nur einmal. Damit legt die Person ihr Konto selbst an.',
	'staff.linksHeading': 'Offene Links',
	'staff.linksHelp':
		'Einladungen und Passwort-Links, die noch niemand benutzt hat. Ziehen Sie einen Link zurück, wenn er nicht mehr gebraucht wird oder an die falsche Person gegangen ist.',
	'staff.linksEmpty': 'Es gibt gerade keine offenen Links.',
	'staff.linkKind': 'Link',
	'staff.linkInvite': 'Einladung als {role}',
	'staff.linkReset': 'Neues Passwort für {name}',
	'staff.linkCreatedBy': 'Erstellt von',
	'staff.linkCreatedAt': 'Erstellt',
	'staff.linkExpires': 'Gilt bis',
	'staff.unknown': 'unbekannt',
	'staff.revoke': 'Zurückziehen …',
	'staff.revokeConfirm': 'Ja, Link zurückziehen',
	'staff.revoked': 'Der Link ist zurückgezogen. Wer ihn öffnet, kommt nicht mehr weiter.',
	'staff.linkGone':
		'Diesen Link gibt es nicht mehr: Er wurde schon benutzt, ist abgelaufen oder wurde zurückgezogen.',
	'staff.resetTitle': 'Neues Passwort setzen',
	'staff.resetIntro':
		'Für das Konto von {name}. Wählen Sie ein neues Passwort. Alle bisherigen Anmeldungen dieses Kontos enden, auch auf anderen Geräten.',
	'staff.resetPassword': 'Neues Passwort (mindestens 10 Zeichen)',
	'staff.resetSubmit': 'Passwort speichern'
};

export const staffAdminEn: Record<keyof typeof staffAdminDe, string> = {
	'staff.intro':
		"Manage the team's accounts here: change roles, switch accounts off, create links for a new password and revoke invitations.",
	'staff.peopleHeading': 'People on the team ({n})',
	'staff.status': 'Status',
	'staff.actions': 'Actions',
	'staff.active': 'active',
	'staff.deactivated': 'deactivated',
	'staff.deactivatedSince': 'since {date}',
	'staff.you': '(you)',
	'staff.roleOf': 'Role of {name}',
	'staff.saveRole': 'Save',
	'staff.roleChanged':
		"{name} now has the role {role}. {name}'s login has ended; the new role applies from the next login.",
	'staff.roleUnchanged': '{name} already has the role {role}.',
	'staff.deactivate': 'Deactivate …',
	'staff.deactivateHelp':
		'The person can no longer log in. Open pages lose access at once. What they wrote stays.',
	'staff.deactivateConfirm': 'Yes, deactivate {name}',
	'staff.deactivatedNotice':
		"{name}'s account is deactivated. Every login of this account has ended.",
	'staff.reactivate': 'Activate again',
	'staff.reactivated':
		"{name}'s account is active again. {name} can log in with the previous password.",
	'staff.resetCreate': 'Create password link',
	'staff.resetFor': 'for {name}',
	'staff.resetCreated':
		'Link for a new password for {name}. Valid for 24 hours, once. Give it to {name} only:',
	'staff.copy': 'Copy link',
	'staff.copied': 'Copied',
	'staff.notFound': 'This account does not exist (any more). Please reload the page.',
	'staff.lastAdmin':
		'Not possible: this is the only active account with the admin role. Nobody could manage the team any more. First give another person this role.',
	'staff.alreadyDeactivated': 'This account is already deactivated.',
	'staff.alreadyActive': 'This account is already active.',
	'staff.resetDeactivated':
		'A deactivated account gets no password link. Activate the account again first.',
	'staff.inviteHelp':
		'The link is valid for 7 days, once. The person uses it to create their own account.',
	'staff.linksHeading': 'Open links',
	'staff.linksHelp':
		'Invitations and password links nobody has used yet. Revoke a link when it is no longer needed or went to the wrong person.',
	'staff.linksEmpty': 'There are no open links right now.',
	'staff.linkKind': 'Link',
	'staff.linkInvite': 'Invitation as {role}',
	'staff.linkReset': 'New password for {name}',
	'staff.linkCreatedBy': 'Created by',
	'staff.linkCreatedAt': 'Created',
	'staff.linkExpires': 'Valid until',
	'staff.unknown': 'unknown',
	'staff.revoke': 'Revoke …',
	'staff.revokeConfirm': 'Yes, revoke the link',
	'staff.revoked': 'The link is revoked. Whoever opens it gets no further.',
	'staff.linkGone': 'This link no longer exists: it was used, has expired or was revoked.',
	'staff.resetTitle': 'Set a new password',
	'staff.resetIntro':
		"For {name}'s account. Choose a new password. Every earlier login of this account ends, on other devices too.",
	'staff.resetPassword': 'New password (at least 10 characters)',
	'staff.resetSubmit': 'Save password'
};
