/**
 * Reach, without surveillance (issue 14, point 7): at the end of a workshop participants may answer
 * up to three optional questions the facilitator picked, and everyone sees only totals. Pure: the
 * catalogue, the checks of the facilitator's pick and of an answer, and the rule that a total
 * below five is not shown. The store keeps counters only (see server/reach/store.ts).
 */

/** At most this many questions per workshop: short enough that nobody feels questioned. */
export const maxReachQuestions = 3;

/** Totals below this are shown as "weniger als 5": a small group could be recognised. */
export const reachMinimum = 5;

export const customQuestionId = 'custom';
export const maxCustomText = 120;
export const maxCustomChoice = 60;
export const minCustomChoices = 2;
export const maxCustomChoices = 6;

export interface CatalogueQuestion {
	id: string;
	/** Message key of the question. */
	label: string;
	choices: { id: string; label: string }[];
}

/**
 * The catalogue: plain-language questions with fixed choices (every key is spelled out, so the
 * message check sees it used). Each offers a way not to say, beside skipping the whole card.
 */
export const reachCatalogue: readonly CatalogueQuestion[] = [
	{
		id: 'age',
		label: 'reach.q.age',
		choices: [
			{ id: 'under18', label: 'reach.q.age.under18' },
			{ id: '18to29', label: 'reach.q.age.18to29' },
			{ id: '30to49', label: 'reach.q.age.30to49' },
			{ id: '50to64', label: 'reach.q.age.50to64' },
			{ id: '65plus', label: 'reach.q.age.65plus' }
		]
	},
	{
		id: 'firstTime',
		label: 'reach.q.firstTime',
		choices: [
			{ id: 'yes', label: 'reach.q.firstTime.yes' },
			{ id: 'no', label: 'reach.q.firstTime.no' }
		]
	},
	{
		id: 'livesHere',
		label: 'reach.q.livesHere',
		choices: [
			{ id: 'here', label: 'reach.q.livesHere.here' },
			{ id: 'near', label: 'reach.q.livesHere.near' },
			{ id: 'elsewhere', label: 'reach.q.livesHere.elsewhere' }
		]
	},
	{
		id: 'heardFrom',
		label: 'reach.q.heardFrom',
		choices: [
			{ id: 'people', label: 'reach.q.heardFrom.people' },
			{ id: 'poster', label: 'reach.q.heardFrom.poster' },
			{ id: 'organisation', label: 'reach.q.heardFrom.organisation' },
			{ id: 'online', label: 'reach.q.heardFrom.online' },
			{ id: 'other', label: 'reach.q.heardFrom.other' }
		]
	},
	{
		id: 'language',
		label: 'reach.q.language',
		choices: [
			{ id: 'german', label: 'reach.q.language.german' },
			{ id: 'other', label: 'reach.q.language.other' },
			{ id: 'several', label: 'reach.q.language.several' }
		]
	},
	{
		id: 'children',
		label: 'reach.q.children',
		choices: [
			{ id: 'yes', label: 'reach.q.children.yes' },
			{ id: 'no', label: 'reach.q.children.no' }
		]
	}
];

/** A picked question: one from the catalogue, or the facilitator's own with fixed choices. */
export type ReachQuestion =
	| { id: string; custom?: undefined }
	| { id: typeof customQuestionId; custom: { text: string; choices: string[] } };

/** The ids of a question's choices: the catalogue's, or c1…c6 for the facilitator's own. */
export function choiceIds(question: ReachQuestion): string[] {
	if (question.custom) return question.custom.choices.map((_, i) => `c${i + 1}`);
	return reachCatalogue.find((q) => q.id === question.id)?.choices.map((c) => c.id) ?? [];
}

export type ReachError = { key: ReachErrorKey; params?: Record<string, string | number> };
export type ReachErrorKey =
	| 'reach.error.notAList'
	| 'reach.error.tooMany'
	| 'reach.error.unknownQuestion'
	| 'reach.error.twice'
	| 'reach.error.customText'
	| 'reach.error.customChoices'
	| 'reach.error.customChoiceLong'
	| 'reach.error.customChoiceTwice'
	| 'reach.error.answersNotObject'
	| 'reach.error.answersEmpty'
	| 'reach.error.notOffered'
	| 'reach.error.badChoice';

type Checked<T> = { ok: true; value: T } | { ok: false; error: ReachError };

