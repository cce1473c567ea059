import { isIsoDate, todayIso } from '../../domain/measures';
import { queryTerms, searchText, type QueryTerm } from '../../domain/search-text';
import type { Db, Queryable, SqlValue } from '../db';
import { readArchive, type ArchiveExport } from './archive-entry';

/**
 * Archive search for planners (archive issue, point 4): full text over the cards, texts and
 * measures of closed workshops, with filters by format, district, goal and date.
 *
 * Each archive becomes rows in `archive_search` when its entry is written (`indexArchive`, called
 * in the closing transaction) or later (`reindexArchive`, e.g. after a name was removed and the
 * export rewritten). A row keeps the shown text (`body`) and its stems (`terms`, see
 * domain/search-text.ts). A query word matches a row whose `terms` contain the word's stem:
 * - SQLite: an FTS5 trigram index over `terms` (substring search); words shorter than three
 *   letters, which trigrams cannot find, fall back to LIKE;
 * - PostgreSQL: LIKE on `terms` with a pg_trgm index, or the `german` text search over `body`.
 * A workshop is a result when every query word matches one of its rows.
 *
 * The store-specific parts (FTS5 table and triggers, pg_trgm and the text-search index) cannot be
 * written as one SQL text for both stores, so `ensureArchiveSearch` makes them, idempotently, and
 * indexes archives written before this module (or by an older `indexVersion`).
 */

/** Raise when what `indexArchive` writes changes: `ensureArchiveSearch` then indexes again. */
export const indexVersion = 1;
/** Workshops per result page. */
export const pageSize = 50;
/** Matching entries read for the shown workshops (for the snippets and the counts). */
const maxHitRows = 5000;
/** Rows per INSERT (6 parameters each, well below both stores' limits). */
const insertBatch = 100;

export type SearchRowKind = 'workshop' | 'card' | 'group' | 'text' | 'measure';

interface SearchRow {
	kind: SearchRowKind;
	/** The register's measure id for measures, the card id for cards. */
	ref: string;
	/** Where it stands: the phase's title, or the measure's title. */
	label: string;
	body: string;
}

function rowsOf(exported: ArchiveExport): SearchRow[] {
	const rows: SearchRow[] = [];
	const add = (kind: SearchRowKind, ref: string, label: string, body: string) => {
		if (body.trim()) rows.push({ kind, ref, label, body });
	};
	const { workshop } = exported;
	add('workshop', workshop.id, workshop.title, [workshop.title, workshop.description].join('\n'));
	for (const phase of exported.phases) {
		for (const group of phase.wall?.groups ?? []) {
			add('group', group.id, phase.title, group.name);
			for (const card of group.cards) add('card', card.id, phase.title, card.text);
		}
		for (const card of phase.wall?.loose ?? []) add('card', card.id, phase.title, card.text);
		if (phase.text?.length)
			add('text', phase.id, phase.title, phase.text.map((block) => block.text).join('\n'));
	}
	for (const measure of exported.measures)
		add('measure', measure.id, measure.title, [measure.title, measure.description].join('\n'));
	return rows;
}

/** The workshop's date for the date filter: its planned day, else the day it was closed. */
function dayOf(exported: ArchiveExport, closedAt: number): string {
	const planned = exported.workshop.startsOn;
	return planned && isIsoDate(planned) ? planned : todayIso(new Date(closedAt));
}

/**
 * Writes the search rows of one archive, replacing any it had. Runs inside the closing
 * transaction (archive-entry.ts), so an archive is never without its rows.
 */
export async function indexArchive(
	q: Queryable,
	workshopId: string,
	exported: ArchiveExport,
	closedAt: number,
	now = Date.now()
): Promise<void> {
	await q.run('DELETE FROM archive_search WHERE workshop_id = ?', [workshopId]);
	const rows = rowsOf(exported);
	// Many rows per statement: a workshop of 500 cards is 5 statements, not 500 round trips.
	for (let start = 0; start < rows.length; start += insertBatch) {
		const batch = rows.slice(start, start + insertBatch);
		await q.run(
			`INSERT INTO archive_search (workshop_id, kind, ref, label, body, terms)
			VALUES ${batch.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')}`,
			batch.flatMap((row) => [
				workshopId,
				row.kind,
				row.ref,
				row.label,
				row.body,
				searchText(row.body)
			])
		);
	}
	await q.run(
		`INSERT INTO archive_search_state (workshop_id, version, day, indexed_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (workshop_id) DO UPDATE SET version = excluded.version, day = excluded.day,
		indexed_at = excluded.indexed_at`,
		[workshopId, indexVersion, dayOf(exported, closedAt), now]
	);
}

