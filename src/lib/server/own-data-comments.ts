import { timingSafeEqual } from 'node:crypto';
import * as Y from 'yjs';
import { hashCardKey, isCardKey } from '../collab/card-keys';
import { readLocked } from '../collab/control';
import {
	addDataComment,
	checkCommentText,
	dataCommentsOf,
	deleteDataComment,
	isIndicatorKey,
	updateDataComment
} from '../collab/data-board';
import { documentName } from '../collab/documents';
import type { AppServices } from './services';

/**
 * Comments on the Datenlage board in an anonymous workshop (issue 13): the server writes them under
 * its own Yjs client id, so the stored document never ties a comment to a participant's client.
 * The comment carries the hash of a key only the author's device holds; showing the key lets the
 * author change or delete it later (the same scheme as anonymous cards, own-cards.ts).
 */
export type OwnDataCommentChange =
	| { kind: 'add'; board: string; district: string; indicator: string; text: string }
	| { kind: 'edit'; id: string; text: string }
	| { kind: 'delete'; id: string };

export type OwnDataCommentError =
	| 'data.commentEmpty'
	| 'data.commentTooLong'
	| 'data.commentNotYours'
	| 'data.commentGone'
	| 'wall.lockedNote';

const shortText = (value: unknown, max: number): string =>
	typeof value === 'string' && value.length <= max ? value : '';

/** Reads a request body into a change, or null when it is not one. */
export function parseOwnDataCommentChange(
	body: Record<string, unknown>
): OwnDataCommentChange | null {
	const text = typeof body.text === 'string' ? body.text : '';
	const id = shortText(body.id, 64);
	if (body.kind === 'add') {
		const board = shortText(body.board, 64);
		const district = shortText(body.district, 200);
		if (!board || !district || !isIndicatorKey(body.indicator)) return null;
		return { kind: 'add', board, district, indicator: body.indicator, text };
	}
	if (body.kind === 'edit' && id) return { kind: 'edit', id, text };
	if (body.kind === 'delete' && id) return { kind: 'delete', id };
	return null;
}

export async function changeOwnDataComment(
	{ documents }: Pick<AppServices, 'documents'>,
	workshopId: string,
	request: { key: string; change: OwnDataCommentChange; facilitator: boolean }
): Promise<{ ok: true; id: string } | { ok: false; error: OwnDataCommentError }> {
	const { key, change } = request;
	let text = '';
	if (change.kind !== 'delete') {
		const checked = checkCommentText(change.text);
		if (!checked.ok) return { ok: false, error: checked.error as OwnDataCommentError };
		text = checked.text;
	}
	if (!isCardKey(key)) return { ok: false, error: 'data.commentNotYours' };
	const locked = await documents.read(documentName(workshopId, 'control'), readLocked);
	if (locked && !request.facilitator) return { ok: false, error: 'wall.lockedNote' };
	const keyHash = hashCardKey(key);
	let outcome: { ok: true; id: string } | { ok: false; error: OwnDataCommentError } = {
		ok: false,
		error: 'data.commentGone'
	};
	await documents.change(documentName(workshopId, 'content'), (doc) => {
		if (change.kind === 'add') {
			const { board, district, indicator } = change;
			const id = addDataComment(doc, { board, district, indicator, text, keyHash });
			outcome = { ok: true, id };
			return;
		}
		const fields = dataCommentsOf(doc).get(change.id);
		if (!(fields instanceof Y.Map)) return;
		const stored = fields.get('keyHash');
		if (typeof stored !== 'string' || !sameHash(stored, keyHash)) {
			outcome = { ok: false, error: 'data.commentNotYours' };
			return;
		}
		if (change.kind === 'edit') updateDataComment(doc, change.id, text);
		else deleteDataComment(doc, change.id);
		outcome = { ok: true, id: change.id };
	});
	return outcome;
}

function sameHash(a: string, b: string): boolean {
	return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}
