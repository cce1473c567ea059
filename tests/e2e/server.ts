import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ErrorLog, type ErrorMatcher } from '../helpers/errors';
import { errorReports } from '../helpers/process';

/** One production server (build/ + server/index.ts) with its own fresh SQLite store. */
export interface RunningServer {
	baseURL: string;
	/** The SQLite file the server stores into (tests read it to check what is kept). */
	databasePath: string;
	/** The one-time link for the first admin, as the server printed it on its first start. */
	setupLink: string;
	/** Everything the server printed so far (stdout and stderr), for failure messages. */
	output(): string;
	/** Ends the process with SIGTERM like a deployment would; the store stays. */
	shutdown(): Promise<void>;
	/** Starts the process again on the same port with the same store. */
	startAgain(): Promise<void>;
	/**
	 * Freezes the process (SIGSTOP): its sockets stay open but nothing answers, as when a network
	 * drops without closing anything. `resume()` lets it go on (SIGCONT).
	 */
	pause(): void;
	resume(): void;
	/** Declares errors the spec provokes on purpose; `stop()` fails on any other. */
	expectErrors(...matchers: ErrorMatcher[]): void;
	/**
	 * Ends the process and deletes the store; then throws if the sync engine or the relay reported
	 * an error (printed as `[sync] …` / `[relay] …`) that the spec did not declare.
	 */
	stop(): Promise<void>;
}

const root = fileURLToPath(new URL('../..', import.meta.url));
const startTimeoutMs = 30_000;

async function freePort(): Promise<number> {
	return new Promise((done, fail) => {
		const probe = createServer();
		probe.once('error', fail);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			probe.close(() => (port ? done(port) : fail(new Error('no free port'))));
		});
	});
}

function running(child: ChildProcess | null): child is ChildProcess {
	return child !== null && child.exitCode === null && child.signalCode === null;
}

/** Waits until `ready` resolves, failing if the process exits first or the time runs out. */
function whileAlive<T>(
	child: ChildProcess,
	ready: (settle: (value: T) => void) => void,
	log: () => string
): Promise<T> {
	return new Promise<T>((done, fail) => {
		const finish = (action: () => void) => {
			clearTimeout(timer);
			child.off('exit', onExit);
			action();
		};
		const onExit = (code: number | null, signal: string | null) =>
			finish(() =>
				fail(new Error(`Server exited early (code ${code}, signal ${signal}):\n${log()}`))
			);
		const timer = setTimeout(
			() => finish(() => fail(new Error(`Server was not ready in time:\n${log()}`))),
			startTimeoutMs
		);
		child.once('exit', onExit);
		ready((value) => finish(() => done(value)));
	});
}

/**
 * Starts `node --import tsx server/index.ts` (the entry `npm start` uses) on a free port and waits
 * until it prints the setup link. The app must be built (`vite build`) beforehand.
 */
export async function startServer(
	options: { withoutOrigin?: boolean } = {}
): Promise<RunningServer> {
	if (!existsSync(join(root, 'build', 'handler.js')))
		throw new Error('build/handler.js is missing: run `npx vite build` first.');
	const port = await freePort();
	const baseURL = `http://127.0.0.1:${port}`;
	const dataDir = mkdtempSync(join(tmpdir(), 'qw-e2e-'));
	const databasePath = join(dataDir, 'db.sqlite');
	const env: NodeJS.ProcessEnv = {
		...process.env,
		PORT: String(port),
		HOST: '127.0.0.1',
		ORIGIN: baseURL,
		DATABASE_URL: databasePath
	};
	// One process with its own store: no shared Redis from the surrounding shell.
	delete env.REDIS_URL;
	// As `npm start` runs without configuration (the origin is then http://localhost:$PORT).
	if (options.withoutOrigin) delete env.ORIGIN;

	let log = '';
	let child: ChildProcess | null = null;

	function launch(): ChildProcess {
		const spawned = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
			cwd: root,
			env,
			stdio: ['ignore', 'pipe', 'pipe']
		});
		spawned.stdout?.setEncoding('utf8');
		spawned.stderr?.setEncoding('utf8');
		spawned.stdout?.on('data', (chunk: string) => (log += chunk));
		spawned.stderr?.on('data', (chunk: string) => (log += chunk));
		child = spawned;
		return spawned;
	}

	async function shutdown() {
		const current = child;
		if (!running(current)) return;
		const exited = new Promise((done) => current.once('exit', done));
		current.kill('SIGTERM');
		const killer = setTimeout(() => current.kill('SIGKILL'), 10_000);
		await exited;
		clearTimeout(killer);
	}

	function signal(name: 'SIGSTOP' | 'SIGCONT') {
		if (!running(child)) throw new Error('the server is not running');
		child.kill(name);
	}

	const expected: ErrorMatcher[] = [];
	async function stop() {
		// A frozen process ignores SIGTERM until it may go on.
		if (running(child)) child.kill('SIGCONT');
		await shutdown();
		rmSync(dataDir, { recursive: true, force: true });
		const errors = new ErrorLog(`server on port ${port}`);
		errors.expect(...expected);
		for (const report of errorReports(log)) errors.report(report);
		errors.check();
	}
	const expectErrors = (...matchers: ErrorMatcher[]) => void expected.push(...matchers);

	async function startAgain() {
		if (running(child)) throw new Error('the server is still running');
		const current = launch();
		const deadline = Date.now() + startTimeoutMs;
		await whileAlive<void>(
			current,
			(ready) => {
				const poll = async () => {
					const ok = await fetch(`${baseURL}/healthz`).then(
						(response) => response.ok,
						() => false
					);
					if (ok) ready();
					else if (running(current) && Date.now() < deadline) setTimeout(poll, 100);
				};
				void poll();
			},
			() => log
		);
	}

	try {
		const first = launch();
		const setupLink = await whileAlive<string>(
			first,
			(ready) => {
				const look = () => {
					const link = /(https?:\/\/\S+\/setup\/\S+)/.exec(log)?.[1];
					if (link) {
						first.stdout?.off('data', look);
						ready(link);
					}
				};
				first.stdout?.on('data', look);
			},
			() => log
		);
		return {
			baseURL,
			databasePath,
			setupLink,
			output: () => log,
			shutdown,
			startAgain,
			pause: () => signal('SIGSTOP'),
			resume: () => signal('SIGCONT'),
			expectErrors,
			stop
		};
	} catch (error) {
		// The failure to start is the news; reports it printed are in the error's log already.
		await stop().catch(() => undefined);
		throw error;
	}
}
