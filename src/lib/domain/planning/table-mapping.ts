/**
 * The mapping step of a statistics table (issue 11, point 1), pure: what the planner is proposed
 * after the file is read (a key, label, unit and polarity per column; the column to join on), the
 * join preview for a mapping, the final all-or-nothing values, and a mapping saved for next year's
 * file. The server runs it on the import thread; the page only shows and posts it.
 */
import { guessPolarity, guessUnit, unitTexts, type PolarityGuess } from './column-defaults';
import { assignColumnKeys, checkColumnKeys } from './column-keys';
import type { CsvTable, NumberFormat } from './csv';
import {
	createDistrictLookup,
	previewDistrictMatch,
	rankJoinColumns,
	resolveDistrictJoin,
	type DistrictLookup,
	type DistrictMatchPreview,
	type DistrictRef,
	type JoinColumnCandidate,
	type RowDecision
} from './district-matching';
import { looksLikeTotal, normalizeDistrictName } from './district-names';
import {
	parseIndicatorTable,
	type IndicatorImportSummary,
	type IndicatorValue
} from './indicators';
import { profileNumberColumn } from './statistical-number';

export interface ColumnChoice {
	/** Position in the header, 0-based. */
	index: number;
	/** The header as written (may be empty or doubled). */
	header: string;
	key: string;
	label: string;
	unit: string;
	polarity: PolarityGuess;
	attribution: string;
	/** Imported as an indicator; false = skipped. */
	use: boolean;
}

export interface TableMapping {
	joinColumn: number;
	joinBy: 'code' | 'name';
	/** A column naming the parent area, to tell apart districts of the same name. */
	parentColumn: number | null;
	/** The column holding each row's period, or null for one period for the whole file. */
	periodColumn: number | null;
	period: string;
	numberFormat: NumberFormat | 'auto';
	source: string;
	columns: ColumnChoice[];
	/** The planner's decisions for rows, by line in the file. */
	rows: [line: number, choice: RowDecision][];
}

export interface ColumnView {
	index: number;
	header: string;
	/** Numbers as statistics offices write them make up most of the sampled cells. */
	offered: boolean;
	numbers: number;
	marks: number;
	unreadable: number;
	format: NumberFormat | null;
	marksSeen: string[];
	unreadableExamples: string[];
	/** The first few filled cells, as written. */
	samples: string[];
}

/** Cells sampled per column for the proposal; the whole file is read on import. */
export const sampledRows = 200;

const periodHeader = /^(zeit|jahr|year|period|periode|stichtag|berichtsjahr)$/i;
const notAnIndicator =
	/(^|[_ ])(id|nr|code|kennung|schluessel|schlüssel|zeit|jahr|year|datum|date)$/i;

export function describeColumns(table: Pick<CsvTable, 'header' | 'rows'>): ColumnView[] {
	const sample = table.rows.slice(0, sampledRows);
	return table.header.map((header, index) => {
		const cells = sample.map((row) => row[index] ?? '');
		const profile = profileNumberColumn(cells);
		return {
			index,
			header,
			offered: profile.offered,
			numbers: profile.numbers,
			marks: profile.marks,
			unreadable: profile.unreadable,
			format: profile.format,
			marksSeen: profile.marksSeen,
			unreadableExamples: profile.unreadableExamples,
			samples: cells.filter((cell) => cell.trim() !== '').slice(0, 3)
		};
	});
}

/**
 * The first proposal: keys from the headers, cautious unit and polarity from column-defaults (a `%`
 * in the cells also says percent), the best join column by rankJoinColumns, a parent column where
 * one names the parents of the level's districts, a period column by its header. Offered number
 * columns are used, except the join, parent and period columns and ids or years.
 */
