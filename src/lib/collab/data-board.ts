import * as Y from 'yjs';
import { newId } from '../ids';
import { isKeyHash } from './card-keys';

/**
 * The Datenlage board (`data`, issue 13) in the live documents.
 *
 * What everyone sees — which district, which indicators, the one highlighted — is the
 * facilitator's choice and lives in `<workshop>/control` under `dataBoards` (phase id → state).
 * Only the server writes it, after checking the indicator keys against the store
 * (`/w/<id>/api/data-board`); the sync policy refuses every client's write there.
 *
 * Participants' comments on an indicator ("stimmt so nicht, weil …") live in `<workshop>/content`
 * under `dataComments` (comment id → Y.Map of fields): everyone adds, only the author (or a
 * facilitator) changes or deletes, decided by server/sync/data-board-rights.ts before applying.
 *
 * The agreed "who reports next, and when" of each measure lives beside the measure plan in
 * `<workshop>/content` under `nextReports` (`<measure id>/reporter`, `…/reportOn`); closing the
 * workshop copies it to the register (src/lib/server/next-reports.ts).
 */

export interface DataBoardState {
	/** The district shown (key `level:code`), or null for the workshop's first one. */
	district: string | null;
	/** Indicator keys shown, in order; null = not chosen yet (the board shows the rule's ones). */
	indicators: string[] | null;
	/** The indicator highlighted for everyone, or null. */
	highlight: string | null;
}

export const emptyDataBoard: DataBoardState = { district: null, indicators: null, highlight: null };

/** Far above a readable board (Berlin has 23 indicators); bounds what a reader takes. */
export const maxShownIndicators = 40;
export const maxCommentLength = 500;

/** Indicator keys as the store has them (table import: lower case, digits, underscores). */
export const isIndicatorKey = (value: unknown): value is string =>
	typeof value === 'string' && /^[A-Za-z0-9_.-]{1,100}$/.test(value);
const isDistrictKey = (value: unknown): value is string =>
	typeof value === 'string' && value.length <= 200 && value.includes(':');
const isPhaseId = (value: unknown): value is string =>
	typeof value === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(value);

export function dataBoardsOf(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap('dataBoards');
}

/** The board's state, checked: a client is trusted to write nothing here, the server to write well. */
export function readDataBoard(doc: Y.Doc, phaseId: string): DataBoardState {
	return checkDataBoard(dataBoardsOf(doc).get(phaseId));
}

export function checkDataBoard(value: unknown): DataBoardState {
	if (typeof value !== 'object' || value === null) return emptyDataBoard;
	const raw = value as Record<string, unknown>;
	const indicators = Array.isArray(raw.indicators)
		? [...new Set(raw.indicators.filter(isIndicatorKey))].slice(0, maxShownIndicators)
		: null;
	const highlight = isIndicatorKey(raw.highlight) ? raw.highlight : null;
	return {
		district: isDistrictKey(raw.district) ? raw.district : null,
		indicators,
		highlight
	};
}

export function setDataBoard(doc: Y.Doc, phaseId: string, state: DataBoardState): void {
	if (!isPhaseId(phaseId)) return;
	dataBoardsOf(doc).set(phaseId, JSON.parse(JSON.stringify(state)) as DataBoardState);
}

/**
 * What the facilitator asks for, merged into what is shown: a highlight joins the shown
 * indicators (a highlighted row that is not shown would highlight nothing), and hiding the
 * highlighted indicator ends the highlight.
 */
export function changeDataBoard(
	current: DataBoardState,
	change: Partial<DataBoardState>,
	shownByDefault: readonly string[]
): DataBoardState {
	let indicators = change.indicators !== undefined ? change.indicators : current.indicators;
	let highlight = change.highlight !== undefined ? change.highlight : current.highlight;
	const district = change.district !== undefined ? change.district : current.district;
	const shown = indicators ?? [...shownByDefault];
	if (highlight && !shown.includes(highlight)) {
		if (change.highlight !== undefined) indicators = [...shown, highlight];
		else highlight = null;
	}
	if (indicators) indicators = [...new Set(indicators)].slice(0, maxShownIndicators);
	return { district, indicators, highlight };
}

// Comments on an indicator (content document) ------------------------------------------------

export interface DataComment {
	id: string;
	/** The phase whose data board holds it. */
	board: string;
	/** The district key the comment is about (the one shown when it was written). */
	district: string;
	indicator: string;
	text: string;
	createdAt: number;
	/**
	 * In an anonymous workshop the server writes the comment and it carries the SHA-256 of a key
	 * only the author's device holds (as anonymous cards do, $lib/collab/card-keys), never a name.
	 */
	keyHash?: string;
}