/**
 * Indexes one archive again from its stored export: for whoever rewrites an export (name removal,
 * DSGVO). Returns false when the workshop has no archive (its rows went with it).
 */
export async function reindexArchive(db: Db, workshopId: string): Promise<boolean> {
	return db.transaction(async (tx) => {
		// Two searches may backfill the same archive at once: on PostgreSQL each would delete only
		// the rows it sees and both would insert, doubling them. They take turns instead.
		await tx.lockKey(`archive-search:${workshopId}`);
		const entry = await readArchive(tx, workshopId);
		if (!entry) {
			await tx.run('DELETE FROM archive_search WHERE workshop_id = ?', [workshopId]);
			return false;
		}
		await indexArchive(tx, workshopId, entry.export, entry.closedAt);
		return true;
	});
}

const indexesMade = new WeakMap<Db, Promise<void>>();

/**
 * The store-specific index structures (once per store object), then rows for every archive not
 * yet indexed at `indexVersion`. Safe to repeat and to run from several processes. The backfill
 * runs on every search: it is one anti-join over `archives`, and it picks up archives written
 * without this module (an import from another installation, an older version).
 */
export async function ensureArchiveSearch(db: Db): Promise<void> {
	let made = indexesMade.get(db);
	if (!made) {
		made = makeIndexes(db);
		made.catch(() => indexesMade.delete(db));
		indexesMade.set(db, made);
	}
	await made;
	await backfillArchiveSearch(db);
}

async function makeIndexes(db: Db): Promise<void> {
	if (db.kind === 'sqlite') {
		await db.transaction(async (tx) => {
			const exists = await tx.get(
				"SELECT 1 AS x FROM sqlite_master WHERE type = 'table' AND name = 'archive_search_fts'"
			);
			if (exists) return;
			// External content: the index holds trigrams only; triggers keep it in step, also when
			// deleting a workshop removes its rows by cascade.
			await tx.run(`CREATE VIRTUAL TABLE archive_search_fts USING fts5(terms,
				content = 'archive_search', content_rowid = 'id', tokenize = 'trigram')`);
			await tx.run(`CREATE TRIGGER archive_search_fts_insert AFTER INSERT ON archive_search BEGIN
				INSERT INTO archive_search_fts (rowid, terms) VALUES (new.id, new.terms); END`);
			await tx.run(`CREATE TRIGGER archive_search_fts_delete AFTER DELETE ON archive_search BEGIN
				INSERT INTO archive_search_fts (archive_search_fts, rowid, terms)
				VALUES ('delete', old.id, old.terms); END`);
			await tx.run(`CREATE TRIGGER archive_search_fts_update AFTER UPDATE ON archive_search BEGIN
				INSERT INTO archive_search_fts (archive_search_fts, rowid, terms)
				VALUES ('delete', old.id, old.terms);
				INSERT INTO archive_search_fts (rowid, terms) VALUES (new.id, new.terms); END`);
			// Rows written before the index existed.
			await tx.run("INSERT INTO archive_search_fts (archive_search_fts) VALUES ('rebuild')");
		});
		return;
	}
	// PostgreSQL: the indexes only make the search fast; it gives the same answers without them, so
	// a store where the extension may not be installed still searches (LIKE by sequential scan).
	const trgmSchema = await installTrigram(db);
	if (trgmSchema) {
		await tryIndex(
			db,
			`CREATE INDEX IF NOT EXISTS archive_search_trgm ON archive_search
			USING gin (terms ${quoteIdent(trgmSchema)}.gin_trgm_ops)`
		);
	}
	await tryIndex(
		db,
		`CREATE INDEX IF NOT EXISTS archive_search_german ON archive_search
		USING gin (to_tsvector('german', body))`
	);
}

