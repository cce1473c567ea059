import type { StoredResult, StoredUpdate } from './persistence';

type Append = (rows: StoredUpdate[]) => Promise<StoredResult[]>;

/**
 * Group commit for the updates of all rooms. Updates handed in during one event-loop turn, and all
 * that arrive while a commit is under way, go into the next transaction together (SQLite: one
 * fsync for the batch; PostgreSQL: one batch of inserts). Batches commit strictly one after another,
 * so "stored" only moves forward.
 */
export class UpdateWriter {
	#pending: {
		entry: StoredUpdate;
		resolve: (result: StoredResult) => void;
		reject: (e: unknown) => void;
	}[] = [];
	#scheduled = false;
	#running: Promise<void> | null = null;

	constructor(readonly append: Append) {}

	/** Resolves with the update's row id once it is committed. */
	store(doc: string, update: Uint8Array): Promise<number> {
		return this.#enqueue({ doc, update }).then(Number);
	}

	/** Claims a client id for `owner` in the next batch; resolves with the owner the store holds. */
	claim(doc: string, client: number, owner: string): Promise<string> {
		return this.#enqueue({ doc, claim: { client, owner } }).then(String);
	}

	#enqueue(entry: StoredUpdate): Promise<StoredResult> {
		return new Promise((resolve, reject) => {
			this.#pending.push({ entry, resolve, reject });
			if (!this.#scheduled && !this.#running) {
				this.#scheduled = true;
				setImmediate(() => {
					this.#scheduled = false;
					this.#running ??= this.#drain();
				});
			}
		});
	}

	async #drain(): Promise<void> {
		while (this.#pending.length) {
			const batch = this.#pending;
			this.#pending = [];
			try {
				const results = await this.append(batch.map((b) => b.entry));
				batch.forEach((b, i) => b.resolve(results[i]));
			} catch (error) {
				for (const b of batch) b.reject(error);
			}
		}
		this.#running = null;
	}

	/** Resolves when everything handed in so far is committed (or has failed). */
	async idle(): Promise<void> {
		while (this.#scheduled || this.#running || this.#pending.length) {
			if (this.#running) await this.#running;
			else await new Promise((r) => setImmediate(r));
		}
	}
}
