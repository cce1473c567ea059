import type * as Y from 'yjs';
import {
	agendaRoot,
	isMinutesField,
	maxAgendaTitle,
	readRoundTable,
	roundTableRoot
} from '../../src/lib/boards/agenda/agenda-doc';
import { closeCodes, type DocumentRef } from '../../src/lib/collab/documents';
import { RejectedMessage, type DeletedItem, type NewItem } from './inspect';

/**
 * The Runder Tisch rules (DESIGN.md §6, "approved minutes"), decided before an update is applied:
 *
 * - the control document's `roundTable` part (minutes status, decisions with their numbers,
 *   action items) is the server's: no client writes it, not even a facilitator's;
 * - once the minutes of a meeting are approved, its agenda and minutes are read-only for
 *   everyone: an edit is refused and its connection closed, so the writer's page says so and
 *   nothing of it is stored;
 * - only the facilitation removes an agenda item (participants add and edit them);
 * - agenda titles keep their length limit.
 */
export function refuseRoundTableEdits(
	ref: DocumentRef,
	control: Y.Doc,
	inspection: { items: readonly NewItem[]; deletes: readonly DeletedItem[] },
	peer: { moderator: boolean }
): void {
	const touched = [...inspection.items, ...inspection.deletes];
	if (ref.kind === 'control') {
		if (touched.some(({ parent }) => parent[0] === roundTableRoot))
			throw new RejectedMessage(
				'only the server writes the minutes status and records',
				closeCodes.forbidden
			);
		return;
	}
	if (ref.kind !== 'content') return;
	const agendaTouched = touched.some(
		({ parent }) => parent[0] === agendaRoot || isMinutesField(parent[0])
	);
	if (!agendaTouched) return;
	if (readRoundTable(control).minutes === 'approved')
		throw new RejectedMessage(
			'minutes approved: the agenda and minutes are read-only',
			closeCodes.forbidden
		);
	if (
		!peer.moderator &&
		inspection.deletes.some(({ parent }) => parent.length === 1 && parent[0] === agendaRoot)
	)
		throw new RejectedMessage('only the facilitation removes agenda items', closeCodes.forbidden);
	for (const item of inspection.items)
		if (item.parent[0] === agendaRoot && item.key === 'title')
			for (const value of item.values ?? [])
				if (typeof value === 'string' && value.length > maxAgendaTitle)
					throw new RejectedMessage(`agenda title longer than ${maxAgendaTitle} characters`);
}
