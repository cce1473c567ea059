/**
 * The phase engine (DESIGN.md §3): a workshop format is nothing but an ordered list of phases, so
 * Zukunftswerkstatt, Sozialraumkonferenz and Runder Tisch are templates over the same operations.
 * Every operation is pure and returns a new plan or an error code; the input plan is never changed.
 *
 * Invariants every operation keeps (and `checkPhasePlan` verifies for data read from elsewhere):
 * phase ids are unique, at least one phase is not skipped, and the current phase is null (not
 * started) or an existing phase that is not skipped.
 */
import type { Locale } from '../../i18n';
import { fail, ok, type Result } from './result';

export const boardKinds = ['wall', 'text', 'measures', 'data', 'inventory', 'agenda'] as const;
export type BoardKind = (typeof boardKinds)[number];

export interface Phase {
	id: string;
	title: string;
	/** What the phase shows, in order. Empty is allowed: a welcome or break shows only the prompt. */
	boardKinds: BoardKind[];
	prompt: string;
	skipped: boolean;
	/**
	 * Optional versions of title and prompt per language ('en', 'tr', …, and 'einfach' for
	 * Einfache Sprache): plain text with the same limits. See phase-variants.ts.
	 */
	variants?: Partial<Record<string, { title?: string; prompt?: string }>>;
}

export interface PhasePlan {
	phases: Phase[];
	/** Null until the facilitator starts the workshop. */
	currentPhaseId: string | null;
}

export const maxPhaseTitleLength = 80;
export const maxPromptLength = 500;
/** Far above any real agenda; it bounds the control document and the facilitator's phase list. */
export const maxPhases = 30;
export const maxPhaseIdLength = 64;

export type PhaseError =
	| 'phase.unknown'
	| 'phase.titleEmpty'
	| 'phase.titleTooLong'
	| 'phase.promptTooLong'
	| 'phase.boardKindUnknown'
	| 'phase.boardKindDuplicate'
	| 'phase.idInvalid'
	| 'phase.idTaken'
	| 'phase.tooMany'
	| 'phase.indexOutOfRange'
	| 'phase.isCurrent'
	| 'phase.isSkipped'
	| 'phase.noneLeft'
	| 'phase.notStarted'
	| 'phase.alreadyStarted'
	| 'phase.atEnd'
	| 'phase.atStart'
	| 'phase.currentUnknown';

export type PhaseResult = Result<PhasePlan, PhaseError>;

export interface NewPhase {
	title: string;
	boardKinds: BoardKind[];
	prompt: string;
}

// ---------------------------------------------------------------------------------------------
// Templates

interface PhaseText {
	title: string;
	prompt: string;
}

/**
 * Template texts live here and not in the message catalogue: once a plan is created they are the
 * workshop's own content, which the facilitator edits, and they do not switch language with the
 * viewer. Prompts are short and in plain language (DESIGN.md §8).
 */
// Staff views exist in German and English; the other languages start from the English texts.
type TemplateTexts = Record<'de' | 'en', Record<string, PhaseText>>;

const zukunftswerkstattTexts: TemplateTexts = {
	de: {
		vorbereitung: {
			title: 'Vorbereitung',
			prompt: 'Willkommen! Worum geht es heute und wie arbeiten wir zusammen?'
		},
		kritik: { title: 'Kritikphase', prompt: 'Was stört, was fehlt?' },
		phantasie: {
			title: 'Phantasiephase',
			prompt: 'Stell dir vor, alles ist möglich. Wie sieht es dann aus?'
		},
		verwirklichung: {
			title: 'Verwirklichungsphase',
			prompt: 'Was machen wir? Wer macht mit? Bis wann? Was brauchen wir dafür?'
		},
		nachbereitung: {
			title: 'Nachbereitung',
			prompt: 'Was passiert als Nächstes? Wann sehen wir uns wieder?'
		}
	},
	en: {
		vorbereitung: {
			title: 'Preparation',
			prompt: 'Welcome! What is today about and how do we work together?'
		},
		kritik: { title: 'Critique phase', prompt: 'What bothers you? What is missing?' },
		phantasie: {
			title: 'Fantasy phase',
			prompt: 'Imagine everything is possible. What does it look like?'
		},
		verwirklichung: {
			title: 'Implementation phase',
			prompt: 'What do we do? Who joins in? By when? What do we need?'
		},
		nachbereitung: {
			title: 'Follow-up',
			prompt: 'What happens next? When do we meet again?'
		}
	}
};