export function proposeMapping(
	table: Pick<CsvTable, 'header' | 'rows'>,
	districts: DistrictLookup,
	columns: ColumnView[] = describeColumns(table)
): { mapping: TableMapping; joinCandidates: JoinColumnCandidate[] } {
	const sample = table.rows.slice(0, sampledRows);
	const joinCandidates = rankJoinColumns(sample, districts, sampledRows);
	const join = joinCandidates[0] ?? { index: 0, by: 'name' as const };
	const periodIndex = table.header.findIndex((h) => periodHeader.test(h.trim()));
	const parentColumn = join.by === 'name' ? findParentColumn(sample, districts, join.index) : null;
	const keys = assignColumnKeys(table.header);
	const mapping: TableMapping = {
		joinColumn: join.index,
		joinBy: join.by,
		parentColumn,
		periodColumn: periodIndex === -1 ? null : periodIndex,
		period: '',
		numberFormat: 'auto',
		source: '',
		rows: [],
		columns: keys.map(({ index, key, label }) => {
			const view = columns[index];
			const unit = unitTexts[guessUnit(label)] || (hasPercent(view) ? '%' : '');
			return {
				index,
				header: table.header[index],
				key,
				label,
				unit,
				polarity: guessPolarity(label),
				attribution: '',
				use:
					view.offered &&
					index !== join.index &&
					index !== parentColumn &&
					index !== periodIndex &&
					!notAnIndicator.test(label)
			};
		})
	};
	return { mapping, joinCandidates };
}

const hasPercent = (view: ColumnView) => view.samples.some((cell) => cell.includes('%'));

function findParentColumn(
	rows: readonly (readonly string[])[],
	lookup: DistrictLookup,
	joinIndex: number
): number | null {
	if (lookup.parentNames.size === 0 && lookup.parentCodes.size === 0) return null;
	const width = Math.max(0, ...rows.map((row) => row.length));
	let best: { index: number; hits: number } | null = null;
	for (let index = 0; index < width; index++) {
		if (index === joinIndex) continue;
		let hits = 0;
		for (const row of rows) {
			const cell = row[index]?.trim() ?? '';
			if (cell === '') continue;
			if (lookup.parentCodes.has(cell) || lookup.parentNames.has(normalizeDistrictName(cell))) {
				hits++;
			}
		}
		if (hits > rows.length / 2 && (!best || hits > best.hits)) best = { index, hits };
	}
	return best?.index ?? null;
}

/** The rows as the join sees them: the join cell, the parent cell and the period, with their line. */
export function previewMapping(
	table: CsvTable,
	mapping: TableMapping,
	districts: DistrictLookup
): DistrictMatchPreview {
	const keys = table.rows.map((row, i) => {
		const cell = row[mapping.joinColumn] ?? '';
		const parent = mapping.parentColumn === null ? undefined : row[mapping.parentColumn];
		const period =
			mapping.periodColumn === null ? undefined : (row[mapping.periodColumn] ?? '').trim();
		return {
			line: table.lines[i],
			// Joined by code, a total row usually has no code and says so in another cell.
			...(mapping.joinBy === 'code'
				? { code: cell, name: row.find((c, j) => j !== mapping.joinColumn && looksLikeTotal(c)) }
				: { name: cell }),
			parent,
			period
		};
	});
	return previewDistrictMatch(keys, districts, mapping.joinBy);
}

export interface MappingProblem {
	line: number | null;
	/** The column a problem belongs to, so the page can put the message beside its field. */
	column?: number;
	message: string;
}

/**
 * What must hold before anything is read: at least one column, valid and unique keys (two columns
 * with one key name both), a period, the join column not imported as a value.
 */
export function checkMapping(
	table: Pick<CsvTable, 'header'>,
	mapping: TableMapping
): MappingProblem[] {
	const problems: MappingProblem[] = [];
	const width = table.header.length;
	if (!(mapping.joinColumn >= 0 && mapping.joinColumn < width)) {
		problems.push({ line: null, message: 'Bitte wählen Sie die Spalte, über die verknüpft wird.' });
	}
	if (mapping.periodColumn === null && mapping.period.trim() === '') {
		problems.push({
			line: null,
			message: 'Bitte geben Sie den Zeitraum an (z. B. 2022) oder wählen Sie eine Spalte.'
		});
	}
	if (mapping.period.length > 40) {
		problems.push({ line: null, message: 'Der Zeitraum darf höchstens 40 Zeichen lang sein.' });
	}
	const used = mapping.columns.filter((c) => c.use);
	if (used.length === 0) {
		problems.push({
			line: null,
			message: 'Bitte wählen Sie mindestens eine Spalte, die importiert werden soll.'
		});
	}
	for (const column of used) {
		if (column.index === mapping.joinColumn || column.index === mapping.periodColumn) {
			problems.push({
				line: null,
				column: column.index,
				message:
					`Spalte „${short(column.label)}“ ist die Spalte für die Verknüpfung oder den ` +
					'Zeitraum und kann nicht zugleich Werte liefern.'
			});
		}
		if (column.label.trim() === '') {
			problems.push({
				line: null,
				column: column.index,
				message: `Spalte ${column.index + 1}: Bitte geben Sie eine Bezeichnung an.`
			});
		}
	}
	for (const problem of checkColumnKeys(used)) {
		problems.push({ line: null, column: used[problem.index].index, message: problem.message });
	}
	return problems;
}

