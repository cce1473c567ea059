import * as Y from 'yjs';
import { newId } from '../ids';
import { applyText } from './text-edits';
import {
	checkMeasure,
	isMeasureStatus,
	limits,
	parseDistrictKey,
	type MeasureInput,
	type MeasureStatus
} from '../domain/measures';

/**
 * The live measure plan in `<workshop>/content`: one Y.Map `measures`, measure id → Y.Map of fields.
 * Every field is its own entry, so two people editing different cells of one row both win. Free-text
 * fields (`sharedTextFields`) are a Y.Text each, so two people typing in the same cell at once both
 * keep their words; short formatted fields (dates, amounts) stay plain strings where the last writer
 * wins. Amounts and dates stay text as typed ("1.500,50", half-typed dates), and are checked when
 * shown and when the workshop closes. Documents from before hold plain strings everywhere; readers
 * take both, and a field becomes a Y.Text on its first edit.
 */
export interface LiveMeasure {
	id: string;
	title: string;
	description: string;
	responsible: string;
	partners: string;
	startOn: string;
	dueOn: string;
	budget: string;
	staffHours: string;
	rooms: string;
	status: MeasureStatus;
	targetGroups: string;
	quickWin: boolean;
	goalIds: string[];
	/** District keys `level:code` (see districtKey in domain/measures). */
	districtCodes: string[];
	/** Ids of the cards (wall) this measure grew from. */
	originCards: string[];
	originPhase: string;
	createdAt: number;
}

export type LiveMeasureFields = Omit<LiveMeasure, 'id' | 'createdAt'>;

export const emptyMeasure: LiveMeasureFields = {
	title: '',
	description: '',
	responsible: '',
	partners: '',
	startOn: '',
	dueOn: '',
	budget: '',
	staffHours: '',
	rooms: '',
	status: 'idea',
	targetGroups: '',
	quickWin: false,
	goalIds: [],
	districtCodes: [],
	originCards: [],
	originPhase: ''
};

export function measuresOf(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
	return doc.getMap('measures');
}

/** Longest value of each text field; readers cut, the sync server refuses longer writes. */
export const measureTextLimits: Record<string, number> = {
	title: limits.title,
	description: limits.text,
	responsible: limits.short,
	partners: limits.short,
	rooms: limits.short,
	targetGroups: limits.short,
	startOn: 10,
	dueOn: 10,
	budget: 40,
	staffHours: 40,
	originPhase: 60
};

/** Text fields people type into together: one Y.Text each. */
export const sharedTextFields = [
	'title',
	'description',
	'responsible',
	'partners',
	'rooms',
	'targetGroups'
] as const;
export type SharedTextField = (typeof sharedTextFields)[number];

export function isSharedTextField(key: string): key is SharedTextField {
	return (sharedTextFields as readonly string[]).includes(key);
}

/** A field's text, whether stored as a Y.Text or (older documents, short fields) as a string. */
export function fieldText(value: unknown, max: number): string {
	if (value instanceof Y.Text) return value.toString().slice(0, max);
	return typeof value === 'string' ? value.slice(0, max) : '';
}

/**
 * The Y.Text of a shared text field, created from the old string value on the first edit. Two
 * people converting the same old field at the same moment: one Y.Text wins, the other's first
 * keystrokes are lost; this only happens once per field of documents from before.
 */
export function sharedText(fields: Y.Map<unknown>, key: SharedTextField): Y.Text {
	const current = fields.get(key);
	if (current instanceof Y.Text) return current;
	const text = new Y.Text(fieldText(current, measureTextLimits[key]));
	fields.set(key, text);
	return text;
}

function idList(value: unknown, valid: (s: string) => boolean): string[] {
	if (!Array.isArray(value)) return [];
	const out: string[] = [];
	for (const item of value) {
		if (out.length >= limits.links) break;
		if (typeof item === 'string' && item.length <= 200 && valid(item) && !out.includes(item))
			out.push(item);
	}
	return out;
}

const isId = (s: string) => /^[a-z0-9]{1,40}$/.test(s);

/**
 * Reads every measure, checking what peers sent before it is rendered: wrong types become
 * defaults, over-long text is cut, lists keep only well-formed ids.
 */
