/**
 * The checks behind `npm run check` for the message tables (scripts/check-messages.ts reads the
 * files; this module only looks at text, so it can be tested on a fixture).
 *
 * A key counts as used when it appears as a whole string literal ('a.b', "a.b" or `a.b`) in a
 * source file, or when it starts with one of the dynamic prefixes (keys built at run time, e.g.
 * t(`live.board.${kind}`)).
 */

export type SourceFile = { path: string; text: string };

export type MessageProblems = {
	/** Defined in German, used nowhere. */
	unused: string[];
	/** Called as t('…') / translate(…, '…') but not defined in German. */
	undefinedUsed: { key: string; path: string }[];
	/** Defined in German, missing (or empty) in English. */
	missingEn: string[];
	/** Participant keys missing (or empty) in one of the extra locales. */
	missingParticipant: { locale: string; key: string }[];
	/** Participant keys that are not German keys at all. */
	unknownParticipant: string[];
	/** Participant keys with neither a simple German version nor a mark "simple already". */
	missingSimple: string[];
	/** Simple versions (or texts marked simple) that break the Einfache Sprache rules. */
	badSimple: { key: string; problem: string }[];
};

/** Einfache Sprache (i18n/simple): at most this many words in a sentence. */
export const maxSimpleSentenceWords = 15;
const abbreviation = /\b(?:z\.\s?B|bzw|ggf|usw|d\.\s?h|u\.\s?a|evtl|inkl|ca|Nr|vgl)\.|[%§]/;
const knownAcronyms = new Set(['PDF', 'QR']);

/** `{name}` slots of a text, sorted (plural slots count by their name). */
function slots(text: string): string {
	return [...text.matchAll(/\{(\w+)[|}]/g)]
		.map((m) => m[1])
		.sort()
		.join(',');
}

/**
 * What breaks the Einfache Sprache habits (DIN 8581-1) in a text: a sentence over
 * `maxSimpleSentenceWords` words, an abbreviation or an unknown acronym, or (for a simple
 * version) other `{slots}` than the usual text has. Empty when the text is fine.
 */
export function simpleTextProblems(text: string, usual: string = text): string[] {
	const problems: string[] = [];
	for (const sentence of text.split(/(?<=[.!?:])\s+/)) {
		const words = sentence.split(/\s+/).filter((word) => /[\p{L}\d{]/u.test(word));
		if (words.length > maxSimpleSentenceWords)
			problems.push(`sentence of ${words.length} words: "${sentence}"`);
	}
	if (abbreviation.test(text)) problems.push('abbreviation');
	const acronyms = [...text.matchAll(/\b[A-ZÄÖÜ]{2,}\b/g)].filter((m) => !knownAcronyms.has(m[0]));
	if (acronyms.length) problems.push(`acronym ${acronyms.map((m) => m[0]).join(', ')}`);
	if (slots(text) !== slots(usual))
		problems.push(`slots {${slots(text)}} differ from {${slots(usual)}}`);
	return problems;
}

const literal = /(['"`])([a-zA-Z][\w-]*(?:\.[\w-]+)+)\1/g;
const call = /\b(?:t|translate)\(\s*(?:[\w.]+\s*,\s*)?(['"])([a-zA-Z][\w-]*(?:\.[\w-]+)+)\1/g;

/** Every whole string literal in the text that looks like a message key. */
export function literalKeys(text: string): Set<string> {
	return new Set([...text.matchAll(literal)].map((m) => m[2]));
}

/** Static prefixes of template-literal keys like `live.board.${kind}` (for finding new ones). */
export function templatePrefixes(text: string): Set<string> {
	return new Set([...text.matchAll(/`([a-zA-Z][\w-]*(?:\.[\w-]*)*\.)\$\{/g)].map((m) => m[1]));
}

export function checkMessages(input: {
	de: Record<string, string>;
	en: Record<string, string>;
	extra: Record<string, Record<string, string>>;
	participantKeys: readonly string[];
	files: SourceFile[];
	dynamicPrefixes: readonly string[];
	/** Einfache Sprache in German: the simple versions and the keys marked simple already
	 * (scripts/check-messages.ts passes them; without, nothing about it is checked). */
	simple?: { texts: Record<string, string>; alreadySimple: readonly string[] };
}): MessageProblems {
	const used = new Set<string>();
	const undefinedUsed: MessageProblems['undefinedUsed'] = [];
	for (const file of input.files) {
		for (const key of literalKeys(file.text)) used.add(key);
		for (const m of file.text.matchAll(call))
			if (!(m[2] in input.de)) undefinedUsed.push({ key: m[2], path: file.path });
	}
	const deKeys = Object.keys(input.de);
	const unused = deKeys.filter(
		(key) => !used.has(key) && !input.dynamicPrefixes.some((p) => key.startsWith(p))
	);
	const missingEn = deKeys.filter((key) => !input.en[key]);
	const missingParticipant: MessageProblems['missingParticipant'] = [];
	for (const [locale, table] of Object.entries(input.extra))
		for (const key of input.participantKeys)
			if (!table[key]) missingParticipant.push({ locale, key });
	const unknownParticipant = input.participantKeys.filter((key) => !(key in input.de));
	const { texts, alreadySimple } = input.simple ?? { texts: {}, alreadySimple: [] };
	const marked = new Set(alreadySimple);
	const missingSimple = input.simple
		? input.participantKeys.filter((key) => !(key in texts) && !marked.has(key))
		: [];
	const badSimple: MessageProblems['badSimple'] = [];
	for (const [key, text] of Object.entries(texts)) {
		if (!(key in input.de)) badSimple.push({ key, problem: 'not a German key' });
		else if (marked.has(key)) badSimple.push({ key, problem: 'both simplified and marked simple' });
		else
			for (const problem of simpleTextProblems(text, input.de[key]))
				badSimple.push({ key, problem });
	}
	for (const key of marked)
		for (const problem of simpleTextProblems(input.de[key] ?? ''))
			badSimple.push({ key, problem: `marked simple, but: ${problem}` });
	return {
		unused,
		undefinedUsed,
		missingEn,
		missingParticipant,
		unknownParticipant,
		missingSimple,
		badSimple
	};
}

export function problemCount(p: MessageProblems): number {
	return (
		p.unused.length +
		p.undefinedUsed.length +
		p.missingEn.length +
		p.missingParticipant.length +
		p.unknownParticipant.length +
		p.missingSimple.length +
		p.badSimple.length
	);
}

export function formatProblems(p: MessageProblems): string {
	const lines: string[] = [];
	const section = (title: string, items: string[]) => {
		if (!items.length) return;
		lines.push(`${title} (${items.length}):`, ...items.map((item) => `  ${item}`));
	};
	section('Keys defined in German but used nowhere in src/ or server/', p.unused);
	section(
		'Keys used but not defined',
		p.undefinedUsed.map((u) => `${u.key}  (${u.path})`)
	);
	section('Keys missing in English', p.missingEn);
	section(
		'Participant keys missing in a participant language',
		p.missingParticipant.map((m) => `${m.locale}: ${m.key}`)
	);
	section('Participant keys that are not German keys', p.unknownParticipant);
	section(
		'Participant keys without Einfache Sprache (add to i18n/simple/de.ts or already-simple.ts)',
		p.missingSimple
	);
	section(
		'Einfache Sprache texts that break the rules (i18n/simple)',
		p.badSimple.map((b) => `${b.key}: ${b.problem}`)
	);
	return lines.join('\n');
}
