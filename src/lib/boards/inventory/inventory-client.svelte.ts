import type * as Y from 'yjs';
import type { InventoryBoardData } from '$lib/server/inventory/live';
import { readInventoryVersion } from './inventory-doc';

export type BoardData = InventoryBoardData;

/** What the server said when it refused a change: the message and the field it is about. */
export interface Refusal {
	message: string;
	field: string;
}

/**
 * The board's list as a rune: loaded from the server, and again whenever the server raises the
 * counter in the control document (another person added, changed or deleted an entry). Answers
 * that arrive out of order are dropped, so a slow old list never overwrites a newer one.
 */
export class InventoryClient {
	data = $state<BoardData | null>(null);
	failed = $state(false);
	readonly #workshopId: string;
	readonly #doc: Y.Doc | null;
	#asked = 0;
	#version = -1;
	readonly #onUpdate = () => {
		if (!this.#doc) return;
		const version = readInventoryVersion(this.#doc);
		if (version !== this.#version) {
			this.#version = version;
			void this.refresh();
		}
	};

	constructor(workshopId: string, doc: Y.Doc | null) {
		this.#workshopId = workshopId;
		this.#doc = doc;
		doc?.on('update', this.#onUpdate);
		if (doc) this.#version = readInventoryVersion(doc);
		void this.refresh();
	}

	async refresh(): Promise<void> {
		const asked = ++this.#asked;
		try {
			const response = await fetch(`/w/${this.#workshopId}/api/inventory`);
			if (!response.ok) throw new Error(String(response.status));
			const data = (await response.json()) as BoardData;
			if (asked === this.#asked) {
				this.data = data;
				this.failed = false;
			}
		} catch {
			if (asked === this.#asked) this.failed = true;
		}
	}

	/** Sends a change; null when it was stored, else the refusal to show beside the form. */
	async send(body: Record<string, unknown>, networkError: string): Promise<Refusal | null> {
		try {
			const response = await fetch(`/w/${this.#workshopId}/api/inventory`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body)
			});
			const reply = (await response.json().catch(() => ({}))) as Record<string, unknown>;
			if (!response.ok)
				return {
					message: typeof reply.message === 'string' ? reply.message : response.statusText,
					field: typeof reply.field === 'string' ? reply.field : ''
				};
			await this.refresh();
			return null;
		} catch {
			return { message: networkError, field: '' };
		}
	}

	destroy(): void {
		this.#doc?.off('update', this.#onUpdate);
	}
}
