/**
 * `npm run bench:sync [-- --quick]`: the same workloads, in one run, against our sync server
 * (SQLite, synchronous=FULL, stores before it forwards) and two references, each in its own
 * process: the y-websocket server (in memory) and Hocuspocus 3.4 with its SQLite extension (durable,
 * stores 2 s after the last change), with clients on loopback in this process. Prints a table and a
 * final JSON line. A script, not a test: it never fails on timing.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import * as Y from 'yjs';
import { documentName } from '../../src/lib/collab/documents';
import { addCard } from '../../src/lib/collab/wall';
import { openDatabase, migrate, type Db } from '../../src/lib/server/db';
import { createStaff, createTestWorkshop, staffSessionToken } from '../helpers/fixtures';
import { spawnSyncProcess, type SyncProcess } from '../helpers/process';
import { connectClient } from '../helpers/sync';
import { BenchClient, summarize, type ClientOptions } from './clients';
import { checkHocuspocusClient } from './hocuspocus-check';

const quick = process.argv.includes('--quick');
/** `--only=fanout,join` runs just those parts (for working on one figure). */
const only = process.argv
	.find((a) => a.startsWith('--only='))
	?.slice(7)
	.split(',');
const runs = (part: string) => !only || only.some((o) => part.startsWith(o));
const windowMs = quick ? 3000 : 8000;
const warmupMs = 1000;
const killRounds = quick ? 5 : 50;

const dir = mkdtempSync(join(tmpdir(), 'qw-bench-'));
const dbFile = join(dir, 'bench.sqlite');
const hocuspocusFile = join(dir, 'hocuspocus.sqlite');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Kind = 'ours' | 'reference' | 'hocuspocus';
/** `--kinds=ours,hocuspocus` measures just those servers in the latency cases. */
const kinds = (process.argv
	.find((a) => a.startsWith('--kinds='))
	?.slice(8)
	.split(',') ?? ['ours', 'reference', 'hocuspocus']) as Kind[];
interface Latency {
	p50: number;
	p99: number;
	n: number;
	/** Presence cases: the presence messages each client receives a second. */
	perClientPerSecond?: number;
}

let db: Db;
let cookie: string;
const workshops: string[] = [];

async function prepare(roomCount: number) {
	db = openDatabase(dbFile);
	await migrate(db);
	const staff = await createStaff(db, 'facilitator', 'Bench');
	cookie = `__Host-qw_session=${await staffSessionToken(db, staff)}`;
	for (let i = 0; i < roomCount; i++)
		workshops.push((await createTestWorkshop(db, staff, `Raum ${i}`)).id);
}

const generousLimits = JSON.stringify({
	maxConnectionsPerAddress: 100_000,
	maxConnectionsPerRoom: 100_000,
	messagesPerSecond: 10_000,
	messageBurst: 10_000
});

/** BENCH_PROFILE=dir: servers write a CPU profile there (and are stopped with SIGTERM). */
const profileDir = process.env.BENCH_PROFILE;
const stopSignal = profileDir ? 'SIGTERM' : 'SIGKILL';
const profileArgs = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];

async function startServer(kind: Kind, env: Record<string, string> = {}): Promise<SyncProcess> {
	if (kind === 'reference')
		return spawnSyncProcess({}, 'tests/bench/reference-server.mjs', profileArgs);
	if (kind === 'hocuspocus')
		return spawnSyncProcess(
			{ HOCUSPOCUS_DATABASE: hocuspocusFile },
			'tests/bench/hocuspocus-server.mjs',
			profileArgs
		);
	return spawnSyncProcess(
		{
			DATABASE_URL: dbFile,
			SYNC_STATS: '1',
			SYNC_LIMITS: generousLimits,
			...env
		},
		'server/sync-only.ts',
		profileArgs
	);
}

function roomUrl(server: SyncProcess, room: number) {
	return `${server.url}/${documentName(workshops[room], 'content')}`;
}

/** A load client for `room` on a server of `kind` (Hocuspocus names the document in messages). */
function roomClient(kind: Kind, server: SyncProcess, room: number, options: ClientOptions) {
	if (kind !== 'hocuspocus') return new BenchClient(roomUrl(server, room), { cookie, ...options });
	const document = documentName(workshops[room], 'content');
	return new BenchClient(server.url, { ...options, hocuspocus: { document } });
}

