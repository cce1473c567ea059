/** Boundaries as they come (parents, coordinate systems, re-imports) and the roll-up settings. */
export const boundariesDe = {
	'bnd.parentProperty': 'aus einer Eigenschaft (z. B. Bezirksnummer)',
	'bnd.parentPropertyField': 'Eigenschaft mit der Kennung des übergeordneten Gebiets',
	'bnd.allowOrphans':
		'Gebiete ohne übergeordnetes Gebiet (z. B. eine Insel) ohne übernehmen, statt den Import abzubrechen',
	'bnd.crs': 'Koordinatensystem (EPSG-Nummer)',
	'bnd.crsHint':
		'Leer lassen für Längen- und Breitengrade (WGS84). Amtliche Daten sind oft EPSG:25832 oder 25833.',
	'bnd.crsFound': 'Die Datei nennt ihr Koordinatensystem: {name}. Vorschlag: EPSG:{epsg}.',
	'bnd.linked.title': 'Diese Gebiete würden wegfallen',
	'bnd.linked.measures': 'Maßnahmen',
	'bnd.linked.goals': 'Ziele',
	'bnd.linked.workshops': 'Werkstätten',
	'bnd.linked.area': 'Gebiet',
	'bnd.linked.confirm':
		'Ja, diese Gebiete sollen wegfallen. Die Verknüpfungen bleiben gespeichert, zeigen aber auf kein Gebiet mehr.',
	'bnd.linked.again': 'Import mit Bestätigung starten',
	'bnd.rollup.link': 'Werte für übergeordnete Ebenen berechnen',
	'bnd.rollup.title': 'Werte für übergeordnete Ebenen',
	'bnd.rollup.intro':
		'Oft gibt es Zahlen nur für die kleinsten Gebiete. Hier legen Sie fest, wie daraus Werte für die größeren Gebiete berechnet werden. Sie werden als berechnet gespeichert und nach jedem Import neu berechnet.',
	'bnd.rollup.method': 'Berechnung',
	'bnd.rollup.weight': 'Gewichtet mit',
	'bnd.rollup.none': 'nicht berechnen',
	'bnd.rollup.sum': 'Summe (z. B. Einwohnerzahl)',
	'bnd.rollup.weightedMean': 'Mittelwert, gewichtet (z. B. Anteile in %)',
	'bnd.rollup.save': 'Speichern und berechnen',
	'bnd.rollup.saved': 'Gespeichert. {n} {n|one:Wert wurde|other:Werte wurden} berechnet.',
	'bnd.rollup.noIndicators':
		'Es gibt noch keine Indikatoren. Bitte zuerst eine Tabelle importieren.',
	'bnd.rollup.hint':
		'Gebiete ohne Angabe zählen nicht mit. Wenn ein Gebiet einen Wert, aber kein Gewicht hat, wird nichts gespeichert.',
	'bnd.back': 'Zurück zum Import'
} as const;

export const boundariesEn: Record<keyof typeof boundariesDe, string> = {
	'bnd.parentProperty': 'from a property (e.g. district number)',
	'bnd.parentPropertyField': 'Property holding the parent area’s code',
	'bnd.allowOrphans':
		'Keep areas without a parent area (e.g. an island) without one instead of stopping the import',
	'bnd.crs': 'Coordinate system (EPSG code)',
	'bnd.crsHint':
		'Leave empty for longitude and latitude (WGS84). Official data are often EPSG:25832 or 25833.',
	'bnd.crsFound': 'The file names its coordinate system: {name}. Suggested: EPSG:{epsg}.',
	'bnd.linked.title': 'These areas would be removed',
	'bnd.linked.measures': 'Measures',
	'bnd.linked.goals': 'Goals',
	'bnd.linked.workshops': 'Workshops',
	'bnd.linked.area': 'Area',
	'bnd.linked.confirm':
		'Yes, remove these areas. The links are kept but no longer point to an area.',
	'bnd.linked.again': 'Start the import with confirmation',
	'bnd.rollup.link': 'Compute values for higher levels',
	'bnd.rollup.title': 'Values for higher levels',
	'bnd.rollup.intro':
		'Figures often exist only for the smallest areas. Here you decide how values for the larger areas are computed from them. They are stored as computed and recomputed after every import.',
	'bnd.rollup.method': 'Computation',
	'bnd.rollup.weight': 'Weighted by',
	'bnd.rollup.none': 'do not compute',
	'bnd.rollup.sum': 'Sum (e.g. population)',
	'bnd.rollup.weightedMean': 'Weighted mean (e.g. shares in %)',
	'bnd.rollup.save': 'Save and compute',
	'bnd.rollup.saved': 'Saved. {n} {n|one:value was|other:values were} computed.',
	'bnd.rollup.noIndicators': 'There are no indicators yet. Please import a table first.',
	'bnd.rollup.hint':
		'Areas without data do not count. If an area has a value but no weight, nothing is saved.',
	'bnd.back': 'Back to the import'
};