const short = (text: string) => (text.length > 60 ? `${text.slice(0, 60)}…` : text);

export interface MappedIndicator {
	key: string;
	label: string;
	unit: string;
	polarity: PolarityGuess;
	source: string;
	attribution: string;
}

export type MappedValues =
	| {
			ok: true;
			indicators: MappedIndicator[];
			values: IndicatorValue[];
			summary: IndicatorImportSummary;
			skippedLines: number[];
	  }
	| { ok: false; problems: MappingProblem[] };

/**
 * The whole table read with the mapping, all or nothing: mapping problems, then the join (every
 * row matched, decided or a total), then the numbers of every used column. The rows that joined go
 * through the same reader as every other import, with their district's code and their own line.
 */
export function readMappedTable(
	table: CsvTable,
	mapping: TableMapping,
	districts: readonly DistrictRef[] | DistrictLookup
): MappedValues {
	const lookup = 'byCode' in districts ? districts : createDistrictLookup(districts);
	const mappingProblems = checkMapping(table, mapping);
	if (mappingProblems.length > 0) return { ok: false, problems: mappingProblems };
	const preview = previewMapping(table, mapping, lookup);
	const decided = mapping.rows.some(([, choice]) => 'districtCode' in choice);
	const found = preview.counts.matched + preview.counts.duplicate + preview.counts.ambiguous;
	if (found === 0 && !decided) {
		// Not a list of every line: one message that says what to change.
		const column = short(table.header[mapping.joinColumn] ?? '');
		const example = lookup.districts[0];
		return {
			ok: false,
			problems: [
				{
					line: null,
					message:
						`Keine Zeile der Tabelle passt zu einem Gebiet dieser Ebene. Verknüpft wurde über die ` +
						`Spalte „${column}“ nach ${mapping.joinBy === 'code' ? 'Kennung' : 'Name'}. Bitte ` +
						`prüfen Sie, ob das die Spalte mit den Gebieten ist, ob nach ` +
						`${mapping.joinBy === 'code' ? 'Name' : 'Kennung'} verknüpft werden muss und ob die ` +
						`Ebene stimmt${example ? ` (ein Gebiet dieser Ebene: „${example.name}“, ${example.code})` : ''}. ` +
						'Es wurde nichts importiert.'
				}
			]
		};
	}
	const join = resolveDistrictJoin(preview, new Map(mapping.rows), lookup);
	if (!join.ok) {
		return {
			ok: false,
			problems: join.problems.map((p) => ({ line: p.line, message: p.message }))
		};
	}
	const used = mapping.columns.filter((c) => c.use);
	// The reader finds columns by header; headers may be empty or doubled, keys are unique.
	const header = ['\u0000code', '\u0000period', ...used.map((c) => c.key)];
	const rows: string[][] = [];
	const lines: number[] = [];
	table.rows.forEach((row, i) => {
		const code = join.codeByLine.get(table.lines[i]);
		if (code === undefined) return;
		const period =
			mapping.periodColumn === null ? mapping.period.trim() : (row[mapping.periodColumn] ?? '');
		const cells = [code, period];
		for (const column of used) cells.push(row[column.index] ?? '');
		rows.push(cells);
		lines.push(table.lines[i]);
	});
	if (rows.length === 0) {
		return {
			ok: false,
			problems: [{ line: null, message: 'Keine Zeile der Tabelle passt zu einem Gebiet.' }]
		};
	}
	const parsed = parseIndicatorTable(
		{ header, rows, lines },
		{
			idColumn: '\u0000code',
			period: { column: '\u0000period' },
			indicators: used.map((c) => ({ column: c.key, key: c.key, label: c.label })),
			numberFormat: mapping.numberFormat,
			knownDistrictCodes: new Set(lookup.byCode.keys())
		}
	);
	if (!parsed.ok) {
		return {
			ok: false,
			problems: parsed.errors.map((e) => ({
				line: e.line,
				message:
					mapping.periodColumn !== null && e.code === 'periodMissing'
						? `Zeile ${e.line}: Der Zeitraum in Spalte „${short(table.header[mapping.periodColumn])}“ fehlt.`
						: e.message
			}))
		};
	}
	const source = mapping.source.trim().slice(0, 500);
	return {
		ok: true,
		indicators: used.map((c) => ({
			key: c.key,
			label: c.label.trim().slice(0, 200),
			unit: c.unit.trim().slice(0, 40),
			polarity: c.polarity,
			source,
			attribution: c.attribution.trim().slice(0, 1000)
		})),
		values: parsed.values,
		summary: parsed.summary,
		skippedLines: join.skippedLines
	};
}

