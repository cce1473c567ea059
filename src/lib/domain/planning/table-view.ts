/**
 * What the mapping page shows for a file and a mapping: the columns with their samples, the mapping
 * (proposed, saved or as the planner last posted it), the join preview with counts and the rows that
 * need a decision, and the problems an import would refuse. Plain data, sent as the page's data.
 */
import type { CsvTable } from './csv';
import {
	describeDistrict,
	type DistrictLookup,
	type JoinColumnCandidate,
	type RowMatch
} from './district-matching';
import {
	applySavedMapping,
	checkMapping,
	describeColumns,
	previewMapping,
	proposeMapping,
	savedMappingFits,
	type ColumnView,
	type MappingProblem,
	type SavedMapping,
	type TableMapping
} from './table-mapping';

export interface AttentionRow {
	line: number;
	text: string;
	status: 'unmatched' | 'ambiguous' | 'duplicate';
	reason: string | null;
	message: string;
	/** Districts proposed first in the row's picker (ambiguous names, merged parts, the duplicate). */
	candidates: { code: string; label: string }[];
	/** What the form sends for the row: '', 'skip' or a district code. */
	choice: string;
}

export interface MatchedRow {
	line: number;
	text: string;
	district: string;
	by: string;
}

export interface TableView {
	ok: true;
	header: string[];
	rows: number;
	columns: ColumnView[];
	mapping: TableMapping;
	joinCandidates: JoinColumnCandidate[];
	counts: { matched: number; unmatched: number; ambiguous: number; duplicate: number };
	attention: AttentionRow[];
	matched: MatchedRow[];
	duplicates: { lines: number[]; message: string }[];
	districtsWithoutRow: number;
	problems: MappingProblem[];
	/** The saved mapping applied to this file, if one was. */
	appliedSaved: string | null;
	/** Saved mappings whose columns this file has. */
	fitting: string[];
}

/** Matched rows listed on the page; a 5,000-row file still shows its counts and every problem. */
export const listedMatchedRows = 300;

export function buildTableView(
	table: CsvTable,
	lookup: DistrictLookup,
	options: {
		mapping: TableMapping | null;
		saved: { name: string; mapping: SavedMapping }[];
		/** Apply this saved mapping (by name) over the proposal. */
		apply?: string | null;
	}
): TableView {
	const columns = describeColumns(table);
	const proposal = proposeMapping(table, lookup, columns);
	const fitting = options.saved.filter((s) => savedMappingFits(table.header, s.mapping));
	let appliedSaved: string | null = null;
	let mapping = options.mapping;
	if (mapping === null) {
		// A fresh file: a saved mapping that fits is taken as it is; the planner may still change it.
		const chosen =
			options.saved.find((s) => s.name === options.apply) ?? (options.apply ? null : fitting[0]);
		if (chosen) {
			mapping = applySavedMapping(table, chosen.mapping, proposal.mapping, lookup);
			appliedSaved = chosen.name;
		} else {
			mapping = proposal.mapping;
		}
	}
	const preview = previewMapping(table, mapping, lookup);
	const choices = new Map(mapping.rows);
	const choiceOf = (row: RowMatch): string => {
		const choice = choices.get(row.line);
		if (choice) return 'skip' in choice ? 'skip' : choice.districtCode;
		return row.status === 'unmatched' && (row.reason === 'total' || row.reason === 'parent')
			? 'skip'
			: '';
	};
	const candidatesOf = (row: RowMatch) => {
		const list =
			row.status === 'matched' || row.status === 'duplicate' ? [row.district] : row.candidates;
		return list.map((d) => ({ code: d.code, label: describeDistrict(d) }));
	};
	const duplicateFirstLines = new Set(preview.duplicates.map((d) => d.lines[0]));
	const attention: AttentionRow[] = [];
	const matched: MatchedRow[] = [];
	const cellAt = (line: number) => {
		const i = table.lines.indexOf(line);
		return i === -1 ? '' : (table.rows[i][mapping.joinColumn] ?? '').trim();
	};
	for (const row of preview.rows) {
		if (row.status === 'matched' && !duplicateFirstLines.has(row.line)) {
			if (matched.length < listedMatchedRows) {
				matched.push({
					line: row.line,
					text: cellAt(row.line),
					district: describeDistrict(row.district),
					by: row.by
				});
			}
			continue;
		}
		const group =
			row.status === 'matched' || row.status === 'duplicate'
				? preview.duplicates.find((d) => d.lines.includes(row.line))
				: undefined;
		attention.push({
			line: row.line,
			text: row.status === 'matched' || row.status === 'duplicate' ? cellAt(row.line) : row.text,
			status: row.status === 'matched' ? 'duplicate' : row.status,
			reason: row.status === 'unmatched' ? row.reason : null,
			message: group ? group.message : row.status === 'matched' ? '' : row.message,
			candidates: candidatesOf(row),
			choice: choiceOf(row)
		});
	}
	return {
		ok: true,
		header: table.header,
		rows: table.rows.length,
		columns,
		mapping,
		joinCandidates: proposal.joinCandidates,
		counts: preview.counts,
		attention,
		matched,
		duplicates: preview.duplicates.map((d) => ({ lines: d.lines, message: d.message })),
		districtsWithoutRow: preview.districtsWithoutRow.length,
		problems: checkMapping(table, mapping),
		appliedSaved,
		fitting: fitting.map((s) => s.name)
	};
}
