import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { deleteSetUpdate, nestedAny, replaceBytes, syncMessage } from './bytes';

/** The kinds of live document a workshop has (src/lib/collab/documents.ts). */
export type RoomKind = 'content' | 'control' | 'private';

/** Root maps the app reads in each kind of document: hostile edits land where app code looks. */
export const appRoots: Record<RoomKind, string[]> = {
	content: ['cards', 'clusters', 'measures'],
	control: ['control', 'votes'],
	// Older versions' drafts; today's are a list of maps (`draftLike`).
	private: ['cards']
};

/** Parts of the control document only the server writes (vote results and counts). */
export const serverOnlyRoots = ['voteResults', 'voteDone', 'draftCounts'];

/** Keys the app reads inside those maps (card fields, control entries), and some it does not. */
export const appKeys = [
	'text',
	'x',
	'y',
	'colour',
	'board',
	'cluster',
	'createdAt',
	'locked',
	'plan',
	'timer',
	'settings',
	'followMe',
	'status',
	'goalIds',
	'roundId',
	'results',
	'__proto__',
	'constructor',
	''
];

export type EditKind =
	| 'mapSet'
	| 'cardLike'
	| 'draftLike'
	| 'text'
	| 'array'
	| 'xml'
	| 'subdoc'
	| 'typeConfusion'
	| 'deleteOwn';

export interface EditParams {
	kind: EditKind;
	root: number;
	key: number;
	value: unknown;
	index: number;
	length: number;
}

const marker = 'qw-fuzz-marker-qw';

/**
 * The attacker's own copy of a document: a real Y.Doc and Awareness that produce valid messages
 * (the stock client's), which the attacks then send as they are or twist. It also learns the
 * room's content from the server's answers, so it can edit and delete what others wrote.
 */
export class Forge {
	readonly doc = new Y.Doc();
	readonly awareness = new awarenessProtocol.Awareness(this.doc);
	/** Ids of items this forge created, so hand-made deletes can aim at real content. */
	readonly created: { client: number; clock: number }[] = [];

	constructor(readonly kind: RoomKind) {}

	/** Applies what the server sent (its sync answers, others' updates and presence). */
	receive(message: Uint8Array): void {
		try {
			const decoder = decoding.createDecoder(message);
			const type = decoding.readVarUint(decoder);
			if (type === 0) {
				const step = decoding.readVarUint(decoder);
				if (step === 1 || step === 2)
					Y.applyUpdate(this.doc, decoding.readVarUint8Array(decoder), 'server');
			} else if (type === 1) {
				awarenessProtocol.applyAwarenessUpdate(
					this.awareness,
					decoding.readVarUint8Array(decoder),
					'server'
				);
			}
		} catch {
			// The server's messages are not under test here; a forge that cannot read one carries on.
		}
	}

	syncStep1(): Uint8Array {
		return syncMessage(0, Y.encodeStateVector(this.doc));
	}

	/** Everything this forge knows, as the stock client answers a sync step 1. */
	syncStep2(): Uint8Array {
		return syncMessage(1, Y.encodeStateAsUpdate(this.doc));
	}

	stateVector(): Uint8Array {
		return Y.encodeStateVector(this.doc);
	}

	/** Makes one edit and returns its update (empty when the edit changed nothing). */
	edit(params: EditParams): Uint8Array {
		if (params.kind === 'typeConfusion') return typeConfusion(this.kind, params);
		return this.#capture(() => this.#apply(params));
	}

	/** A y-websocket update message (sync step "update") carrying `update`. */
	static updateMessage(update: Uint8Array): Uint8Array {
		return syncMessage(2, update);
	}