const sozialraumkonferenzTexts: TemplateTexts = {
	de: {
		datenlage: { title: 'Datenlage', prompt: 'Was sagen die Zahlen über unseren Stadtteil?' },
		bestand: { title: 'Bestandsaufnahme', prompt: 'Welche Angebote gibt es hier schon?' },
		bedarfe: { title: 'Bedarfe', prompt: 'Was fehlt? Was brauchen die Menschen hier?' },
		massnahmen: { title: 'Maßnahmen', prompt: 'Was wollen wir tun? Wer macht es, bis wann?' },
		vereinbarungen: {
			title: 'Vereinbarungen und Controlling',
			prompt: 'Wer ist verantwortlich? Wann schauen wir wieder darauf?'
		}
	},
	en: {
		datenlage: { title: 'Data', prompt: 'What do the figures say about our district?' },
		bestand: { title: 'Existing services', prompt: 'Which services are already here?' },
		bedarfe: { title: 'Needs', prompt: 'What is missing? What do people here need?' },
		massnahmen: { title: 'Measures', prompt: 'What do we want to do? Who does it, by when?' },
		vereinbarungen: {
			title: 'Agreements and controlling',
			prompt: 'Who is responsible? When do we look at it again?'
		}
	}
};

const runderTischTexts: TemplateTexts = {
	de: {
		ankommen: { title: 'Begrüßung und Anwesenheit', prompt: 'Wer ist heute da?' },
		offen: {
			title: 'Offene Aufgaben',
			prompt: 'Was ist aus den Aufgaben vom letzten Mal geworden?'
		},
		tagesordnung: {
			title: 'Tagesordnung',
			prompt: 'Was besprechen wir heute? Was beschließen wir?'
		},
		vereinbarungen: {
			title: 'Vereinbarungen',
			prompt: 'Wer macht was bis wann? Wann treffen wir uns wieder?'
		}
	},
	en: {
		ankommen: { title: 'Welcome and attendance', prompt: 'Who is here today?' },
		offen: { title: 'Open tasks', prompt: 'What happened to the tasks from last time?' },
		tagesordnung: { title: 'Agenda', prompt: 'What do we discuss today? What do we decide?' },
		vereinbarungen: {
			title: 'Agreements',
			prompt: 'Who does what by when? When do we meet again?'
		}
	}
};

/**
 * Template phase ids are stable slugs, the same in every language, so later steps can find "the
 * critique phase" of a plan (e.g. to carry its top-voted cards over) even after it was renamed.
 */
function planFrom(texts: TemplateTexts, locale: Locale, kinds: [string, BoardKind[]][]): PhasePlan {
	const table = locale === 'de' ? texts.de : texts.en;
	return {
		phases: kinds.map(([id, boards]) => ({
			id,
			title: table[id].title,
			prompt: table[id].prompt,
			boardKinds: [...boards],
			skipped: false
		})),
		currentPhaseId: null
	};
}

/** Robert Jungk's Zukunftswerkstatt: critique, fantasy, implementation, framed by before and after. */
export function zukunftswerkstattTemplate(locale: Locale): PhasePlan {
	return planFrom(zukunftswerkstattTexts, locale, [
		['vorbereitung', []],
		['kritik', ['wall']],
		['phantasie', ['wall', 'text']],
		['verwirklichung', ['measures']],
		['nachbereitung', ['text']]
	]);
}

/** Sozialraumkonferenz: from the district's data and existing services to needs and measures. */
export function sozialraumkonferenzTemplate(locale: Locale): PhasePlan {
	return planFrom(sozialraumkonferenzTexts, locale, [
		['datenlage', ['data']],
		['bestand', ['inventory']],
		['bedarfe', ['wall']],
		['massnahmen', ['measures']],
		['vereinbarungen', ['measures']]
	]);
}

/**
 * One meeting of a Runder Tisch series. Carrying open action items over from the previous meeting
 * belongs to the agenda board, not to the phase plan.
 */
export function runderTischTemplate(locale: Locale): PhasePlan {
	return planFrom(runderTischTexts, locale, [
		['ankommen', ['agenda']],
		['offen', ['agenda']],
		['tagesordnung', ['agenda']],
		['vereinbarungen', ['agenda']]
	]);
}

export const phaseTemplates = {
	zukunftswerkstatt: zukunftswerkstattTemplate,
	sozialraumkonferenz: sozialraumkonferenzTemplate,
	runderTisch: runderTischTemplate
} as const satisfies Record<string, (locale: Locale) => PhasePlan>;