/** The worst event-loop delay p99 the server printed during the measurement window. */
function serverEventLoopP99(server: SyncProcess, fromOffset: number): number {
	const lines =
		server
			.output()
			.slice(fromOffset)
			.match(/^stats (.*)$/gm) ?? [];
	const values = lines.map((l) => JSON.parse(l.slice(6)).eventLoopP99Ms as number);
	return values.length ? Math.round(Math.max(...values) * 100) / 100 : NaN;
}

function lastStats(server: SyncProcess): { rss: number; heapUsed: number } {
	const lines = server.output().match(/^stats (.*)$/gm) ?? [];
	return lines.length ? JSON.parse(lines[lines.length - 1].slice(6)) : { rss: NaN, heapUsed: NaN };
}

/**
 * Opens `count` clients, pausing briefly every hundred (a burst of thousands of handshakes would
 * measure the handshake), and waits until all are synced.
 */
async function openClients(
	count: number,
	make: (i: number) => BenchClient
): Promise<BenchClient[]> {
	const clients: BenchClient[] = [];
	for (let i = 0; i < count; i++) {
		clients.push(make(i));
		if (i % 100 === 99) await sleep(20);
	}
	await connectAll(clients);
	return clients;
}

/** Runs `action` once a second for every client, spread evenly over the second; returns a stop. */
function everySecond(clients: BenchClient[], action: (client: BenchClient) => void): () => void {
	const timers: NodeJS.Timeout[] = [];
	clients.forEach((client, i) =>
		timers.push(
			setTimeout(
				() => timers.push(setInterval(() => action(client), 1000)),
				(i * 1000) / clients.length
			)
		)
	);
	return () => timers.forEach((timer) => clearTimeout(timer));
}

async function connectAll(clients: BenchClient[], batch = 200) {
	for (let i = 0; i < clients.length; i += batch) {
		await Promise.all(clients.slice(i, i + batch).map((c) => c.synced));
	}
}

/**
 * One room, one writer at 20 updates/s, every client sending presence at 1 Hz.
 * Latency: writer's update → arrival at up to 50 sampled receivers.
 */
async function fanout(
	kind: Kind,
	clientCount: number
): Promise<Latency & { eventLoopP99Ms: number }> {
	const server = await startServer(kind);
	const latencies: number[] = [];
	let measuring = false;
	const clients = await openClients(clientCount, (i) =>
		roomClient(kind, server, 0, {
			sample: i > 0 && i <= 50,
			onUpdateLatency: (ms) => measuring && latencies.push(ms)
		})
	);
	const stopPresence = everySecond(clients, (c) => c.sendPresence());
	const writer = setInterval(() => clients[0].sendUpdate(), 50);
	await sleep(warmupMs);
	const offset = server.output().length;
	measuring = true;
	await sleep(windowMs);
	measuring = false;
	clearInterval(writer);
	stopPresence();
	const eventLoopP99Ms = serverEventLoopP99(server, offset);
	for (const c of clients) c.close();
	await server.kill(stopSignal);
	return { ...summarize(latencies), eventLoopP99Ms };
}

/**
 * One room, N clients each moving a cursor at 1 Hz. Latency: presence sent → seen by samplers;
 * and how many presence messages each sampler receives a second (the merging bounds it).
 */
async function presence(
	kind: Kind,
	clientCount: number
): Promise<Latency & { perClientPerSecond: number }> {
	const server = await startServer(kind);
	const latencies: number[] = [];
	const samplers = 20;
	// Arrival times per sampling client: the rate is (messages − 1) over the time from first to
	// last, so a window that happens to hold one flush more than it holds gaps is not counted high.
	const arrivals: number[][] = Array.from({ length: samplers }, () => []);
	let measuring = false;
	const clients = await openClients(clientCount, (i) =>
		roomClient(kind, server, 0, {
			sample: i < samplers,
			onPresenceLatency: (ms) => measuring && latencies.push(ms),
			onPresenceMessage: () => {
				if (measuring && i < samplers) arrivals[i].push(performance.now());
			}
		})
	);
	const stopPresence = everySecond(clients, (c) => c.sendPresence());
	await sleep(warmupMs);
	measuring = true;
	await sleep(windowMs);
	measuring = false;
	stopPresence();
	for (const c of clients) c.close();
	await server.kill('SIGKILL');
	const rates = arrivals
		.filter((times) => times.length > 1)
		.map((times) => (times.length - 1) / ((times[times.length - 1] - times[0]) / 1000));
	const mean = rates.reduce((sum, rate) => sum + rate, 0) / Math.max(1, rates.length);
	const perClientPerSecond = Math.round(mean * 10) / 10;
	return { ...summarize(latencies), perClientPerSecond };
}

