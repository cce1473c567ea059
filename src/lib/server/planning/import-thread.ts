/**
 * Runs import jobs on a worker thread (import-worker.ts), one thread per import, so that parsing a
 * 50 MB file never holds up the event loop that serves the live workshops. Whatever goes wrong in
 * the thread (a file nested too deep, memory running out, a bug, the thread dying or taking too
 * long) comes back as an `ImportFailure` with a plain German message; the process carries on.
 */
import { createRequire } from 'node:module';
import { totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { tooDeepMessage } from '../../domain/planning/districts';
import type { JobResults, WorkerJob, WorkerNote, WorkerReply } from './import-worker';

export const importFailureMessages = {
	tooDeep: tooDeepMessage,
	memory:
		'Die Datei ist zu umfangreich, um sie zu prüfen: Der Arbeitsspeicher dafür reicht nicht. ' +
		'Es wurde nichts geändert.',
	timeout:
		'Die Prüfung der Datei hat zu lange gedauert und wurde abgebrochen. Es wurde nichts geändert.',
	unexpected:
		'Der Import ist an einem unerwarteten Fehler gescheitert. Es wurde nichts geändert. Bitte ' +
		'versuchen Sie es noch einmal.'
} as const;

export class ImportFailure extends Error {
	constructor(readonly kind: keyof typeof importFailureMessages) {
		super(importFailureMessages[kind]);
	}
}

export interface ImportThreadLimits {
	/** The whole job, from starting the thread; 50 MB take well under a minute. */
	timeMs: number;
	/**
	 * The thread's heap. 50 MB of GeoJSON, even as 200,000 small areas, parse within 512 MB; the cap
	 * keeps a file that would need far more from taking the server's memory with it.
	 */
	heapMb: number;
}

export const defaultLimits: ImportThreadLimits = {
	timeMs: 5 * 60_000,
	// A quarter of the machine's memory, between 256 MB and 1 GB.
	heapMb: Math.max(256, Math.min(1024, Math.floor(totalmem() / 1024 / 1024 / 4)))
};

/**
 * Imports take turns: each thread may need half a GB and a core, and on a small server two at once
 * would starve the live workshops. Imports are rare; a second one waits a few seconds.
 */
let turn: Promise<unknown> = Promise.resolve();

/**
 * Runs `work` with a fresh thread, closed afterwards (which frees all its memory). Waits for its
 * turn first, so `work` must not call this again (it would wait for itself).
 */
export async function withImportThread<T>(
	work: (thread: ImportThread) => Promise<T>,
	limits: ImportThreadLimits = defaultLimits
): Promise<T> {
	const previous = turn;
	let done!: () => void;
	turn = new Promise<void>((resolve) => (done = resolve));
	await previous;
	let thread: ImportThread | undefined;
	try {
		thread = await ImportThread.start(limits);
		return await work(thread);
	} finally {
		await thread?.close();
		done();
	}
}

export class ImportThread {
	readonly #worker: Worker;
	readonly #pending = new Map<
		number,
		{ resolve: (reply: WorkerReply) => void; reject: (failure: ImportFailure) => void }
	>();
	readonly #timer: NodeJS.Timeout;
	#next = 0;
	#failure: ImportFailure | null = null;

	private constructor(source: WorkerSource, limits: ImportThreadLimits) {
		this.#worker = new Worker(source.entry, {
			eval: typeof source.entry === 'string',
			workerData: source.workerData,
			resourceLimits: { maxOldGenerationSizeMb: limits.heapMb }
		});
		this.#worker.on('message', (reply: WorkerReply) => {
			const pending = this.#pending.get(reply.id);
			this.#pending.delete(reply.id);
			pending?.resolve(reply);
		});
		this.#worker.on('error', (error: Error & { code?: string }) => {
			if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') this.#fail(new ImportFailure('memory'));
			else {
				console.error('Import thread failed:', error);
				this.#fail(new ImportFailure('unexpected'));
			}
		});
		this.#worker.on('exit', () => this.#fail(new ImportFailure('unexpected')));
		this.#timer = setTimeout(() => {
			this.#fail(new ImportFailure('timeout'));
			void this.#worker.terminate();
		}, limits.timeMs);
		this.#timer.unref();
	}

	static async start(limits: ImportThreadLimits = defaultLimits): Promise<ImportThread> {
		return new ImportThread(await workerSource(), limits);
	}

	/** Adds to the thread's state for the next job (known codes, parent areas). */
	note(message: WorkerNote): void {
		if (this.#failure) return;
		this.#worker.postMessage(message);
	}

	/** Runs a job; `transfer` hands buffers over instead of copying them (they are gone here after). */
	async run<K extends WorkerJob['type']>(
		job: Extract<WorkerJob, { type: K }>,
		transfer: ArrayBuffer[] = []
	): Promise<JobResults[K]> {
		if (this.#failure) throw this.#failure;
		const id = this.#next++;
		const reply = await new Promise<WorkerReply>((resolve, reject) => {
			this.#pending.set(id, { resolve, reject });
			this.#worker.postMessage({ ...job, id }, transfer);
		});
		if (reply.failure) {
			if (reply.failure.kind === 'unexpected') {
				console.error('Import job failed in its thread:', reply.failure.detail);
			}
			throw new ImportFailure(reply.failure.kind);
		}
		return reply.result as JobResults[K];
	}

	async close(): Promise<void> {
		clearTimeout(this.#timer);
		this.#failure ??= new ImportFailure('unexpected');
		await this.#worker.terminate();
	}

	/** The first failure wins: an out-of-memory error is followed by an exit, which says less. */
	#fail(failure: ImportFailure): void {
		this.#failure ??= failure;
		for (const pending of this.#pending.values()) pending.reject(this.#failure);
		this.#pending.clear();
	}
}

/**
 * Moves a buffer's bytes to the thread: the whole buffer when the view covers it, else a copy of
 * the view (a Buffer from Node's pool shares its ArrayBuffer with others).
 */
export function transferable(bytes: Uint8Array): { bytes: Uint8Array; transfer: ArrayBuffer[] } {
	const own =
		bytes.byteOffset === 0 &&
		bytes.byteLength === bytes.buffer.byteLength &&
		bytes.buffer instanceof ArrayBuffer;
	const moved = own ? bytes : bytes.slice();
	return { bytes: moved, transfer: [moved.buffer as ArrayBuffer] };
}

interface WorkerSource {
	/** A file URL, or code to evaluate (the TypeScript source needs a loader first). */
	entry: URL | string;
	workerData: { role: string; source?: string; loader?: string };
}

/**
 * Loads the TypeScript source through tsx's API: Node 20 ignores `--import` loaders in threads, and
 * there is no built file in `vite dev`, vitest and tsx scripts.
 */
const loadTypeScript = `
const { workerData } = require('node:worker_threads');
import(workerData.loader).then(({ tsImport }) => tsImport(workerData.source, workerData.source));
`;

/**
 * Where the worker's code is. Importing the module tells: `import.meta.url` is the built chunk in
 * production and the TypeScript source in `vite dev`, vitest and tsx scripts.
 */
async function workerSource(): Promise<WorkerSource> {
	const { importWorkerUrl, importWorkerRole: role } = await import('./import-worker');
	const url = new URL(importWorkerUrl);
	if (!url.pathname.endsWith('.ts')) return { entry: url, workerData: { role } };
	return { entry: loadTypeScript, workerData: { role, source: url.href, loader: tsxApi() } };
}

/** tsx's ESM API as a file URL (`require.resolve` would give its CommonJS twin). */
function tsxApi(): string {
	const require = createRequire(join(process.cwd(), 'package.json'));
	const manifest = require.resolve('tsx/package.json');
	const { exports } = require(manifest) as {
		exports: { './esm/api': { import: { default: string } } };
	};
	return pathToFileURL(join(dirname(manifest), exports['./esm/api'].import.default)).href;
}
