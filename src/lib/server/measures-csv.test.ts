import { expect, test } from 'vitest';
import { measuresToCsv } from './measures-csv';
import type { Measure } from './measures';

const base: Measure = {
	id: 'm1',
	title: 'Bank; "neu"',
	description: 'Zeile 1\nZeile 2',
	responsible: '=HYPERLINK("x")',
	partners: '',
	startOn: '2026-01-01',
	dueOn: '2026-01-31',
	budget: 1500.5,
	staffHours: null,
	rooms: '',
	status: 'planned',
	targetGroups: '',
	quickWin: true,
	goalIds: ['g1'],
	districts: [{ level: 'bezirksregion', code: '0101' }],
	originWorkshopId: 'w1',
	originWorkshopTitle: 'Zukunftswerkstatt',
	originMeasureId: 'x',
	originPhase: null,
	originCards: [],
	progress: 40,
	lastReportOn: '2026-01-15',
	createdAt: 0,
	updatedAt: 0
};

test('German CSV: BOM, semicolons, decimal comma, quoted cells and no formulas', () => {
	const csv = measuresToCsv([base], {
		locale: 'de',
		today: '2026-02-01',
		goalTitles: new Map([['g1', 'Mehr Grün']]),
		districtNames: new Map([['bezirksregion:0101', 'Tiergarten Süd']])
	});
	expect(csv.startsWith('\uFEFFTitel;Status;Überfällig;Verantwortlich;')).toBe(true);
	const [, row] = csv.slice(1).split('\r\n');
	expect(row).toContain('"Bank; ""neu""";geplant;ja;"\'=HYPERLINK(""x"")"');
	expect(row).toContain(';1500,5;');
	expect(row).toContain(';Mehr Grün;Tiergarten Süd;Zukunftswerkstatt;"Zeile 1\nZeile 2"');
});