/** 200 rooms × 10 editors, each editing at 1 update/s and sending presence at 1 Hz. */
async function rooms(kind: Kind, roomCount: number, perRoom: number) {
	const server = await startServer(kind);
	const latencies: number[] = [];
	let measuring = false;
	const clients = await openClients(roomCount * perRoom, (i) =>
		roomClient(kind, server, Math.floor(i / perRoom), {
			sample: i % perRoom === 0,
			onUpdateLatency: (ms) => measuring && latencies.push(ms)
		})
	);
	const stopEditing = everySecond(clients, (c) => c.sendUpdate());
	await sleep(500);
	const stopPresence = everySecond(clients, (c) => c.sendPresence());
	await sleep(warmupMs + 1000);
	const offset = server.output().length;
	measuring = true;
	await sleep(windowMs);
	measuring = false;
	const eventLoopP99Ms = serverEventLoopP99(server, offset);
	stopEditing();
	stopPresence();
	for (const c of clients) c.close();
	await server.kill(stopSignal);
	return { ...summarize(latencies), eventLoopP99Ms };
}

/** Builds a Y.Doc from an editing trace (Y.Text 'trace'), the way a long co-written text grows. */
function docFromTrace(file: string): Y.Doc {
	const trace = JSON.parse(gunzipSync(readFileSync(file)).toString()) as {
		startContent: string;
		endContent: string;
		txns: { patches: [number, number, string][] }[];
	};
	const doc = new Y.Doc();
	const text = doc.getText('trace');
	text.insert(0, trace.startContent);
	for (const txn of trace.txns) {
		doc.transact(() => {
			for (const [pos, del, ins] of txn.patches) {
				if (del) text.delete(pos, del);
				if (ins) text.insert(pos, ins);
			}
		});
	}
	if (text.toString() !== trace.endContent) throw new Error('trace replay did not give endContent');
	return doc;
}

async function storeSnapshot(room: number, doc: Y.Doc) {
	await db.run(
		`INSERT INTO doc_snapshots (doc, data, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (doc) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`,
		[documentName(workshops[room], 'content'), Y.encodeStateAsUpdate(doc), Date.now()]
	);
}

/** Opening a document that holds the whole automerge-paper trace, from the store, cold. */
async function coldLoad(room: number) {
	const server = await startServer('ours', { SYNC_UNLOAD_MS: '100' });
	const times: number[] = [];
	for (let i = 0; i < 7; i++) {
		const client = new BenchClient(roomUrl(server, room), { cookie });
		times.push(await client.synced);
		client.close();
		await sleep(400); // unloaded after 100 ms idle
	}
	await server.kill('SIGTERM');
	times.sort((a, b) => a - b);
	return { median: Math.round(times[3] * 10) / 10, all: times.map((t) => Math.round(t * 10) / 10) };
}

/** Heap a loaded document costs, relative to its snapshot (run with --expose-gc). */
function loadedDocumentRatio(snapshot: Uint8Array): number {
	const gc = (globalThis as { gc?: () => void }).gc;
	if (!gc) return NaN;
	gc();
	const before = process.memoryUsage().heapUsed;
	const doc = new Y.Doc();
	Y.applyUpdate(doc, snapshot);
	gc();
	const ratio = (process.memoryUsage().heapUsed - before) / snapshot.byteLength;
	doc.destroy();
	return Math.round(ratio * 10) / 10;
}

/** 100 clients join a 4 MB document at the same moment; time until the last one is synced. */
async function joinBigDocument(room: number) {
	const server = await startServer('ours');
	const warm = new BenchClient(roomUrl(server, room), { cookie });
	await warm.synced;
	const started = performance.now();
	const clients = Array.from(
		{ length: 100 },
		() => new BenchClient(roomUrl(server, room), { cookie })
	);
	const each = await Promise.all(
		clients.map((c) => c.synced.then(() => performance.now() - started))
	);
	const allSyncedMs = performance.now() - started;
	if (process.env.BENCH_DEBUG) {
		each.sort((a, b) => a - b);
		console.log(
			'join: first',
			Math.round(each[0]),
			'median',
			Math.round(each[50]),
			'last',
			Math.round(each[99])
		);
	}
	for (const c of [warm, ...clients]) c.close();
	await server.kill('SIGKILL');
	return Math.round(allSyncedMs);
}