/** The schema pg_trgm lives in, installing it if allowed; null when it cannot be had. */
async function installTrigram(db: Db): Promise<string | null> {
	const find = async () =>
		(
			await db.get<{ schema: string }>(
				`SELECT n.nspname AS schema FROM pg_extension e
				JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'`
			)
		)?.schema ?? null;
	const found = await find();
	if (found) return found;
	// In `public` where possible: an extension belongs to the whole database, and an app schema
	// dropped later would take it along from under other schemas.
	for (const sql of [
		'CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public',
		'CREATE EXTENSION IF NOT EXISTS pg_trgm'
	]) {
		try {
			await db.run(sql);
			break;
		} catch {
			// Not allowed here (or a parallel process installed it): look again below.
		}
	}
	return find();
}

async function tryIndex(db: Db, sql: string): Promise<void> {
	try {
		await db.run(sql);
	} catch (error) {
		// Another process making the same index at the same moment, or no right to: search still
		// works without it.
		console.warn('archive search: index not made', (error as Error).message);
	}
}

function quoteIdent(name: string): string {
	return `"${name.replaceAll('"', '""')}"`;
}

/** Indexes every archive without rows at `indexVersion`; returns how many it indexed. */
export async function backfillArchiveSearch(db: Db): Promise<number> {
	const stale = await db.all<{ workshop_id: string }>(
		`SELECT a.workshop_id FROM archives a
		LEFT JOIN archive_search_state s ON s.workshop_id = a.workshop_id
		WHERE s.workshop_id IS NULL OR s.version <> ?`,
		[indexVersion]
	);
	for (const { workshop_id } of stale) await reindexArchive(db, workshop_id);
	return stale.length;
}

export interface SearchFilter {
	/** Free text; only its letters and digits count (domain/search-text.ts). */
	text?: string;
	format?: string;
	district?: { level: string; code: string };
	goalId?: string;
	/** Inclusive ISO days, compared with the workshop's date (planned day, else closing day). */
	from?: string;
	to?: string;
}

export interface SearchHit {
	kind: SearchRowKind;
	ref: string;
	label: string;
	body: string;
}

export interface ArchiveResult {
	workshopId: string;
	title: string;
	format: string;
	day: string;
	closedAt: number;
	districts: { level: string; code: string; name: string }[];
	goals: { id: string; title: string }[];
	/** Entries matching a query word, measures first; empty without a query. */
	hits: SearchHit[];
	/** How many entries matched (at most what was read). */
	hitCount: number;
}

export interface SearchOutcome {
	results: ArchiveResult[];
	/** More workshops matched than one page shows. */
	more: boolean;
	/** The query words used (stems), for marking them in snippets. */
	terms: string[];
}

/** One query word as a condition on a row `s` of `archive_search`. */
function termCondition(kind: Db['kind'], term: QueryTerm): { sql: string; params: SqlValue[] } {
	if (kind === 'sqlite') {
		return [...term.stem].length >= 3
			? {
					// A stem is letters and digits only (queryTerms), so quoting it is all FTS5 needs.
					sql: 's.id IN (SELECT rowid FROM archive_search_fts WHERE archive_search_fts MATCH ?)',
					params: [`"${term.stem}"`]
				}
			: { sql: 's.terms LIKE ?', params: [`%${term.stem}%`] };
	}
	return {
		sql: "(s.terms LIKE ? OR to_tsvector('german', s.body) @@ plainto_tsquery('german', ?))",
		params: [`%${term.stem}%`, term.word]
	};
}

const kindOrder: Record<SearchRowKind, number> = {
	measure: 0,
	text: 1,
	card: 2,
	group: 3,
	workshop: 4
};

