import type { TallyEntry } from '$lib/domain/facilitation/voting';

interface VoteReply {
	own: Record<string, number>;
	remaining: number | null;
	results: TallyEntry[] | null;
	/** Only in the answer to `refresh`: the asker said "ich bin fertig" in this round. */
	done?: boolean;
}

/**
 * One person's side of a board's dot vote. Every dot is a request to the server, which checks
 * the budget; the page shows what the server answered, never what it merely hoped for.
 */
export class VoteClient {
	own = $state<Record<string, number>>({});
	remaining = $state<number | null>(null);
	/** Running totals: only the facilitator's requests get them before the reveal. */
	totals = $state<TallyEntry[] | null>(null);
	problem = $state<string | null>(null);
	busy = $state(false);
	done = $state(false);
	readonly #base: string;
	readonly #board: string;

	constructor(workshopId: string, board: string) {
		this.#base = `/w/${workshopId}/api/vote`;
		this.#board = board;
	}

	async refresh(): Promise<void> {
		const reply = await this.#request(`${this.#base}?board=${encodeURIComponent(this.#board)}`);
		if (reply) this.#take(reply);
	}

	async cast(itemId: string, delta: 1 | -1): Promise<void> {
		this.busy = true;
		const reply = await this.#request(this.#base, { board: this.#board, itemId, delta });
		this.busy = false;
		if (reply) this.#take(reply);
	}

	/** The facilitator's paper round: sets the paper dots of the given items; true once stored. */
	async enterPaper(counts: Record<string, number>): Promise<boolean> {
		this.busy = true;
		const reply = await this.#request(`${this.#base}/paper`, { board: this.#board, counts });
		this.busy = false;
		if (reply) this.totals = reply.results;
		return reply !== null;
	}

	async finish(): Promise<void> {
		if (await this.#request(`${this.#base}/done`, { board: this.#board })) this.done = true;
	}

	#take(reply: VoteReply | null | undefined) {
		if (!reply || !('own' in reply)) return;
		this.own = reply.own;
		this.remaining = reply.remaining;
		this.totals = reply.results;
		// Said once, "fertig" stays: also after a reload, which asks the server again.
		if (reply.done === true) this.done = true;
	}

	async #request(url: string, body?: unknown): Promise<VoteReply | null> {
		try {
			const response = await fetch(url, {
				method: body ? 'POST' : 'GET',
				headers: body ? { 'content-type': 'application/json' } : {},
				body: body ? JSON.stringify(body) : undefined
			});
			const reply = (await response.json().catch(() => null)) as
				(VoteReply & { message?: string }) | null;
			if (!response.ok) {
				this.problem = reply?.message ?? response.statusText;
				return null;
			}
			this.problem = null;
			return reply;
		} catch {
			this.problem = 'network';
			return null;
		}
	}
}
