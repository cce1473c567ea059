/** UI text: saved rules, "nicht bewertbar", the zoomable map, GeoJSON export, the printed profile (issue 11). */
export const districtMapDe = {
	'map.controls': 'Karte bedienen',
	'map.zoomIn': 'Karte vergrößern',
	'map.zoomOut': 'Karte verkleinern',
	'map.reset': 'Ganze Stadt',
	'map.showAll': 'Alle Gebiete zeigen',
	'map.zoomLevel': 'Zoom {percent} %',
	'map.keysHint':
		'Mausrad, Knöpfe oder Tasten + und − zoomen. Pfeiltasten oder Ziehen verschieben, 0 zeigt wieder alles.',
	'map.outlinesHint': 'Dicke Linien: Grenzen der Ebene „{level}“.',
	'map.outlying':
		'Weit entfernt und darum nicht im ersten Ausschnitt: {names}. „Alle Gebiete zeigen“ zeigt sie.',
	'districts.notJudgeable': 'nicht bewertbar (zu wenig Daten)',
	'districts.notJudgeableCount':
		'{count} {count|one:Gebiet ist|other:Gebiete sind} nicht bewertbar: {count|one:Ihm|other:Ihnen} fehlen Daten, die das Ergebnis ändern könnten.',
	'district.isNotJudgeable':
		'Nicht bewertbar: Für dieses Gebiet fehlen Daten, die das Ergebnis ändern könnten.',
	'rule.problem.unknownRule': 'Die gewählte Regel gibt es nicht mehr. Es gilt die Standardregel.',
	'rules.heading': 'Gespeicherte Regeln',
	'rules.none':
		'Noch keine Regel gespeichert. Es gilt die Voreinstellung: 2 von 3 Status-Indikatoren, 1 Standardabweichung.',
	'rules.default': 'Standard',
	'rules.describe':
		'mindestens {k} von {n} {n|one:Indikator|other:Indikatoren}, ab {t} {t|one:Standardabweichung|other:Standardabweichungen}: {indicators}',
	'rules.makeDefault': 'Als Standard',
	'rules.makeDefaultNamed': 'Regel „{name}“ als Standard festlegen',
	'rules.delete': 'Löschen',
	'rules.deleteNamed': 'Regel „{name}“ löschen',
	'rules.saveSummary': 'Regel speichern',
	'rules.name': 'Name der Regel',
	'rules.asDefault': 'Als Standard für Karte, Gebietsseiten und Listen verwenden',
	'rules.save': 'Regel speichern',
	'rules.choose': 'Welche Regel?',
	'rules.use': 'Regel verwenden',
	'rules.trialNote': 'Änderungen hier sind nur ein Versuch. Sie werden nicht gespeichert.',
	'rules.backToSaved': 'Zurück zur gespeicherten Regel',
	'rules.builtIn': 'Voreinstellung',
	'rules.adjusted': '(angepasst, nicht gespeichert)',
	'rules.inUse': 'Regel: {name}',
	'geojson.heading': 'Als GeoJSON herunterladen',
	'geojson.intro':
		'Für QGIS und andere GIS-Programme: jedes Gebiet mit Kennung, Name, den gewählten Indikatoren und dem Ergebnis der Regel.',
	'geojson.indicators': 'Welche Indikatoren sollen mit?',
	'geojson.download': 'GeoJSON herunterladen',
	'print.footer': 'Gebietsprofil, gedruckt am {date}',
	'computed.badge': 'berechnet',
	'computed.sum': 'berechnet aus den Werten der Ebene „{from}“ (Summe)',
	'computed.mean': 'berechnet aus den Werten der Ebene „{from}“, gewichtet mit „{weight}“',
	'computed.fromBelow': 'berechnet aus den Werten der Ebene darunter',
	'computed.note':
		'„berechnet“: Dieser Wert stammt nicht aus einer Datei, sondern wurde aus den Gebieten der Ebene darunter berechnet.',
	'computed.mapNote': 'Die Werte dieser Ebene sind {how}.',
	'rules.error.nameMissing': 'Name: Bitte geben Sie der Regel einen Namen.',
	'rules.error.nameTooLong': 'Name: Der Name ist zu lang (höchstens {max} Zeichen).',
	'rules.error.nameTaken':
		'Name: Eine Regel „{name}“ gibt es schon. Bitte wählen Sie einen anderen Namen.',
	'rules.error.noIndicators': 'Indikatoren: Bitte wählen Sie mindestens einen Indikator.',
	'rules.error.unknownIndicator':
		'Indikatoren: Den Indikator „{key}“ gibt es nicht. Bitte wählen Sie nur vorhandene Indikatoren.',
	'rules.error.minCountInvalid': 'k (wie viele auffällig sein müssen): Bitte eine ganze Zahl ab 1.',
	'rules.error.minCountTooLarge':
		'k (wie viele auffällig sein müssen): {k} ist mehr als die {n} gewählten Indikatoren. Bitte höchstens {n} eintragen oder mehr Indikatoren wählen.',
	'rules.error.thresholdInvalid':
		't (Standardabweichungen): Bitte eine Zahl von 0 bis {max}, zum Beispiel 1 oder 1,5.',
	'rules.error.gone': 'Diese Regel gibt es nicht mehr. Bitte laden Sie die Seite neu.'
} as const;

