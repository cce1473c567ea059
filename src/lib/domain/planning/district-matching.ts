/**
 * Joining the rows of a statistics table to the districts of a level, by code or by name, as a
 * preview the planner can act on: every row is matched, unmatched (with the likely reason — a total,
 * a parent area, several districts merged into one row, an empty cell) or ambiguous (the name belongs
 * to several districts, listed with their parents); a district named by two rows is a duplicate,
 * reported with both line numbers. Nothing is imported from here: `resolveDistrictJoin` turns the
 * preview plus the planner's decisions into the final all-or-nothing join.
 */
import { looksLikeTotal, normalizeDistrictName } from './district-names';

export interface DistrictRef {
	code: string;
	name: string;
	parentCode?: string | null;
	/** Shown beside names that occur twice ("Schloßstraße (Steglitz)"), and used to tell them apart. */
	parentName?: string | null;
}

export interface TableRowKey {
	/** Line in the file, as `parseCsv` counts (the header is line 1). */
	line: number;
	code?: string;
	name?: string;
	/** A parent column (e.g. Bezirk), by code or name, to tell apart districts with the same name. */
	parent?: string;
	/** One row per district and period is allowed; the same district twice in one period is not. */
	period?: string;
}

/** `codeOrName`: the code where it is known, else the name — for tables whose totals have no code. */
export type JoinBy = 'code' | 'name' | 'codeOrName';

export type MatchedBy = 'code' | 'codeWithoutLeadingZeros' | 'name' | 'nameAndParent';

export type UnmatchedReason = 'empty' | 'total' | 'parent' | 'merged' | 'unknown';

export type RowMatch =
	| { status: 'matched'; line: number; district: DistrictRef; by: MatchedBy }
	| {
			status: 'unmatched';
			line: number;
			/** The cell that was looked up, as written. */
			text: string;
			reason: UnmatchedReason;
			/** For `merged`: the districts the row seems to combine. */
			candidates: DistrictRef[];
			message: string;
	  }
	| { status: 'ambiguous'; line: number; text: string; candidates: DistrictRef[]; message: string }
	| {
			status: 'duplicate';
			line: number;
			district: DistrictRef;
			firstLine: number;
			message: string;
	  };

export interface DuplicateDistrict {
	district: DistrictRef;
	period: string | null;
	/** Every line that names the district for the period, in file order; at least two. */
	lines: number[];
	message: string;
}

export interface DistrictMatchPreview {
	rows: RowMatch[];
	counts: Record<RowMatch['status'], number>;
	duplicates: DuplicateDistrict[];
	/** Districts no row matched; not an error, a table may cover part of a city. */
	districtsWithoutRow: DistrictRef[];
	/** The period of each line that has one, so the final join counts duplicates per period too. */
	periodByLine: ReadonlyMap<number, string>;
}

/** Lookups built once per level; 1,000 rows against 700 districts must not scan the list per row. */
export interface DistrictLookup {
	districts: readonly DistrictRef[];
	byCode: Map<string, DistrictRef>;
	/** Digit codes without their leading zeros (spreadsheets drop them), only where that stays unique. */
	byUnpaddedCode: Map<string, DistrictRef>;
	byName: Map<string, DistrictRef[]>;
	parentCodes: Set<string>;
	parentNames: Map<string, string>;
}

export function createDistrictLookup(districts: readonly DistrictRef[]): DistrictLookup {
	const byCode = new Map<string, DistrictRef>();
	const unpadded = new Map<string, DistrictRef[]>();
	const byName = new Map<string, DistrictRef[]>();
	const parentCodes = new Set<string>();
	const parentNames = new Map<string, string>();
	for (const district of districts) {
		byCode.set(district.code, district);
		if (/^0+\d/.test(district.code)) {
			const key = district.code.replace(/^0+/, '');
			unpadded.set(key, [...(unpadded.get(key) ?? []), district]);
		}
		const name = normalizeDistrictName(district.name);
		if (name !== '') byName.set(name, [...(byName.get(name) ?? []), district]);
		if (district.parentCode) parentCodes.add(district.parentCode);
		if (district.parentName) {
			parentNames.set(normalizeDistrictName(district.parentName), district.parentName);
		}
	}
	const byUnpaddedCode = new Map<string, DistrictRef>();
	for (const [key, found] of unpadded) {
		if (found.length === 1 && !byCode.has(key)) byUnpaddedCode.set(key, found[0]);
	}
	return { districts, byCode, byUnpaddedCode, byName, parentCodes, parentNames };
}

