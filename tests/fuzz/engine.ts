import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessagePool, sampleSessions, type SessionPlan } from './attacks';
import { hex } from './bytes';
import type { RawConnection } from './connection';
import { HonestClients, loadFresh, storedMismatch } from './honest';
import { findCrashingMessage, findCrashingRow, type Lab } from './minimize';
import { describe, openRoom } from './rooms';
import { crashMessage, SyncChild, type Exit } from './server';
import { newTally, RecentMessages, runSession, type Sent } from './session';
import { clearStored, readStored, sampleStored, writeStored, type StoredDocument } from './stored';
import { createWorld, readerOf, type Room, type World } from './world';

/**
 * The fuzz engine: a real sync server in a child process, attacked from every role with random and
 * mutated messages, its store filled with garbage between restarts, while honest clients edit
 * rooms nobody attacks. Every crash is traced back to a message or stored row where possible; at
 * the end the honest rooms must agree, and a fresh process must load exactly what they hold.
 */
export interface FuzzOptions {
	/** Attack time (restarts and tracing crashes come on top). */
	seconds: number;
	/** Stop once this many attack messages were sent. */
	maxMessages: number;
	seed: number;
	/** Attacker connections at once. */
	concurrency: number;
	/** Restarts with garbage written into the store, spread over the run. */
	storedRounds: number;
	/** Time allowed for tracing crashes back to their cause. */
	minimizeSeconds: number;
	/** An attack class that crashed the process this often is switched off for the rest of the run. */
	suppressAfter: number;
	/** The run stops early after this many crashes. */
	maxCrashes: number;
	/** The server entry point (default `server/sync-only.ts`). */
	serverScript?: string;
	log: (line: string) => void;
}

export interface CrashReport {
	kind: 'live' | 'load' | 'stored' | 'shutdown';
	/** The attack class or stored variant that caused it, or 'unattributed'. */
	cause: string;
	/** The crashed process's error line. */
	error: string;
	target?: string;
	/** The minimal message or row, in hex (truncated). */
	bytes?: string;
	length?: number;
	repro: string;
	count: number;
}

export interface FuzzResult {
	bench: 'fuzz';
	seed: number;
	seconds: number;
	messages: number;
	sessions: number;
	crashes: number;
	corruptRooms: number;
	crashReports: CrashReport[];
	corruption: string[];
	/** Rooms the server could not load and refused with a retry code, the process surviving. */
	unloadable: string[];
	stalls: number;
	maxLatencyMs: number;
	honestEdits: number;
	closes: Record<string, number>;
	/** Connections the server refused (4400–4499), by what they sent last. */
	refusedAfter: Record<string, number>;
	/** Errors the server logged and survived, by first line. */
	logged: Record<string, number>;
	suppressed: string[];
}

export const defaultOptions: FuzzOptions = {
	seconds: 120,
	maxMessages: Infinity,
	seed: Date.now() % 2 ** 31,
	concurrency: 24,
	storedRounds: 2,
	minimizeSeconds: 180,
	suppressAfter: 2,
	maxCrashes: 60,
	log: () => undefined
};

async function freePort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as { port: number };
	await new Promise((resolve) => server.close(resolve));
	return port;
}

