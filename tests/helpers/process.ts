import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { ErrorLog, type ErrorMatcher } from './errors';

/**
 * Starts `server/sync-only.ts` as a real child process (so it can be SIGKILLed) and waits for its
 * port. The database and the workshop rows must exist already.
 */
export interface SyncProcess {
	url: string;
	port: number;
	child: ChildProcess;
	output(): string;
	/** What the process reported as errors (the engine's and the relay's logs), and a crash. */
	errors(): string[];
	/** Declares reports this test provokes on purpose; `kill()` fails on any other. */
	expectErrors(...matchers: ErrorMatcher[]): void;
	/** Sends the signal, waits for the exit, then throws if the process reported an undeclared error. */
	kill(signal?: NodeJS.Signals): Promise<void>;
}

/** The engine's default `onError` and the relay's print these prefixes; see server/sync. */
const reportStart = /^\[(sync|relay)\] /;

/** Each report: its first line and the indented lines that follow (stack, cause, fields). */
export function errorReports(output: string): string[] {
	const reports: string[] = [];
	let current: string[] | null = null;
	for (const line of output.split('\n')) {
		if (reportStart.test(line)) {
			current = [line];
			reports.push('');
		} else if (current && /^(\s|[}\]])/.test(line)) current.push(line);
		else current = null;
		if (current) reports[reports.length - 1] = current.join('\n');
	}
	return reports;
}

export async function spawnSyncProcess(
	env: Record<string, string>,
	script = 'server/sync-only.ts',
	nodeArgs: string[] = []
): Promise<SyncProcess> {
	const root = resolve(import.meta.dirname, '../..');
	const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script], {
		cwd: root,
		env: { ...process.env, PORT: '0', ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	let signalled = false;
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const port = await new Promise<number>((resolvePort, reject) => {
		const timer = setTimeout(
			() => reject(new Error(`sync process did not start:\n${output}`)),
			20_000
		);
		const onData = (chunk: Buffer) => {
			output += chunk.toString();
			const match = /listening on (\d+)/.exec(output);
			if (match) {
				clearTimeout(timer);
				resolvePort(Number(match[1]));
			}
		};
		child.stdout!.on('data', onData);
		child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`sync process exited with ${code}:\n${output}`));
		});
	});
	const expected: ErrorMatcher[] = [];
	const errors = () => {
		const reports = errorReports(output);
		// Exiting unasked, or failing to shut down cleanly on SIGTERM, is a crash.
		const { exitCode, signalCode } = child;
		if (exitCode !== null && (exitCode !== 0 || !signalled))
			reports.push(`the process exited with code ${exitCode}:\n${output}`);
		if (signalCode !== null && !signalled)
			reports.push(`the process was ended by ${signalCode}:\n${output}`);
		return reports;
	};
	return {
		url: `ws://127.0.0.1:${port}/sync`,
		port,
		child,
		output: () => output,
		errors,
		expectErrors: (...matchers) => expected.push(...matchers),
		async kill(signal = 'SIGKILL') {
			if (child.exitCode === null && child.signalCode === null) {
				signalled = true;
				child.kill(signal);
			}
			await exited;
			const log = new ErrorLog(`sync process on port ${port}`);
			log.expect(...expected);
			for (const report of errors()) log.report(report);
			log.check();
		}
	};
}