/** "Schloßstraße (Steglitz-Zehlendorf, 06)" — how a candidate is named in messages and pickers. */
export function describeDistrict(district: DistrictRef): string {
	const parent = district.parentName ?? district.parentCode;
	return parent
		? `${district.name} (${parent}, ${district.code})`
		: `${district.name} (${district.code})`;
}

export function previewDistrictMatch(
	rows: readonly TableRowKey[],
	districts: readonly DistrictRef[] | DistrictLookup,
	by: JoinBy
): DistrictMatchPreview {
	const lookup = 'byCode' in districts ? districts : createDistrictLookup(districts);
	const matches = rows.map((row) => matchRow(row, lookup, by));
	const { rows: checked, duplicates } = markDuplicates(matches, rows);
	const counts = { matched: 0, unmatched: 0, ambiguous: 0, duplicate: 0 };
	const covered = new Set<string>();
	for (const match of checked) {
		counts[match.status]++;
		if (match.status === 'matched') covered.add(match.district.code);
	}
	const periodByLine = new Map<number, string>();
	for (const row of rows) {
		const period = row.period?.trim() ?? '';
		if (period !== '') periodByLine.set(row.line, period);
	}
	return {
		rows: checked,
		counts,
		duplicates,
		districtsWithoutRow: lookup.districts.filter((d) => !covered.has(d.code)),
		periodByLine
	};
}

function matchRow(row: TableRowKey, lookup: DistrictLookup, by: JoinBy): RowMatch {
	const code = row.code?.trim() ?? '';
	const name = row.name?.trim() ?? '';
	if (by !== 'name' && code !== '') {
		const found = matchCode(code, lookup);
		if (found) return { status: 'matched', line: row.line, ...found };
	}
	if (by !== 'code' && name !== '') {
		const found = matchName(row, name, lookup);
		if (found.status !== 'unmatched' || by === 'name' || code === '') return found;
	}
	return explainUnmatched(row, lookup, by);
}

function matchCode(
	code: string,
	lookup: DistrictLookup
): { district: DistrictRef; by: MatchedBy } | null {
	const exact = lookup.byCode.get(code);
	if (exact) return { district: exact, by: 'code' };
	// "1100101" for "01100101": Excel took the zeros. The preview says so; it does not hide it.
	const unpadded = /^\d+$/.test(code)
		? lookup.byUnpaddedCode.get(code.replace(/^0+/, ''))
		: undefined;
	return unpadded ? { district: unpadded, by: 'codeWithoutLeadingZeros' } : null;
}

function matchName(row: TableRowKey, name: string, lookup: DistrictLookup): RowMatch {
	const candidates = lookup.byName.get(normalizeDistrictName(name)) ?? [];
	if (candidates.length === 1) {
		return { status: 'matched', line: row.line, district: candidates[0], by: 'name' };
	}
	if (candidates.length > 1) {
		const parent = row.parent?.trim() ?? '';
		if (parent !== '') {
			const parentKey = normalizeDistrictName(parent);
			const withParent = candidates.filter(
				(d) =>
					d.parentCode === parent ||
					(d.parentName != null && normalizeDistrictName(d.parentName) === parentKey)
			);
			if (withParent.length === 1) {
				return { status: 'matched', line: row.line, district: withParent[0], by: 'nameAndParent' };
			}
		}
		return {
			status: 'ambiguous',
			line: row.line,
			text: name,
			candidates,
			message:
				`Zeile ${row.line}: „${name}“ gibt es ${candidates.length}-mal: ` +
				`${candidates.map(describeDistrict).join('; ')}. Bitte von Hand zuordnen` +
				' oder eine Spalte mit dem übergeordneten Gebiet angeben.'
		};
	}
	return explainUnmatched(row, lookup, 'name');
}