/** Archived workshops matching `filter`, newest closed first, one page of them. */
export async function searchArchives(db: Db, filter: SearchFilter): Promise<SearchOutcome> {
	await ensureArchiveSearch(db);
	const terms = queryTerms(filter.text ?? '');
	const where: string[] = [];
	const params: SqlValue[] = [];
	if (filter.format) {
		where.push('w.format = ?');
		params.push(filter.format);
	}
	if (filter.district) {
		where.push(`EXISTS (SELECT 1 FROM workshop_districts d WHERE d.workshop_id = a.workshop_id
			AND d.district_level = ? AND d.district_code = ?)`);
		params.push(filter.district.level, filter.district.code);
	}
	if (filter.goalId) {
		where.push(
			'EXISTS (SELECT 1 FROM workshop_goals g WHERE g.workshop_id = a.workshop_id AND g.goal_id = ?)'
		);
		params.push(filter.goalId);
	}
	if (filter.from) {
		where.push('st.day >= ?');
		params.push(filter.from);
	}
	if (filter.to) {
		where.push('st.day <= ?');
		params.push(filter.to);
	}
	for (const term of terms) {
		const condition = termCondition(db.kind, term);
		where.push(
			`a.workshop_id IN (SELECT s.workshop_id FROM archive_search s WHERE ${condition.sql})`
		);
		params.push(...condition.params);
	}
	const rows = await db.all<{
		workshop_id: string;
		title: string;
		format: string;
		day: string;
		closed_at: number;
	}>(
		`SELECT a.workshop_id, w.title, w.format, st.day, a.closed_at
		FROM archives a
		JOIN workshops w ON w.id = a.workshop_id
		JOIN archive_search_state st ON st.workshop_id = a.workshop_id
		${where.length ? `WHERE ${where.join(' AND ')}` : ''}
		ORDER BY a.closed_at DESC, a.workshop_id
		LIMIT ${pageSize + 1}`,
		params
	);
	const page = rows.slice(0, pageSize);
	const ids = page.map((r) => r.workshop_id);
	const [districts, goals, hits] = await Promise.all([
		districtsOf(db, ids),
		goalsOf(db, ids),
		hitsOf(db, ids, terms)
	]);
	return {
		results: page.map((r) => {
			const own = hits.filter((h) => h.workshop_id === r.workshop_id);
			return {
				workshopId: r.workshop_id,
				title: r.title,
				format: r.format,
				day: r.day,
				closedAt: Number(r.closed_at),
				districts: districts.filter((d) => d.workshop_id === r.workshop_id).map(stripWorkshop),
				goals: goals.filter((g) => g.workshop_id === r.workshop_id).map(stripWorkshop),
				hits: own.map(stripWorkshop),
				hitCount: own.length
			};
		}),
		more: rows.length > pageSize,
		terms: terms.map((t) => t.stem)
	};
}

function stripWorkshop<T extends { workshop_id: string }>(row: T): Omit<T, 'workshop_id'> {
	// eslint-disable-next-line @typescript-eslint/no-unused-vars
	const { workshop_id, ...rest } = row;
	return rest;
}

const inList = (ids: string[]) => ids.map(() => '?').join(', ');

async function districtsOf(db: Db, ids: string[]) {
	if (!ids.length) return [];
	return db.all<{ workshop_id: string; level: string; code: string; name: string }>(
		`SELECT w.workshop_id, d.level, d.code, d.name FROM workshop_districts w
		JOIN districts d ON d.level = w.district_level AND d.code = w.district_code
		WHERE w.workshop_id IN (${inList(ids)}) ORDER BY d.level, d.name`,
		ids
	);
}

async function goalsOf(db: Db, ids: string[]) {
	if (!ids.length) return [];
	return db.all<{ workshop_id: string; id: string; title: string }>(
		`SELECT w.workshop_id, g.id, g.title FROM workshop_goals w JOIN goals g ON g.id = w.goal_id
		WHERE w.workshop_id IN (${inList(ids)}) ORDER BY g.title`,
		ids
	);
}

async function hitsOf(db: Db, ids: string[], terms: QueryTerm[]) {
	if (!ids.length || !terms.length) return [];
	const conditions = terms.map((term) => termCondition(db.kind, term));
	const rows = await db.all<{
		workshop_id: string;
		kind: SearchRowKind;
		ref: string;
		label: string;
		body: string;
	}>(
		`SELECT s.workshop_id, s.kind, s.ref, s.label, s.body FROM archive_search s
		WHERE s.workshop_id IN (${inList(ids)}) AND (${conditions.map((c) => c.sql).join(' OR ')})
		ORDER BY s.id LIMIT ${maxHitRows}`,
		[...ids, ...conditions.flatMap((c) => c.params)]
	);
	return rows.sort((a, b) => kindOrder[a.kind] - kindOrder[b.kind]);
}
