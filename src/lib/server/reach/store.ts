import { createHmac } from 'node:crypto';
import {
	choiceIds,
	parseQuestionPick,
	parseReachAnswers,
	pickInput,
	type ReachError,
	type ReachQuestion
} from '../../domain/reach/questions';
import { can, type Actor } from '../../domain/roles';
import { translate, type Locale } from '../../i18n';
import type { Db, Queryable } from '../db';
import { serverSecret } from '../secrets';
import { refreshArchiveReach } from './archive';
import { choiceLabels, countRespondents, loadReachQuestions, questionText } from './totals';

export { reachTotals, type ReachTotals } from './totals';

/**
 * Reach, without surveillance (issue 14, point 7). Why the store looks as it does:
 *
 * - `reach_counts` holds one counter per (workshop, question, choice) and nothing else: no row
 *   per participant, no time. All of a workshop's counters are made (at 0) when the facilitator
 *   picks the questions, so neither the order of rows nor a row's first appearance tells which
 *   choice came first; an answer only adds 1 in place (SQLite overwrites, `secure_delete` is on).
 * - Refusing a second answer needs to know who answered. `reach_answered` holds only an HMAC of
 *   workshop and participant with a server secret, in a table of its own that shares no key, no
 *   time and no order with the counters, so nothing joins a marker to a choice. Someone holding
 *   the file and the secret can test whether a given participant answered, never what they
 *   answered: the counters are sums.
 * - The marker and the counters change in one transaction, under a per-workshop lock: an answer
 *   counts exactly once or not at all, and twenty at once give exact totals.
 * - Totals leave the server only through `shownTotal`: below 5 they are null ("weniger als 5").
 *
 * What stays: the marker's key is in the store (server_secrets), so someone with the whole store
 * can test whether a given participant answered. On PostgreSQL old row versions stay in the data
 * files until VACUUM reuses the space, and the write-ahead logs of both stores hold recent changes
 * in order until recycled: someone reading those raw files (not a dump) could pair a change of
 * the counters with a marker. Each answer rewrites all counters of the workshop in one statement,
 * so at least the visible rows' transaction ids (PostgreSQL `xmin`) tell nothing.
 *
 * Who answers: participants of this workshop (guest links with the participant role), while the
 * workshop runs or after it was closed (the card shows on the closed results page), not in
 * preparation and not once archived. Staff and observers never answer: they would skew the totals.
 */

export type ReachResult<T = null> =
	{ ok: true; value: T } | { ok: false; status: 400 | 401 | 403 | 404 | 409; error: ReachError };

const refuse = (
	status: 400 | 401 | 403 | 404 | 409,
	key: string,
	params?: Record<string, string | number>
): { ok: false; status: typeof status; error: ReachError } => ({
	ok: false,
	status,
	error: { key: key as ReachError['key'], params }
});

async function marker(db: Db, workshopId: string, participantId: string): Promise<string> {
	const key = await serverSecret(db, 'reach-answered');
	return createHmac('sha256', key).update(`${workshopId}\u0000${participantId}`).digest('hex');
}

export async function hasAnswered(
	db: Db,
	workshopId: string,
	participantId: string
): Promise<boolean> {
	const row = await db.get<{ one: number }>(
		'SELECT 1 AS one FROM reach_answered WHERE workshop_id = ? AND marker = ?',
		[workshopId, await marker(db, workshopId, participantId)]
	);
	return Boolean(row);
}

async function workshopStatus(db: Queryable, workshopId: string): Promise<string | null> {
	const row = await db.get<{ status: string }>('SELECT status FROM workshops WHERE id = ?', [
		workshopId
	]);
	return row?.status ?? null;
}

/**
 * The facilitator picks up to three questions, before or during the workshop. Once anyone has
 * answered, the pick stays (changing it would make the totals meaningless); once closed, too.
 */
export async function pickReachQuestions(
	db: Db,
	actor: Actor | null,
	workshopId: string,
	input: unknown
): Promise<ReachResult<ReachQuestion[]>> {
	if (!actor) return refuse(401, 'live.loginRequired');
	if (!can(actor, 'workshop.manage')) return refuse(403, 'error.forbidden');
	const status = await workshopStatus(db, workshopId);
	if (!status) return refuse(404, 'workshop.notFound');
	if (status === 'closed' || status === 'archived') return refuse(409, 'reach.error.closed');
	const checked = parseQuestionPick(input);
	if (!checked.ok) return { ok: false, status: 400, error: checked.error };
	const questions = checked.value;
	return db.transaction(async (tx) => {
		await tx.lockKey(`reach:${workshopId}`);
		if ((await countRespondents(tx, workshopId)) > 0) return refuse(409, 'reach.error.locked');
		await tx.run('DELETE FROM reach_questions WHERE workshop_id = ?', [workshopId]);
		await tx.run(
			'INSERT INTO reach_questions (workshop_id, questions, updated_at) VALUES (?, ?, ?)',
			[workshopId, JSON.stringify(pickInput(questions)), Date.now()]
		);
		await tx.run('DELETE FROM reach_counts WHERE workshop_id = ?', [workshopId]);
		for (const question of questions)
			for (const choice of choiceIds(question))
				await tx.run(
					'INSERT INTO reach_counts (workshop_id, question_id, choice_id, total) VALUES (?, ?, ?, 0)',
					[workshopId, question.id, choice]
				);
		return { ok: true as const, value: questions };
	});
}