/** Text typed by people: control characters and bidi overrides out, spaces folded, trimmed. */
function plain(value: unknown): string {
	if (typeof value !== 'string') return '';
	let out = '';
	for (const ch of value) {
		const code = ch.codePointAt(0)!;
		const hidden =
			code < 0x20 ||
			code === 0x7f ||
			(code >= 0x202a && code <= 0x202e) ||
			(code >= 0x2066 && code <= 0x2069);
		out += hidden ? ' ' : ch;
	}
	return out.replace(/\s+/g, ' ').trim();
}

/**
 * The facilitator's pick: a list of catalogue ids, and at most one own question given as
 * `{ id: 'custom', text, choices }`. Refusals name what is wrong; nothing is half taken.
 */
export function parseQuestionPick(input: unknown): Checked<ReachQuestion[]> {
	if (!Array.isArray(input)) return { ok: false, error: { key: 'reach.error.notAList' } };
	if (input.length > maxReachQuestions)
		return { ok: false, error: { key: 'reach.error.tooMany', params: { max: maxReachQuestions } } };
	const picked: ReachQuestion[] = [];
	const seen = new Set<string>();
	for (const item of input) {
		const id = typeof item === 'string' ? item : (item as { id?: unknown } | null)?.id;
		if (typeof id !== 'string' || id.length > 40)
			return { ok: false, error: { key: 'reach.error.unknownQuestion' } };
		if (seen.has(id)) return { ok: false, error: { key: 'reach.error.twice' } };
		seen.add(id);
		if (id === customQuestionId) {
			const raw = item as { text?: unknown; choices?: unknown };
			const text = plain(raw.text);
			if (!text || text.length > maxCustomText)
				return {
					ok: false,
					error: { key: 'reach.error.customText', params: { max: maxCustomText } }
				};
			const list = Array.isArray(raw.choices) ? raw.choices.map(plain).filter(Boolean) : [];
			if (list.length < minCustomChoices || list.length > maxCustomChoices)
				return {
					ok: false,
					error: {
						key: 'reach.error.customChoices',
						params: { min: minCustomChoices, max: maxCustomChoices }
					}
				};
			const long = list.find((c) => c.length > maxCustomChoice);
			if (long)
				return {
					ok: false,
					error: {
						key: 'reach.error.customChoiceLong',
						params: { choice: long.slice(0, 20), max: maxCustomChoice }
					}
				};
			if (new Set(list.map((c) => c.toLowerCase())).size !== list.length)
				return { ok: false, error: { key: 'reach.error.customChoiceTwice' } };
			picked.push({ id: customQuestionId, custom: { text, choices: list } });
			continue;
		}
		if (!reachCatalogue.some((q) => q.id === id))
			return { ok: false, error: { key: 'reach.error.unknownQuestion' } };
		picked.push({ id });
	}
	return { ok: true, value: picked };
}

/** A pick in the form `parseQuestionPick` reads: what is stored, and read back through it. */
export function pickInput(questions: readonly ReachQuestion[]): unknown[] {
	return questions.map((q) =>
		q.custom ? { id: q.id, text: q.custom.text, choices: q.custom.choices } : q.id
	);
}

export interface ReachAnswer {
	questionId: string;
	choiceId: string;
}

/**
 * A participant's answers, `{ <question id>: <choice id> }`, checked against what was offered:
 * every question must be one of the workshop's, every choice one of that question's. Questions
 * left out are skipped (each is optional); at least one answer, or there is nothing to count.
 * `name` gives a question's text for the message, so the refusal says which one is wrong.
 */
export function parseReachAnswers(
	input: unknown,
	offered: readonly ReachQuestion[],
	name: (question: ReachQuestion) => string
): Checked<ReachAnswer[]> {
	if (!input || typeof input !== 'object' || Array.isArray(input))
		return { ok: false, error: { key: 'reach.error.answersNotObject' } };
	const entries = Object.entries(input as Record<string, unknown>);
	if (entries.length === 0) return { ok: false, error: { key: 'reach.error.answersEmpty' } };
	const answers: ReachAnswer[] = [];
	for (const [questionId, choiceId] of entries) {
		const question = offered.find((q) => q.id === questionId);
		if (!question) return { ok: false, error: { key: 'reach.error.notOffered' } };
		if (typeof choiceId !== 'string' || !choiceIds(question).includes(choiceId))
			return {
				ok: false,
				error: { key: 'reach.error.badChoice', params: { question: name(question) } }
			};
		answers.push({ questionId, choiceId });
	}
	return { ok: true, value: answers };
}

/** A total as it may be shown: null below the minimum ("weniger als 5"). */
export function shownTotal(n: number): number | null {
	return n >= reachMinimum ? n : null;
}
