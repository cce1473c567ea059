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
};

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
	return { unused, undefinedUsed, missingEn, missingParticipant, unknownParticipant };
}

export function problemCount(p: MessageProblems): number {
	return (
		p.unused.length +
		p.undefinedUsed.length +
		p.missingEn.length +
		p.missingParticipant.length +
		p.unknownParticipant.length
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
	return lines.join('\n');
}