export const districtMapEn: Record<keyof typeof districtMapDe, string> = {
	'map.controls': 'Map controls',
	'map.zoomIn': 'Zoom in',
	'map.zoomOut': 'Zoom out',
	'map.reset': 'Whole city',
	'map.showAll': 'Show all areas',
	'map.zoomLevel': 'Zoom {percent} %',
	'map.keysHint':
		'Mouse wheel, buttons or the + and − keys zoom. Arrow keys or dragging move the map, 0 shows everything again.',
	'map.outlinesHint': 'Thick lines: borders of the level “{level}”.',
	'map.outlying': 'Far away and so not in the first view: {names}. “Show all areas” shows them.',
	'districts.notJudgeable': 'cannot be judged (too little data)',
	'districts.notJudgeableCount':
		'{count} {count|one:area cannot|other:areas cannot} be judged: {count|one:it lacks|other:they lack} data that could change the result.',
	'district.isNotJudgeable': 'Cannot be judged: this area lacks data that could change the result.',
	'rule.problem.unknownRule': 'The chosen rule no longer exists. The default rule applies.',
	'rules.heading': 'Saved rules',
	'rules.none':
		'No rule saved yet. The preset applies: 2 of 3 status indicators, 1 standard deviation.',
	'rules.default': 'default',
	'rules.describe':
		'at least {k} of {n} {n|one:indicator|other:indicators}, from {t} {t|one:standard deviation|other:standard deviations}: {indicators}',
	'rules.makeDefault': 'Make default',
	'rules.makeDefaultNamed': 'Make rule “{name}” the default',
	'rules.delete': 'Delete',
	'rules.deleteNamed': 'Delete rule “{name}”',
	'rules.saveSummary': 'Save a rule',
	'rules.name': 'Name of the rule',
	'rules.asDefault': 'Use as the default for the map, area pages and lists',
	'rules.save': 'Save rule',
	'rules.choose': 'Which rule?',
	'rules.use': 'Use rule',
	'rules.trialNote': 'Changes here are only a trial. They are not saved.',
	'rules.backToSaved': 'Back to the saved rule',
	'rules.builtIn': 'Preset',
	'rules.adjusted': '(adjusted, not saved)',
	'rules.inUse': 'Rule: {name}',
	'geojson.heading': 'Download as GeoJSON',
	'geojson.intro':
		'For QGIS and other GIS programs: every area with code, name, the chosen indicators and the rule’s result.',
	'geojson.indicators': 'Which indicators should be included?',
	'geojson.download': 'Download GeoJSON',
	'print.footer': 'Area profile, printed on {date}',
	'computed.badge': 'computed',
	'computed.sum': 'computed from the values of the level “{from}” (sum)',
	'computed.mean': 'computed from the values of the level “{from}”, weighted by “{weight}”',
	'computed.fromBelow': 'computed from the values of the level below',
	'computed.note':
		'“computed”: this value does not come from a file; it was computed from the areas of the level below.',
	'computed.mapNote': 'The values of this level are {how}.',
	'rules.error.nameMissing': 'Name: Please give the rule a name.',
	'rules.error.nameTooLong': 'Name: The name is too long (at most {max} characters).',
	'rules.error.nameTaken': 'Name: A rule “{name}” already exists. Please choose another name.',
	'rules.error.noIndicators': 'Indicators: Please choose at least one indicator.',
	'rules.error.unknownIndicator':
		'Indicators: There is no indicator “{key}”. Please choose only existing indicators.',
	'rules.error.minCountInvalid': 'k (how many must stand out): Please enter a whole number from 1.',
	'rules.error.minCountTooLarge':
		'k (how many must stand out): {k} is more than the {n} chosen indicators. Please enter at most {n} or choose more indicators.',
	'rules.error.thresholdInvalid':
		't (standard deviations): Please enter a number from 0 to {max}, for example 1 or 1.5.',
	'rules.error.gone': 'This rule no longer exists. Please reload the page.'
};