export type PhaseTemplate = keyof typeof phaseTemplates;

// ---------------------------------------------------------------------------------------------
// Reading

export function currentPhase(plan: PhasePlan): Phase | null {
	return plan.phases.find((phase) => phase.id === plan.currentPhaseId) ?? null;
}

/**
 * Checks a whole plan, field by field and against the invariants. For plans that did not come out
 * of the operations below: a stored plan, or one a facilitator's client wrote into the control
 * document.
 */
export function checkPhasePlan(plan: PhasePlan): PhaseResult {
	if (plan.phases.length > maxPhases) return fail('phase.tooMany');
	const ids = new Set<string>();
	for (const phase of plan.phases) {
		const error =
			checkId(phase.id) ??
			checkTitle(phase.title).error ??
			checkPrompt(phase.prompt).error ??
			checkBoardKinds(phase.boardKinds);
		if (error) return fail(error);
		if (ids.has(phase.id)) return fail('phase.idTaken');
		ids.add(phase.id);
	}
	if (!plan.phases.some((phase) => !phase.skipped)) return fail('phase.noneLeft');
	if (plan.currentPhaseId !== null) {
		const current = currentPhase(plan);
		if (!current) return fail('phase.currentUnknown');
		if (current.skipped) return fail('phase.isSkipped');
	}
	return ok(plan);
}

// ---------------------------------------------------------------------------------------------
// Editing (before and during the workshop)

export function renamePhase(plan: PhasePlan, phaseId: string, title: string): PhaseResult {
	const checked = checkTitle(title);
	if (checked.error) return fail(checked.error);
	return updatePhase(plan, phaseId, (phase) => ({ ...phase, title: checked.value }));
}

export function editPrompt(plan: PhasePlan, phaseId: string, prompt: string): PhaseResult {
	const checked = checkPrompt(prompt);
	if (checked.error) return fail(checked.error);
	return updatePhase(plan, phaseId, (phase) => ({ ...phase, prompt: checked.value }));
}

/**
 * Moves the phase at index `from` to index `to` (the index it has afterwards). The current phase
 * stays current: it is named by id, not by position.
 */
export function reorderPhase(plan: PhasePlan, from: number, to: number): PhaseResult {
	const inRange = (index: number) =>
		Number.isInteger(index) && index >= 0 && index < plan.phases.length;
	if (!inRange(from) || !inRange(to)) return fail('phase.indexOutOfRange');
	const phases = [...plan.phases];
	const [moved] = phases.splice(from, 1);
	phases.splice(to, 0, moved);
	return ok({ ...plan, phases });
}

/**
 * The running phase cannot be skipped (move on first), and the last phase that is not skipped
 * cannot be either: a plan with nothing to show could never be started. Skipping twice is fine,
 * because two facilitators may click at once.
 */
export function skipPhase(plan: PhasePlan, phaseId: string): PhaseResult {
	const phase = plan.phases.find((candidate) => candidate.id === phaseId);
	if (!phase) return fail('phase.unknown');
	if (phase.skipped) return ok(plan);
	if (phaseId === plan.currentPhaseId) return fail('phase.isCurrent');
	if (activeCount(plan) <= 1) return fail('phase.noneLeft');
	return updatePhase(plan, phaseId, (found) => ({ ...found, skipped: true }));
}

export function unskipPhase(plan: PhasePlan, phaseId: string): PhaseResult {
	return updatePhase(plan, phaseId, (phase) => ({ ...phase, skipped: false }));
}

/**
 * Adds a phase after `afterId`, or at the start when it is null. The caller supplies the id
 * (e.g. random), because randomness is not pure and a counter could collide when two facilitators
 * add a phase at the same moment.
 */
export function addPhase(
	plan: PhasePlan,
	afterId: string | null,
	input: NewPhase,
	id: string
): PhaseResult {
	if (plan.phases.length >= maxPhases) return fail('phase.tooMany');
	const idError = checkId(id);
	if (idError) return fail(idError);
	if (plan.phases.some((phase) => phase.id === id)) return fail('phase.idTaken');
	const at = afterId === null ? 0 : plan.phases.findIndex((phase) => phase.id === afterId) + 1;
	if (at === 0 && afterId !== null) return fail('phase.unknown');
	const title = checkTitle(input.title);
	if (title.error) return fail(title.error);
	const prompt = checkPrompt(input.prompt);
	if (prompt.error) return fail(prompt.error);
	const kindsError = checkBoardKinds(input.boardKinds);
	if (kindsError) return fail(kindsError);
	const phase: Phase = {
		id,
		title: title.value,
		prompt: prompt.value,
		boardKinds: [...input.boardKinds],
		skipped: false
	};
	const phases = [...plan.phases];
	phases.splice(at, 0, phase);
	return ok({ ...plan, phases });
}

