import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import * as Y from 'yjs';

/**
 * Light protocol-level clients for load: thousands of stock WebsocketProviders would measure the
 * client machine more than the server. They speak the same y-websocket messages the stock client
 * sends (sync step 1/2, updates, presence) and can time what they receive.
 *
 * Latency is read from the content: writers put `performance.now()` into what they send, and the
 * benchmark runs every client in one process, so sender and receiver share one clock.
 *
 * With `hocuspocus` set they speak what `@hocuspocus/provider` sends instead: the same sync and
 * awareness payloads, each message prefixed with the document name, a token first, and the
 * server's save acknowledgements (SyncStatus) ignored. `checkHocuspocusClient` in sync.ts proves
 * this against a real provider before anything is measured.
 */
export interface ClientOptions {
	cookie?: string;
	/** Decode received updates and presence and report their age. */
	sample?: boolean;
	onUpdateLatency?: (ms: number) => void;
	onPresenceLatency?: (ms: number) => void;
	/** Called for every presence message a sampling client receives (messages per second). */
	onPresenceMessage?: () => void;
	/** Ask our server for "saved" acknowledgements. */
	ack?: boolean;
	/** Speak Hocuspocus's protocol for this document (the URL is then only the server's). */
	hocuspocus?: { document: string };
}

/** Hocuspocus's message types (as in `@hocuspocus/provider`'s `MessageType`) that we use. */
const hocuspocusMessage = { sync: 0, awareness: 1, auth: 2 } as const;
/** `AuthMessageType.Token` of `@hocuspocus/common`: the client's first message on a document. */
const hocuspocusAuthToken = 0;

const emptyStateVector = (() => {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, 0);
	encoding.writeVarUint(e, 0);
	encoding.writeVarUint8Array(e, new Uint8Array([0]));
	return encoding.toUint8Array(e);
})();

export class BenchClient {
	readonly ws: WebSocket;
	readonly clientId = Math.floor(Math.random() * 2 ** 31);
	readonly synced: Promise<number>;
	readonly opened: Promise<void>;
	readonly closed: Promise<number>;
	#presenceClock = 0;
	#doc: Y.Doc | null = null;
	#resolveSynced!: (t: number) => void;
	/** Hocuspocus: the document name that starts every message (empty for y-websocket). */
	readonly #prefix: Uint8Array;
	readonly #startedAt = performance.now();
	bytesReceived = 0;