// Saved mappings ----------------------------------------------------------------------------------

/** A mapping as saved: columns and rows by what the file says, not by position or line. */
export interface SavedMapping {
	joinHeader: string;
	joinBy: 'code' | 'name';
	parentHeader: string | null;
	periodHeader: string | null;
	period: string;
	numberFormat: NumberFormat | 'auto';
	source: string;
	columns: Omit<ColumnChoice, 'index'>[];
	/** Decisions by the row's join cell as written (trimmed). */
	rows: { text: string; choice: RowDecision }[];
}

export function toSavedMapping(table: CsvTable, mapping: TableMapping): SavedMapping {
	const lineIndex = new Map(table.lines.map((line, i) => [line, i]));
	const headerAt = (index: number | null) => (index === null ? null : (table.header[index] ?? ''));
	return {
		joinHeader: table.header[mapping.joinColumn] ?? '',
		joinBy: mapping.joinBy,
		parentHeader: headerAt(mapping.parentColumn),
		periodHeader: headerAt(mapping.periodColumn),
		period: mapping.period,
		numberFormat: mapping.numberFormat,
		source: mapping.source,
		columns: mapping.columns.map((column) => ({
			header: column.header,
			key: column.key,
			label: column.label,
			unit: column.unit,
			polarity: column.polarity,
			attribution: column.attribution,
			use: column.use
		})),
		rows: mapping.rows.flatMap(([line, choice]) => {
			const i = lineIndex.get(line);
			const text = i === undefined ? '' : (table.rows[i][mapping.joinColumn] ?? '').trim();
			return text === '' ? [] : [{ text, choice }];
		})
	};
}

/**
 * Headers of next year's file often differ only in a date or year ("Stand 31.12.2022" → "2023"):
 * they are compared without digits and spaces when no header matches exactly.
 */
const looseHeader = (header: string) => header.replace(/[\d\s]+/g, '').toLocaleLowerCase('de-DE');

function findHeader(header: readonly string[], wanted: string, taken: Set<number>): number {
	const exact = header.findIndex((h, i) => !taken.has(i) && h.trim() === wanted.trim());
	if (exact !== -1) return exact;
	const loose = looseHeader(wanted);
	return header.findIndex((h, i) => !taken.has(i) && looseHeader(h) === loose);
}

/** How many of the saved mapping's used columns (and its join column) the file has. */
export function savedMappingFits(header: readonly string[], saved: SavedMapping): boolean {
	const taken = new Set<number>();
	if (findHeader(header, saved.joinHeader, taken) === -1) return false;
	return saved.columns
		.filter((c) => c.use)
		.every((c) => {
			const found = findHeader(header, c.header, taken);
			if (found === -1) return false;
			taken.add(found);
			return true;
		});
}

/**
 * A saved mapping applied to a file: columns found by header (exactly, else without digits) take
 * the saved key, label, unit, polarity, attribution and choice; others keep the proposal. Saved row
 * decisions apply to rows with the same join cell that do not match by themselves.
 */
