import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createStaff } from '../../../../tests/helpers/fixtures';
import { describeEachStore, type TestStore } from '../../../../tests/helpers/stores';
import {
	syntheticDistricts,
	syntheticOptionsFor
} from '../../../../tests/helpers/synthetic-districts';
import type { User } from '../accounts';
import {
	defaultLimits,
	ImportFailure,
	importFailureMessages,
	withImportThread
} from './import-thread';
import { inspectUpload, runDistrictUpload, type UploadedFile } from './uploads';

const fileOf = (text: string): UploadedFile => ({
	name: 'synthetic.geojson',
	bytes: new TextEncoder().encode(text)
});
const formOf = (fields: Record<string, string>) => {
	const form = new FormData();
	for (const [name, value] of Object.entries(fields)) form.append(name, value);
	return form;
};

// 400 parents whose codes do not nest, 3,600 children of 100 vertices (about 8 MB): every parent is
// found by location, which took minutes when each child was tested against each parent.
const layers = syntheticDistricts(syntheticOptionsFor(8, { parentsPerSide: 20 }));

describeEachStore('imports on the import thread', (open) => {
	let store: TestStore;
	let planner: User;
	beforeEach(async () => {
		store = await open();
		planner = await createStaff(store.db, 'planner');
		const parents = await runDistrictUpload(
			store.db,
			formOf({ idProperty: 'id', nameProperty: 'name', level: 'bezirk' }),
			fileOf(layers.parentText),
			planner.id
		);
		expect(parents).toMatchObject({ ok: true, total: 400 });
	});
	afterEach(() => store.dispose());

	const importChildren = (
		parents: Record<string, string>,
		onProgress?: Parameters<typeof runDistrictUpload>[4]
	) =>
		runDistrictUpload(
			store.db,
			formOf({ idProperty: 'code', nameProperty: 'name', level: 'raum', ...parents }),
			fileOf(layers.childText),
			planner.id,
			onProgress
		);

	test('thousands of areas find their parents by location, each the right one', async () => {
		const outcome = await importChildren({ parentMode: 'location', parentLevel: 'bezirk' });
		expect(outcome).toMatchObject({ ok: true, total: layers.childCount, added: layers.childCount });
		const stored = await store.db.all<{ code: string; parent_code: string; parent_level: string }>(
			"SELECT code, parent_code, parent_level FROM districts WHERE level = 'raum'"
		);
		expect(stored).toHaveLength(layers.childCount);
		const wrong = stored.filter(
			(row) =>
				row.parent_level !== 'bezirk' || row.parent_code !== layers.expectedParent.get(row.code)
		);
		expect(wrong).toEqual([]);
	});

	test('the event loop keeps turning while the file is parsed', async () => {
		// Counts the event loop's turns from "check 0/1" to "check 1/1", while the file is parsed. On
		// the main thread that was one synchronous call: the count stayed 0, and the loop, with every
		// live workshop, stood still. setImmediate runs once per turn, so no timing is involved.
		let turns = 0;
		let parsing = false;
		const turn = () => {
			if (!parsing) return;
			turns++;
			setImmediate(turn);
		};
		// Without parents, so that nothing but the parsing happens in between.
		const outcome = await importChildren({}, (event) => {
			if (event.phase !== 'check') return;
			parsing = event.done === 0;
			if (parsing) setImmediate(turn);
		});
		expect(outcome.ok).toBe(true);
		expect(turns).toBeGreaterThan(0);
	});
});

describe('failures on the import thread', () => {
	test('a file nested too deep is refused in plain words, and the thread is gone', async () => {
		const deep = `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"a":${'['.repeat(200_000)}${']'.repeat(200_000)}}}]}`;
		expect(await inspectUpload('districts', fileOf(deep))).toEqual({
			ok: false,
			message: importFailureMessages.tooDeep
		});
	});

	test('a thread that runs out of memory is an import error; the process carries on', async () => {
		const failure = await withImportThread(
			(thread) => {
				const bytes = new TextEncoder().encode(layers.childText);
				return thread.run({ type: 'inspect', kind: 'districts', file: bytes }, [bytes.buffer]);
			},
			{ ...defaultLimits, heapMb: 8 }
		).catch((error: unknown) => error);
		expect(failure).toBeInstanceOf(ImportFailure);
		expect((failure as ImportFailure).message).toBe(importFailureMessages.memory);
		// The next import gets a fresh thread.
		expect(await inspectUpload('districts', fileOf(layers.parentText))).toMatchObject({
			ok: true,
			featureCount: 400
		});
	});

	test('a thread that takes too long is stopped and reported', async () => {
		const failure = await withImportThread(
			(thread) => {
				const bytes = new TextEncoder().encode(layers.childText);
				return thread.run({ type: 'inspect', kind: 'districts', file: bytes }, [bytes.buffer]);
			},
			// Shorter than starting a thread takes, so the limit always strikes first.
			{ ...defaultLimits, timeMs: 1 }
		).catch((error: unknown) => error);
		expect(failure).toBeInstanceOf(ImportFailure);
		expect((failure as ImportFailure).message).toBe(importFailureMessages.timeout);
	});
});
