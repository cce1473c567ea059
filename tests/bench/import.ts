/**
 * `npm run bench:import [-- --sizes=5,50] [--postgres]`: imports made-up district files of about 5
 * and 50 MB into a real store (SQLite, or PostgreSQL at TEST_DATABASE_URL) through the same
 * functions as the upload route (request body, form reading, parsing on the import thread, parents
 * by location, storing), while the event loop's delay is sampled. Each file has many areas with many
 * vertices and a parent level of 10,000 areas whose codes do not nest, so every parent is found by
 * location. Prints a table and a final JSON line. A script, not a test: it never fails on timing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { maxImportBytes } from '../../src/lib/domain/planning/import-size';
import type { Db } from '../../src/lib/server/db';
import { readUpload, runDistrictUpload } from '../../src/lib/server/planning/uploads';
import { createStaff } from '../helpers/fixtures';
import { openPostgresStore, openSqliteStore, type TestStore } from '../helpers/stores';
import { syntheticDistricts, syntheticOptionsFor } from '../helpers/synthetic-districts';

/** `--postgres` imports into PostgreSQL at TEST_DATABASE_URL (a schema of its own) instead. */
const postgres = process.argv.includes('--postgres');
const sizes = (process.argv.find((a) => a.startsWith('--sizes='))?.slice(8) ?? '5,50')
	.split(',')
	.map(Number);
/** 10,000 parents of 40 vertices, children of 48 vertices: location matching on every child. */
const shape = { parentsPerSide: 100, parentVerticesPerSide: 10, childVerticesPerSide: 12 };

