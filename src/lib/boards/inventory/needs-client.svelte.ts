/**
 * The Bedarfe links of one workshop (issue 13, point 4), shared by every card of the wall's list
 * view: one request per workshop, not one per card. Workshops without districts answer
 * `enabled: false`, and the cards then show nothing of it.
 */
export interface NeedsData {
	enabled: boolean;
	entries: { id: string; name: string }[];
	links: {
		cardId: string;
		cardText: string;
		targetGroups: string;
		covered: boolean | null;
		entryId: string | null;
	}[];
}

export class NeedsClient {
	data = $state<NeedsData | null>(null);
	readonly #workshopId: string;

	constructor(workshopId: string) {
		this.#workshopId = workshopId;
		void this.refresh();
	}

	async refresh(): Promise<void> {
		try {
			const response = await fetch(`/w/${this.#workshopId}/api/inventory/needs`);
			if (response.ok) this.data = (await response.json()) as NeedsData;
		} catch {
			// Offline: the marks stay as they were; the next save tries again.
		}
	}

	/** Null when stored, else the message to show. */
	async link(
		body: { cardId: string; targetGroups: string; coverage: string },
		networkError: string
	): Promise<string | null> {
		try {
			const response = await fetch(`/w/${this.#workshopId}/api/inventory/needs`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body)
			});
			const reply = (await response.json().catch(() => ({}))) as { message?: unknown };
			if (!response.ok)
				return typeof reply.message === 'string' ? reply.message : response.statusText;
			await this.refresh();
			return null;
		} catch {
			return networkError;
		}
	}
}

/** One client per workshop for the page's lifetime; not reactive state, only a cache. */
const clients: Record<string, NeedsClient> = {};

export function needsClientFor(workshopId: string): NeedsClient {
	return (clients[workshopId] ??= new NeedsClient(workshopId));
}
