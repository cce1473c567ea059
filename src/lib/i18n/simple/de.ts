import type { ParticipantKey } from '../participant-keys';

/**
 * Einfache Sprache, German (after DIN 8581-1): the simple version of each participant text that
 * needs one. Habits: short sentences, one statement per sentence, common words, active voice, no
 * abbreviations, numbers as digits, "Sie". Slots like {n} stay exactly as in the usual text.
 * Texts that are simple already are listed in ./already-simple.ts; `npm run check` wants every
 * participant key in one of the two (see ../message-check.ts).
 */
export const simpleDe: Partial<Record<ParticipantKey, string>> = {
	'a11y.enforcement':
		'Sie haben uns eine Barriere gemeldet. Unsere Antwort hilft Ihnen nicht? Dann können Sie sich an eine Schlichtungs-Stelle wenden. Jedes Bundesland hat so eine Stelle. Für Ämter vom Bund ist es die Schlichtungs-Stelle nach Paragraf 16 vom Behinderten-Gleichstellungs-Gesetz:',
	'a11y.enforcementTitle': 'Hilfe bei Streit',
	'a11y.feedback':
		'Haben Sie eine Barriere gefunden? Oder brauchen Sie einen Inhalt in einer anderen Form? Dann schreiben Sie uns:',
	'a11y.feedbackNone':
		'Die Kommune hat noch keine Adresse für Meldungen eingetragen. Bitte sagen Sie es der Moderation.',
	'a11y.gapCanvas':
		'Die Karten-Wand geht nur mit Maus oder Finger. Die Liste zeigt die gleichen Karten. In der Liste geht alles auch mit der Tastatur. Die Liste geht auch mit einem Vorlese-Programm.',
	'a11y.gapLanguages':
		'Die Mitmach-Seiten gibt es in 6 Sprachen: Deutsch, Englisch, Türkisch, Arabisch, Ukrainisch und Russisch. Auf Deutsch gibt es sie auch in Einfacher Sprache. Auf Englisch gibt es einen Teil in einfacher Sprache. Die Seiten für das Team gibt es auf Deutsch und Englisch.',
	'a11y.gapPdf':
		'Die Dokumentation gibt es als PDF-Datei. Sie hat Überschriften, Tabellen und Beschreibungen für Bilder. Wir haben die PDF-Datei noch nicht ganz auf Barrieren geprüft.',
	'a11y.intro':
		'{operator} möchte: Alle Menschen können mitmachen. Diese Erklärung gilt für die Mitmach-Seiten der Quartierswerkstatt auf {host}.',
	'a11y.method':
		'Wir haben die Seiten selbst geprüft. Bei jeder Änderung prüfen Test-Programme die Seiten. Sie prüfen die Seiten im Browser am Computer und am Handy.',
	'a11y.status':
		'Die Seiten sind zum Teil barrierefrei. Wir prüfen nach der Barrierefreie-Informationstechnik-Verordnung 2.0. Was noch fehlt, steht im nächsten Teil.',

	'data.noDistrict': 'Für diese Werkstatt ist noch kein Gebiet gewählt.',
	'district.because':
		'{count} von {n} {n|one:Kennzahl|other:Kennzahlen} {count|one:ist|other:sind} hier viel schlechter als im Durchschnitt. Viel schlechter heißt: mindestens {t} {t|one:Standard-Abweichung|other:Standard-Abweichungen}. Es {k|one:muss|other:müssen} mindestens {k|one:# Kennzahl|other:# Kennzahlen} sein.',
	'district.sd': 'Standard-Abweichung',
	'district.isNotJudgeable':
		'Das können wir nicht sagen. Für dieses Gebiet fehlen Zahlen. Mit den Zahlen könnte die Antwort anders sein.',

	'inventory.board.pointHint':
		'Punkt auf der Karte (freiwillig): Längengrad und Breitengrad. Zum Beispiel 13,4049 und 52,5200.',
	'inventory.error.coordinateInvalid':
		'{field}: Bitte schreiben Sie eine Zahl wie 13,4049. Der Längengrad geht bis 180. Der Breitengrad geht bis 90.',
	'inventory.error.coordinatePair': '{field} fehlt. Ein Punkt braucht Längengrad und Breitengrad.',
	'inventory.error.kindInvalid': '{field}: Bitte schreiben Sie „formell“ oder „informell“.',
	'inventory.error.tooLong': '{field}: Sie können höchstens {max} Zeichen schreiben.',
	'inventory.field.provider': 'Wer bietet es an?',
	'inventory.field.targetGroups': 'Für wen?',
	'inventory.need.tooLong': 'Für wen: Sie können höchstens 300 Zeichen schreiben.',

	'reach.cardIntro':
		'So wissen wir, wen die Werkstatt erreicht hat. Alles ist freiwillig. Alles ist anonym. Wir zählen nur die Antworten. Wir wissen nicht, wer was gewählt hat.',
	'reach.error.already':
		'Sie haben diese Fragen schon beantwortet. Wir zählen Ihre Antworten nur 1-mal.',
	'reach.error.answersNotObject':
		'Wir können die Antworten nicht lesen. Bitte versuchen Sie es noch einmal.',
	'reach.error.badChoice':
		'Frage „{question}“: Diese Antwort gibt es nicht. Bitte wählen Sie eine Antwort aus der Liste.',
	'reach.error.notOffered': 'Diese Frage gibt es in dieser Werkstatt nicht.',
	'reach.error.over': 'Die Werkstatt ist im Archiv. Sie können nicht mehr antworten.',
	'reach.error.participantsOnly':
		'Nur Teilnehmende dieser Werkstatt können diese Fragen beantworten.',
	'reach.pickOne': 'Bitte wählen Sie mindestens eine Antwort. Oder tippen Sie auf „Überspringen“.',

	'rt.action.due': 'Fertig bis',
	'rt.action.status.dropped': 'abgelehnt',
	'rt.agenda.itemTitle': 'Neues Thema für heute',
	'rt.agenda.minutesOf': 'Notizen zu Punkt {n}: {title}',
	'rt.agenda.none': 'Es gibt noch keine Themen für heute.',
	'rt.agenda.title': 'Themen für heute',
	'rt.board.approved': 'Das Protokoll dieser Sitzung ist genehmigt. Niemand kann es mehr ändern.',
	'rt.board.noSeries':
		'Diese Sitzung gehört zu keinem Runden Tisch. Beschlüsse und Aufgaben gibt es nur bei einem Runden Tisch. Sie finden ihn auf der Seite „Runde Tische“.',
	'rt.decision.number': 'Nummer {n}',
	'rt.error.dateInvalid': 'Das Datum stimmt nicht. Das Feld heißt „Datum“.',
	'rt.error.minutesApproved':
		'Das Protokoll dieser Sitzung ist genehmigt. Niemand kann es mehr ändern.',
	'rt.error.ownerMissing':
		'Bitte tragen Sie ein: Wer übernimmt die Aufgabe? Das Feld heißt „Verantwortlich“.',
	'rt.error.statusInvalid': 'Diesen Stand gibt es nicht. Das Feld heißt „Stand“.',
	'rt.error.titleMissing': 'Bitte geben Sie einen Titel ein. Das Feld heißt „Titel“.',
	'rt.error.tooLong': 'Der Text ist zu lang. Er darf höchstens {max} Zeichen haben.',
	'rule.notAvailable':
		'Die Regel geht hier nicht. Es fehlen Kennzahlen mit Werten. Bitte wählen Sie Kennzahlen.',

	'editor.italic': 'Schräg',
	'editor.limitReached': 'Der Text ist jetzt voll. Er darf höchstens {max} Zeichen haben.',
	'editor.linkInvalid':
		'Diese Adresse geht nicht. Die Adresse muss mit https:// oder http:// anfangen. Eine E-Mail-Adresse geht auch.',
	'editor.noImages': 'Sie können hier keine Bilder einfügen.',
	'editor.tooLong':
		'Das ist zu viel Text. Der Text darf höchstens {max} Zeichen haben. Wir haben nichts eingefügt.',

	'error.forbidden': 'Das dürfen Sie hier nicht.',

	'facilitation.bar.position': 'Schritt {number} von {total}',
	'facilitation.kind.agenda': 'Themen für heute',
	'facilitation.kind.data': 'Zahlen und Fakten',
	'facilitation.kind.inventory': 'Was es schon gibt',
	'facilitation.kind.measures': 'Plan mit Maßnahmen',
	'facilitation.plan.next': 'Nächster Schritt',
	'facilitation.timer.label': 'Noch {time}',
	'facilitation.timer.paused': 'Die Uhr ist angehalten.',

	'inventory.need.legend': 'Passt ein Angebot? {card}',
	'inventory.need.markCovered': 'Das Angebot dafür: {name}',
	'inventory.need.markGap': 'Dafür gibt es noch kein Angebot.',
	'inventory.need.none': 'Nein, es gibt noch kein Angebot.',
	'inventory.need.save': 'Speichern',
	'inventory.need.targetGroups': 'Für wen?',
	'inventory.need.toggle': 'Passendes Angebot wählen',

	'invite.expired':
		'Dieser Einladungslink gilt nicht mehr. Bitten Sie die Moderation um einen neuen Link.',
	'invite.revoked':
		'Die Moderation hat diesen Einladungslink gelöscht. Bitten Sie die Moderation um einen neuen Link.',
	'live.badRequest': 'Das hat nicht geklappt. Bitte laden Sie die Seite neu.',
	'live.loginRequired': 'Bitte öffnen Sie Ihren Einladungslink. Oder melden Sie sich an.',

	'join.anonymous': 'Ohne Namen mitmachen',
	'join.intro':
		'Sie brauchen kein Konto. Sie können einen Namen eingeben. Die anderen sehen den Namen. Sie können auch ohne Namen mitmachen.',
	'join.name': 'Ihr Name (freiwillig)',
	'join.submit': 'Mitmachen',
	'join.title': 'Mitmachen: {workshop}',

	'joinCode.expired':
		'Dieser Code gilt nicht mehr. Bitte nehmen Sie den neuen Code von der Leinwand.',
	'joinCode.hint': 'Zum Beispiel K7M2QX. Sie können große oder kleine Buchstaben schreiben.',
	'joinCode.intro': 'Auf der Leinwand steht ein Code. Bitte geben Sie den Code hier ein.',
	'joinCode.malformed':
		'Ein Code hat 6 Zeichen. Das sind Buchstaben und Ziffern. Die Zeichen O, I, 0 und 1 kommen nicht vor. Bitte prüfen Sie den Code.',
	'joinCode.tooMany':
		'Von diesem Gerät kamen zu viele falsche Codes. Bitte warten Sie {minutes} {minutes|one:Minute|other:Minuten}. Oder nutzen Sie den QR-Code.',
	'joinCode.unknown': 'Diesen Code gibt es nicht. Bitte schauen Sie noch einmal auf die Leinwand.',

	'live.adoptIdea': 'In den Plan aufnehmen',
	'live.board.agenda': 'Themen für heute',
	'live.board.data': 'Zahlen und Fakten',
	'live.board.inventory': 'Was es schon gibt',
	'live.board.measures': 'Plan mit Maßnahmen',
	'live.boardLater': 'Diese Tafel gibt es noch nicht.',
	'live.ideaAdopted': 'steht im Plan',
	'live.ideasTitle': 'Das sind die wichtigsten Ideen der Gruppe. Welche Ideen setzen wir um?',
	'live.lostEdits':
		'Die Werkstatt ist zu Ende. Sie haben gerade noch geschrieben. Ihre letzte Änderung ist nicht gespeichert.',
	'live.networkError':
		'Es gibt keine Verbindung zum Server. Bitte versuchen Sie es gleich noch einmal.',
	'live.workshopClosed': 'Diese Werkstatt ist zu Ende. Sie können nichts mehr ändern.',

	'measures.error.districtsOrCitywide':
		'{field}: Ein Ziel gilt für die ganze Stadt. Oder es gilt für einzelne Sozialräume. Beides zusammen geht nicht.',
	'measures.error.dueBeforeStart':
		'{field}: Das Ende ist vor dem Beginn. Bitte ändern Sie das Datum.',
	'measures.error.listInvalid': '{field}: In der Auswahl ist etwas Unbekanntes.',
	'measures.error.listTooLong': '{field}: Sie können höchstens {max} Einträge wählen.',
	'measures.error.notText': '{field}: Bitte schreiben Sie hier einen Text.',
	'measures.error.parentLevel': '{field}: Das obere Ziel muss genau 1 Ebene höher sein.',
	'measures.error.parentMissing': '{field}: Bitte wählen Sie ein oberes Ziel.',
	'measures.error.progressInvalid': '{field}: Bitte schreiben Sie eine ganze Zahl von 0 bis 100.',
	'measures.error.reasonMissing': '{field}: Bitte schreiben Sie: Warum gibt es ein neues Datum?',
	'measures.error.reportInFuture':
		'{field}: Die Meldung kann nicht in der Zukunft sein. Bitte wählen Sie heute oder einen Tag vorher.',
	'measures.error.statusTransition': '{field}: Diesen Status können Sie hier nicht wählen.',
	'measures.error.targetIncomplete':
		'{field}: Zum Ziel gehören 3 Angaben: Kennzahl, Wert und Jahr.',
	'measures.error.yearInvalid': '{field}: Bitte schreiben Sie ein Jahr zwischen 1990 und 2100.',
	'measures.field.districts': 'Stadtteile (Sozialräume)',
	'measures.field.dueReason': 'Warum gibt es ein neues Datum?',
	'measures.field.parentId': 'Oberes Ziel',
	'measures.field.progress': 'Wie weit? (in Prozent)',
	'measures.field.quickWin': 'Geht schnell',
	'measures.plan.empty': 'Es gibt noch keine Maßnahmen. Fügen Sie die erste Maßnahme hinzu!',
	'measures.plan.help':
		'Was wollen wir tun? Wer macht es? Mit wem? Bis wann? Was braucht es dafür? Alle sehen Änderungen sofort.',
	'measures.plan.readOnly': 'Sie können den Plan lesen. Sie können den Plan nicht ändern.',
	'measures.plan.title': 'Plan mit Maßnahmen',
	'measures.status.dropped': 'abgelehnt',

	'nextReport.dateInvalid':
		'Bitte geben Sie ein gültiges Datum ein. Das Feld heißt „Nächster Bericht am“.',
	'nextReport.help':
		'Für jede Maßnahme: Wer berichtet beim nächsten Mal? Und wann? Der Termin steht dann in der Liste der Berichte.',
	'nextReport.title': 'Wer berichtet wann?',

	'ownCard.network':
		'Es gibt keine Verbindung. Ihre Änderung ist nicht angekommen. Bitte versuchen Sie es gleich noch einmal.',
	'ownCard.notYours': 'Das ist nicht Ihre Karte. Sie können nur Ihre eigenen Karten ändern.',

	'presence.anonymous': 'Ohne Namen',

	'present.closed': 'Die Werkstatt ist zu Ende. Vielen Dank fürs Mitmachen!',
	'present.noCards': 'Es gibt noch keine Karten. Schreiben Sie die erste Karte!',
	'present.noCode': 'Die Moderation sagt Ihnen, wie Sie mitmachen können.',
	'present.noText': 'Hier schreiben alle zusammen einen Text.',
	'present.phase': 'Schritt {n} von {total}',

	'privacy.device':
		'Ein Cookie hält Sie in dieser Werkstatt angemeldet. Das Cookie endet spätestens {days} {days|one:Tag|other:Tage} nach Ihrem letzten Besuch.',
	'privacy.deviceCopy':
		'Ihr Browser speichert eine Kopie der Karten und Texte. So geht bei einer Funk-Störung nichts verloren. Der Browser merkt sich auch: Sehen Sie die Liste oder die Wand? Bei Karten ohne Namen merkt er sich einen Schlüssel. Mit dem Schlüssel können nur Sie Ihre Karte ändern. Sie können das alles in Ihrem Browser löschen.',
	'privacy.howLong':
		'Ihren Namen speichern wir bis {days} {days|one:Tag|other:Tage} nach dem Ende der Werkstatt. Ihre Karten, Texte und Stimmen speichern wir, bis die Kommune die Dokumentation löscht.',
	'privacy.join.consentHint':
		'Ohne Häkchen stehen Ihre Karten ohne Namen in der Dokumentation. Sie können den Namen auch später entfernen lassen. Sagen Sie das dann der Moderation.',
	'privacy.missing': 'Haben Sie Fragen zum Datenschutz? Dann fragen Sie die Moderation.',
	'privacy.name': 'Ihr Name, wenn Sie einen eingeben. Ohne Namen: kein Name.',
	'privacy.notYet': 'Wir speichern erst etwas, wenn Sie auf „{button}“ drücken.',

	'results.fromOwnCard': 'Aus Ihrer Karte ist eine Maßnahme geworden: „{title}“.',
	'results.intro':
		'Die Werkstatt ist zu Ende. Hier sehen Sie die Ergebnisse. Niemand kann jetzt noch etwas ändern.',
	'results.noText': 'Hier hat niemand einen Text geschrieben.',
	'results.nothing': 'In dieser Werkstatt gibt es keine Ergebnisse.',
	'results.progress': '{n} Prozent geschafft',
	'results.responsible': 'Wer macht es: {name}',
	'results.votes': 'Ergebnis der Abstimmung',

	'status.offline': 'offline – Ihre Änderungen bleiben auf diesem Gerät',
	'status.refused':
		'Sie haben keinen Zugang mehr. Bitte laden Sie die Seite neu. Oder melden Sie sich an.',

	'vote.badDelta': 'Das hat nicht geklappt. Bitte laden Sie die Seite neu.',
	'vote.closed': 'Die Abstimmung ist zu Ende.',
	'vote.doneThanks':
		'Danke! Die Moderation sieht: Sie sind fertig. Sie können Ihre Punkte trotzdem noch ändern.',
	'vote.noItems':
		'Es gibt noch nichts zum Abstimmen. Schreiben Sie zuerst Karten. Oder bilden Sie Gruppen.',
	'vote.overItemLimit': 'Hier können Sie keine Punkte mehr geben.',
	'vote.resultsIntro': 'Das ist das Ergebnis. Oben stehen die meisten Punkte:',
	'vote.rule': 'Sie können höchstens {max} {max|one:Punkt|other:Punkte} für einen Vorschlag geben.',
	'vote.unknownItem': 'Dafür können Sie hier nicht abstimmen.',
	'vote.waitForResults': 'Die Abstimmung ist zu Ende. Das Ergebnis kommt gleich.',
	'vote.watching': 'Die anderen stimmen gerade ab. Danach zeigt die Moderation das Ergebnis.',

	'wall.anonymousNote':
		'Karten ohne Namen: Niemand sieht, wer eine Karte geschrieben hat. Auch die Moderation sieht es nicht. Ihre eigenen Karten können Sie auf diesem Gerät weiter ändern.',
	'wall.arrangeHint':
		'Jede Gruppe kommt in eine eigene Spalte. Karten ohne Gruppe kommen auch in eine eigene Spalte.',
	'wall.canvasLabel':
		'Karten-Wand als Zeichenfläche. Ziehen Sie eine Karte, um sie zu verschieben. Klicken Sie 2-mal auf eine Karte, um sie zu ändern. Die Liste kann das auch mit der Tastatur.',
	'wall.cardTooLong': 'Die Karte ist zu lang. Sie darf höchstens {max} Zeichen haben.',
	'wall.draftsAnonymous': 'Diese Karten kommen gleich an die Wand. Niemand sieht Ihren Namen.',
	'wall.draftsPrivate': 'Nur Sie sehen diese Karten. Die Moderation zeigt sie später allen.',
	'wall.empty': 'Es gibt noch keine Karten. Schreiben Sie die erste Karte!',
	'wall.myDrafts': 'Ihre Karten, noch nicht für alle sichtbar ({n})',
	'wall.privateNote':
		'Verdeckt schreiben: Erst einmal sehen nur Sie Ihre Karten. Die Moderation zeigt später alle Karten zusammen.',
	'wall.promptsTitle':
		'Das war der Gruppe am wichtigsten. Beschreiben Sie daraus ein gutes Bild von der Zukunft:'
};
