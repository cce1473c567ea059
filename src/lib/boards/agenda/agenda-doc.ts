import * as Y from 'yjs';
import { visionField } from '../../domain/vision';
import type { ActionStatus, MinutesStatus } from '../../domain/round-table/round-table';

/**
 * Where a Runder Tisch meeting lives in its live documents (DESIGN.md §5), shared by the browser,
 * the app server and the sync server (no `$app` imports here):
 *
 * - content `agenda`: the agenda items, co-edited by everyone who writes (title, time box, order,
 *   done, the "carried over" mark); each item's minutes are a rich text of their own,
 *   `text:minutes-<item>`, so the editor shows live carets and the length limit of texts holds.
 * - control `roundTable`: what only the server writes — the minutes' status and the decisions and
 *   action items as stored (decisions get their number from the server, action items live across
 *   meetings). Participants read them; a client's write there is refused (server/sync/round-table.ts).
 */
export const agendaRoot = 'agenda';
export const roundTableRoot = 'roundTable';
export const maxAgendaTitle = 200;
export const maxTimebox = 600;
export const maxAgendaItems = 60;

export const minutesField = (itemId: string) => visionField(`minutes-${itemId}`);
export const isMinutesField = (root: string | null | undefined) =>
	!!root && root.startsWith(visionField('minutes-'));

export interface AgendaItem {
	id: string;
	title: string;
	/** Minutes planned for the item; 0 = none given. */
	timebox: number;
	position: number;
	done: boolean;
	/** The date of the meeting the item came from, when it was carried over (YYYY-MM-DD). */
	carriedFrom: string | null;
	/** The item it continues, so carrying over twice adds it once. */
	carriedItem: string | null;
}

const itemsOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>(agendaRoot);

/** Reads what peers wrote defensively: a forged item must not break anyone's screen. */
export function readAgenda(doc: Y.Doc): AgendaItem[] {
	const items: AgendaItem[] = [];
	for (const [id, entry] of itemsOf(doc)) {
		if (!(entry instanceof Y.Map)) continue;
		const title = entry.get('title');
		const timebox = entry.get('timebox');
		const position = entry.get('position');
		const carriedFrom = entry.get('carriedFrom');
		const carriedItem = entry.get('carriedItem');
		items.push({
			id,
			title: typeof title === 'string' ? title.slice(0, maxAgendaTitle) : '',
			timebox:
				typeof timebox === 'number' && Number.isFinite(timebox)
					? Math.max(0, Math.min(maxTimebox, Math.round(timebox)))
					: 0,
			position: typeof position === 'number' && Number.isFinite(position) ? position : 0,
			done: entry.get('done') === true,
			carriedFrom: typeof carriedFrom === 'string' ? carriedFrom : null,
			carriedItem: typeof carriedItem === 'string' ? carriedItem : null
		});
	}
	return items.sort((a, b) => a.position - b.position || a.id.localeCompare(b.id));
}

export function addAgendaItem(
	doc: Y.Doc,
	id: string,
	fields: Partial<Omit<AgendaItem, 'id'>> & { title: string }
): void {
	doc.transact(() => {
		const existing = readAgenda(doc);
		const entry = new Y.Map<unknown>();
		itemsOf(doc).set(id, entry);
		entry.set('title', fields.title.slice(0, maxAgendaTitle));
		entry.set('timebox', fields.timebox ?? 0);
		entry.set(
			'position',
			fields.position ?? (existing.length ? existing[existing.length - 1].position + 1 : 1)
		);
		entry.set('done', fields.done ?? false);
		if (fields.carriedFrom) entry.set('carriedFrom', fields.carriedFrom);
		if (fields.carriedItem) entry.set('carriedItem', fields.carriedItem);
	});
}

export function updateAgendaItem(
	doc: Y.Doc,
	id: string,
	fields: Partial<Pick<AgendaItem, 'title' | 'timebox' | 'done' | 'position'>>
): void {
	const entry = itemsOf(doc).get(id);
	if (!(entry instanceof Y.Map)) return;
	doc.transact(() => {
		if (fields.title !== undefined) entry.set('title', fields.title.slice(0, maxAgendaTitle));
		if (fields.timebox !== undefined) entry.set('timebox', fields.timebox);
		if (fields.done !== undefined) entry.set('done', fields.done);
		if (fields.position !== undefined) entry.set('position', fields.position);
	});
}

export function removeAgendaItem(doc: Y.Doc, id: string): void {
	itemsOf(doc).delete(id);
}

/**
 * Moves an item one place up or down. The new position lies between its new neighbours, so two
 * people moving different items at once never swap each other's back.
 */
export function moveAgendaItem(doc: Y.Doc, id: string, direction: -1 | 1): void {
	const items = readAgenda(doc);
	const index = items.findIndex((item) => item.id === id);
	const target = index + direction;
	if (index < 0 || target < 0 || target >= items.length) return;
	const beyond = items[target + direction];
	const edge = items[target].position;
	const position = beyond ? (edge + beyond.position) / 2 : edge + direction;
	updateAgendaItem(doc, id, { position });
}

// Control document: the server's part ------------------------------------------------------------

export interface DecisionView {
	id: string;
	number: number;
	text: string;
	decidedOn: string;
	vote: string;
}

export interface ActionView {
	id: string;
	title: string;
	owner: string;
	dueOn: string | null;
	status: ActionStatus;
	/** Date of the meeting it was agreed in; earlier than this meeting's = carried over. */
	fromMeeting: string;
	carried: boolean;
	measureId: string | null;
}

export interface RoundTableState {
	minutes: MinutesStatus;
	meetsOn: string | null;
	decisions: DecisionView[];
	actions: ActionView[];
}

export function readRoundTable(doc: Y.Doc): RoundTableState {
	const map = doc.getMap<unknown>(roundTableRoot);
	const minutes = map.get('minutes');
	const meetsOn = map.get('meetsOn');
	const records = map.get('records') as
		{ decisions?: DecisionView[]; actions?: ActionView[] } | undefined;
	return {
		minutes: minutes === 'circulated' || minutes === 'approved' ? minutes : 'draft',
		meetsOn: typeof meetsOn === 'string' ? meetsOn : null,
		decisions: Array.isArray(records?.decisions) ? records.decisions : [],
		actions: Array.isArray(records?.actions) ? records.actions : []
	};
}

export function writeRoundTable(doc: Y.Doc, state: Partial<RoundTableState>): void {
	const map = doc.getMap<unknown>(roundTableRoot);
	doc.transact(() => {
		if (state.minutes) map.set('minutes', state.minutes);
		if (state.meetsOn) map.set('meetsOn', state.meetsOn);
		if (state.decisions || state.actions) {
			const current = readRoundTable(doc);
			map.set(
				'records',
				JSON.parse(
					JSON.stringify({
						decisions: state.decisions ?? current.decisions,
						actions: state.actions ?? current.actions
					})
				)
			);
		}
	});
}