export function dataCommentsOf(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
	return doc.getMap('dataComments');
}

/** Every comment, checked as it is read (a peer can write anything into a CRDT), oldest first. */
export function readDataComments(doc: Y.Doc, board?: string): DataComment[] {
	const out: DataComment[] = [];
	dataCommentsOf(doc).forEach((fields, id) => {
		if (!(fields instanceof Y.Map) || !isPhaseId(id)) return;
		const text = fields.get('text');
		const indicator = fields.get('indicator');
		const boardId = fields.get('board');
		const district = fields.get('district');
		const createdAt = fields.get('createdAt');
		if (!isIndicatorKey(indicator) || typeof text !== 'string' || !text.trim()) return;
		const comment: DataComment = {
			id,
			board: isPhaseId(boardId) ? boardId : '',
			district: isDistrictKey(district) ? district : '',
			indicator,
			text: text.slice(0, maxCommentLength),
			createdAt: typeof createdAt === 'number' && Number.isFinite(createdAt) ? createdAt : 0
		};
		const keyHash = fields.get('keyHash');
		if (isKeyHash(keyHash)) comment.keyHash = keyHash;
		if (board === undefined || comment.board === board) out.push(comment);
	});
	return out.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

export type CommentCheck = { ok: true; text: string } | { ok: false; error: string };

/** A comment as someone typed it: not empty, not longer than a card. */
export function checkCommentText(text: string): CommentCheck {
	const trimmed = text.trim();
	if (!trimmed) return { ok: false, error: 'data.commentEmpty' };
	if (trimmed.length > maxCommentLength) return { ok: false, error: 'data.commentTooLong' };
	return { ok: true, text: trimmed };
}

export function addDataComment(
	doc: Y.Doc,
	fields: Omit<DataComment, 'id' | 'createdAt'>,
	id = newId()
): string {
	doc.transact(() => {
		const comment = new Y.Map<unknown>();
		dataCommentsOf(doc).set(id, comment);
		for (const [key, value] of Object.entries({ ...fields, createdAt: Date.now() }))
			comment.set(key, value);
	});
	return id;
}

export function updateDataComment(doc: Y.Doc, id: string, text: string): void {
	const comment = dataCommentsOf(doc).get(id);
	if (comment instanceof Y.Map && comment.get('text') !== text) comment.set('text', text);
}

export function deleteDataComment(doc: Y.Doc, id: string): void {
	dataCommentsOf(doc).delete(id);
}

/** The Yjs client id a comment was made under (the sync server decides "own" by it). */
export function dataCommentCreator(doc: Y.Doc, id: string): number | null {
	const entry = (dataCommentsOf(doc) as unknown as { _map: Map<string, Y.Item> })._map.get(id);
	return entry && !entry.deleted ? entry.id.client : null;
}

// Next report per measure (content document) -------------------------------------------------

export interface NextReport {
	/** Who reports next (a person or an organisation), as typed. */
	reporter: string;
	/** The next report's date as typed in a date field (`YYYY-MM-DD`), or ''. */
	reportOn: string;
}

export const maxReporterLength = 200;

/**
 * One flat entry per field (`<measure id>/reporter`, `<measure id>/reportOn`), not a map per
 * measure: two people filling in the two fields of a new measure at once would otherwise each
 * make that measure's map, and one map (with its field) would lose.
 */
export function nextReportsOf(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap('nextReports');
}

export const nextReportFields = ['reporter', 'reportOn'] as const;

export function readNextReports(doc: Y.Doc): Record<string, NextReport> {
	const out: Record<string, NextReport> = {};
	nextReportsOf(doc).forEach((value, key) => {
		const at = key.lastIndexOf('/');
		const id = key.slice(0, at);
		const field = key.slice(at + 1);
		if (at < 1 || id.length > 40 || typeof value !== 'string') return;
		if (field !== 'reporter' && field !== 'reportOn') return;
		const entry = (out[id] ??= { reporter: '', reportOn: '' });
		entry[field] = value.slice(0, field === 'reporter' ? maxReporterLength : 10);
	});
	return out;
}

export function setNextReport(
	doc: Y.Doc,
	measureId: string,
	field: keyof NextReport,
	value: string
): void {
	const key = `${measureId}/${field}`;
	if (nextReportsOf(doc).get(key) !== value) nextReportsOf(doc).set(key, value);
}