/** May this actor answer this workshop's questions now? Null: yes. */
async function answerRefusal(
	db: Db,
	actor: Actor | null,
	workshopId: string
): Promise<Exclude<ReachResult, { ok: true }> | null> {
	if (!actor) return refuse(401, 'live.loginRequired');
	if (actor.kind !== 'guest' || actor.role !== 'participant' || actor.workshopId !== workshopId)
		return refuse(403, 'reach.error.participantsOnly');
	const status = await workshopStatus(db, workshopId);
	if (!status) return refuse(404, 'workshop.notFound');
	if (status === 'draft') return refuse(409, 'reach.error.notYet');
	if (status === 'archived') return refuse(409, 'reach.error.over');
	return null;
}

/**
 * Counts one participant's answers: checked against the offered choices first (a wrong one is
 * refused with the question named, and nothing is counted), then the marker and the counters in
 * one transaction. A second answer is refused.
 */
export async function answerReach(
	db: Db,
	actor: Actor | null,
	workshopId: string,
	input: unknown,
	locale: Locale = 'de',
	simple = false
): Promise<ReachResult> {
	const refused = await answerRefusal(db, actor, workshopId);
	if (refused) return refused;
	const participantId = (actor as Extract<Actor, { kind: 'guest' }>).participantId;
	const key = await marker(db, workshopId, participantId);
	return db.transaction(async (tx) => {
		await tx.lockKey(`reach:${workshopId}`);
		const questions = await loadReachQuestions(tx, workshopId);
		if (questions.length === 0) return refuse(409, 'reach.error.noQuestions');
		const checked = parseReachAnswers(input, questions, (q) => questionText(locale, q, simple));
		if (!checked.ok) return { ok: false as const, status: 400 as const, error: checked.error };
		const marked = await tx.run(
			'INSERT INTO reach_answered (workshop_id, marker) VALUES (?, ?) ON CONFLICT DO NOTHING',
			[workshopId, key]
		);
		if (marked.changes === 0) return refuse(409, 'reach.error.already');
		const pairs = checked.value.flatMap((a) => [a.questionId, a.choiceId]);
		const which = checked.value.map(() => '(question_id = ? AND choice_id = ?)').join(' OR ');
		// The pick made every counter; a missing one means the store was changed by hand.
		const found = await tx.get<{ n: number | string }>(
			`SELECT COUNT(*) AS n FROM reach_counts WHERE workshop_id = ? AND (${which})`,
			[workshopId, ...pairs]
		);
		if (Number(found?.n) !== checked.value.length) throw new Error('reach counter missing');
		// One statement rewrites every counter of the workshop, the chosen ones +1, the others +0:
		// on PostgreSQL each row's newest version then carries this transaction's id alike, so the
		// ids say nothing about which choice was counted.
		await tx.run(
			`UPDATE reach_counts SET total = total + (CASE WHEN ${which} THEN 1 ELSE 0 END)
			WHERE workshop_id = ?`,
			[...pairs, workshopId]
		);
		// After the close the documentation is already made: its section is brought up to date.
		await refreshArchiveReach(tx, workshopId);
		return { ok: true as const, value: null };
	});
}

/** What a participant's card needs: the questions, and whether this person may still answer. */
export async function participantReach(
	db: Db,
	actor: Actor | null,
	workshopId: string,
	locale: Locale,
	simple = false
): Promise<{
	open: boolean;
	answered: boolean;
	questions: { id: string; text: string; choices: { id: string; label: string }[] }[];
}> {
	const refused = await answerRefusal(db, actor, workshopId);
	if (refused) return { open: false, answered: false, questions: [] };
	const participantId = (actor as Extract<Actor, { kind: 'guest' }>).participantId;
	const questions = await loadReachQuestions(db, workshopId);
	return {
		open: questions.length > 0,
		answered: await hasAnswered(db, workshopId, participantId),
		questions: questions.map((q) => ({
			id: q.id,
			text: questionText(locale, q, simple),
			choices: choiceLabels(locale, q, simple)
		}))
	};
}

/** A refusal as the asker reads the room: `simple` for Einfache Sprache. */
export function reachMessage(locale: Locale, error: ReachError, simple = false): string {
	return translate(locale, error.key, error.params, simple);
}
