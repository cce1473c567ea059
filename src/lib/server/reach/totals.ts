import {
	parseQuestionPick,
	reachCatalogue,
	shownTotal,
	type ReachQuestion
} from '../../domain/reach/questions';
import { translate, type Locale, type MessageKey } from '../../i18n';
import type { Queryable } from '../db';

/** Reading the reach questions and their totals (store.ts says why the tables look as they do). */

/** A picked question's text in the given language (a custom one as the facilitator wrote it). */
export function questionText(locale: Locale, question: ReachQuestion, simple = false): string {
	if (question.custom) return question.custom.text;
	const entry = reachCatalogue.find((q) => q.id === question.id);
	return entry ? translate(locale, entry.label as MessageKey, {}, simple) : question.id;
}

export function choiceLabels(
	locale: Locale,
	question: ReachQuestion,
	simple = false
): { id: string; label: string }[] {
	if (question.custom)
		return question.custom.choices.map((label, i) => ({ id: `c${i + 1}`, label }));
	return (reachCatalogue.find((q) => q.id === question.id)?.choices ?? []).map((c) => ({
		id: c.id,
		label: translate(locale, c.label as MessageKey, {}, simple)
	}));
}

export async function loadReachQuestions(
	db: Queryable,
	workshopId: string
): Promise<ReachQuestion[]> {
	const row = await db.get<{ questions: string }>(
		'SELECT questions FROM reach_questions WHERE workshop_id = ?',
		[workshopId]
	);
	if (!row) return [];
	// Stored by pickReachQuestions after the same check; read through it again all the same.
	const checked = parseQuestionPick(JSON.parse(row.questions));
	return checked.ok ? checked.value : [];
}

export async function countRespondents(db: Queryable, workshopId: string): Promise<number> {
	const row = await db.get<{ n: number | string }>(
		'SELECT COUNT(*) AS n FROM reach_answered WHERE workshop_id = ?',
		[workshopId]
	);
	return Number(row?.n ?? 0);
}

export interface ReachTotals {
	/** How many answered; null below 5. */
	respondents: number | null;
	questions: {
		id: string;
		text: string;
		choices: { id: string; label: string; total: number | null }[];
	}[];
}

/** The totals as anyone may see them: each below 5 is null. */
export async function reachTotals(
	db: Queryable,
	workshopId: string,
	locale: Locale = 'de'
): Promise<ReachTotals> {
	const questions = await loadReachQuestions(db, workshopId);
	const rows = await db.all<{ question_id: string; choice_id: string; total: number | string }>(
		'SELECT question_id, choice_id, total FROM reach_counts WHERE workshop_id = ?',
		[workshopId]
	);
	const count = new Map(rows.map((r) => [`${r.question_id}\u0000${r.choice_id}`, Number(r.total)]));
	return {
		respondents: shownTotal(await countRespondents(db, workshopId)),
		questions: questions.map((q) => ({
			id: q.id,
			text: questionText(locale, q),
			choices: choiceLabels(locale, q).map((c) => ({
				...c,
				total: shownTotal(count.get(`${q.id}\u0000${c.id}`) ?? 0)
			}))
		}))
	};
}
