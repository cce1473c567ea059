import type { VisionBlock } from '../../../collab/vision-blocks';
import { translate, type Locale } from '../../../i18n';
import type { ResultPhase } from '../../../results/closed-results';
import type { Queryable, Tx } from '../../db';
import { reachTotals } from '../../reach/totals';

/** The id of the reach section among the export's phases (replaced when answers come later). */
export const reachSectionId = 'reichweite';

/**
 * Whom the workshop reached (issue 14, point 7) as a section of its documentation: per question
 * the total of each choice, a total below 5 as "weniger als 5". Shaped as a text phase, so the
 * PDF, the DOCX and the archive page show it without a renderer of their own. Nothing when the
 * facilitator picked no questions.
 */
export async function reachSection(
	tx: Queryable & Partial<Pick<Tx, 'lockKey'>>,
	workshopId: string,
	locale: Locale = 'de'
): Promise<ResultPhase[]> {
	// Inside the close: an answer counted meanwhile (which takes the same lock) either is in these
	// totals or finds the archive and brings the section up to date itself.
	await tx.lockKey?.(`reach:${workshopId}`);
	const totals = await reachTotals(tx, workshopId, locale);
	if (totals.questions.length === 0) return [];
	const shown = (n: number | null) => (n === null ? translate(locale, 'reach.fewer') : String(n));
	const blocks: VisionBlock[] = [
		{
			kind: 'paragraph',
			text: translate(locale, 'reach.sectionRespondents', { n: shown(totals.respondents) })
		}
	];
	for (const question of totals.questions) {
		blocks.push({ kind: 'heading', text: question.text });
		for (const choice of question.choices)
			blocks.push({
				kind: 'item',
				text: translate(locale, 'reach.sectionLine', {
					choice: choice.label,
					n: shown(choice.total)
				})
			});
	}
	return [
		{
			id: reachSectionId,
			title: translate(locale, 'reach.sectionTitle'),
			prompt: translate(locale, 'reach.sectionIntro'),
			kinds: ['text'],
			wall: null,
			text: blocks
		}
	];
}
