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
