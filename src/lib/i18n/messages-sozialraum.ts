/** UI text: the Sozialraumkonferenz (issue 13): creating one, the Datenlage board, next reports. */
export const sozialraumDe = {
	'workshop.format.sozialraumkonferenz': 'Sozialraumkonferenz',
	'workshop.districtsMissing':
		'Eine Sozialraumkonferenz braucht mindestens einen Sozialraum. Bitte wählen Sie im Feld „Sozialräume“ einen aus.',
	'workshop.districtUnknown':
		'Den Sozialraum „{district}“ gibt es nicht. Bitte wählen Sie im Feld „Sozialräume“ einen aus der Liste.',
	'workshop.districtsRequired': 'Für eine Sozialraumkonferenz: mindestens einen Sozialraum wählen.',
	'workshop.districtsOptional': 'Wählen Sie, wenn Sie möchten, die Sozialräume der Werkstatt.',
	'workshop.noDistrictsYet':
		'Es sind noch keine Sozialräume eingelesen. Die Sozialplanung kann sie unter „Sozialräume“ laden.',
	'data.noDistrict': 'Für diese Werkstatt ist noch kein Sozialraum gewählt.',
	'data.noDistricts': 'Für diese Werkstatt ist kein Sozialraum gewählt.',
	'data.districtUnknown':
		'Der Sozialraum „{district}“ gehört nicht zu dieser Werkstatt (Feld „district“).',
	'data.indicatorUnknown':
		'Den Indikator „{indicator}“ gibt es für diesen Sozialraum nicht (Feld „{field}“).',
	'data.indicatorsInvalid': 'Bitte höchstens {max} Indikatoren wählen (Feld „indicators“).',
	'data.chooseDistrict': 'Sozialraum',
	'data.figuresTitle': 'Zahlen im Vergleich zur ganzen Stadt',
	'data.noRows': 'Es ist noch keine Kennzahl gewählt.',
	'data.city': 'Stadt',
	'data.highlighted': 'Im Blick',
	'data.highlight': 'Hervorheben',
	'data.unhighlight': 'Nicht mehr hervorheben',
	'data.toneWorse': 'schlechter als in der Stadt',
	'data.toneBetter': 'besser als in der Stadt',
	'data.comment': 'Anmerken',
	'data.commentsOn': 'Anmerkungen zu {label}',
	'data.commentLabel': 'Ihre Anmerkung zu „{label}“',
	'data.commentPlaceholder': 'Stimmt so nicht, weil …',
	'data.commentPin': 'Anheften',
	'data.commentSave': 'Speichern',
	'data.commentEdit': 'Ändern',
	'data.commentDelete': 'Löschen',
	'data.anonymousNote':
		'Anonym: Niemand sieht, wer eine Anmerkung geschrieben hat. Ihre eigenen Anmerkungen können Sie auf diesem Gerät ändern.',
	'data.commentEmpty': 'Bitte schreiben Sie Ihre Anmerkung in das Feld.',
	'data.commentTooLong': 'Die Anmerkung darf höchstens 500 Zeichen haben.',
	'data.commentNotYours':
		'Diese Anmerkung hat jemand anderes geschrieben. Sie können nur Ihre eigenen Anmerkungen ändern.',
	'data.commentGone': 'Diese Anmerkung gibt es nicht mehr.',
	'data.cancel': 'Abbrechen',
	'data.chooseRows': 'Kennzahlen auswählen',
	'data.resetRows': 'Kennzahlen der Regel zeigen',
	'data.docTitle': 'Anmerkungen zur Datenlage',
	'nextReport.title': 'Vereinbarungen: Wer berichtet wann?',
	'nextReport.help':
		'Für jede Maßnahme: Wer berichtet beim nächsten Mal, und wann? Der Termin steht danach in der Übersicht der fälligen Berichte.',
	'nextReport.reporter': 'Wer berichtet?',
	'nextReport.reportOn': 'Nächster Bericht am',
	'nextReport.untitled': 'Maßnahme ohne Titel',
	'nextReport.none': 'Noch keine Maßnahmen im Plan.',
	'nextReport.dateInvalid': 'Bitte ein gültiges Datum eingeben (Feld „Nächster Bericht am“).',
	'nextReport.due': 'Nächster Bericht',
	'nextReport.dueTitle': 'Fällige Berichte',
	'nextReport.late': 'überfällig',
	'nextReport.by': 'Bericht von {reporter}'
};

export const sozialraumEn: Record<keyof typeof sozialraumDe, string> = {
	'workshop.format.sozialraumkonferenz': 'District conference',
	'workshop.districtsMissing':
		'A district conference needs at least one district. Please choose one in the field "Districts".',
	'workshop.districtUnknown':
		'The district "{district}" does not exist. Please choose one from the list in the field "Districts".',
	'workshop.districtsRequired': 'For a district conference: choose at least one district.',
	'workshop.districtsOptional': 'If you like, choose the districts of the workshop.',
	'workshop.noDistrictsYet':
		'No districts have been loaded yet. Social planning can load them under "Districts".',
	'data.noDistrict': 'No district has been chosen for this workshop yet.',
	'data.noDistricts': 'No district has been chosen for this workshop.',
	'data.districtUnknown':
		'The district "{district}" is not part of this workshop (field "district").',
	'data.indicatorUnknown':
		'There is no indicator "{indicator}" for this district (field "{field}").',
	'data.indicatorsInvalid': 'Please choose at most {max} indicators (field "indicators").',
	'data.chooseDistrict': 'District',
	'data.figuresTitle': 'Figures compared with the whole city',
	'data.noRows': 'No figure has been chosen yet.',
	'data.city': 'City',
	'data.highlighted': 'In focus',
	'data.highlight': 'Highlight',
	'data.unhighlight': 'Stop highlighting',
	'data.toneWorse': 'worse than in the city',
	'data.toneBetter': 'better than in the city',
	'data.comment': 'Comment',
	'data.commentsOn': 'Comments on {label}',
	'data.commentLabel': 'Your comment on "{label}"',
	'data.commentPlaceholder': 'This is not right, because …',
	'data.commentPin': 'Pin',
	'data.commentSave': 'Save',
	'data.commentEdit': 'Change',
	'data.commentDelete': 'Delete',
	'data.anonymousNote':
		'Anonymous: nobody sees who wrote a comment. You can change your own comments on this device.',
	'data.commentEmpty': 'Please write your comment in the field.',
	'data.commentTooLong': 'A comment may have at most 500 characters.',
	'data.commentNotYours': 'Someone else wrote this comment. You can only change your own comments.',
	'data.commentGone': 'This comment no longer exists.',
	'data.cancel': 'Cancel',
	'data.chooseRows': 'Choose figures',
	'data.resetRows': "Show the rule's figures",
	'data.docTitle': 'Comments on the data',
	'nextReport.title': 'Agreements: who reports when?',
	'nextReport.help':
		'For each measure: who reports next time, and when? The date then shows in the overview of reports due.',
	'nextReport.reporter': 'Who reports?',
	'nextReport.reportOn': 'Next report on',
	'nextReport.untitled': 'Measure without a title',
	'nextReport.none': 'No measures in the plan yet.',
	'nextReport.dateInvalid': 'Please enter a valid date (field "Next report on").',
	'nextReport.due': 'Next report',
	'nextReport.dueTitle': 'Reports due',
	'nextReport.late': 'overdue',
	'nextReport.by': 'Report by {reporter}'
};