/** Memory per idle, synced connection: 10,000 of them over 100 rooms. */
async function idleConnections(count: number) {
	const server = await startServer('ours', { NODE_OPTIONS: '--expose-gc', SYNC_STATS_GC: '1' });
	await sleep(1500);
	const before = lastStats(server);
	const clients: BenchClient[] = [];
	for (let i = 0; i < count; i++) {
		clients.push(new BenchClient(roomUrl(server, i % 100), { cookie }));
		if (i % 500 === 499) await Promise.all(clients.slice(-500).map((c) => c.synced));
	}
	await Promise.all(clients.map((c) => c.synced));
	await sleep(3000);
	const after = lastStats(server);
	for (const c of clients) c.close();
	await server.kill('SIGKILL');
	const kb = (bytes: number) => Math.round((bytes / count / 1024) * 10) / 10;
	return {
		perConnectionKB: kb(after.rss - before.rss),
		heapPerConnectionKB: kb(after.heapUsed - before.heapUsed),
		before: before.rss,
		after: after.rss
	};
}

/**
 * 3 writers at ~500 edits/s together; SIGKILL mid-storm; restart; every acknowledged edit must be
 * there. Ack latency: edit made → the server's "saved" covering it.
 */
async function killRoundsCase(rounds: number, room: number) {
	const ackLatencies: number[] = [];
	let lost = 0;
	let acknowledged = 0;
	const name = documentName(workshops[room], 'content');
	for (let round = 0; round < rounds; round++) {
		const server = await startServer('ours');
		const writers = [0, 1, 2].map(() => connectClient(server.url, name, cookie, { ack: true }));
		await Promise.all(writers.map((w) => w.synced()));
		const pending = writers.map(() => [] as { id: string; clock: number; at: number }[]);
		const acked: string[] = [];
		const settle = () =>
			writers.forEach((w, i) => {
				const stored = w.storedClock();
				while (pending[i].length && pending[i][0].clock <= stored) {
					const edit = pending[i].shift()!;
					ackLatencies.push(performance.now() - edit.at);
					acked.push(edit.id);
				}
			});
		const ackWatch = setInterval(settle, 1);
		const storm = setInterval(() => {
			writers.forEach((w, i) => {
				const id = addCard(w.doc, { text: `r${round}`, x: i, y: round, colour: 'yellow' });
				pending[i].push({ id, clock: w.ownClock(), at: performance.now() });
			});
		}, 6);
		await sleep(300 + Math.random() * 300);
		await server.kill('SIGKILL');
		clearInterval(storm);
		settle();
		clearInterval(ackWatch);
		for (const w of writers) w.destroy();
		acknowledged += acked.length;
		const restarted = await startServer('ours');
		const reader = connectClient(restarted.url, name, cookie);
		await reader.synced();
		const present = new Set(reader.doc.getMap('cards').keys());
		lost += acked.filter((id) => !present.has(id)).length;
		reader.destroy();
		await restarted.kill('SIGTERM');
	}
	return { ack: summarize(ackLatencies), lost, acknowledged };
}

