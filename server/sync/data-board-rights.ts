import { closeCodes } from '../../src/lib/collab/documents';
import {
	dataCommentCreator,
	maxCommentLength,
	maxReporterLength
} from '../../src/lib/collab/data-board';
import { RejectedMessage, type TypePath } from './inspect';
import type { Peer, ReadyInspection, Room } from './room';

/**
 * Who may change what of the Datenlage board's comments and the agreed next reports in
 * `<workshop>/content` (issue 13), decided before an update is applied, like the cards
 * (card-rights.ts). Facilitators may do everything. A participant:
 * - adds comments, and changes or deletes only their own ("own": the comment was made under a
 *   Yjs client id the store records as theirs);
 * - fills in who reports next and when for any measure, as they edit the measure plan itself.
 * Both hold plain short strings only, so a modified client cannot park a novel or a nested
 * structure there. What the facilitator shows (indicators, highlight) is in the control
 * document, which only the server writes (workshop-policy.ts).
 */
const commentFields: Record<string, number> = {
	text: maxCommentLength,
	indicator: 100,
	board: 64,
	district: 200,
	keyHash: 64,
	createdAt: 0
};
const reportFields: Record<string, number> = { reporter: maxReporterLength, reportOn: 10 };

const refused = (reason: string) => new RejectedMessage(reason, closeCodes.forbidden);

function checkValues(values: readonly unknown[] | null, limit: number, text: string | null): void {
	if (text !== null) throw refused('plain fields only');
	for (const value of values ?? []) {
		if (limit === 0) {
			if (typeof value !== 'number' || !Number.isFinite(value)) throw refused('bad field');
		} else if (typeof value !== 'string' || value.length > limit)
			throw refused(`text longer than ${limit} characters`);
	}
}

export function refuseForeignDataBoardEdits(
	room: Room,
	peer: Peer,
	inspection: ReadyInspection
): void {
	const own = (id: string) => {
		const creator = dataCommentCreator(room.doc, id);
		return creator === null || room.ownerOf(creator) === peer.owner;
	};
	const fieldOf = (parent: TypePath, key: string | null, fields: Record<string, number>) => {
		if (parent.length !== 2 || parent[1] === null || key === null || !(key in fields))
			throw refused('unknown field');
		return fields[key];
	};
	for (const item of inspection.items) {
		const root = item.parent[0];
		if (root === 'dataComments') {
			if (item.parent.length === 1) {
				if (item.key !== null && !peer.moderator && !own(item.key))
					throw refused('not your comment');
				continue;
			}
			checkValues(item.values, fieldOf(item.parent, item.key, commentFields), item.text);
			if (!peer.moderator && !own(item.parent[1] ?? '')) throw refused('not your comment');
		} else if (root === 'nextReports') {
			const field = item.key?.slice(item.key.lastIndexOf('/') + 1) ?? '';
			if (item.parent.length !== 1 || !(field in reportFields)) throw refused('unknown field');
			checkValues(item.values, reportFields[field], item.text);
		}
	}
	if (peer.moderator) return;
	for (const removed of inspection.deletes) {
		if (removed.parent[0] !== 'dataComments') continue;
		// Deleting the whole comment (its entry) or overwriting a field of it: the author's right.
		const id = removed.parent.length === 1 ? removed.key : removed.parent[1];
		if (id && !own(id)) throw refused('not your comment');
	}
}