	/** Presence as the stock client sends it, with a state of the attacker's choosing. */
	awarenessMessage(state: unknown): Uint8Array {
		this.awareness.setLocalState(state as Record<string, unknown> | null);
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, 1);
		encoding.writeVarUint8Array(
			encoder,
			awarenessProtocol.encodeAwarenessUpdate(this.awareness, [this.doc.clientID])
		);
		return encoding.toUint8Array(encoder);
	}

	/**
	 * An update that depends on an edit the server never received: the first edit is made and kept
	 * back, the second builds on it and is the only one returned.
	 */
	missingDependency(params: EditParams): Uint8Array {
		const text = this.doc.getText(`notes-${params.root % 3}`);
		text.insert(text.length, 'kept back ');
		const before = Y.encodeStateVector(this.doc);
		text.insert(text.length, 'depends on it');
		this.#apply(params);
		return Y.encodeStateAsUpdate(this.doc, before);
	}

	/**
	 * An edit under someone else's client id, continuing their clock: what a participant would do
	 * to overwrite another's offline edits. Picks a client id the forge has seen in the room.
	 */
	foreignClient(params: EditParams, pick: number): Uint8Array {
		const others = [...Y.decodeStateVector(Y.encodeStateVector(this.doc)).keys()].filter(
			(id) => id !== this.doc.clientID
		);
		const own = this.doc.clientID;
		this.doc.clientID = others.length ? others[pick % others.length] : (pick >>> 0) + 1;
		try {
			return this.edit(params);
		} finally {
			this.doc.clientID = own;
		}
	}

	/** A map entry whose plain JSON value is nested `depth` levels deep (arrays or objects). */
	deepValue(root: string, depth: number, shape: 'array' | 'object'): Uint8Array {
		const doc = new Y.Doc();
		doc.getMap(root).set(`deep-${depth}`, marker);
		const template = Y.encodeStateAsUpdate(doc);
		const needle = new TextEncoder().encode(marker);
		// lib0 writes a string as tag 119, its byte length, then the bytes.
		const tagged = new Uint8Array([119, needle.length, ...needle]);
		return replaceBytes(template, tagged, nestedAny(depth, shape));
	}

	/**
	 * Shared types nested `depth` levels (a map in a map in a map …). Decoding them is flat, but
	 * deleting or collecting them walks the nesting.
	 */
	deepTypes(root: string, depth: number): Uint8Array {
		return this.#capture(() => {
			this.doc.transact(() => {
				let parent = this.doc.getMap(root);
				const top = new Y.Map();
				parent.set(`types-${depth}`, top);
				this.#remember(top);
				parent = top;
				for (let i = 0; i < depth; i++) {
					const child = new Y.Map();
					parent.set('a', child);
					parent = child;
				}
			});
		});
	}

	/** Deletes by id (hand-made): content the forge created, someone else's, or nothing at all. */
	deleteById(pick: number, length: number, anywhere: boolean): Uint8Array {
		if (!anywhere && this.created.length) {
			const id = this.created[pick % this.created.length];
			return deleteSetUpdate([{ ...id, length: Math.max(1, length) }]);
		}
		return deleteSetUpdate([{ client: pick, clock: length % 1000, length: Math.max(1, length) }]);
	}

	#capture(change: () => void): Uint8Array {
		let update: Uint8Array = new Uint8Array([0, 0]);
		const grab = (u: Uint8Array, origin: unknown) => {
			if (origin !== 'server') update = u;
		};
		this.doc.on('update', grab);
		try {
			change();
		} finally {
			this.doc.off('update', grab);
		}
		return update;
	}

	#remember(type: { _item: Y.Item | null }): void {
		const item = type._item;
		if (item) this.created.push({ client: item.id.client, clock: item.id.clock });
	}

	#apply({ kind, root: r, key: k, value, index, length }: EditParams): void {
		const roots = appRoots[this.kind];
		const root = roots[r % roots.length];
		const key = appKeys[k % appKeys.length] || `k${k}`;
		switch (kind) {
			case 'mapSet':
				this.doc.getMap(root).set(key, value);
				return;
			case 'cardLike': {
				const fields = new Y.Map<unknown>();
				this.doc.getMap(root).set(`card-${k}`, fields);
				this.#remember(fields);
				fields.set(appKeys[index % appKeys.length] || 'text', value);
				fields.set('text', typeof value === 'string' ? value : JSON.stringify(value ?? null));
				return;
			}
			case 'draftLike': {
				// A private document's drafts: a list of maps with the card's fields and an id.
				const list = this.doc.getArray<Y.Map<unknown>>(
					this.kind === 'private' ? 'drafts' : `list-${r % 3}`
				);
				const fields = new Y.Map<unknown>();
				list.insert(Math.min(index, list.length), [fields]);
				this.#remember(fields);
				fields.set('id', `d${k}`);
				fields.set(appKeys[index % appKeys.length] || 'text', value);
				return;
			}
			case 'text': {
				const text = this.doc.getText(`notes-${r % 3}`);
				const at = Math.min(index, text.length);
				if (length % 3 === 0 && text.length > 0)
					text.delete(Math.min(at, text.length - 1), Math.min(length, text.length - at) || 1);
				else text.insert(at, String(value ?? '').slice(0, 200), length % 2 ? { bold: true } : {});
				return;
			}
			case 'array': {
				const array = this.doc.getArray<unknown>(`list-${r % 3}`);
				array.insert(Math.min(index, array.length), [value]);
				return;
			}
			case 'xml': {
				const fragment = this.doc.getXmlFragment(`xml-${r % 2}`);
				const element = new Y.XmlElement(key.replace(/\W/g, '') || 'p');
				fragment.insert(Math.min(index, fragment.length), [element]);
				element.setAttribute('data', String(value ?? ''));
				element.insert(0, [new Y.XmlText(String(length))]);
				return;
			}
			case 'subdoc': {
				const sub = new Y.Doc({ guid: `sub-${k}` });
				this.doc.getMap(root).set(`sub-${k}`, sub);
				return;
			}
			case 'deleteOwn': {
				const map = this.doc.getMap(root);
				const keys = [...map.keys()];
				if (keys.length) map.delete(keys[index % keys.length]);
				else map.set(key, value);
				return;
			}
		}
	}

	destroy(): void {
		this.awareness.destroy();
		this.doc.destroy();
	}
}

/**
 * The app's maps written as other types (list items, text, XML): the server's copy and the app
 * read them as maps. Made in a separate document, which may type the root as it likes.
 */
function typeConfusion(kind: RoomKind, { root: r, value, index }: EditParams): Uint8Array {
	const doc = new Y.Doc();
	const root = appRoots[kind][r % appRoots[kind].length];
	const pickType = index % 3;
	if (pickType === 0) doc.getArray(root).insert(0, [value]);
	else if (pickType === 1) doc.getText(root).insert(0, String(value ?? 'x'));
	else doc.getXmlFragment(root).insert(0, [new Y.XmlText('x')]);
	const update = Y.encodeStateAsUpdate(doc);
	doc.destroy();
	return update;
}
