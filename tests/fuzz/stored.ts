import fc from 'fast-check';
import * as Y from 'yjs';
import type { Db } from '../../src/lib/server/db';
import { params, type Params } from './attacks';
import { concat, deleteSetUpdate, endlessVarUint, varUint } from './bytes';
import { appRoots, Forge, type RoomKind } from './forge';

/**
 * Garbage written straight into the store (a broken disk, a bad migration, an old bug, or content a
 * running server accepted): rows of `doc_updates` and a `doc_snapshots` row, as
 * server/sync/persistence.ts reads them when a document is loaded.
 */
export interface StoredDocument {
	variant: string;
	snapshot: Uint8Array | null;
	updates: Uint8Array[];
}

/** Real content of the kind the app keeps, so garbage sits beside valid rows. */
function baseUpdate(kind: RoomKind, p: Params): Uint8Array {
	const forge = new Forge(kind);
	for (let i = 0; i < 3; i++)
		forge.edit({
			kind: 'cardLike',
			root: 0,
			key: p.a + i,
			value: `Karte ${i}`,
			index: i,
			length: 1
		});
	const update = Y.encodeStateAsUpdate(forge.doc);
	forge.destroy();
	return update;
}

function bitflip(bytes: Uint8Array, p: Params): Uint8Array {
	const copy = bytes.slice();
	copy[p.b % copy.length] ^= 1 << (p.c % 8);
	return copy;
}

const variants: Record<string, (kind: RoomKind, p: Params, base: Uint8Array) => StoredDocument> = {
	randomRow: (_, p, base) => ({ variant: 'randomRow', snapshot: null, updates: [base, p.bytes] }),
	emptyRow: (_, __, base) => ({
		variant: 'emptyRow',
		snapshot: null,
		updates: [base, new Uint8Array(0)]
	}),
	truncatedRow: (_, p, base) => ({
		variant: 'truncatedRow',
		snapshot: null,
		updates: [base.slice(0, p.a % base.length)]
	}),
	bitflippedRow: (_, p, base) => ({
		variant: 'bitflippedRow',
		snapshot: null,
		updates: [bitflip(base, p)]
	}),
	hugeLengthRow: (_, p, base) => ({
		variant: 'hugeLengthRow',
		snapshot: null,
		updates: [base, p.a % 2 ? concat(varUint(p.big), base.subarray(1)) : endlessVarUint(12)]
	}),
	deepValueRow: (kind, p, base) => {
		const forge = new Forge(kind);
		const deep = forge.deepValue(
			appRoots[kind][0],
			3000 + (p.depth % 7000),
			p.a % 2 ? 'array' : 'object'
		);
		forge.destroy();
		return { variant: 'deepValueRow', snapshot: null, updates: [base, deep] };
	},
	deepTypesRow: (kind, p, base) => {
		const forge = new Forge(kind);
		const deep = forge.deepTypes(appRoots[kind][0], 1000 + (p.depth % 4000));
		forge.destroy();
		return { variant: 'deepTypesRow', snapshot: null, updates: [base, deep] };
	},
	missingDependencyRow: (kind, p, base) => {
		const forge = new Forge(kind);
		const update = forge.missingDependency({
			kind: 'text',
			root: 0,
			key: 0,
			value: 'x',
			index: 0,
			length: 1
		});
		forge.destroy();
		return { variant: 'missingDependencyRow', snapshot: null, updates: [base, update] };
	},
	v2Row: (_, __, base) => ({
		variant: 'v2Row',
		snapshot: null,
		updates: [Y.convertUpdateFormatV1ToV2(base)]
	}),
	garbageSnapshot: (_, p, base) => ({
		variant: 'garbageSnapshot',
		snapshot: p.bytes,
		updates: [base]
	}),
	truncatedSnapshot: (_, p, base) => ({
		variant: 'truncatedSnapshot',
		snapshot: base.slice(0, p.a % base.length),
		updates: []
	}),
	hugeDeleteRow: (_, p, base) => ({
		variant: 'hugeDeleteRow',
		snapshot: base,
		updates: [deleteSetUpdate([{ client: p.a, clock: 0, length: p.big || 1 }])]
	}),
	manyRows: (kind, p) => {
		const forge = new Forge(kind);
		const updates: Uint8Array[] = [];
		for (let i = 0; i < 1000 + (p.a % 3000); i++)
			updates.push(forge.edit({ kind: 'text', root: 0, key: i, value: 'a', index: i, length: 1 }));
		forge.destroy();
		return { variant: 'manyRows', snapshot: null, updates };
	},
	typeConfusionRows: (kind, p, base) => {
		const forge = new Forge(kind);
		const confused = forge.edit({
			kind: 'typeConfusion',
			root: p.a,
			key: 0,
			value: 'x',
			index: p.b,
			length: 0
		});
		forge.destroy();
		return { variant: 'typeConfusionRows', snapshot: base, updates: [confused] };
	},
	appGarbageRows: (kind, p, base) => {
		const forge = new Forge(kind);
		const updates = [base];
		for (let i = 0; i < 20; i++)
			updates.push(
				forge.edit({
					kind: i % 2 ? 'mapSet' : 'cardLike',
					root: p.a + i,
					key: p.b + i,
					value: p.value,
					index: i,
					length: i
				})
			);
		forge.destroy();
		return { variant: 'appGarbageRows', snapshot: null, updates };
	}
};

export const storedVariants = Object.keys(variants);

/** A seeded choice of garbage for each document of a round. */
export function sampleStored(
	seed: number,
	round: number,
	kinds: RoomKind[],
	skip: ReadonlySet<string>
) {
	const allowed = storedVariants.filter((v) => !skip.has(`stored.${v}`));
	if (!allowed.length) return kinds.map(() => null);
	const draws = fc.sample(fc.record({ variant: fc.constantFrom(...allowed), p: params }), {
		seed: (seed ^ (round * 104729)) | 0,
		numRuns: kinds.length
	});
	return kinds.map((kind, i) => {
		const { variant, p } = draws[i];
		return variants[variant](kind, p, baseUpdate(kind, p));
	});
}

/** Replaces everything stored for `doc` with the given rows. */
export async function writeStored(
	db: Db,
	doc: string,
	stored: Pick<StoredDocument, 'snapshot' | 'updates'>
) {
	await clearStored(db, doc);
	const now = Date.now();
	await db.transaction(async (tx) => {
		if (stored.snapshot)
			await tx.run('INSERT INTO doc_snapshots (doc, data, updated_at) VALUES (?, ?, ?)', [
				doc,
				stored.snapshot,
				now
			]);
		for (const update of stored.updates)
			await tx.run('INSERT INTO doc_updates (doc, data, created_at) VALUES (?, ?, ?)', [
				doc,
				update,
				now
			]);
	});
}

export async function clearStored(db: Db, doc: string): Promise<void> {
	await db.run('DELETE FROM doc_updates WHERE doc = ?', [doc]);
	await db.run('DELETE FROM doc_snapshots WHERE doc = ?', [doc]);
}

/** What the store holds for `doc`, in load order. */
export async function readStored(db: Db, doc: string): Promise<StoredDocument> {
	const snapshot = await db.get<{ data: Uint8Array }>(
		'SELECT data FROM doc_snapshots WHERE doc = ?',
		[doc]
	);
	const rows = await db.all<{ data: Uint8Array }>(
		'SELECT data FROM doc_updates WHERE doc = ? ORDER BY id',
		[doc]
	);
	return {
		variant: 'as stored',
		snapshot: snapshot ? new Uint8Array(snapshot.data) : null,
		updates: rows.map((row) => new Uint8Array(row.data))
	};
}
