import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One running production server with its own fresh SQLite store. */
export interface RunningServer {
	baseURL: string;
	/** The one-time link for the first admin, as the server printed it. */
	setupLink: string;
	/** Everything the server printed so far (stdout and stderr), for failure messages. */
	output(): string;
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

function exited(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	return new Promise((done) => child.once('exit', () => done()));
}

/**
 * Starts `node --import tsx server/index.ts` (the same entry `npm start` uses) on a free port and
 * waits until it prints the setup link. The app must be built (`vite build`) beforehand.
 */
export async function startServer(): Promise<RunningServer> {
	if (!existsSync(join(root, 'build', 'handler.js')))
		throw new Error('build/handler.js fehlt: bitte zuerst `npx vite build` ausführen.');
	const port = await freePort();
	const baseURL = `http://127.0.0.1:${port}`;
	const dataDir = mkdtempSync(join(tmpdir(), 'qw-e2e-'));
	const env: NodeJS.ProcessEnv = {
		...process.env,
		PORT: String(port),
		HOST: '127.0.0.1',
		ORIGIN: baseURL,
		DATABASE_URL: join(dataDir, 'db.sqlite')
	};
	// A single process with its own store: no shared Redis from the surrounding shell.
	delete env.REDIS_URL;
	const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
		cwd: root,
		env,
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let log = '';
	child.stdout?.setEncoding('utf8');
	child.stderr?.setEncoding('utf8');
	child.stderr?.on('data', (chunk: string) => (log += chunk));

	const stop = async () => {
		if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
		const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
		await exited(child);
		clearTimeout(killer);
		rmSync(dataDir, { recursive: true, force: true });
	};

	try {
		const setupLink = await new Promise<string>((done, fail) => {
			const timer = setTimeout(
				() => fail(new Error(`Server did not print a setup link in time:\n${log}`)),
				startTimeoutMs
			);
			child.stdout?.on('data', (chunk: string) => {
				log += chunk;
				const link = /(https?:\/\/\S+\/setup\/\S+)/.exec(log)?.[1];
				if (link) {
					clearTimeout(timer);
					done(link);
				}
			});
			child.once('exit', (code, signal) => {
				clearTimeout(timer);
				fail(new Error(`Server exited early (code ${code}, signal ${signal}):\n${log}`));
			});
		});
		return { baseURL, setupLink, output: () => log, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}
