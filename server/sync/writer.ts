import type { DocPersistence, StoredUpdate } from './persistence';

/**
 * Collects the updates of all rooms during one event-loop turn and stores them in one transaction
 * (SQLite: one fsync with synchronous=FULL; PostgreSQL: one round of batched inserts). Batches are
 * written strictly one after another, so "stored" advances in order.
 */
export class UpdateWriter {
	#batch: { entry: StoredUpdate; resolve: (id: number) => void; reject: (e: unknown) => void }[] =
		[];
	#scheduled = false;
	#chain: Promise<void> = Promise.resolve();

	constructor(readonly persistence: DocPersistence) {}

	/** Resolves with the update's row id once it is committed. */
	store(doc: string, update: Uint8Array): Promise<number> {
		return new Promise((resolve, reject) => {
			this.#batch.push({ entry: { doc, update }, resolve, reject });
			if (!this.#scheduled) {
				this.#scheduled = true;
				setImmediate(() => this.#flush());
			}
		});
	}

	#flush(): void {
		this.#scheduled = false;
		const batch = this.#batch;
		this.#batch = [];
		this.#chain = this.#chain.then(async () => {
			try {
				const ids = await this.persistence.append(batch.map((b) => b.entry));
				batch.forEach((b, i) => b.resolve(ids[i]));
			} catch (error) {
				for (const b of batch) b.reject(error);
			}
		});
	}

	/** Resolves when everything handed in so far is committed (or has failed). */
	async idle(): Promise<void> {
		while (this.#scheduled || this.#batch.length) await new Promise((r) => setImmediate(r));
		await this.#chain;
	}
}