interface Run {
	level: string;
	mb: number;
	districts: number;
	ms: number;
	loopDelayP50Ms: number;
	loopDelayP99Ms: number;
	loopDelayMaxMs: number;
	wrongParents: number;
	readMs: number;
	checkMs: number;
	storeMs: number;
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/** A child file of about `mb` MB, at most the import limit (the size per area is estimated). */
function fileOf(mb: number) {
	const options = syntheticOptionsFor(mb, shape);
	const file = syntheticDistricts(options);
	const bytes = Buffer.byteLength(file.childText);
	if (bytes <= maxImportBytes) return file;
	const childCount = Math.floor((options.childCount ?? 0) * ((maxImportBytes * 0.999) / bytes));
	return syntheticDistricts({ ...options, childCount });
}

/**
 * The upload as the server receives it: the multipart body of the form's fields and the file,
 * arriving in 64 kB pieces as from a socket. Encoded before the clock starts.
 */
async function uploadRequest(text: string, fields: Record<string, string>): Promise<Request> {
	const form = new FormData();
	for (const [name, value] of Object.entries(fields)) form.append(name, value);
	form.append('file', new File([text], 'synthetic.geojson', { type: 'application/geo+json' }));
	const encoded = new Response(form);
	const contentType = encoded.headers.get('content-type') ?? '';
	const body = new Uint8Array(await encoded.arrayBuffer());
	let sent = 0;
	const stream = new ReadableStream<Uint8Array>({
		pull(controller) {
			if (sent >= body.length) return controller.close();
			controller.enqueue(body.slice(sent, sent + 65536));
			sent += 65536;
		}
	});
	return new Request('http://localhost/districts/import/run', {
		method: 'POST',
		headers: { 'content-type': contentType, 'content-length': String(body.length) },
		body: stream,
		duplex: 'half'
	} as RequestInit);
}

/**
 * The upload, with the time of its parts: reading the request (body and form), checking the file
 * on the thread (parse, geometry, parents; includes reading the parent level), storing (the write
 * transaction, from its first batch to the commit).
 */
async function upload(db: Db, userId: string, request: Request) {
	const marks: Record<string, number> = { start: performance.now() };
	const read = await readUpload(request);
	if (!read.ok) throw new Error(read.errors.map((e) => e.message).join('\n'));
	marks.read = performance.now();
	const outcome = await runDistrictUpload(db, read.form, read.file, userId, (event) => {
		if (event.phase === 'check' && event.done === 1) marks.checked = performance.now();
	});
	if (!outcome.ok) throw new Error(outcome.errors.map((e) => e.message).join('\n'));
	const end = performance.now();
	return {
		outcome,
		readMs: Math.round(marks.read - marks.start),
		checkMs: Math.round(marks.checked - marks.read),
		storeMs: Math.round(end - marks.checked)
	};
}

async function openStore(): Promise<TestStore> {
	if (postgres) return openPostgresStore();
	const dir = mkdtempSync(join(tmpdir(), 'qw-bench-import-'));
	const store = await openSqliteStore(dir);
	return {
		db: store.db,
		async dispose() {
			await store.dispose();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

const collectGarbage = () => (globalThis as { gc?: () => void }).gc?.();

/**
 * How late a timer fires, sampled every 10 ms: how long a live workshop's message would have waited
 * for the main thread. Measured with nothing running too, for the machine's own share.
 */
async function idleDelay(ms: number) {
	const delay = monitorEventLoopDelay({ resolution: 10 });
	delay.enable();
	await new Promise((resolve) => setTimeout(resolve, ms));
	delay.disable();
	return { p99: round(delay.percentile(99) / 1e6), max: round(delay.max / 1e6) };
}

async function main() {
	const store = await openStore();
	const { db } = store;
	const planner = await createStaff(db, 'planner', 'Bench');

	const parents = syntheticDistricts({ ...shape, childColumns: 1, childRows: 1, childCount: 0 });
	const started = performance.now();
	await upload(
		db,
		planner.id,
		await uploadRequest(parents.parentText, {
			idProperty: 'id',
			nameProperty: 'name',
			level: 'bezirk'
		})
	);
	console.log(
		`parent level: ${parents.parentCount} areas, ` +
			`${round(parents.parentText.length / 1048576)} MB, ${Math.round(performance.now() - started)} ms`
	);

	collectGarbage();
	const idle = await idleDelay(3000);
	console.log(`loop delay with nothing running: p99 ${idle.p99} ms, max ${idle.max} ms`);

	const runs: Run[] = [];
	for (const mb of sizes) {
		const level = `raum${runs.length + 1}`;
		const { request, bytes, expectedParent, childCount } = await (async () => {
			const file = fileOf(mb);
			const fields = {
				idProperty: 'code',
				nameProperty: 'name',
				level,
				parentMode: 'location',
				parentLevel: 'bezirk'
			};
			return {
				request: await uploadRequest(file.childText, fields),
				bytes: Buffer.byteLength(file.childText),
				expectedParent: file.expectedParent,
				childCount: file.childCount
			};
		})();
		// The generator's garbage is the bench's, not the import's.
		collectGarbage();
		const delay = monitorEventLoopDelay({ resolution: 10 });
		delay.enable();
		const t0 = performance.now();
		const { outcome, ...parts } = await upload(db, planner.id, request);
		const ms = performance.now() - t0;
		// A block at the very end (the commit) shows only when the next sample is taken.
		await new Promise((resolve) => setTimeout(resolve, 30));
		delay.disable();
		const stored = await db.all<{ code: string; parent_code: string | null }>(
			'SELECT code, parent_code FROM districts WHERE level = ?',
			[level]
		);
		const wrongParents = stored.filter(
			(row) => expectedParent.get(row.code) !== row.parent_code
		).length;
		if (outcome.kind !== 'districts' || outcome.total !== childCount) {
			throw new Error(`expected ${childCount} districts, got ${JSON.stringify(outcome)}`);
		}
		runs.push({
			level,
			mb: round(bytes / 1048576),
			districts: childCount,
			ms: Math.round(ms),
			...parts,
			loopDelayP50Ms: round(delay.percentile(50) / 1e6),
			loopDelayP99Ms: round(delay.percentile(99) / 1e6),
			loopDelayMaxMs: round(delay.max / 1e6),
			wrongParents
		});
	}

	console.log(
		'\nsize     districts   import   (read / check / store)   ms/MB' +
			'   loop delay p50 / p99 / max   wrong parents'
	);
	for (const r of runs) {
		console.log(
			`${`${r.mb} MB`.padEnd(9)}${String(r.districts).padStart(9)}   ` +
				`${`${r.ms} ms`.padStart(8)}   ${`(${r.readMs} / ${r.checkMs} / ${r.storeMs})`.padEnd(22)}` +
				`${String(Math.round(r.ms / r.mb)).padStart(6)}   ` +
				`${`${r.loopDelayP50Ms} / ${r.loopDelayP99Ms} / ${r.loopDelayMaxMs} ms`.padStart(26)}   ` +
				`${r.wrongParents}`
		);
	}
	const [small, large] = [runs[0], runs[runs.length - 1]];
	if (runs.length > 1) {
		// Linear time: ten times the file, about ten times the time (not a hundred).
		// Each import also reads and indexes the whole parent level: a fixed part, the same for both.
		const perExtraMb = (large.ms - small.ms) / (large.mb - small.mb);
		console.log(
			`\n${round(large.mb / small.mb)}× the file took ${round(large.ms / small.ms)}× the time ` +
				`(${Math.round(small.ms / small.mb)} vs ${Math.round(large.ms / large.mb)} ms per MB; ` +
				`${Math.round(perExtraMb)} ms per additional MB, ` +
				`${Math.round(small.ms - perExtraMb * small.mb)} ms fixed)`
		);
	}
	await store.dispose();
	console.log(
		JSON.stringify({
			bench: 'import',
			store: postgres ? 'postgres' : 'sqlite',
			mb: large.mb,
			ms: large.ms,
			loopDelayP99Ms: large.loopDelayP99Ms,
			loopDelayMaxMs: large.loopDelayMaxMs,
			districts: large.districts,
			parents: parents.parentCount,
			wrongParents: large.wrongParents,
			idleLoopDelayP99Ms: idle.p99,
			idleLoopDelayMaxMs: idle.max,
			runs: runs
		})
	);
}

await main();
