import type * as Y from 'yjs';
import { minutesField, readAgenda } from '../../../boards/agenda/agenda-doc';
import { visionBlocks, type VisionBlock } from '../../../collab/vision-blocks';
import { germanDate } from '../../../domain/round-table/round-table';
import type { ResultPhase } from '../../../results/closed-results';
import type { Queryable } from '../../db';

/**
 * The minutes of a Runder Tisch meeting as a section of its documentation: each agenda item with
 * its minutes, the decisions with their numbers and votes, and the action items agreed — shaped
 * as a text phase, so the PDF, the DOCX, the archive page and transfer files show it without a
 * renderer of their own. Nothing for other workshops (no meeting row).
 */
export async function roundTableMinutesSection(
	tx: Queryable,
	workshopId: string,
	content: Y.Doc
): Promise<ResultPhase[]> {
	const meeting = await tx.get<{ meets_on: string; minutes_status: string }>(
		'SELECT meets_on, minutes_status FROM rt_meetings WHERE workshop_id = ?',
		[workshopId]
	);
	if (!meeting) return [];
	const blocks: VisionBlock[] = [];
	const status = { draft: 'Entwurf', circulated: 'verschickt', approved: 'genehmigt' }[
		meeting.minutes_status as 'draft'
	];
	blocks.push({
		kind: 'paragraph',
		text: `Sitzung vom ${germanDate(meeting.meets_on)}. Stand des Protokolls: ${status ?? meeting.minutes_status}.`
	});
	readAgenda(content).forEach((item, index) => {
		const carried = item.carriedFrom
			? ` (übernommen aus Sitzung vom ${germanDate(item.carriedFrom)})`
			: '';
		blocks.push({ kind: 'heading', text: `TOP ${index + 1}: ${item.title}${carried}` });
		blocks.push(...visionBlocks(content.getXmlFragment(minutesField(item.id))));
	});
	const decisions = await tx.all<{
		number: number;
		text: string;
		decided_on: string;
		vote: string;
	}>(
		'SELECT number, text, decided_on, vote FROM rt_decisions WHERE meeting_id = ? ORDER BY number',
		[workshopId]
	);
	if (decisions.length) {
		blocks.push({ kind: 'heading', text: 'Beschlüsse' });
		for (const d of decisions)
			blocks.push({
				kind: 'item',
				text: `Nr. ${d.number} vom ${germanDate(d.decided_on)} (${d.vote}): ${d.text}`
			});
	}
	const actions = await tx.all<{
		title: string;
		owner: string;
		due_on: string | null;
		status: string;
	}>(
		'SELECT title, owner, due_on, status FROM rt_actions WHERE meeting_id = ? ORDER BY created_at',
		[workshopId]
	);
	if (actions.length) {
		const statuses: Record<string, string> = {
			open: 'offen',
			inProgress: 'in Arbeit',
			done: 'erledigt',
			dropped: 'verworfen'
		};
		blocks.push({ kind: 'heading', text: 'Aufgaben' });
		for (const a of actions)
			blocks.push({
				kind: 'item',
				text: `${a.title} – ${a.owner}${a.due_on ? `, bis ${germanDate(a.due_on)}` : ''} (${statuses[a.status] ?? a.status})`
			});
	}
	return [
		{
			id: 'protokoll',
			title: 'Protokoll',
			prompt: '',
			kinds: ['agenda'],
			wall: null,
			text: blocks
		}
	];
}