	constructor(
		url: string,
		readonly options: ClientOptions = {}
	) {
		this.synced = new Promise((resolve) => (this.#resolveSynced = resolve));
		this.#prefix = options.hocuspocus
			? encoding.encode((e) => encoding.writeVarString(e, options.hocuspocus!.document))
			: new Uint8Array(0);
		this.ws = new WebSocket(options.ack ? `${url}?saved=1` : url, {
			headers: options.cookie ? { cookie: options.cookie } : {},
			perMessageDeflate: false
		});
		this.ws.binaryType = 'nodebuffer';
		this.opened = new Promise((resolve, reject) => {
			this.ws.once('open', () => {
				// The provider sends its token and its sync step 1 at once; the server queues the
				// second until the first is accepted.
				if (options.hocuspocus)
					this.send(
						encoding.encode((e) => {
							encoding.writeVarUint(e, hocuspocusMessage.auth);
							encoding.writeVarUint(e, hocuspocusAuthToken);
							encoding.writeVarString(e, 'bench');
						})
					);
				this.send(emptyStateVector);
				resolve();
			});
			this.ws.once('error', reject);
		});
		this.closed = new Promise((resolve) => this.ws.once('close', (code) => resolve(code)));
		this.ws.on('error', () => undefined);
		this.ws.on('message', (data: Buffer) => this.#receive(data));
	}

	#receive(data: Buffer): void {
		this.bytesReceived += data.byteLength;
		const decoder = decoding.createDecoder(data);
		if (this.options.hocuspocus) decoding.readVarString(decoder);
		const type = decoding.readVarUint(decoder);
		if (type === hocuspocusMessage.sync) {
			const step = decoding.readVarUint(decoder);
			if (step === 0) {
				// The server's sync step 1: we hold nothing it lacks (writers send as they go).
				const e = encoding.createEncoder();
				encoding.writeVarUint(e, 0);
				encoding.writeVarUint(e, 1);
				encoding.writeVarUint8Array(e, new Uint8Array([0, 0]));
				this.send(encoding.toUint8Array(e));
			} else if (step === 1) {
				this.#resolveSynced(performance.now() - this.#startedAt);
			} else if (step === 2 && this.options.sample && this.options.onUpdateLatency) {
				const update = decoding.readVarUint8Array(decoder);
				const now = performance.now();
				for (const struct of Y.decodeUpdate(update).structs) {
					const arr = (struct as { content?: { arr?: unknown[] } }).content?.arr;
					const t = (arr?.[0] as { t?: number } | undefined)?.t;
					if (typeof t === 'number') this.options.onUpdateLatency(now - t);
				}
			}
		} else if (
			type === hocuspocusMessage.awareness &&
			this.options.sample &&
			this.options.onPresenceLatency
		) {
			this.options.onPresenceMessage?.();
			const inner = decoding.createDecoder(decoding.readVarUint8Array(decoder));
			const count = decoding.readVarUint(inner);
			const now = performance.now();
			for (let i = 0; i < count; i++) {
				const id = decoding.readVarUint(inner);
				decoding.readVarUint(inner);
				const state = JSON.parse(decoding.readVarString(inner)) as { t?: number } | null;
				if (id !== this.clientId && typeof state?.t === 'number')
					this.options.onPresenceLatency(now - state.t);
			}
		}
	}

	/** Sends one message, prefixed with the document name when speaking Hocuspocus. */
	send(message: Uint8Array): void {
		if (this.ws.readyState !== WebSocket.OPEN) return;
		if (!this.#prefix.byteLength) return this.ws.send(message);
		const framed = new Uint8Array(this.#prefix.byteLength + message.byteLength);
		framed.set(this.#prefix);
		framed.set(message, this.#prefix.byteLength);
		this.ws.send(framed);
	}

	/** One edit: sets this client's key in a shared map to the current time. */
	sendUpdate(): void {
		this.#doc ??= new Y.Doc();
		const doc = this.#doc;
		let update: Uint8Array | null = null;
		const grab = (u: Uint8Array) => (update = u);
		doc.once('update', grab);
		doc.getMap('bench').set(String(this.clientId), { t: performance.now() });
		if (!update) return;
		const e = encoding.createEncoder();
		encoding.writeVarUint(e, 0);
		encoding.writeVarUint(e, 2);
		encoding.writeVarUint8Array(e, update);
		this.send(encoding.toUint8Array(e));
	}

	/** One presence message: a cursor position, stamped with the time. */
	sendPresence(): void {
		const state = JSON.stringify({
			user: { name: `P${this.clientId % 1000}` },
			cursor: { x: Math.random() * 1000, y: Math.random() * 1000 },
			t: performance.now()
		});
		const inner = encoding.createEncoder();
		encoding.writeVarUint(inner, 1);
		encoding.writeVarUint(inner, this.clientId);
		encoding.writeVarUint(inner, ++this.#presenceClock);
		encoding.writeVarString(inner, state);
		const e = encoding.createEncoder();
		encoding.writeVarUint(e, 1);
		encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
		this.send(encoding.toUint8Array(e));
	}

	close(): void {
		this.ws.terminate();
	}
}

export function percentile(sorted: number[], p: number): number {
	if (!sorted.length) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function summarize(samples: number[]): { p50: number; p99: number; n: number } {
	const sorted = [...samples].sort((a, b) => a - b);
	const round = (x: number) => Math.round(x * 100) / 100;
	return {
		p50: round(percentile(sorted, 50)),
		p99: round(percentile(sorted, 99)),
		n: sorted.length
	};
}
