import type { Db } from './adapter';

/**
 * The schema, as ordered steps. Never edit a step that has shipped; add a new one.
 * `{{id}}` and `{{blob}}` are the only spots where SQLite and PostgreSQL differ.
 */
const migrations: string[][] = [
	[
		`CREATE TABLE users (
			id TEXT PRIMARY KEY,
			email TEXT NOT NULL UNIQUE,
			name TEXT NOT NULL,
			role TEXT NOT NULL,
			password_hash TEXT NOT NULL,
			created_at BIGINT NOT NULL
		)`,
		`CREATE TABLE workshops (
			id TEXT PRIMARY KEY,
			format TEXT NOT NULL,
			title TEXT NOT NULL,
			starts_on TEXT,
			description TEXT NOT NULL DEFAULT '',
			status TEXT NOT NULL DEFAULT 'draft',
			created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
			created_at BIGINT NOT NULL
		)`,
		`CREATE TABLE invites (
			id TEXT PRIMARY KEY,
			workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
			token_hash TEXT NOT NULL UNIQUE,
			role TEXT NOT NULL,
			label TEXT NOT NULL DEFAULT '',
			expires_at BIGINT NOT NULL,
			revoked_at BIGINT,
			created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
			created_at BIGINT NOT NULL
		)`,
		`CREATE INDEX invites_workshop ON invites (workshop_id)`,
		`CREATE TABLE participants (
			id TEXT PRIMARY KEY,
			workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
			invite_id TEXT NOT NULL REFERENCES invites(id) ON DELETE CASCADE,
			display_name TEXT,
			role TEXT NOT NULL,
			created_at BIGINT NOT NULL
		)`,
		`CREATE TABLE sessions (
			id TEXT PRIMARY KEY,
			user_id TEXT REFERENCES users(id) ON DELETE CASCADE,
			participant_id TEXT REFERENCES participants(id) ON DELETE CASCADE,
			expires_at BIGINT NOT NULL
		)`,
		`CREATE TABLE one_time_links (
			token_hash TEXT PRIMARY KEY,
			purpose TEXT NOT NULL,
			role TEXT,
			created_by TEXT REFERENCES users(id) ON DELETE CASCADE,
			expires_at BIGINT NOT NULL,
			used_at BIGINT
		)`,
		`CREATE TABLE doc_updates (
			id {{id}},
			doc TEXT NOT NULL,
			data {{blob}} NOT NULL,
			created_at BIGINT NOT NULL
		)`,
		`CREATE INDEX doc_updates_doc ON doc_updates (doc, id)`,
		`CREATE TABLE doc_snapshots (
			doc TEXT PRIMARY KEY,
			data {{blob}} NOT NULL,
			updated_at BIGINT NOT NULL
		)`
	],
	[
		// Planning model. A district's identity is (level, code): official codes are unique only within
		// their level (a city may number its Stadtteile 1, 2, 3 and its Sozialräume as well).
		`CREATE TABLE districts (
			id TEXT PRIMARY KEY,
			code TEXT NOT NULL,
			level TEXT NOT NULL,
			name TEXT NOT NULL,
			parent_code TEXT,
			parent_level TEXT,
			geometry TEXT NOT NULL,
			bbox TEXT NOT NULL,
			created_at BIGINT NOT NULL,
			UNIQUE (level, code)
		)`,
		`CREATE INDEX districts_parent ON districts (parent_level, parent_code)`,
		`CREATE TABLE indicators (
			key TEXT PRIMARY KEY,
			label TEXT NOT NULL,
			unit TEXT NOT NULL DEFAULT '',
			polarity TEXT NOT NULL CHECK (polarity IN ('higherIsWorse', 'higherIsBetter')),
			level TEXT NOT NULL,
			source TEXT NOT NULL DEFAULT '',
			attribution TEXT NOT NULL DEFAULT '',
			created_at BIGINT NOT NULL
		)`,
		// No foreign key to districts: values are kept when a level is re-imported without some codes,
		// so a boundary change never silently deletes years of figures. NULL is "no data", never 0.
		`CREATE TABLE indicator_values (
			indicator_key TEXT NOT NULL REFERENCES indicators(key) ON DELETE CASCADE,
			district_code TEXT NOT NULL,
			level TEXT NOT NULL,
			period TEXT NOT NULL,
			value DOUBLE PRECISION,
			PRIMARY KEY (indicator_key, level, district_code, period)
		)`,
		`CREATE INDEX indicator_values_district ON indicator_values (level, district_code, period)`,
		`CREATE TABLE import_log (
			id {{id}},
			kind TEXT NOT NULL CHECK (kind IN ('districts', 'indicators')),
			file_name TEXT NOT NULL,
			rows INTEGER NOT NULL,
			created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
			created_at BIGINT NOT NULL,
			summary TEXT NOT NULL
		)`
	],
	[
		// Dot votes are cast through the server, which checks the budget; only totals ever reach the
		// live documents, and only after the facilitator reveals them. `voter` is a participant or
		// staff id, so a person's ballot survives a reload and a late joiner still has a budget.
		`CREATE TABLE votes (
			workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
			round_id TEXT NOT NULL,
			voter TEXT NOT NULL,
			item_id TEXT NOT NULL,
			dots INTEGER NOT NULL CHECK (dots > 0),
			PRIMARY KEY (workshop_id, round_id, voter, item_id)
		)`,
		`CREATE TABLE vote_done (
			workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
			round_id TEXT NOT NULL,
			voter TEXT NOT NULL,
			PRIMARY KEY (workshop_id, round_id, voter)
		)`
	],
	[
		// Goals, measures and controlling. Districts are referenced by (level, code), their identity in
		// the districts table, without a foreign key: a boundary re-import must not delete the links.
		`CREATE TABLE goals (
			id TEXT PRIMARY KEY,
			title TEXT NOT NULL,
			description TEXT NOT NULL DEFAULT '',
			parent_id TEXT REFERENCES goals(id),
			level TEXT NOT NULL CHECK (level IN ('leitbild', 'strategic', 'operative')),
			status TEXT NOT NULL,
			citywide INTEGER NOT NULL DEFAULT 0,
			target_indicator_key TEXT,
			target_value DOUBLE PRECISION,
			target_year INTEGER,
			created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
			created_at BIGINT NOT NULL,
			updated_at BIGINT NOT NULL
		)`,
		`CREATE INDEX goals_parent ON goals (parent_id)`,
		`CREATE TABLE goal_districts (
			goal_id TEXT NOT NULL REFERENCES goals(id) ON DELETE CASCADE,
			district_level TEXT NOT NULL,
			district_code TEXT NOT NULL,
			PRIMARY KEY (goal_id, district_level, district_code)
		)`,
		`CREATE INDEX goal_districts_district ON goal_districts (district_level, district_code)`,
		// origin_measure_id is the draft's id in the workshop's live document: closing a workshop twice
		// finds the rows it copied the first time. origin_cards is JSON [{id, text}], the card texts as
		// they were at closing, so the trail survives later edits of the wall.
		`CREATE TABLE measures (
			id TEXT PRIMARY KEY,
			title TEXT NOT NULL,
			description TEXT NOT NULL DEFAULT '',
			responsible TEXT NOT NULL DEFAULT '',
			partners TEXT NOT NULL DEFAULT '',
			start_on TEXT,
			due_on TEXT,
			budget DOUBLE PRECISION,
			staff_hours DOUBLE PRECISION,
			rooms TEXT NOT NULL DEFAULT '',
			status TEXT NOT NULL CHECK (status IN ('idea', 'planned', 'in_progress', 'done', 'dropped')),
			target_groups TEXT NOT NULL DEFAULT '',
			quick_win INTEGER NOT NULL DEFAULT 0,
			origin_workshop_id TEXT REFERENCES workshops(id) ON DELETE SET NULL,
			origin_measure_id TEXT,
			origin_phase TEXT,
			origin_cards TEXT NOT NULL DEFAULT '[]',
			created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
			created_at BIGINT NOT NULL,
			updated_at BIGINT NOT NULL,
			UNIQUE (origin_workshop_id, origin_measure_id)
		)`,
		`CREATE INDEX measures_due ON measures (due_on)`,
		`CREATE TABLE measure_goals (
			measure_id TEXT NOT NULL REFERENCES measures(id) ON DELETE CASCADE,
			goal_id TEXT NOT NULL REFERENCES goals(id) ON DELETE CASCADE,
			PRIMARY KEY (measure_id, goal_id)
		)`,
		`CREATE INDEX measure_goals_goal ON measure_goals (goal_id)`,
		`CREATE TABLE measure_districts (
			measure_id TEXT NOT NULL REFERENCES measures(id) ON DELETE CASCADE,
			district_level TEXT NOT NULL,
			district_code TEXT NOT NULL,
			PRIMARY KEY (measure_id, district_level, district_code)
		)`,
		`CREATE INDEX measure_districts_district ON measure_districts (district_level, district_code)`,
		// kind 'report' is a Sachstandsmeldung; kind 'status' records a status change made by editing
		// the measure, so the timeline shows both without a second table.
		`CREATE TABLE measure_updates (
			id TEXT PRIMARY KEY,
			measure_id TEXT NOT NULL REFERENCES measures(id) ON DELETE CASCADE,
			kind TEXT NOT NULL CHECK (kind IN ('report', 'status')),
			reported_on TEXT NOT NULL,
			status TEXT NOT NULL,
			progress INTEGER CHECK (progress BETWEEN 0 AND 100),
			note TEXT NOT NULL DEFAULT '',
			author_id TEXT REFERENCES users(id) ON DELETE SET NULL,
			author_name TEXT NOT NULL DEFAULT '',
			created_at BIGINT NOT NULL
		)`,
		`CREATE INDEX measure_updates_measure ON measure_updates (measure_id, reported_on)`,
		`CREATE TABLE workshop_districts (
			workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
			district_level TEXT NOT NULL,
			district_code TEXT NOT NULL,
			PRIMARY KEY (workshop_id, district_level, district_code)
		)`,
		`CREATE INDEX workshop_districts_district ON workshop_districts (district_level, district_code)`,
		`CREATE TABLE workshop_goals (
			workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
			goal_id TEXT NOT NULL REFERENCES goals(id) ON DELETE CASCADE,
			PRIMARY KEY (workshop_id, goal_id)
		)`,
		`CREATE TABLE api_tokens (
			id TEXT PRIMARY KEY,
			name TEXT NOT NULL,
			token_hash TEXT NOT NULL UNIQUE,
			scope TEXT NOT NULL CHECK (scope IN ('read', 'write')),
			created_by TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
			created_at BIGINT NOT NULL,
			last_used_at BIGINT,
			revoked_at BIGINT
		)`
	],
	[
		// A vote round is closed here, in the same store as the ballots, so a dot in flight when the
		// facilitator reveals either counts in the tally or is refused — never stored after it.
		`CREATE TABLE vote_rounds (
			workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
			round_id TEXT NOT NULL,
			closed_at BIGINT,
			PRIMARY KEY (workshop_id, round_id)
		)`,
		// Server-side secrets shared by all processes (e.g. the key that makes published anonymous
		// card ids unlinkable to their drafts). Never sent to a client.
		`CREATE TABLE server_secrets (
			name TEXT PRIMARY KEY,
			value TEXT NOT NULL
		)`
	],
	[
		// Who writes under which Yjs client id of a document. The first writer owns it, so nobody can
		// take over another person's id while they are offline (their edits would be lost as
		// duplicates). The owner is a staff user or a participant id, never a card or its text.
		`CREATE TABLE doc_clients (
			doc TEXT NOT NULL,
			client_id BIGINT NOT NULL,
			owner TEXT NOT NULL,
			PRIMARY KEY (doc, client_id)
		)`
	],
	[
		// Anonymity: earlier versions derived published card ids from draft ids under this secret,
		// and their private documents keep those draft ids as deleted map keys. Forgetting the
		// secret makes those cards unlinkable; the sync engine makes a fresh one on start, and new
		// drafts leave no id behind (src/lib/collab/drafts.ts).
		`DELETE FROM server_secrets WHERE name = 'drafts'`
	],
	[
		// Short join codes a projector shows (`/j/K7M2QX`): another way into a participant invite.
		// Only the hash is kept, like invite tokens; each expires on its own.
		`CREATE TABLE join_codes (
			code_hash TEXT PRIMARY KEY,
			invite_id TEXT NOT NULL REFERENCES invites(id) ON DELETE CASCADE,
			expires_at BIGINT NOT NULL,
			created_at BIGINT NOT NULL
		)`,
		`CREATE INDEX join_codes_invite ON join_codes (invite_id)`
	],
	[
		// Housekeeping (live-room issue, point 7). An invite can hand out several links: showing a
		// link again makes a fresh token for the same invite, because only hashes are kept.
		`CREATE TABLE invite_links (
			token_hash TEXT PRIMARY KEY,
			invite_id TEXT NOT NULL REFERENCES invites(id) ON DELETE CASCADE,
			created_at BIGINT NOT NULL
		)`,
		`CREATE INDEX invite_links_invite ON invite_links (invite_id)`,
		`INSERT INTO invite_links (token_hash, invite_id, created_at)
			SELECT token_hash, id, created_at FROM invites`,
		// One participant can be removed without revoking the link the others used.
		`ALTER TABLE participants ADD COLUMN removed_at BIGINT`,
		// Deactivated staff keep their name on what they wrote but cannot log in.
		`ALTER TABLE users ADD COLUMN deactivated_at BIGINT`,
		// Password-reset links name the account they reset; every one-time link gets an id and a
		// creation time so pending invitations can be listed and revoked.
		`ALTER TABLE one_time_links ADD COLUMN user_id TEXT REFERENCES users(id) ON DELETE CASCADE`,
		`ALTER TABLE one_time_links ADD COLUMN created_at BIGINT`,
		// The municipality's settings (name, logo, privacy and imprint links), one row per setting.
		`CREATE TABLE site_settings (
			name TEXT PRIMARY KEY,
			value TEXT NOT NULL
		)`
	],
	[
		// The archive entry closing makes (archive issue, point 1): the structured export and the
		// final state of each shared document, kept apart from the live log so neither compaction
		// nor a later edit can change what was documented; the manifest of the documentation's
		// files (SHA-256 each) once they were first made, to verify later copies against.
		`CREATE TABLE archives (
			workshop_id TEXT PRIMARY KEY REFERENCES workshops(id) ON DELETE CASCADE,
			closed_at BIGINT NOT NULL,
			closed_by TEXT NOT NULL,
			export_json TEXT NOT NULL,
			manifest_json TEXT
		)`,
		`CREATE TABLE archive_documents (
			workshop_id TEXT NOT NULL REFERENCES archives(workshop_id) ON DELETE CASCADE,
			doc TEXT NOT NULL,
			state {{blob}} NOT NULL,
			PRIMARY KEY (workshop_id, doc)
		)`
	],
	[
		// DSGVO (archive issue, point 5). A participant's name goes into the documentation only when
		// they ticked the consent box on joining (0 = no, 1 = yes; no box ticked is no consent).
		`ALTER TABLE participants ADD COLUMN name_consent INTEGER NOT NULL DEFAULT 0`,
		// When the documentation was made again after a name was removed (its files then carry
		// that date, and the manifest is the new one).
		`ALTER TABLE archives ADD COLUMN regenerated_at BIGINT`,
		// Who deleted which workshop and when. No reference to workshops (the row outlives it);
		// the staff name is kept as it was, the user id only while the account exists.
		`CREATE TABLE workshop_deletions (
			workshop_id TEXT PRIMARY KEY,
			title TEXT NOT NULL,
			deleted_by TEXT REFERENCES users(id) ON DELETE SET NULL,
			deleted_by_name TEXT NOT NULL,
			deleted_at BIGINT NOT NULL
		)`
	],
	[
		// Archive search (archive issue, point 4; server/archive/search.ts): one row per card, text,
		// measure and workshop of an archive, its text and its stems; and per archive the index
		// version and the workshop's date. The store-specific indexes over the rows (FTS5 trigrams,
		// pg_trgm, german text search) are made by ensureArchiveSearch.
		`CREATE TABLE archive_search (
			id {{id}},
			workshop_id TEXT NOT NULL REFERENCES archives(workshop_id) ON DELETE CASCADE,
			kind TEXT NOT NULL,
			ref TEXT NOT NULL,
			label TEXT NOT NULL,
			body TEXT NOT NULL,
			terms TEXT NOT NULL
		)`,
		`CREATE INDEX archive_search_workshop ON archive_search (workshop_id)`,
		`CREATE TABLE archive_search_state (
			workshop_id TEXT PRIMARY KEY REFERENCES archives(workshop_id) ON DELETE CASCADE,
			version INTEGER NOT NULL,
			day TEXT NOT NULL,
			indexed_at BIGINT NOT NULL
		)`
	],
	// Controlling: a progress report may move the due date; the old and new date and the reason
	// stay in the measure's history.
	[
		'ALTER TABLE measure_updates ADD COLUMN due_from TEXT',
		'ALTER TABLE measure_updates ADD COLUMN due_to TEXT',
		"ALTER TABLE measure_updates ADD COLUMN due_reason TEXT NOT NULL DEFAULT ''"
	],
	// Import of any statistics table (issue 11, point 1; server/planning/table-import.ts). A column's
	// polarity may stay 'unknown' (the rule refuses it until the planner decides). SQLite cannot change
	// a CHECK constraint, so indicators and their values move into new tables: the values are dropped
	// first, so dropping the old indicators cascades into nothing; renaming the new indicators table
	// also renames the reference in the new values table (SQLite rewrites it, PostgreSQL keeps the oid).
	// The mapping step keeps the upload between its steps (drafts), and a planner saves a whole mapping
	// under a name for next year's file.
	[
		`CREATE TABLE indicators_v2 (
			key TEXT PRIMARY KEY,
			label TEXT NOT NULL,
			unit TEXT NOT NULL DEFAULT '',
			polarity TEXT NOT NULL CHECK (polarity IN ('higherIsWorse', 'higherIsBetter', 'unknown')),
			level TEXT NOT NULL,
			source TEXT NOT NULL DEFAULT '',
			attribution TEXT NOT NULL DEFAULT '',
			created_at BIGINT NOT NULL
		)`,
		`INSERT INTO indicators_v2 (key, label, unit, polarity, level, source, attribution, created_at)
			SELECT key, label, unit, polarity, level, source, attribution, created_at FROM indicators`,
		`CREATE TABLE indicator_values_v2 (
			indicator_key TEXT NOT NULL REFERENCES indicators_v2(key) ON DELETE CASCADE,
			district_code TEXT NOT NULL,
			level TEXT NOT NULL,
			period TEXT NOT NULL,
			value DOUBLE PRECISION,
			PRIMARY KEY (indicator_key, level, district_code, period)
		)`,
		`INSERT INTO indicator_values_v2 (indicator_key, district_code, level, period, value)
			SELECT indicator_key, district_code, level, period, value FROM indicator_values`,
		'DROP TABLE indicator_values',
		'DROP TABLE indicators',
		'ALTER TABLE indicators_v2 RENAME TO indicators',
		'ALTER TABLE indicator_values_v2 RENAME TO indicator_values',
		'CREATE INDEX indicator_values_district ON indicator_values (level, district_code, period)',
		`CREATE TABLE indicator_mappings (
			name TEXT PRIMARY KEY,
			level TEXT NOT NULL,
			headers TEXT NOT NULL,
			mapping TEXT NOT NULL,
			created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
			updated_at BIGINT NOT NULL
		)`,
		`CREATE TABLE indicator_upload_drafts (
			id TEXT PRIMARY KEY,
			created_by TEXT REFERENCES users(id) ON DELETE CASCADE,
			file_name TEXT NOT NULL,
			level TEXT NOT NULL,
			bytes {{blob}} NOT NULL,
			mapping TEXT,
			created_at BIGINT NOT NULL
		)`
	],
	[
		// Runder Tisch (issue 13): a series of meetings (workshops of format 'runderTisch') with a
		// stable member list, attendance per meeting, decisions numbered per series by the server
		// (UNIQUE keeps two concurrent requests from taking one number), action items that stay
		// open across meetings until done, and the minutes' status (draft → circulated → approved).
		`CREATE TABLE rt_series (
			id TEXT PRIMARY KEY,
			title TEXT NOT NULL,
			theme TEXT NOT NULL DEFAULT '',
			created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
			created_at BIGINT NOT NULL
		)`,
		`CREATE TABLE rt_members (
			id TEXT PRIMARY KEY,
			series_id TEXT NOT NULL REFERENCES rt_series(id) ON DELETE CASCADE,
			organisation TEXT NOT NULL DEFAULT '',
			person TEXT NOT NULL DEFAULT '',
			role TEXT NOT NULL DEFAULT '',
			created_at BIGINT NOT NULL,
			removed_at BIGINT
		)`,
		'CREATE INDEX rt_members_series ON rt_members (series_id)',
		`CREATE TABLE rt_meetings (
			workshop_id TEXT PRIMARY KEY REFERENCES workshops(id) ON DELETE CASCADE,
			series_id TEXT NOT NULL REFERENCES rt_series(id) ON DELETE CASCADE,
			meets_on TEXT NOT NULL,
			minutes_status TEXT NOT NULL DEFAULT 'draft',
			minutes_changed_at BIGINT,
			minutes_changed_by TEXT REFERENCES users(id) ON DELETE SET NULL,
			created_at BIGINT NOT NULL
		)`,
		'CREATE INDEX rt_meetings_series ON rt_meetings (series_id, meets_on)',
		`CREATE TABLE rt_attendance (
			meeting_id TEXT NOT NULL REFERENCES rt_meetings(workshop_id) ON DELETE CASCADE,
			member_id TEXT NOT NULL REFERENCES rt_members(id) ON DELETE CASCADE,
			present INTEGER NOT NULL,
			PRIMARY KEY (meeting_id, member_id)
		)`,
		`CREATE TABLE rt_decisions (
			id TEXT PRIMARY KEY,
			series_id TEXT NOT NULL REFERENCES rt_series(id) ON DELETE CASCADE,
			meeting_id TEXT NOT NULL REFERENCES rt_meetings(workshop_id) ON DELETE CASCADE,
			number INTEGER NOT NULL,
			text TEXT NOT NULL,
			decided_on TEXT NOT NULL,
			vote TEXT NOT NULL,
			created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
			created_at BIGINT NOT NULL,
			UNIQUE (series_id, number)
		)`,
		`CREATE TABLE rt_decision_goals (
			decision_id TEXT NOT NULL REFERENCES rt_decisions(id) ON DELETE CASCADE,
			goal_id TEXT NOT NULL REFERENCES goals(id) ON DELETE CASCADE,
			PRIMARY KEY (decision_id, goal_id)
		)`,
		`CREATE TABLE rt_decision_districts (
			decision_id TEXT NOT NULL REFERENCES rt_decisions(id) ON DELETE CASCADE,
			level TEXT NOT NULL,
			code TEXT NOT NULL,
			PRIMARY KEY (decision_id, level, code)
		)`,
		// meeting_id is where the item was agreed; it stays open (carried over) until done or dropped.
		`CREATE TABLE rt_actions (
			id TEXT PRIMARY KEY,
			series_id TEXT NOT NULL REFERENCES rt_series(id) ON DELETE CASCADE,
			meeting_id TEXT NOT NULL REFERENCES rt_meetings(workshop_id) ON DELETE CASCADE,
			title TEXT NOT NULL,
			owner TEXT NOT NULL,
			due_on TEXT,
			status TEXT NOT NULL DEFAULT 'open',
			measure_id TEXT REFERENCES measures(id) ON DELETE SET NULL,
			created_at BIGINT NOT NULL,
			updated_at BIGINT NOT NULL
		)`,
		'CREATE INDEX rt_actions_series ON rt_actions (series_id)'
	],
	[
		// Bestandsaufnahme (issue 13): the services and offers of a district, kept per district so the
		// next conference starts from them; workshop_id/added_by say where and by whom an entry was
		// added live (participants change only their own). inventory_needs links a needs card of a
		// workshop's wall to target groups and to an entry that covers it, or to none (a gap).
		`CREATE TABLE inventory_entries (
			id TEXT PRIMARY KEY,
			district_level TEXT NOT NULL,
			district_code TEXT NOT NULL,
			name TEXT NOT NULL,
			provider TEXT NOT NULL DEFAULT '',
			target_groups TEXT NOT NULL DEFAULT '',
			area TEXT NOT NULL DEFAULT '',
			contact TEXT NOT NULL DEFAULT '',
			opening_hours TEXT NOT NULL DEFAULT '',
			kind TEXT NOT NULL DEFAULT '',
			lon DOUBLE PRECISION,
			lat DOUBLE PRECISION,
			workshop_id TEXT REFERENCES workshops(id) ON DELETE SET NULL,
			added_by TEXT,
			created_at BIGINT NOT NULL,
			updated_at BIGINT NOT NULL
		)`,
		'CREATE INDEX inventory_entries_district ON inventory_entries (district_level, district_code)',
		`CREATE TABLE inventory_needs (
			workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
			card_id TEXT NOT NULL,
			card_text TEXT NOT NULL,
			target_groups TEXT NOT NULL DEFAULT '',
			covered INTEGER NOT NULL,
			entry_id TEXT REFERENCES inventory_entries(id) ON DELETE SET NULL,
			updated_at BIGINT NOT NULL,
			PRIMARY KEY (workshop_id, card_id)
		)`
	],
	[
		// Sozialraumkonferenz, Vereinbarungen (issue 13): who reports next on a measure and when, as
		// agreed in the workshop; the due overview lists it until a progress report comes after it.
		`CREATE TABLE measure_next_reports (
			measure_id TEXT PRIMARY KEY REFERENCES measures(id) ON DELETE CASCADE,
			reporter TEXT NOT NULL DEFAULT '',
			report_on TEXT NOT NULL,
			created_at BIGINT NOT NULL
		)`,
		'CREATE INDEX measure_next_reports_on ON measure_next_reports (report_on)'
	],
	[
		// Saved rules (issue 11): the city's named "besonders belastet" rules; is_default marks the one
		// map, district pages and lists use. name_key (lower case, spaces folded) keeps names unique.
		`CREATE TABLE planning_rules (
			id TEXT PRIMARY KEY,
			name TEXT NOT NULL,
			name_key TEXT NOT NULL UNIQUE,
			indicator_keys TEXT NOT NULL,
			min_count INTEGER NOT NULL,
			threshold DOUBLE PRECISION NOT NULL,
			is_default INTEGER NOT NULL DEFAULT 0,
			created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
			created_at BIGINT NOT NULL,
			updated_at BIGINT NOT NULL
		)`
	],
	[
		// Roll-up (issue 11): how an indicator's values of a coarser level are computed from the finer
		// one (weighted mean by weight_key, or sum); computed marks such values, so the pages say
		// "berechnet" and a recompute replaces only them, never an imported figure.
		`CREATE TABLE indicator_rollups (
			indicator_key TEXT PRIMARY KEY REFERENCES indicators(key) ON DELETE CASCADE,
			method TEXT NOT NULL CHECK (method IN ('weightedMean', 'sum')),
			weight_key TEXT,
			updated_at BIGINT NOT NULL
		)`,
		'ALTER TABLE indicator_values ADD COLUMN computed INTEGER NOT NULL DEFAULT 0'
	],
	[
		// Reach, without surveillance (issue 14): the facilitator's questions, one counter per
		// (workshop, question, choice) and nothing per person, and apart from them a marker per
		// participant who answered (an HMAC, sharing no key or time with the counters) so nobody
		// answers twice. Why: src/lib/server/reach/store.ts.
		`CREATE TABLE reach_questions (
			workshop_id TEXT PRIMARY KEY REFERENCES workshops(id) ON DELETE CASCADE,
			questions TEXT NOT NULL,
			updated_at BIGINT NOT NULL
		)`,
		`CREATE TABLE reach_counts (
			workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
			question_id TEXT NOT NULL,
			choice_id TEXT NOT NULL,
			total INTEGER NOT NULL DEFAULT 0,
			PRIMARY KEY (workshop_id, question_id, choice_id)
		)`,
		`CREATE TABLE reach_answered (
			workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
			marker TEXT NOT NULL,
			PRIMARY KEY (workshop_id, marker)
		)`
	]
];

function dialect(sql: string, kind: Db['kind']): string {
	return sql
		.replaceAll(
			'{{id}}',
			kind === 'sqlite' ? 'INTEGER PRIMARY KEY AUTOINCREMENT' : 'BIGSERIAL PRIMARY KEY'
		)
		.replaceAll('{{blob}}', kind === 'sqlite' ? 'BLOB' : 'BYTEA');
}

/** Brings the schema up to date; safe to call from several processes at once. */
export async function migrate(db: Db): Promise<number> {
	await db.run(
		'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)'
	);
	return db.transaction(async (tx) => {
		// Several processes may start together against one PostgreSQL; the lock makes them take turns.
		await tx.lockKey('schema-migrations');
		const row = await tx.get<{ version: number | null }>(
			'SELECT MAX(version) AS version FROM schema_migrations'
		);
		const current = Number(row?.version ?? 0);
		for (let version = current + 1; version <= migrations.length; version++) {
			for (const statement of migrations[version - 1]) await tx.run(dialect(statement, db.kind));
			await tx.run('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)', [
				version,
				Date.now()
			]);
		}
		return migrations.length;
	});
}