/** Like skipping: never the running phase, never the last phase that would still be shown. */
export function removePhase(plan: PhasePlan, phaseId: string): PhaseResult {
	const phase = plan.phases.find((candidate) => candidate.id === phaseId);
	if (!phase) return fail('phase.unknown');
	if (phaseId === plan.currentPhaseId) return fail('phase.isCurrent');
	if (!phase.skipped && activeCount(plan) <= 1) return fail('phase.noneLeft');
	return ok({ ...plan, phases: plan.phases.filter((candidate) => candidate.id !== phaseId) });
}

// ---------------------------------------------------------------------------------------------
// Running

export function startPlan(plan: PhasePlan): PhaseResult {
	if (plan.currentPhaseId !== null) return fail('phase.alreadyStarted');
	const first = plan.phases.find((phase) => !phase.skipped);
	if (!first) return fail('phase.noneLeft');
	return ok({ ...plan, currentPhaseId: first.id });
}

export function moveToNextPhase(plan: PhasePlan): PhaseResult {
	return moveBy(plan, 1);
}

export function moveToPreviousPhase(plan: PhasePlan): PhaseResult {
	return moveBy(plan, -1);
}

/** Jumps straight to a phase, e.g. back to the critique wall to look at something again. */
export function moveToPhase(plan: PhasePlan, phaseId: string): PhaseResult {
	if (plan.currentPhaseId === null) return fail('phase.notStarted');
	const phase = plan.phases.find((candidate) => candidate.id === phaseId);
	if (!phase) return fail('phase.unknown');
	if (phase.skipped) return fail('phase.isSkipped');
	return ok({ ...plan, currentPhaseId: phaseId });
}

function moveBy(plan: PhasePlan, step: 1 | -1): PhaseResult {
	if (plan.currentPhaseId === null) return fail('phase.notStarted');
	const from = plan.phases.findIndex((phase) => phase.id === plan.currentPhaseId);
	if (from === -1) return fail('phase.currentUnknown');
	for (let index = from + step; index >= 0 && index < plan.phases.length; index += step) {
		const phase = plan.phases[index];
		if (!phase.skipped) return ok({ ...plan, currentPhaseId: phase.id });
	}
	return fail(step === 1 ? 'phase.atEnd' : 'phase.atStart');
}

// ---------------------------------------------------------------------------------------------
// Helpers

function updatePhase(
	plan: PhasePlan,
	phaseId: string,
	change: (phase: Phase) => Phase
): PhaseResult {
	if (!plan.phases.some((phase) => phase.id === phaseId)) return fail('phase.unknown');
	return ok({
		...plan,
		phases: plan.phases.map((phase) => (phase.id === phaseId ? change(phase) : phase))
	});
}

function activeCount(plan: PhasePlan): number {
	return plan.phases.filter((phase) => !phase.skipped).length;
}

type Checked = { value: string; error?: undefined } | { value?: undefined; error: PhaseError };

/** A title is one line: runs of white space, line breaks included, become one space. */
function checkTitle(raw: string): Checked {
	const value = raw.replace(/\s+/g, ' ').trim();
	if (!value) return { error: 'phase.titleEmpty' };
	if (value.length > maxPhaseTitleLength) return { error: 'phase.titleTooLong' };
	return { value };
}

/** A prompt may be empty (the title says enough) and may have line breaks. */
function checkPrompt(raw: string): Checked {
	const value = raw.trim();
	if (value.length > maxPromptLength) return { error: 'phase.promptTooLong' };
	return { value };
}

function checkBoardKinds(kinds: readonly string[]): PhaseError | null {
	if (!kinds.every((kind) => (boardKinds as readonly string[]).includes(kind)))
		return 'phase.boardKindUnknown';
	if (new Set(kinds).size !== kinds.length) return 'phase.boardKindDuplicate';
	return null;
}

function checkId(id: string): PhaseError | null {
	return id.length === 0 || id.length > maxPhaseIdLength ? 'phase.idInvalid' : null;
}
