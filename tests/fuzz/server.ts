import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

/**
 * The sync server under attack, as a child process: a crash is an exit we observe, not the end of
 * the fuzzer. Unlike tests/helpers/process.ts this keeps only a bounded tail of the output (a long
 * run logs a lot) and reports how the process ended instead of failing on it.
 */
export interface Exit {
	code: number | null;
	signal: NodeJS.Signals | null;
	/** True when we stopped it; false is a crash. */
	asked: boolean;
}

const root = resolve(import.meta.dirname, '../..');
const tailBytes = 16 * 1024;

export class SyncChild {
	readonly exited: Promise<Exit>;
	#tail = '';
	#asked = false;
	/** Errors the engine logged and survived, by their first line. */
	readonly logged = new Map<string, number>();
	#partial = '';

	private constructor(
		readonly child: ChildProcess,
		readonly url: string
	) {
		this.exited = new Promise((resolveExit) =>
			child.once('exit', (code, signal) => resolveExit({ code, signal, asked: this.#asked }))
		);
	}

	/** Starts `script` (default `server/sync-only.ts`) and waits until it listens. */
	static async start(env: Record<string, string>, script = 'server/sync-only.ts') {
		const child = spawn(process.execPath, ['--import', 'tsx', script], {
			cwd: root,
			env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let early = '';
		const port = await new Promise<number>((resolvePort, reject) => {
			const timer = setTimeout(
				() => reject(new Error(`sync process did not start:\n${early}`)),
				60_000
			);
			const onData = (chunk: Buffer) => {
				early += chunk.toString();
				const match = /listening on (\d+)/.exec(early);
				if (match) {
					clearTimeout(timer);
					child.stdout!.off('data', onData);
					resolvePort(Number(match[1]));
				}
			};
			child.stdout!.on('data', onData);
			child.stderr!.on('data', (chunk: Buffer) => (early += chunk.toString()));
			child.once('exit', (code) => {
				clearTimeout(timer);
				reject(new Error(`sync process exited with ${code} while starting:\n${early}`));
			});
		});
		const server = new SyncChild(child, `ws://127.0.0.1:${port}/sync`);
		server.#append(early);
		child.stdout!.on('data', (chunk: Buffer) => server.#append(chunk.toString()));
		child.stderr!.removeAllListeners('data');
		child.stderr!.on('data', (chunk: Buffer) => server.#append(chunk.toString()));
		return server;
	}

	get alive(): boolean {
		return this.child.exitCode === null && this.child.signalCode === null;
	}

	/** The last 16 KB of output: where a crash's error and stack are. */
	get tail(): string {
		return this.#tail;
	}

	/** Stops the process (SIGTERM stores everything; SIGKILL is a power cut). */
	async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 30_000): Promise<Exit> {
		if (this.alive) {
			this.#asked = true;
			this.child.kill(signal);
			const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
			const exit = await this.exited;
			clearTimeout(timer);
			return exit;
		}
		return this.exited;
	}

	#append(text: string): void {
		this.#tail = (this.#tail + text).slice(-tailBytes);
		// The engine's onError prints `[sync] <error>`: count each kind once per first line.
		const lines = (this.#partial + text).split('\n');
		this.#partial = lines.pop() ?? '';
		for (const line of lines) {
			const match = /^\[(sync|relay)\] (.*)/.exec(line);
			if (match) {
				const key = match[2].slice(0, 160);
				this.logged.set(key, (this.logged.get(key) ?? 0) + 1);
			}
		}
	}
}

/**
 * The error a crashed process printed: the last `SomeError: message` line of its output (Node
 * prints the uncaught error, then its stack), or V8's fatal error line.
 */
export function crashMessage(tail: string): string {
	const lines = tail.split('\n');
	for (let i = lines.length - 1; i >= 0; i--) {
		const line = lines[i].trim();
		if (/^FATAL ERROR|^[A-Za-z]*(Error|Exception)\b[^(]*?:/.test(line)) return line.slice(0, 200);
	}
	return lines.filter(Boolean).at(-1)?.slice(0, 200) ?? '(no output)';
}
