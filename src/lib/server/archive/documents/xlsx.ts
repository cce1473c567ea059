import { repackAt } from './repack';
import ExcelJS from 'exceljs';
import type { ArchiveExport } from '../archive-entry';
import { describeArchive, type DocumentSettings, type Documentation } from './documentation';

/**
 * The measures and the cards with their votes as an Excel workbook, with exceljs (maintained, MIT;
 * the npm `xlsx` package is frozen at a version with known vulnerabilities). Two sheets,
 * "Maßnahmen" and "Karten", with a bold, frozen header row and a filter on it; dots are numbers, so
 * they sort and add up. Text goes in as text cells, never as formulas, so a card that starts with
 * `=` stays text here (the CSV needs a guard for that, a workbook does not).
 */

export async function renderArchiveXlsx(
	exported: ArchiveExport,
	settings: DocumentSettings
): Promise<Uint8Array> {
	return writeXlsx(describeArchive(exported, settings));
}

export async function writeXlsx(doc: Documentation): Promise<Uint8Array> {
	const t = doc.t;
	const workbook = new ExcelJS.Workbook();
	workbook.creator = doc.municipality ?? 'Quartierswerkstatt';
	workbook.title = doc.documentTitle;
	workbook.subject = doc.subject;
	workbook.created = doc.generatedAt;
	workbook.modified = doc.generatedAt;

	const measures = workbook.addWorksheet(t('archive.sheet.measures'), {
		views: [{ state: 'frozen', ySplit: 1 }]
	});
	measures.columns = [
		{ header: t('archive.col.number'), key: 'label', width: 7 },
		{ header: t('archive.col.measure'), key: 'title', width: 40 },
		{ header: t('archive.col.description'), key: 'description', width: 60 },
		{ header: t('archive.col.status'), key: 'status', width: 12 },
		{ header: t('archive.col.responsible'), key: 'responsible', width: 28 },
		{ header: t('archive.col.partners'), key: 'partners', width: 28 },
		{ header: t('archive.col.start'), key: 'startOn', width: 12 },
		{ header: t('archive.col.due'), key: 'dueOn', width: 12 },
		{ header: t('archive.col.targetGroups'), key: 'targetGroups', width: 24 },
		{ header: t('archive.col.goals'), key: 'goals', width: 36 },
		{ header: t('archive.col.districts'), key: 'districts', width: 24 },
		{ header: t('archive.col.originCards'), key: 'origin', width: 60 },
		{ header: t('archive.col.measureId'), key: 'id', width: 24 }
	];
	for (const m of doc.measures)
		measures.addRow({ ...m, origin: m.origin.map((c) => c.text).join('\n') });

	const cards = workbook.addWorksheet(t('archive.sheet.cards'), {
		views: [{ state: 'frozen', ySplit: 1 }]
	});
	cards.columns = [
		{ header: t('archive.col.phase'), key: 'phase', width: 24 },
		{ header: t('archive.col.group'), key: 'group', width: 28 },
		{ header: t('archive.col.groupDots'), key: 'groupDots', width: 12 },
		{ header: t('archive.col.card'), key: 'text', width: 70 },
		{ header: t('archive.col.cardDots'), key: 'dots', width: 10 },
		{ header: t('archive.col.cardId'), key: 'id', width: 24 }
	];
	for (const c of doc.cards) cards.addRow(c);

	for (const sheet of [measures, cards]) {
		sheet.getRow(1).font = { bold: true };
		sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columnCount } };
		sheet.eachRow((row, n) => {
			if (n > 1) row.alignment = { vertical: 'top', wrapText: true };
		});
	}
	return repackAt(new Uint8Array(await workbook.xlsx.writeBuffer()), doc.generatedAt);
}
