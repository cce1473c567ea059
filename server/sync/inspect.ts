import * as Y from 'yjs';

/**
 * Looks at a peer's update before any of it is applied (Yjs THREAT_MODEL: decide before applying,
 * never filter afterwards). Decoding it completely tells us whether it is well-formed; resolving
 * each new item's place in the document (which shared type, under which keys) lets policies
 * refuse writes by path, e.g. "only the server writes vote results", and tells us whether the
 * update depends on content we do not have yet (then it waits instead of being refused).
 */

/** Bounds on what one value may look like; the same on receive and on load. */
export interface ValueLimits {
	/** Nesting of JSON-like values (arrays, objects) inside one item. */
	maxValueDepth: number;
	/** Nesting of shared types (a map in a map in …). Our documents use four levels at most. */
	maxTypeDepth: number;
}

export const defaultValueLimits: ValueLimits = { maxValueDepth: 32, maxTypeDepth: 32 };

/** Raised for input that is refused; the connection that sent it is closed with `closeCode`. */
export class RejectedMessage extends Error {
	constructor(
		message: string,
		readonly closeCode?: number
	) {
		super(message);
	}
}

/** Where an item sits: the root type's name, then the map keys of each nested type (null in arrays). */
export type TypePath = readonly (string | null)[];

export interface NewItem {
	client: number;
	/** Path of the shared type the item belongs to, e.g. ['cards', '<card id>']. */
	parent: TypePath;
	/** The map key the item is stored under, or null for list content. */
	key: string | null;
	/** The item's values when they are plain data (map values, array entries), else null. */
	values: readonly unknown[] | null;
	/** Text inserted into a Y.Text or XML text, else null. */
	text: string | null;
}

export interface DeletedItem {
	parent: TypePath;
	key: string | null;
	/** Characters (or entries) the deleted item held: what a text loses by the delete. */
	length: number;
}

export type Inspection =
	| {
			ready: true;
			/** Content the document does not have yet, with its place. */
			items: NewItem[];
			/** Content of the document the update deletes, with its place. */
			deletes: DeletedItem[];
			/** Client ids that write new content in this update. */
			clients: Set<number>;
	  }
	/** Depends on content the document lacks (e.g. offline edits still to come): wait for it. */
	| { ready: false };

type Struct = Y.Item | Y.GC | Y.Skip;
type Id = { client: number; clock: number };
interface Place {
	/** null: the item lands in deleted content, where Yjs keeps no trace of it but its id. */
	parent: TypePath | null;
	key: string | null;
}

/** Decodes an update completely and checks its values; throws `RejectedMessage` if it is bad. */
export function decodeChecked(
	update: Uint8Array,
	limits: ValueLimits = defaultValueLimits
): ReturnType<typeof Y.decodeUpdate> {
	let decoded: ReturnType<typeof Y.decodeUpdate>;
	try {
		decoded = Y.decodeUpdate(update);
	} catch (error) {
		// Also a RangeError from lib0's recursive reader on absurdly nested values.
		throw new RejectedMessage(`malformed update (${(error as Error).message})`);
	}
	for (const struct of decoded.structs) {
		if (!(struct instanceof Y.Item)) continue;
		const content = struct.content;
		if (content instanceof Y.ContentDoc)
			throw new RejectedMessage('sub-documents are not supported');
		const values = contentValues(content);
		if (values && exceedsDepth(values, limits.maxValueDepth))
			throw new RejectedMessage('value nested too deeply');
	}
	return decoded;
}

function contentValues(content: Y.Item['content']): unknown[] | null {
	if (content instanceof Y.ContentAny) return content.arr;
	if (content instanceof Y.ContentJSON) return content.arr;
	if (content instanceof Y.ContentEmbed) return [content.embed];
	if (content instanceof Y.ContentFormat) return [content.value];
	return null;
}

/** Iterative, so a hostile value cannot overflow the stack while it is being measured. */
function exceedsDepth(values: unknown[], maxDepth: number): boolean {
	const stack: [unknown, number][] = values.map((value) => [value, 1]);
	while (stack.length) {
		const [value, depth] = stack.pop()!;
		if (typeof value !== 'object' || value === null || value instanceof Uint8Array) continue;
		if (depth > maxDepth) return true;
		for (const child of Object.values(value)) stack.push([child, depth + 1]);
	}
	return false;
}

