/**
 * `npm run check` (last step): the message tables match the code.
 * Fails (exit 1) with a list when a German key is used nowhere in src/ or server/, a key is used
 * but not defined, an English text is missing, or a participant text is missing in Turkish,
 * Arabic, Ukrainian or Russian (src/lib/i18n/participant-keys.ts). Run: `npx tsx scripts/check-messages.ts`.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { de, en } from '../src/lib/i18n/messages';
import { participantKeys } from '../src/lib/i18n/participant-keys';
import { ar } from '../src/lib/i18n/locales/ar';
import { ru } from '../src/lib/i18n/locales/ru';
import { tr } from '../src/lib/i18n/locales/tr';
import { uk } from '../src/lib/i18n/locales/uk';
import { simpleDe } from '../src/lib/i18n/simple/de';
import { alreadySimpleDe } from '../src/lib/i18n/simple/already-simple';
import {
	checkMessages,
	formatProblems,
	problemCount,
	type SourceFile
} from '../src/lib/i18n/message-check';

/**
 * Keys built at run time from a fixed prefix, e.g. t(`live.board.${kind}`): every key under these
 * prefixes counts as used. Add a prefix here (with where it is built) when you build keys so.
 */
export const dynamicPrefixes = [
	'colour.', // board/ColourPicker: t(`colour.${name}`)
	'status.', // collab/LiveHeader: t(`status.${state}`)
	'live.board.', // routes/w/[id]/+page.svelte: t(`live.board.${kind}`)
	'measures.field.', // measures/MeasureTable, MeasureForm, domain/field-error
	'measures.status.', // measures views, results/ClosedResults, archive documentation
	'goals.level.', // measures/GoalForm, routes/goals
	'goals.status.', // measures/GoalForm, routes/goals
	'goals.aim.', // routes/goals/[id]
	'goals.dir.', // routes/goals/[id]
	'workshop.format.', // workshops views, archive documentation
	'workshop.status.', // workshops views
	'role.', // admin/staff, setup, workshops/[id]
	'rt.minutes.', // boards/agenda, runde-tische
	'rt.action.status.', // boards/agenda, runde-tische
	'inventory.field.', // boards/inventory, districts/[code]/angebote
	'inventory.kind.', // boards/inventory, districts/[code]/angebote
	'transfer.error.', // admin/transfer
	'transfer.export.', // workshops/[id]/transfer
	'archiveSearch.kind.', // routes/archiv
	'archive.verify.', // workshops/[id]/archiv
	'archive.file.', // workshops/[id]/archiv
	'rule.problem.', // districts pages
	'mapping.counts.', // districts/import/tabelle
	'mapping.matchedBy.', // districts/import/tabelle
	'tokens.scope.', // settings/api-tokens
	'csv.' // server/measures-csv
];

const root = fileURLToPath(new URL('..', import.meta.url));

/** The message tables themselves and tests do not count as use. */
function counts(path: string): boolean {
	const rel = relative(root, path).replaceAll('\\', '/');
	if (!/\.(ts|js|svelte)$/.test(rel) || /\.test\.ts$/.test(rel)) return false;
	if (/^src\/lib\/i18n\/(messages[^/]*\.ts|participant-keys\.ts|message-check\.ts)$/.test(rel))
		return false;
	if (/^src\/lib\/i18n\/simple\/[^/]*\.ts$/.test(rel)) return false;
	return !rel.startsWith('src/lib/i18n/locales/');
}

export function sourceFiles(dirs: string[]): SourceFile[] {
	const files: SourceFile[] = [];
	const walk = (dir: string) => {
		for (const name of readdirSync(dir)) {
			if (name === 'node_modules' || name.startsWith('.')) continue;
			const path = join(dir, name);
			if (statSync(path).isDirectory()) walk(path);
			else if (counts(path))
				files.push({ path: relative(root, path), text: readFileSync(path, 'utf8') });
		}
	};
	for (const dir of dirs) walk(join(root, dir));
	return files;
}

const problems = checkMessages({
	de,
	en,
	extra: { tr, ar, uk, ru },
	participantKeys,
	files: sourceFiles(['src', 'server']),
	dynamicPrefixes,
	simple: { texts: simpleDe as Record<string, string>, alreadySimple: alreadySimpleDe }
});
if (problemCount(problems) > 0) {
	console.error(formatProblems(problems));
	console.error(`\ncheck-messages: ${problemCount(problems)} problem(s) in the message tables.`);
	process.exit(1);
}
console.log(
	`check-messages: ${Object.keys(de).length} keys, all used and translated (participant texts in tr, ar, uk, ru; Einfache Sprache in German).`
);