/** The crashed process's last error line and how it ended. */
function crashError(server: SyncChild): string {
	const { exitCode, signalCode } = server.child;
	return `${crashMessage(server.tail)} (${signalCode ?? `exit code ${exitCode}`})`;
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Extracts the update of a y-websocket sync message (`00 <step> <length> <update>`). */
function updateOf(message: Uint8Array): Uint8Array | null {
	let offset = 2;
	while (offset < message.length && message[offset] & 0x80) offset++;
	return message[0] === 0 && message.length > offset + 1 ? message.slice(offset + 1) : null;
}

class Fuzzer implements Lab {
	readonly options: FuzzOptions;
	world!: World;
	deadline = 0;
	#server: SyncChild | null = null;
	#env: Record<string, string> = {};
	#honest!: HonestClients;
	readonly #pool = new MessagePool();
	readonly #recent = new RecentMessages();
	readonly #tally = newTally();
	#plans: SessionPlan[] = [];
	#batch = 0;
	readonly #suppressed = new Set<string>();
	readonly #reports = new Map<string, CrashReport>();
	#crashes = 0;
	readonly #witnesses = new Map<string, RawConnection>();
	/** Per attacked room: the updates the server forwarded (= stored), to trace planted content. */
	readonly #witnessLog = new Map<string, { updates: Uint8Array[]; bytes: number }>();
	/** Per attacked room: hostile updates the server read without closing the connection. */
	readonly #accepted = new Map<string, { attack: string; bytes: Uint8Array }[]>();
	/** Per stored-garbage room: what this round wrote into it. */
	readonly #written = new Map<string, StoredDocument>();
	readonly #unloadable = new Set<string>();
	#maxLatency = 0;
	#attackMs = 0;
	#attackStarted: number | null = null;
	/** Every process started, for the errors they logged and survived. */
	readonly #processes: SyncChild[] = [];

	constructor(options: FuzzOptions) {
		this.options = options;
	}

	log(line: string): void {
		this.options.log(line);
	}

	current(): SyncChild | null {
		return this.#server;
	}

	async stop(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
		this.#witnesses.clear();
		await this.#server?.stop(signal);
	}

	async restart(): Promise<SyncChild> {
		await this.stop();
		this.#server = await SyncChild.start(this.#env, this.options.serverScript);
		this.#processes.push(this.#server);
		return this.#server;
	}

	async run(dir: string): Promise<FuzzResult> {
		const { options } = this;
		const started = Date.now();
		this.deadline = Infinity;
		this.world = await createWorld(dir);
		this.#env = { DATABASE_URL: this.world.dbPath, PORT: String(await freePort()) };
		options.log(`seed ${options.seed} (FUZZ_SEED=${options.seed} repeats the attacks)`);
		try {
			await this.#restartAndReopen();
			this.#honest = new HonestClients(this.#server!.url, this.world.honest, options.seed);
			this.#honest.startEditing();
			const slices = options.storedRounds + 1;
			const progress = setInterval(() => this.#progress(started), 5000);
			try {
				for (let slice = 0; slice < slices; slice++) {
					const sliceMs = (options.seconds * 1000) / slices;
					const sliceEnd = this.#attackMs + sliceMs;
					while (this.#attackMs < sliceEnd - 10 && !this.#done()) {
						const reason = await this.#attack(sliceEnd - this.#attackMs);
						if (reason.crash) await this.#liveCrash(reason.crash);
					}
					if (this.#done()) break;
					if (slice < slices - 1) await this.#storedRound(slice);
				}
			} finally {
				clearInterval(progress);
			}
			const corruption = await this.#finalCheck();
			return this.#result(started, corruption);
		} finally {
			this.#honest?.destroy();
			await this.stop('SIGKILL');
			await this.world.store.dispose();
		}
	}

	#done(): boolean {
		return (
			this.#tally.messages >= this.options.maxMessages || this.#crashes >= this.options.maxCrashes
		);
	}

	#nextPlan(): SessionPlan {
		if (!this.#plans.length) {
			this.#plans = sampleSessions(
				this.options.seed,
				this.#batch++,
				32,
				this.world.targets.length,
				this.#suppressed
			);
		}
		return this.#plans.pop()!;
	}

	/** Attack sessions until the time is up, enough messages were sent, or the process died. */
	async #attack(ms: number): Promise<{ crash?: { exit: Exit; at: number; server: SyncChild } }> {
		const server = this.#server!;
		const end = Date.now() + ms;
		const started = Date.now();
		this.#attackStarted = started;
		let crash: { exit: Exit; at: number; server: SyncChild } | undefined;
		let stop = false;
		void server.exited.then((exit) => {
			if (!exit.asked) crash ??= { exit, at: Date.now(), server };
			stop = true;
		});
		const ctx = {
			pool: this.#pool,
			recent: this.#recent,
			tally: this.#tally,
			stallMs: 20_000,
			accepted: (room: string, attack: string, bytes: Uint8Array) => {
				const list = this.#accepted.get(room) ?? [];
				if (list.length < 5000) list.push({ attack, bytes });
				this.#accepted.set(room, list);
			}
		};
		const worker = async () => {
			while (!stop && Date.now() < end && !this.#done()) {
				const plan = this.#nextPlan();
				await runSession(server.url, this.world.targets[plan.target], plan, ctx);
			}
			stop = true;
		};
		await Promise.all([
			this.#watchLatency(server, () => stop),
			...Array.from({ length: this.options.concurrency }, worker)
		]);
		this.#attackMs += Date.now() - started;
		this.#attackStarted = null;
		if (!crash && !server.alive) {
			const exit = await server.exited;
			if (!exit.asked) crash = { exit, at: Date.now(), server };
		}
		return { crash };
	}

	/** A presence round trip every 200 ms in a quiet room: how long the process keeps others waiting. */
	async #watchLatency(server: SyncChild, stopped: () => boolean): Promise<void> {
		const probe = this.world.probe;
		const { connection } = await openRoom(
			server.url,
			probe.rooms[3],
			probe.participants[1],
			20_000
		);
		try {
			while (!stopped() && connection.open) {
				const before = connection.presenceReplies;
				const sent = Date.now();
				connection.send(new Uint8Array([3]));
				if (!(await connection.barrier(before, 30_000))) {
					this.#tally.stalls.push({ attack: 'any', target: 'presence round trip', ms: 30_000 });
				}
				this.#maxLatency = Math.max(this.#maxLatency, Date.now() - sent);
				await delay(200);
			}
		} finally {
			await connection.end();
		}
	}

	/** Starts a process and opens every attacked and garbage room, one by one, until none crashes it. */
	async #restartAndReopen(): Promise<void> {
		for (let attempt = 0; attempt < 40; attempt++) {
			const server = await this.restart();
			const crashedIn = await this.#openAll(server);
			if (!crashedIn) return;
			await this.#loadCrash(crashedIn, server);
			this.#suppressKnown();
		}
		throw new Error('the sync process keeps crashing while loading rooms');
	}

	async #openAll(server: SyncChild): Promise<Room | null> {
		const attacked = this.world.attacked.flatMap((w) => w.rooms);
		const stored = this.world.stored.flatMap((w) => w.rooms);
		for (const room of [...stored, ...attacked]) {
			const isAttacked = attacked.includes(room);
			const log = isAttacked ? this.#witnessLogOf(room.name) : undefined;
			const { connection, outcome } = await openRoom(server.url, room, readerOf(room), 30_000, log);
			if (outcome === 'loaded' && isAttacked) {
				this.#witnesses.set(room.name, connection);
				continue;
			}
			await connection.end();
			if (outcome === 'loaded') continue;
			const dead =
				!server.alive ||
				(await Promise.race([server.exited.then(() => true), delay(5000).then(() => false)]));
			if (dead) return room;
			// Refused with a retry code and the process lives on: what a broken document should do.
			this.#unloadable.add(`${room.name}: ${describe(outcome)}`);
		}
		return null;
	}

	#witnessLogOf(room: string) {
		const log = this.#witnessLog.get(room) ?? { updates: [], bytes: 0 };
		this.#witnessLog.set(room, log);
		return (update: Uint8Array) => {
			// Beyond this the log is dropped: tracing then works from the stored rows instead.
			if (log.bytes + update.length > 96 * 1024 * 1024) return;
			log.updates.push(update);
			log.bytes += update.length;
		};
	}

	#record(report: Omit<CrashReport, 'count'>): CrashReport {
		const key = `${report.kind}|${report.cause}|${report.error}`;
		const known = this.#reports.get(key);
		if (known) {
			known.count++;
			return known;
		}
		const fresh = { ...report, count: 1 };
		this.#reports.set(key, fresh);
		const detail = fresh.bytes ? `, bytes ${fresh.bytes}` : '';
		this.options.log(`CRASH (${fresh.kind}) ${fresh.cause}: ${fresh.error}${detail}`);
		return fresh;
	}

	#mayTrace(kind: CrashReport['kind'], error: string): boolean {
		if (Date.now() > this.deadline) return false;
		return !this.#tracedAs(kind, error);
	}

	/**
	 * A traced crash with this error whose cause is still being sent: more of it are only counted.
	 * (Once its cause is switched off, the same error must have another cause, traced anew.)
	 */
	#tracedAs(kind: CrashReport['kind'], error: string): CrashReport | undefined {
		return [...this.#reports.values()].find(
			(r) => r.kind === kind && r.error === error && r.bytes && !this.#suppressed.has(r.cause)
		);
	}

	/** The process died while loading `room`: find the stored row responsible, then remove it. */
	async #loadCrash(room: Room, server: SyncChild): Promise<void> {
		this.#crashes++;
		const error = crashError(server);
		const written = this.#written.get(room.name);
		const where = `a ${room.kind} document`;
		this.#startTracing();
		if (written) {
			const found = this.#mayTrace('stored', error)
				? await findCrashingRow(this, room.kind, written)
				: null;
			this.#record({
				kind: 'stored',
				cause: `stored.${written.variant}`,
				error,
				target: room.name,
				...(found ? { bytes: hex(found.row), length: found.row.length } : {}),
				repro: found
					? `store these bytes as the ${found.snapshot ? 'snapshot (doc_snapshots)' : 'only row of doc_updates'} of ${where}, start the process, open the document`
					: `store the '${written.variant}' rows for ${where}, start the process, open the document`
			});
			const report = [...this.#reports.values()].find(
				(r) => r.cause === `stored.${written.variant}`
			);
			if (report && report.count >= this.options.suppressAfter)
				this.#suppressed.add(`stored.${written.variant}`);
		} else if (this.#tracedAs('load', error)) {
			// Traced before: one more of the same error is counted there.
			this.#tracedAs('load', error)!.count++;
		} else {
			let cause = 'planted (attack unknown)';
			let found: { snapshot: boolean; row: Uint8Array } | null = null;
			if (this.#mayTrace('load', error)) {
				// First the hostile updates the live server accepted, then everything it forwarded.
				const accepted = (this.#accepted.get(room.name) ?? [])
					.map((a) => ({ attack: a.attack, update: updateOf(a.bytes) }))
					.filter((a): a is { attack: string; update: Uint8Array } => a.update !== null);
				const updates = accepted.map((a) => a.update);
				found = await findCrashingRow(this, room.kind, { variant: '', snapshot: null, updates });
				if (found) {
					cause = accepted[updates.indexOf(found.row)]?.attack ?? cause;
				} else {
					const witnessed = this.#witnessLog.get(room.name)?.updates ?? [];
					found = await findCrashingRow(this, room.kind, {
						variant: '',
						snapshot: null,
						updates: witnessed
					});
				}
				if (!found) {
					await this.stop();
					found = await findCrashingRow(
						this,
						room.kind,
						await readStored(this.world.db, room.name)
					);
				}
			}
			this.#record({
				kind: 'load',
				cause,
				error,
				target: room.name,
				...(found ? { bytes: hex(found.row), length: found.row.length } : {}),
				repro: found
					? `send these bytes as an update (00 02 <length> <bytes>) as a writer of ${where}, or store them as its only doc_updates row; a running process accepts them, a fresh process that opens the document exits`
					: `the stored state of ${room.name} crashes a fresh process that opens it`
			});
		}
		// Quarantine: without the poisoned rows the room loads again and the run goes on.
		await this.stop();
		await clearStored(this.world.db, room.name);
		this.#witnessLog.delete(room.name);
		this.#accepted.delete(room.name);
		this.#written.delete(room.name);
	}

	#startTracing(): void {
		if (this.deadline === Infinity)
			this.deadline = Date.now() + this.options.minimizeSeconds * 1000;
	}

	/** The process died under attack: restart, then trace the crash to one message if possible. */
	async #liveCrash(crash: { exit: Exit; at: number; server: SyncChild }): Promise<void> {
		this.#crashes++;
		const error = crashError(crash.server);
		const window: Sent[] = this.#recent.since(crash.at - 3000).slice(0, 3000);
		this.#recent.clear();
		this.#honest.disconnect();
		try {
			await this.#restartAndReopen();
			this.#startTracing();
			const traced = this.#tracedAs('live', error);
			if (traced) traced.count++;
			else {
				let culprit: Sent | null = null;
				if (this.#mayTrace('live', error)) {
					culprit = await findCrashingMessage(this, window);
					await this.#restartAndReopen();
				}
				const who = culprit?.target.actor?.role ?? 'anonymous';
				this.#record({
					kind: 'live',
					cause: culprit?.attack ?? 'unattributed',
					error,
					...(culprit
						? {
								target: `${who} (${culprit.target.access}) → ${culprit.target.kind}`,
								bytes: hex(culprit.bytes),
								length: culprit.bytes.length,
								repro: `open a ${culprit.target.kind} document as ${who}, send these bytes as one WebSocket message`
							}
						: {
								repro: `no single message of the last ${window.length} crashes a process alone; the newest: ${window
									.slice(0, 3)
									.map((s) => `${s.attack} ${hex(s.bytes, 16)}`)
									.join(' | ')}`
							})
				});
			}
			this.#suppressKnown();
		} finally {
			this.#honest.connect();
		}
	}

	/** Switches off attack classes whose crash is traced and has happened `suppressAfter` times. */
	#suppressKnown(): void {
		for (const r of this.#reports.values()) {
			const known = (r.kind === 'live' || r.kind === 'load') && r.bytes !== undefined;
			if (known && r.count >= this.options.suppressAfter && !this.#suppressed.has(r.cause)) {
				this.options.log(`suppressing ${r.cause} from now on (crashed ${r.count} times)`);
				this.#suppressed.add(r.cause);
				this.#plans = [];
			}
		}
	}

	/** Stops the process (gracefully or not), writes garbage into the store, restarts. */
	async #storedRound(round: number): Promise<void> {
		const signal: NodeJS.Signals = round % 2 === 0 ? 'SIGTERM' : 'SIGKILL';
		this.options.log(
			`stored round ${round + 1}: ${signal}, garbage into ${this.world.stored.length} workshops`
		);
		this.#honest.disconnect();
		try {
			await this.#stopChecked(signal);
			const rooms = this.world.stored.flatMap((w) => w.rooms);
			const docs = sampleStored(
				this.options.seed,
				round,
				rooms.map((r) => r.kind),
				this.#suppressed
			);
			for (const [i, room] of rooms.entries()) {
				const doc = docs[i];
				if (!doc) continue;
				await writeStored(this.world.db, room.name, doc);
				this.#written.set(room.name, doc);
			}
			await this.#restartAndReopen();
		} finally {
			this.#honest.connect();
		}
	}

	/** SIGTERM must store everything and exit 0; anything else is a crash on shutdown. */
	async #stopChecked(signal: NodeJS.Signals): Promise<void> {
		const server = this.#server;
		if (!server?.alive) return;
		this.#witnesses.clear();
		const exit = await server.stop(signal);
		if (signal === 'SIGTERM' && exit.code !== 0) {
			this.#crashes++;
			this.#record({
				kind: 'shutdown',
				cause: 'SIGTERM',
				error: crashError(server),
				repro: 'stop the process with SIGTERM after the attack'
			});
		}
	}

	/**
	 * The honest rooms: their clients must agree, and a fresh process must load what they hold.
	 * The process is killed (SIGKILL) first: what every client has was forwarded, so it was stored.
	 * The store may hold more than the clients, but only the server's own writes (storedMismatch):
	 * their agreement is no barrier for a draft count the server stored just before the kill.
	 */
	async #finalCheck(): Promise<string[]> {
		this.#honest.stopEditing();
		if (!this.#server?.alive) {
			const exit = await this.#server!.exited;
			if (!exit.asked) await this.#liveCrash({ exit, at: Date.now(), server: this.#server! });
		}
		const deadline = Date.now() + 60_000;
		let problems = this.#honest.disagreements();
		while (problems.length && Date.now() < deadline) {
			await delay(100);
			problems = this.#honest.disagreements();
		}
		const expected = this.#honest.expected();
		const authors = new Set(this.#honest.authors);
		this.#honest.destroy();
		await this.stop('SIGKILL');
		const server = await this.restart();
		const corruption = [...problems];
		for (const [room, want] of expected) {
			const reader = room.kind === 'private' ? readerOf(room) : room.workshop.observer;
			const got = await loadFresh(server.url, room, reader, 30_000);
			if ('error' in got) corruption.push(`${room.name}: fresh process: ${got.error}`);
			else {
				const mismatch = storedMismatch(room, want, got, authors);
				if (mismatch) corruption.push(`${room.name}: ${mismatch}`);
			}
		}
		await this.#stopChecked('SIGTERM');
		return corruption;
	}

	#progress(started: number): void {
		const s = (Date.now() - started) / 1000;
		const attacking = this.#attackMs + (this.#attackStarted ? Date.now() - this.#attackStarted : 0);
		const rate = Math.round(this.#tally.messages / Math.max(1, attacking / 1000));
		const closes = [...this.#tally.closes].map(([code, n]) => `${code}:${n}`).join(' ');
		this.options.log(
			`${s.toFixed(0)} s  messages ${this.#tally.messages} (${rate}/s)  sessions ${this.#tally.sessions}  crashes ${this.#crashes}  closes ${closes}  latency max ${this.#maxLatency} ms`
		);
	}

	#result(started: number, corruption: string[]): FuzzResult {
		const logged: Record<string, number> = {};
		for (const process of this.#processes)
			for (const [line, n] of process.logged) logged[line] = (logged[line] ?? 0) + n;
		const rooms = new Set(corruption.map((line) => line.split(':')[0]));
		return {
			bench: 'fuzz',
			seed: this.options.seed,
			seconds: Math.round((Date.now() - started) / 1000),
			messages: this.#tally.messages,
			sessions: this.#tally.sessions,
			crashes: this.#crashes,
			corruptRooms: rooms.size,
			crashReports: [...this.#reports.values()],
			corruption,
			unloadable: [...this.#unloadable],
			stalls: this.#tally.stalls.length,
			maxLatencyMs: this.#maxLatency,
			honestEdits: this.#honest.edits,
			closes: Object.fromEntries(this.#tally.closes),
			refusedAfter: Object.fromEntries(this.#tally.refusedAfter),
			logged,
			suppressed: [...this.#suppressed]
		};
	}
}

/** Runs the fuzzer in a fresh temporary store and removes it afterwards. */
export async function runFuzz(options: Partial<FuzzOptions> = {}): Promise<FuzzResult> {
	const dir = mkdtempSync(join(tmpdir(), 'qw-fuzz-'));
	try {
		return await new Fuzzer({ ...defaultOptions, ...options }).run(dir);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}