/**
 * Inspects an update against the document it would be applied to. Throws `RejectedMessage` for
 * malformed or over-limit input; returns `{ ready: false }` when it depends on missing content.
 */
export function inspectUpdate(
	doc: Y.Doc,
	update: Uint8Array,
	limits: ValueLimits = defaultValueLimits
): Inspection {
	try {
		return inspect(doc, update, limits);
	} catch (error) {
		// Forged ids can send Yjs's lookups into cases it does not expect: still just bad input.
		if (error instanceof RejectedMessage) throw error;
		throw new RejectedMessage(`malformed update (${(error as Error).message})`);
	}
}

function inspect(doc: Y.Doc, update: Uint8Array, limits: ValueLimits): Inspection {
	const { structs, ds } = decodeChecked(update, limits);
	const store = doc.store;
	const inUpdate = new Map<number, Y.Item[]>();
	for (const struct of structs) {
		if (struct instanceof Y.Skip) return { ready: false };
		if (!(struct instanceof Y.Item)) continue;
		const list = inUpdate.get(struct.id.client) ?? [];
		list.push(struct);
		inUpdate.set(struct.id.client, list);
	}
	const known = (id: Id) => id.clock < Y.getState(store, id.client);
	const fromUpdate = (id: Id): Y.Item | null => findIn(inUpdate.get(id.client), id.clock);

	// Gaps: a client's new content must continue where the document's copy of that client ends.
	const updateEnd = new Map<number, number>();
	for (const struct of structs as Struct[]) {
		const { client, clock } = struct.id;
		const end = updateEnd.get(client);
		if (end === undefined && clock > Y.getState(store, client)) return { ready: false };
		if (end !== undefined && clock !== end) return { ready: false };
		updateEnd.set(client, clock + struct.length);
	}

	const places = new PlaceResolver(doc, fromUpdate, limits.maxTypeDepth);
	const items: NewItem[] = [];
	const clients = new Set<number>();
	for (const struct of structs) {
		if (!(struct instanceof Y.Item)) continue;
		const { client, clock } = struct.id;
		if (clock + struct.length <= Y.getState(store, client)) continue;
		for (const ref of [struct.origin, struct.rightOrigin, idOrNull(struct.parent)]) {
			if (!ref) continue;
			// Yjs integrates a client's structs in clock order and assumes its own earlier ones are
			// there: a reference forward, or to itself, breaks integration half-way.
			if (ref.client === client && ref.clock >= clock)
				throw new RejectedMessage('update refers forward');
			if (!known(ref) && !fromUpdate(ref)) return { ready: false };
		}
		const place = places.of(struct);
		if (!place) return { ready: false };
		clients.add(client);
		if (!place.parent) continue;
		const content = struct.content;
		items.push({
			client,
			parent: place.parent,
			key: place.key,
			values:
				content instanceof Y.ContentAny || content instanceof Y.ContentJSON ? content.arr : null,
			text: content instanceof Y.ContentString ? content.str : null
		});
	}

	const deletes: DeletedItem[] = [];
	for (const [client, ranges] of ds.clients) {
		const available = Math.max(Y.getState(store, client), updateEnd.get(client) ?? 0);
		for (const { clock, len } of ranges) {
			if (clock + len > available) return { ready: false };
			for (const item of itemsInRange(doc, client, clock, clock + len)) {
				const place = places.ofDocItem(item);
				if (place?.parent)
					deletes.push({
						parent: place.parent,
						key: place.key,
						length: deletedLength(item, clock, clock + len)
					});
			}
		}
	}
	return { ready: true, items, deletes, clients };
}

/** How much of an item a delete range covers (a range can start or end inside an item). */
function deletedLength(item: Y.Item, from: number, to: number): number {
	const start = Math.max(from, item.id.clock);
	const end = Math.min(to, item.id.clock + item.length);
	return Math.max(0, end - start);
}

function idOrNull(parent: unknown): Id | null {
	return parent && typeof parent === 'object' && 'client' in parent ? (parent as Id) : null;
}

function findIn(list: Y.Item[] | undefined, clock: number): Y.Item | null {
	if (!list) return null;
	let low = 0;
	let high = list.length - 1;
	while (low <= high) {
		const mid = (low + high) >> 1;
		const item = list[mid];
		if (clock < item.id.clock) high = mid - 1;
		else if (clock >= item.id.clock + item.length) low = mid + 1;
		else return item;
	}
	return null;
}