export function readMeasures(doc: Y.Doc): LiveMeasure[] {
	const measures: LiveMeasure[] = [];
	measuresOf(doc).forEach((fields, id) => {
		if (!(fields instanceof Y.Map) || id.length > 40) return;
		const status = fields.get('status');
		const createdAt = fields.get('createdAt');
		const measure: LiveMeasure = {
			...emptyMeasure,
			id,
			status: isMeasureStatus(status) ? status : 'idea',
			quickWin: fields.get('quickWin') === true,
			goalIds: idList(fields.get('goalIds'), isId),
			districtCodes: idList(fields.get('districtCodes'), (s) => parseDistrictKey(s) !== null),
			originCards: idList(fields.get('originCards'), (s) => /^[A-Za-z0-9_-]{1,64}$/.test(s)),
			createdAt: typeof createdAt === 'number' && Number.isFinite(createdAt) ? createdAt : 0
		};
		for (const [key, max] of Object.entries(measureTextLimits))
			(measure as unknown as Record<string, string>)[key] = fieldText(fields.get(key), max);
		measures.push(measure);
	});
	return measures.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

export function addMeasure(
	doc: Y.Doc,
	fields: Partial<LiveMeasureFields> = {},
	id = newId()
): string {
	doc.transact(() => {
		const measure = new Y.Map<unknown>();
		measuresOf(doc).set(id, measure);
		for (const [key, value] of Object.entries({
			...emptyMeasure,
			...fields,
			createdAt: Date.now()
		}))
			measure.set(key, storedValue(key, value));
	});
	return id;
}

/** Shared text fields go in as a Y.Text, everything else as it is. */
function storedValue(key: string, value: unknown): unknown {
	return isSharedTextField(key) && typeof value === 'string' ? new Y.Text(value) : value;
}

/**
 * Writes only the fields that changed, so a peer's edit of another cell is never overwritten; a
 * shared text field changes by the smallest edit, so a peer typing in it keeps their text.
 */
export function updateMeasure(
	doc: Y.Doc,
	id: string,
	changes: Partial<LiveMeasureFields>
): boolean {
	const measure = measuresOf(doc).get(id);
	if (!(measure instanceof Y.Map)) return false;
	doc.transact(() => {
		for (const [key, value] of Object.entries(changes)) {
			if (isSharedTextField(key) && typeof value === 'string') {
				applyText(sharedText(measure, key), value);
				continue;
			}
			const current = measure.get(key);
			const same = Array.isArray(value)
				? JSON.stringify(current) === JSON.stringify(value)
				: current === value;
			if (!same) measure.set(key, value);
		}
	});
	return true;
}

export function deleteMeasure(doc: Y.Doc, id: string): LiveMeasure | null {
	const measure = readMeasures(doc).find((m) => m.id === id) ?? null;
	if (measure) measuresOf(doc).delete(id);
	return measure;
}

/** Undo of a delete: the measure comes back with its id and every field. */
export function restoreMeasure(doc: Y.Doc, measure: LiveMeasure): void {
	doc.transact(() => {
		const fields = new Y.Map<unknown>();
		measuresOf(doc).set(measure.id, fields);
		for (const [key, value] of Object.entries(measure))
			if (key !== 'id') fields.set(key, storedValue(key, value));
	});
}

/**
 * A draft as the register stores it. Workshop drafts are unfinished by nature, so a field that does
 * not pass (a half-typed date, a due date before the start) is left empty and named in `cleared`
 * rather than losing the whole measure; only a draft without a title is skipped (null).
 */
export function draftToMeasureInput(measure: LiveMeasure): {
	input: MeasureInput | null;
	cleared: string[];
} {
	const raw: Record<string, unknown> = {
		title: measure.title,
		description: measure.description,
		responsible: measure.responsible,
		partners: measure.partners,
		startOn: measure.startOn,
		dueOn: measure.dueOn,
		budget: measure.budget,
		staffHours: measure.staffHours,
		rooms: measure.rooms,
		status: measure.status,
		targetGroups: measure.targetGroups,
		quickWin: measure.quickWin,
		goalIds: measure.goalIds,
		districts: measure.districtCodes
	};
	const cleared: string[] = [];
	for (let attempt = 0; attempt < Object.keys(raw).length; attempt++) {
		const result = checkMeasure(raw);
		if (result.ok) return { input: result.value, cleared };
		if (result.error.field === 'title') return { input: null, cleared };
		cleared.push(result.error.field);
		raw[result.error.field] = undefined;
	}
	return { input: null, cleared };
}
