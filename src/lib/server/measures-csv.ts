import { districtKey, isOverdue } from '../domain/measures';
import { translate, type Locale, type MessageKey } from '../i18n';
import type { Measure } from './measures';

/**
 * The register as CSV for Excel in German settings: `;` between fields, `,` as decimal mark, a UTF-8
 * byte order mark so umlauts survive, CRLF line ends. Cells that start like a formula are prefixed
 * with an apostrophe: a title such as "=HYPERLINK(…)" must not run in someone's spreadsheet.
 */
const columns = [
	'title',
	'status',
	'overdue',
	'responsible',
	'partners',
	'startOn',
	'dueOn',
	'progress',
	'lastReportOn',
	'budget',
	'staffHours',
	'rooms',
	'targetGroups',
	'quickWin',
	'goals',
	'districts',
	'workshop',
	'description'
] as const;

function cell(value: string): string {
	const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
	return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function measuresToCsv(
	measures: Measure[],
	options: {
		locale: Locale;
		today: string;
		goalTitles: Map<string, string>;
		districtNames: Map<string, string>;
	}
): string {
	const say = (key: string) => translate(options.locale, key as MessageKey);
	const number = (n: number | null) =>
		n === null ? '' : String(n).replace('.', options.locale === 'de' ? ',' : '.');
	const lines = [columns.map((c) => cell(say(`csv.${c}`))).join(';')];
	for (const m of measures) {
		const row: Record<(typeof columns)[number], string> = {
			title: m.title,
			status: say(`measures.status.${m.status}`),
			overdue: say(isOverdue(m, options.today) ? 'csv.yes' : 'csv.no'),
			responsible: m.responsible,
			partners: m.partners,
			startOn: m.startOn ?? '',
			dueOn: m.dueOn ?? '',
			progress: number(m.progress),
			lastReportOn: m.lastReportOn ?? '',
			budget: number(m.budget),
			staffHours: number(m.staffHours),
			rooms: m.rooms,
			targetGroups: m.targetGroups,
			quickWin: say(m.quickWin ? 'csv.yes' : 'csv.no'),
			goals: m.goalIds.map((id) => options.goalTitles.get(id) ?? id).join(', '),
			districts: m.districts
				.map((d) => options.districtNames.get(districtKey(d)) ?? districtKey(d))
				.join(', '),
			workshop: m.originWorkshopTitle ?? '',
			description: m.description
		};
		lines.push(columns.map((c) => cell(row[c])).join(';'));
	}
	return `\uFEFF${lines.join('\r\n')}\r\n`;
}