export function applySavedMapping(
	table: CsvTable,
	saved: SavedMapping,
	proposal: TableMapping,
	districts: DistrictLookup
): TableMapping {
	const none = new Set<number>();
	const at = (wanted: string | null) =>
		wanted === null ? -1 : findHeader(table.header, wanted, none);
	const joinColumn = at(saved.joinHeader);
	const parentColumn = at(saved.parentHeader);
	const periodColumn = at(saved.periodHeader);
	const taken = new Set<number>();
	const columns = proposal.columns.map((column) => ({ ...column, use: false }));
	for (const savedColumn of saved.columns) {
		const index = findHeader(table.header, savedColumn.header, taken);
		if (index === -1) continue;
		taken.add(index);
		columns[index] = { ...savedColumn, index, header: table.header[index] };
	}
	const mapping: TableMapping = {
		...proposal,
		joinColumn: joinColumn === -1 ? proposal.joinColumn : joinColumn,
		joinBy: saved.joinBy,
		parentColumn: parentColumn === -1 ? null : parentColumn,
		periodColumn: periodColumn === -1 ? null : periodColumn,
		period: saved.period,
		numberFormat: saved.numberFormat,
		source: saved.source,
		columns,
		rows: []
	};
	const byText = new Map(saved.rows.map((r) => [r.text, r.choice]));
	const preview = previewMapping(table, mapping, districts);
	for (const row of preview.rows) {
		if (row.status !== 'unmatched' && row.status !== 'ambiguous') continue;
		const choice = byText.get(row.text);
		if (choice && ('skip' in choice || districts.byCode.has(choice.districtCode))) {
			mapping.rows.push([row.line, choice]);
		}
	}
	return mapping;
}

// Form --------------------------------------------------------------------------------------------

const polarities: readonly PolarityGuess[] = ['higherIsWorse', 'higherIsBetter', 'unknown'];

/**
 * The mapping as the form posts it (the page works without JavaScript: each step posts the whole
 * mapping). Per column i: `use:i`, `key:i`, `label:i`, `unit:i`, `polarity:i`, `attribution:i`;
 * `joinColumn`, `joinBy`, `parentColumn`, `periodColumn`, `period`, `numberFormat`, `source`; per
 * row needing a decision `row:<line>` = `skip`, a district code, or empty for none.
 */
export function readMappingForm(
	text: (name: string) => string,
	has: (name: string) => boolean,
	header: readonly string[]
): TableMapping {
	const index = (name: string): number | null => {
		const raw = text(name);
		const value = Number(raw);
		return raw !== '' && Number.isInteger(value) && value >= 0 && value < header.length
			? value
			: null;
	};
	const numberFormat = text('numberFormat');
	const rows: [number, RowDecision][] = [];
	return {
		joinColumn: index('joinColumn') ?? -1,
		joinBy: text('joinBy') === 'code' ? 'code' : 'name',
		parentColumn: index('parentColumn'),
		periodColumn: index('periodColumn'),
		period: text('period'),
		numberFormat: numberFormat === 'de' || numberFormat === 'en' ? numberFormat : 'auto',
		source: text('source'),
		columns: header.map((h, i) => {
			const polarity = text(`polarity:${i}`) as PolarityGuess;
			return {
				index: i,
				header: h,
				key: text(`key:${i}`),
				label: text(`label:${i}`) || h.trim() || `Spalte ${i + 1}`,
				unit: text(`unit:${i}`),
				polarity: polarities.includes(polarity) ? polarity : 'unknown',
				attribution: text(`attribution:${i}`),
				use: has(`use:${i}`)
			};
		}),
		rows: (() => {
			for (const name of rowFieldNames(has, text)) {
				const line = Number(name.slice(4));
				const value = text(name);
				if (!Number.isInteger(line) || value === '') continue;
				rows.push([line, value === 'skip' ? { skip: true } : { districtCode: value }]);
			}
			return rows;
		})()
	};
}

/** `rowLines` lists the lines the page asked about, so the reader need not scan every field. */
function rowFieldNames(has: (name: string) => boolean, text: (name: string) => string): string[] {
	return text('rowLines')
		.split(',')
		.filter((line) => /^\d+$/.test(line))
		.map((line) => `row:${line}`)
		.filter((name) => has(name));
}