function explainUnmatched(row: TableRowKey, lookup: DistrictLookup, by: JoinBy): RowMatch {
	const line = row.line;
	// The cells the join looks at.
	const code = by === 'name' ? '' : (row.code?.trim() ?? '');
	const name = by === 'code' ? '' : (row.name?.trim() ?? '');
	// Totals are recognised in any key cell, also one the join does not use: joined by code, the
	// "Insgesamt" row usually has an empty code and the word in the name column.
	const totalIn = [row.code?.trim() ?? '', row.name?.trim() ?? ''].find(
		(cell) => cell !== '' && looksLikeTotal(cell)
	);
	const text = [code, name].filter((t) => t !== '').join(' / ') || (totalIn ?? '');
	const unmatched = (reason: UnmatchedReason, message: string, candidates: DistrictRef[] = []) =>
		({ status: 'unmatched', line, text, reason, candidates, message }) as const;
	if (totalIn !== undefined) {
		return unmatched(
			'total',
			`Zeile ${line}: „${totalIn}“ sieht nach einer Summenzeile aus, nicht nach einem Gebiet. ` +
				'Sie wird übersprungen, wenn Sie nichts anderes wählen.'
		);
	}
	if (text === '') {
		const what = by === 'code' ? 'Die Kennung' : by === 'name' ? 'Der Name' : 'Kennung und Name';
		return unmatched(
			'empty',
			`Zeile ${line}: ${what} fehlt. Bitte ein Gebiet zuordnen oder die Zeile überspringen.`
		);
	}
	if (
		lookup.parentCodes.has(code) ||
		(name !== '' && lookup.parentNames.has(normalizeDistrictName(name)))
	) {
		return unmatched(
			'parent',
			`Zeile ${line}: „${text}“ ist ein übergeordnetes Gebiet, kein Gebiet dieser Ebene. ` +
				'Bitte überspringen.'
		);
	}
	const merged = name === '' ? [] : mergedParts(name, lookup);
	if (merged.length >= 2) {
		return unmatched(
			'merged',
			`Zeile ${line}: „${text}“ fasst mehrere Gebiete zusammen ` +
				`(${merged.map((d) => d.name).join(', ')}). Bitte überspringen oder einem Gebiet zuordnen.`,
			merged
		);
	}
	const hint =
		name === ''
			? `Zur Kennung „${code}“ gibt es kein Gebiet.`
			: code === ''
				? `Ein Gebiet „${name}“ gibt es nicht.`
				: `Weder die Kennung „${code}“ noch der Name „${name}“ passt zu einem Gebiet.`;
	return unmatched('unknown', `Zeile ${line}: ${hint} Bitte von Hand zuordnen oder überspringen.`);
}

/** "Moabit Ost / Moabit West", "A und B", "A, B + C": the parts that are districts, if several are. */
function mergedParts(text: string, lookup: DistrictLookup): DistrictRef[] {
	const parts = text.split(/\s*(?:\/|,|\+|&|;|\bund\b|\bu\.)\s*/i).filter((p) => p.trim() !== '');
	if (parts.length < 2) return [];
	const found: DistrictRef[] = [];
	for (const part of parts) {
		const candidates = lookup.byName.get(normalizeDistrictName(part)) ?? [];
		if (candidates.length === 1) found.push(candidates[0]);
	}
	return found;
}

function markDuplicates(
	matches: RowMatch[],
	rows: readonly TableRowKey[]
): { rows: RowMatch[]; duplicates: DuplicateDistrict[] } {
	const groups = new Map<
		string,
		{ district: DistrictRef; period: string | null; lines: number[] }
	>();
	const checked = matches.map((match, i): RowMatch => {
		if (match.status !== 'matched') return match;
		const period = rows[i].period?.trim() || null;
		const key = `${match.district.code}\u0000${period ?? ''}`;
		const group = groups.get(key);
		if (!group) {
			groups.set(key, { district: match.district, period, lines: [match.line] });
			return match;
		}
		group.lines.push(match.line);
		const when = period === null ? '' : ` für den Zeitraum „${period}“`;
		return {
			status: 'duplicate',
			line: match.line,
			district: match.district,
			firstLine: group.lines[0],
			message:
				`Zeile ${match.line}: ${describeDistrict(match.district)} kommt${when} doppelt vor ` +
				`(schon in Zeile ${group.lines[0]}).`
		};
	});
	const duplicates = [...groups.values()]
		.filter((group) => group.lines.length > 1)
		.map((group) => ({
			...group,
			message:
				`${describeDistrict(group.district)} steht${group.period ? ` für „${group.period}“` : ''} ` +
				`in den Zeilen ${group.lines.join(', ')}. Bitte nur eine Zeile behalten.`
		}));
	return { rows: checked, duplicates };
}

// Which column -----------------------------------------------------------------------------------

export interface JoinColumnCandidate {
	/** Position in the header, 0-based. */
	index: number;
	by: 'code' | 'name';
	/** Sampled rows whose cell names a district this way (ambiguous names count: they are names). */
	matches: number;
	sampled: number;
}