async function main() {
	const started = performance.now();
	console.log(`bench:sync ${quick ? '(quick)' : ''} — window ${windowMs} ms per case`);
	await prepare(200);
	const traceFile = resolve(
		import.meta.dirname,
		'../../../shared/data/traces/automerge-paper.json.gz'
	);
	const traceDoc = docFromTrace(traceFile);
	const traceSnapshot = Y.encodeStateAsUpdate(traceDoc);
	const traceBytes = traceSnapshot.byteLength;
	const memoryRatio = loadedDocumentRatio(traceSnapshot);
	console.log(`a loaded document costs ${memoryRatio}× its ${traceBytes} B snapshot in memory`);
	await storeSnapshot(1, traceDoc);
	const big = new Y.Doc();
	for (let i = 0; i < 2000; i++)
		addCard(big, {
			text: `${i} ${'Bedarf im Quartier '.repeat(105)}`.slice(0, 2000),
			x: i,
			y: i,
			colour: 'blue'
		});
	const bigBytes = Y.encodeStateAsUpdate(big).byteLength;
	await storeSnapshot(2, big);
	await db.close();

	const cases: Record<string, Record<Kind, Latency>> = {};
	const record = (name: string, kind: Kind, result: Latency, note = '') => {
		(cases[name] ??= {} as Record<Kind, Latency>)[kind] = result;
		console.log(
			`${name} ${kind}: p50 ${result.p50} ms, p99 ${result.p99} ms (${result.n} samples)${note}`
		);
	};
	const fanoutSizes = quick ? [100, 500] : [100, 500, 1000];
	const latencyCases = [...fanoutSizes.map((n) => `fanout-${n}`), 'presence', 'rooms'];
	if (kinds.includes('hocuspocus') && latencyCases.some(runs)) {
		// The Hocuspocus load clients speak its protocol by hand: prove them against its provider.
		const server = await startServer('hocuspocus');
		await checkHocuspocusClient(server.url, documentName(workshops[0], 'content'));
		await server.kill('SIGKILL');
	}
	for (const n of fanoutSizes) {
		if (runs(`fanout-${n}`))
			for (const kind of kinds) record(`fanout-${n}`, kind, await fanout(kind, n));
	}
	if (runs('presence'))
		for (const size of [50, 400])
			for (const kind of kinds) {
				const result = await presence(kind, size);
				record(
					`presence-${size}`,
					kind,
					result,
					`, ${result.perClientPerSecond} messages/s per client`
				);
			}
	let eventLoopP99Ms: number | null = null;
	if (runs('rooms')) {
		for (const kind of kinds) {
			const result = await rooms(kind, 200, 10);
			if (kind === 'ours') eventLoopP99Ms = result.eventLoopP99Ms;
			record('rooms-200x10', kind, result, `, server event loop p99 ${result.eventLoopP99Ms} ms`);
		}
	}
	const cold = runs('cold') ? await coldLoad(1) : null;
	if (cold)
		console.log(
			`coldLoad (automerge-paper, ${traceBytes} B snapshot): median ${cold.median} ms of ${cold.all.join(', ')}`
		);
	const join100 = runs('join') ? await joinBigDocument(2) : null;
	if (join100 !== null)
		console.log(
			`join 100 × ${(bigBytes / 1e6).toFixed(1)} MB document: all synced in ${join100} ms`
		);
	const idle = runs('idle') ? await idleConnections(10_000) : null;
	if (idle)
		console.log(
			`idle connections: ${idle.perConnectionKB} KB each in RSS, ${idle.heapPerConnectionKB} KB of it JS heap (rss ${idle.before} → ${idle.after})`
		);
	const kill = runs('kill') ? await killRoundsCase(killRounds, 3) : null;
	if (kill)
		console.log(
			`ack under SIGKILL storms: p50 ${kill.ack.p50} ms, p99 ${kill.ack.p99} ms over ${kill.acknowledged} acked edits, ${killRounds} rounds, lost ${kill.lost}`
		);

	console.table(
		Object.entries(cases).map(([name, byKind]) => ({
			case: name,
			'ours p50': byKind.ours?.p50,
			'ours p99': byKind.ours?.p99,
			'ref p50': byKind.reference?.p50,
			'ref p99': byKind.reference?.p99,
			'hocuspocus p50': byKind.hocuspocus?.p50,
			'hocuspocus p99': byKind.hocuspocus?.p99
		}))
	);
	const strip = (l?: Latency) =>
		l ? { p50: l.p50, p99: l.p99, perClientPerSecond: l.perClientPerSecond } : null;
	const json = {
		bench: 'sync',
		quick,
		cases: Object.fromEntries(
			Object.entries(cases).map(([name, r]) => [
				name,
				{ ours: strip(r.ours), reference: strip(r.reference), hocuspocus: strip(r.hocuspocus) }
			])
		),
		coldLoadMs: cold?.median ?? null,
		loadedDocToSnapshotRatio: memoryRatio,
		join100x4MBMs: join100,
		joinDocumentBytes: bigBytes,
		idleConnectionKB: idle?.perConnectionKB ?? null,
		ackP99Ms: kill?.ack.p99 ?? null,
		killRounds: kill ? killRounds : 0,
		lostAcked: kill?.lost ?? null,
		eventLoopP99Ms,
		totalSeconds: Math.round((performance.now() - started) / 1000)
	};
	rmSync(dir, { recursive: true, force: true });
	console.log(JSON.stringify(json));
	process.exit(0);
}

void main();
