import type { ArchiveExport } from '../archive-entry';
import { describeArchive, type DocumentSettings, type Documentation } from './documentation';

/**
 * The measures and the cards with their votes as CSV for Excel and LibreOffice in German
 * settings: `;` between cells (Excel takes `,` as the decimal comma there), CRLF line ends, UTF-8
 * with a byte order mark (without it Excel reads the umlauts as Windows-1252).
 *
 * Formula injection: a spreadsheet runs a cell that starts with = + - @ (and some read a leading
 * tab or carriage return the same way) as a formula, and card texts are written by anyone with
 * the link. Such cells get a leading apostrophe, which the spreadsheet shows as text.
 */

const bom = '\uFEFF';

export function measuresCsv(exported: ArchiveExport, settings: DocumentSettings): Uint8Array {
	return writeMeasuresCsv(describeArchive(exported, settings));
}

export function cardsCsv(exported: ArchiveExport, settings: DocumentSettings): Uint8Array {
	return writeCardsCsv(describeArchive(exported, settings));
}

export function writeMeasuresCsv(doc: Documentation): Uint8Array {
	const t = doc.t;
	return encodeCsv([
		[
			t('archive.col.number'),
			t('archive.col.measure'),
			t('archive.col.description'),
			t('archive.col.status'),
			t('archive.col.responsible'),
			t('archive.col.partners'),
			t('archive.col.start'),
			t('archive.col.due'),
			t('archive.col.targetGroups'),
			t('archive.col.goals'),
			t('archive.col.districts'),
			t('archive.col.originCards'),
			t('archive.col.measureId')
		],
		...doc.measures.map((m) => [
			m.label,
			m.title,
			m.description,
			m.status,
			m.responsible,
			m.partners,
			m.startOn,
			m.dueOn,
			m.targetGroups,
			m.goals,
			m.districts,
			m.origin.map((c) => c.text).join(' | '),
			m.id
		])
	]);
}

export function writeCardsCsv(doc: Documentation): Uint8Array {
	const t = doc.t;
	return encodeCsv([
		[
			t('archive.col.phase'),
			t('archive.col.group'),
			t('archive.col.groupDots'),
			t('archive.col.card'),
			t('archive.col.cardDots'),
			t('archive.col.cardId')
		],
		...doc.cards.map((c) => [c.phase, c.group, c.groupDots, c.text, c.dots, c.id])
	]);
}

export function encodeCsv(rows: (string | number | null)[][]): Uint8Array {
	const text = rows.map((row) => row.map(csvCell).join(';')).join('\r\n') + '\r\n';
	return new TextEncoder().encode(bom + text);
}

/** One cell: numbers as they are, text guarded against formulas and quoted when it must be. */
export function csvCell(value: string | number | null): string {
	if (value === null) return '';
	if (typeof value === 'number') return String(value);
	const guarded = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
	return /[";\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}