/**
 * Which column to join on, for the mapping step's first proposal: every column is tried as code and
 * as name on the first `sample` rows, best first. Columns that match nothing are left out, and so is
 * the name reading of a column that matches as well by code (digits are codes, not names).
 */
export function rankJoinColumns(
	rows: readonly (readonly string[])[],
	districts: readonly DistrictRef[] | DistrictLookup,
	sample = 200
): JoinColumnCandidate[] {
	const lookup = 'byCode' in districts ? districts : createDistrictLookup(districts);
	const sampled = rows.slice(0, sample);
	const width = Math.max(0, ...sampled.map((row) => row.length));
	const candidates: JoinColumnCandidate[] = [];
	for (let index = 0; index < width; index++) {
		let byCode = 0;
		let byName = 0;
		for (const row of sampled) {
			const cell = row[index]?.trim() ?? '';
			if (cell === '') continue;
			if (matchCode(cell, lookup)) byCode++;
			if (lookup.byName.has(normalizeDistrictName(cell))) byName++;
		}
		if (byCode > 0)
			candidates.push({ index, by: 'code', matches: byCode, sampled: sampled.length });
		if (byName > byCode) {
			candidates.push({ index, by: 'name', matches: byName, sampled: sampled.length });
		}
	}
	return candidates.sort((a, b) => b.matches - a.matches || a.index - b.index);
}

// Decisions ---------------------------------------------------------------------------------------

/** What the planner decided for a row that did not match by itself (or to override a match). */
export type RowDecision = { skip: true } | { districtCode: string };

export interface DistrictJoinProblem {
	line: number;
	message: string;
}

export type DistrictJoin =
	| {
			ok: true;
			/** District code per line, for every row that is imported. */
			codeByLine: Map<number, string>;
			/** Lines left out: totals without a decision, and rows the planner skipped. */
			skippedLines: number[];
	  }
	| { ok: false; problems: DistrictJoinProblem[] };

/**
 * The final join, all or nothing: matched rows keep their district, decisions are applied, total rows
 * nobody decided on are skipped (they are never a district), and anything else left — empty,
 * unknown, ambiguous, merged or parent rows without a decision, a decision naming an unknown
 * district, a district that ends up with two rows — is a problem naming its line(s). An empty key is
 * not skipped by itself: the row may hold values that belong somewhere.
 */
export function resolveDistrictJoin(
	preview: DistrictMatchPreview,
	decisions: ReadonlyMap<number, RowDecision>,
	districts: readonly DistrictRef[] | DistrictLookup
): DistrictJoin {
	const lookup = 'byCode' in districts ? districts : createDistrictLookup(districts);
	const problems: DistrictJoinProblem[] = [];
	const codeByLine = new Map<number, string>();
	const skippedLines: number[] = [];
	const firstLine = new Map<string, number>();
	for (const row of preview.rows) {
		const decision = decisions.get(row.line);
		let code: string | null = null;
		if (decision && 'skip' in decision) {
			skippedLines.push(row.line);
			continue;
		}
		if (decision) {
			if (!lookup.byCode.has(decision.districtCode)) {
				problems.push({
					line: row.line,
					message: `Zeile ${row.line}: Das gewählte Gebiet „${decision.districtCode}“ gibt es nicht.`
				});
				continue;
			}
			code = decision.districtCode;
		} else if (row.status === 'matched' || row.status === 'duplicate') {
			code = row.district.code;
		} else if (row.status === 'unmatched' && row.reason === 'total') {
			skippedLines.push(row.line);
			continue;
		} else {
			problems.push({ line: row.line, message: row.message });
			continue;
		}
		const key = `${code}\u0000${preview.periodByLine.get(row.line) ?? ''}`;
		const earlier = firstLine.get(key);
		if (earlier !== undefined) {
			const district = lookup.byCode.get(code);
			problems.push({
				line: row.line,
				message:
					`Zeile ${row.line}: ${district ? describeDistrict(district) : code} kommt doppelt vor ` +
					`(schon in Zeile ${earlier}). Bitte eine der beiden Zeilen überspringen.`
			});
			continue;
		}
		firstLine.set(key, row.line);
		codeByLine.set(row.line, code);
	}
	return problems.length > 0 ? { ok: false, problems } : { ok: true, codeByLine, skippedLines };
}
