import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { StoredResult, StoredUpdate } from './persistence';

/**
 * Appends update batches (and client-id claims) to SQLite on a worker thread (see
 * sqlite-append-worker.mjs). While one
 * commit waits for the disk, the next batch gathers: group commit without blocking the event loop.
 */
export class SqliteAppender {
	readonly #worker: Worker;
	readonly #waiting = new Map<
		number,
		{ resolve: (results: StoredResult[]) => void; reject: (e: Error) => void }
	>();
	#next = 0;

	constructor(path: string) {
		this.#worker = new Worker(workerFile(), { workerData: { path } });
		this.#worker.unref();
		this.#worker.on('message', (message: { id: number; ids?: StoredResult[]; error?: string }) => {
			const waiting = this.#waiting.get(message.id);
			this.#waiting.delete(message.id);
			if (message.error !== undefined) waiting?.reject(new Error(message.error));
			else waiting?.resolve(message.ids ?? []);
		});
		this.#worker.on('error', (error) => {
			for (const waiting of this.#waiting.values()) waiting.reject(error);
			this.#waiting.clear();
		});
	}

	append(rows: StoredUpdate[], now = Date.now()): Promise<StoredResult[]> {
		const id = this.#next++;
		return new Promise((resolve, reject) => {
			this.#waiting.set(id, { resolve, reject });
			this.#worker.postMessage({ id, rows, now });
		});
	}

	async close(): Promise<void> {
		await this.#worker.terminate();
	}
}

/** Next to this module; under Vite's bundled config the module moves, so fall back to the source. */
function workerFile(): string {
	const beside = fileURLToPath(new URL('./sqlite-append-worker.mjs', import.meta.url));
	return existsSync(beside) ? beside : resolve('server/sync/sqlite-append-worker.mjs');
}
