import { WebSocket } from 'ws';

/**
 * A raw WebSocket to the sync endpoint, as a hostile or broken client holds it: it sends any bytes,
 * counts what comes back and knows how it was closed.
 */
export class RawConnection {
	readonly socket: WebSocket;
	readonly opened: Promise<boolean>;
	readonly closed: Promise<number>;
	closeCode: number | null = null;
	closeReason = '';
	/** Presence messages received (type 1): each answers a presence query, our barrier. */
	presenceReplies = 0;
	/** Sync answers received (type 0, step 1): each answers a sync step 1. */
	syncReplies = 0;
	#waiters: (() => void)[] = [];

	constructor(url: string, cookie: string | undefined, onMessage?: (data: Uint8Array) => void) {
		this.socket = new WebSocket(url, {
			headers: cookie ? { cookie } : {},
			maxPayload: 256 * 1024 * 1024,
			perMessageDeflate: false,
			// A zero mask: masking is for proxies on the way, and random masks cost the fuzzer dearly.
			generateMask: () => undefined
		});
		this.opened = new Promise((resolve) => {
			this.socket.once('open', () => resolve(true));
			this.socket.once('close', () => resolve(false));
		});
		this.closed = new Promise((resolve) =>
			this.socket.once('close', (code, reason) => {
				this.closeCode = code;
				this.closeReason = reason.toString();
				this.#wake();
				resolve(code);
			})
		);
		this.socket.on('error', () => undefined);
		this.socket.on('message', (data: Buffer) => {
			const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
			if (bytes[0] === 1) this.presenceReplies++;
			if (bytes[0] === 0 && bytes[1] === 1) this.syncReplies++;
			onMessage?.(bytes);
			this.#wake();
		});
	}

	get open(): boolean {
		return this.socket.readyState === WebSocket.OPEN;
	}

	/** Sends if still open; returns whether it did. */
	send(bytes: Uint8Array): boolean {
		if (!this.open) return false;
		this.socket.send(bytes);
		return true;
	}

	/**
	 * Waits for a reply to the presence query just sent (messages are handled in order, so it
	 * comes after everything sent before it) or for the close. Resolves false on timeout.
	 */
	async barrier(before: number, timeoutMs: number, counter = () => this.presenceReplies) {
		const deadline = Date.now() + timeoutMs;
		while (counter() <= before && this.closeCode === null) {
			const left = deadline - Date.now();
			if (left <= 0) return false;
			await new Promise<void>((resolve) => {
				const timer = setTimeout(resolve, left);
				this.#waiters.push(() => {
					clearTimeout(timer);
					resolve();
				});
			});
		}
		return true;
	}

	/** Closes and waits for the close; a peer that does not answer is cut off. */
	async end(): Promise<void> {
		if (this.closeCode !== null) return;
		if (this.socket.readyState === WebSocket.CONNECTING) this.socket.terminate();
		else this.socket.close(1000);
		const timer = setTimeout(() => this.socket.terminate(), 2000);
		await this.closed;
		clearTimeout(timer);
	}

	#wake(): void {
		const waiters = this.#waiters;
		this.#waiters = [];
		for (const wake of waiters) wake();
	}
}
