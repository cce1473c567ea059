import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

/**
 * Starts `server/sync-only.ts` as a real child process (so it can be SIGKILLed) and waits for its
 * port. The database and the workshop rows must exist already.
 */
export interface SyncProcess {
	url: string;
	port: number;
	child: ChildProcess;
	output(): string;
	kill(signal?: NodeJS.Signals): Promise<void>;
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
	return {
		url: `ws://127.0.0.1:${port}/sync`,
		port,
		child,
		output: () => output,
		async kill(signal = 'SIGKILL') {
			if (child.exitCode === null && child.signalCode === null) child.kill(signal);
			await exited;
		}
	};
}