/**
 * Live items of the document in one client's clock range. Items already deleted are skipped: a
 * stock client's sync step 2 repeats the whole delete set, and deleting again changes nothing.
 */
function* itemsInRange(doc: Y.Doc, client: number, from: number, to: number): Generator<Y.Item> {
	const structs = doc.store.clients.get(client);
	if (!structs || from >= Y.getState(doc.store, client)) return;
	for (let i = Y.findIndexSS(structs, from); i < structs.length; i++) {
		const struct = structs[i];
		if (struct.id.clock >= to) return;
		if (struct instanceof Y.Item && !struct.deleted) yield struct;
	}
}

/**
 * Finds each item's parent type and key. An item in an update names its parent only when it has
 * no neighbours; otherwise it shares the parent and key of its origin (as Yjs integrates it), so
 * the chain is followed, iteratively, through the update and into the document.
 */
class PlaceResolver {
	readonly #memo = new Map<Y.Item, Place | null>();
	readonly #roots = new Map<unknown, string>();

	constructor(
		readonly doc: Y.Doc,
		readonly fromUpdate: (id: Id) => Y.Item | null,
		readonly maxTypeDepth: number
	) {
		for (const [name, type] of doc.share) this.#roots.set(type, name);
	}

	/** Place of a document item (already integrated: its parent is a type). */
	ofDocItem(item: Y.Item): Place | null {
		const path: (string | null)[] = [];
		let type = item.parent as Y.AbstractType<unknown> | null;
		for (let depth = 0; type; depth++) {
			if (depth > this.maxTypeDepth) throw new RejectedMessage('types nested too deeply');
			const owner = type._item;
			if (!owner) {
				const root = this.#roots.get(type);
				if (root === undefined) return null;
				path.unshift(root);
				return { parent: path, key: item.parentSub };
			}
			path.unshift(owner.parentSub);
			type = owner.parent as Y.AbstractType<unknown> | null;
		}
		return null;
	}

	/** The item with this id: from the update, from the document, 'gone' if collected, or null. */
	#item(id: Id): { item: Y.Item; inDoc: boolean } | 'gone' | null {
		const own = this.fromUpdate(id);
		if (own) return { item: own, inDoc: false };
		if (id.clock >= Y.getState(this.doc.store, id.client)) return null;
		const found = Y.getItem(this.doc.store, id as Y.ID);
		return found instanceof Y.Item ? { item: found, inDoc: true } : 'gone';
	}

	/** Place of an item from the update. */
	of(start: Y.Item): Place | null {
		// Walk towards something whose place is known, then fill in the places on the way back.
		const chain: { item: Y.Item; step: 'sibling' | 'child' }[] = [];
		const seen = new Set<Y.Item>();
		let base: Place | null = null;
		let current: Y.Item = start;
		for (;;) {
			if (this.#memo.has(current)) {
				base = this.#memo.get(current)!;
				break;
			}
			const parent = current.parent as unknown;
			if (typeof parent === 'string') {
				base = { parent: [parent], key: current.parentSub };
				this.#memo.set(current, base);
				break;
			}
			const parentId = idOrNull(parent);
			const ref: Id | null = parentId ?? current.origin ?? current.rightOrigin;
			const next = ref ? this.#item(ref) : null;
			if (!next) {
				base = null;
				break;
			}
			if (next === 'gone') {
				chain.push({ item: current, step: 'sibling' });
				base = { parent: null, key: null };
				break;
			}
			chain.push({ item: current, step: parentId ? 'child' : 'sibling' });
			seen.add(current);
			if (next.inDoc) {
				base = this.ofDocItem(next.item);
				break;
			}
			// Forged origins can form a loop; Yjs could not place such an item either.
			if (seen.has(next.item)) throw new RejectedMessage('update refers to itself');
			current = next.item;
		}
		// `base` is the place of the item the last link points to.
		let place = base;
		for (let i = chain.length - 1; i >= 0; i--) {
			const { item, step } = chain[i];
			if (place && !place.parent) {
				place = { parent: null, key: null };
			} else if (place && place.parent && step === 'child') {
				const path = [...place.parent, place.key];
				if (path.length > this.maxTypeDepth) throw new RejectedMessage('types nested too deeply');
				place = { parent: path, key: item.parentSub };
			} else if (place && step === 'sibling') {
				place = { parent: place.parent, key: place.key };
			} else {
				place = null;
			}
			this.#memo.set(item, place);
		}
		return this.#memo.get(start) ?? base;
	}
}
