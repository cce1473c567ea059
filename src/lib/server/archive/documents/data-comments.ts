import type * as Y from 'yjs';
import { readDataComments } from '../../../collab/data-board';
import type { VisionBlock } from '../../../collab/vision-blocks';
import { locales, translate } from '../../../i18n';
import type { ResultPhase } from '../../../results/closed-results';
import type { Queryable } from '../../db';

/**
 * The comments pinned to indicators on the Datenlage board (Sozialraumkonferenz, issue 13) as a
 * section of the documentation: one heading per indicator (with its district), the comments below
 * it. Shaped as a text phase, so the PDF, the DOCX, the archive page and the closed results show
 * it without a renderer of their own. Nothing when nobody commented. Comments carry no author.
 */
export async function dataCommentsSection(
	tx: Queryable,
	workshopId: string,
	content: Y.Doc
): Promise<ResultPhase[]> {
	const comments = readDataComments(content);
	if (comments.length === 0) return [];
	const labels = new Map(
		(await tx.all<{ key: string; label: string }>('SELECT key, label FROM indicators')).map((i) => [
			i.key,
			i.label
		])
	);
	const names = new Map(
		(
			await tx.all<{ level: string; code: string; name: string }>(
				`SELECT d.level, d.code, d.name FROM districts d
				WHERE EXISTS (SELECT 1 FROM workshop_districts w
					WHERE w.workshop_id = ? AND w.district_level = d.level AND w.district_code = d.code)`,
				[workshopId]
			)
		).map((d) => [`${d.level}:${d.code}`, d.name])
	);
	// One topic per district and indicator, comments oldest first; topics by label (German order),
	// indicators the store no longer has after the known ones, so a reader finds them by name.
	const topics = new Map<string, { heading: string; known: boolean; items: string[] }>();
	for (const comment of comments) {
		const key = `${comment.district}|${comment.indicator}`;
		let topic = topics.get(key);
		if (!topic) {
			const district = names.get(comment.district);
			const label = labels.get(comment.indicator) ?? comment.indicator;
			const heading = district ? `${label} (${district})` : label;
			topic = { heading, known: labels.has(comment.indicator), items: [] };
			topics.set(key, topic);
		}
		topic.items.push(comment.text);
	}
	const blocks: VisionBlock[] = [...topics.values()]
		.sort((a, b) => Number(b.known) - Number(a.known) || a.heading.localeCompare(b.heading, 'de'))
		.flatMap((topic) => [
			{ kind: 'heading' as const, text: topic.heading },
			...topic.items.map((text) => ({ kind: 'item' as const, text }))
		]);
	return [
		{
			id: 'datenlage-anmerkungen',
			title: translate('de', 'data.docTitle'),
			// The closed results show the heading in each reader's language (prompt-variants.ts).
			variants: Object.fromEntries(
				locales.map((locale) => [locale, { title: translate(locale, 'data.docTitle') }])
			),
			prompt: '',
			kinds: ['data'],
			wall: null,
			text: blocks
		}
	];
}
