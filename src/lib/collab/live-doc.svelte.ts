import { decodeBase64 } from '@oslojs/encoding';
import * as decoding from 'lib0/decoding';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { messageSaved } from './documents';

export type ConnectionStatus = 'connecting' | 'connected' | 'offline' | 'refused';
export type SaveStatus = 'saved' | 'saving' | 'offline' | 'refused' | 'connecting';

export interface PresenceUser {
	name: string | null;
	colour: string;
}

export interface Peer extends PresenceUser {
	clientId: number;
	self: boolean;
}

type MessageHandler = (
	encoder: unknown,
	decoder: decoding.Decoder,
	provider: WebsocketProvider,
	emitSynced: boolean,
	messageType: number
) => void;

/** y-websocket's "query awareness" message: any server answers it with the room's presence. */
const queryPresence = new Uint8Array([3]);
/** Together these notice a silent connection within three and a half seconds (inclusion issue, point 5). */
const watchdogTick = 500;
const silenceBeforeProbe = 1000;
const silenceBeforeOffline = 3000;

/**
 * One live document over the stock y-websocket client: connection, first sync, presence and
 * "saved" state as runes. The server decides access from the session cookie sent with the upgrade.
 * Edits are also kept in IndexedDB, so a reload or a lost connection loses nothing on this device.
 */
export class LiveDoc {
	readonly doc = new Y.Doc();
	readonly provider: WebsocketProvider;
	readonly local: IndexeddbPersistence;
	status = $state<ConnectionStatus>('connecting');
	synced = $state(false);
	/**
	 * The document is known well enough to show: synced, or its state came with the page (the
	 * connection then brings only what changed since). Edits made meanwhile go up once it connects.
	 */
	known = $state(false);
	peers = $state<Peer[]>([]);
	/** True while this device holds edits the server has not confirmed as stored. */
	unsaved = $state(false);
	/** The close code the server refused the connection with (e.g. 4410: the workshop closed). */
	refusedWith = $state<number | null>(null);
	#connectTimer: ReturnType<typeof setTimeout> | undefined;
	#probedAt = 0;
	#destroyed = false;

	/**
	 * `user` null: this document shows no presence (control and private documents).
	 * `pageState`: the server's state of the document (base64 update) sent with the page, if any.
	 */
	constructor(name: string, user: PresenceUser | null, pageState: string | null = null) {
		this.local = new IndexeddbPersistence(name, this.doc);
		const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
		this.provider = new WebsocketProvider(`${protocol}//${location.host}/sync`, name, this.doc, {
			// Asks the server for "saved" acknowledgements (a message type the stock client lacks).
			params: { saved: '1' },
			// No cross-tab BroadcastChannel: on connecting it encodes the whole document for other
			// tabs (~20 ms for a 1,000-card wall) that the server and IndexedDB keep in sync anyway.
			disableBc: true,
			connect: false
		});
		if (pageState) {
			// From the server, like anything the connection brings: not an edit of this device's.
			Y.applyUpdate(this.doc, decodeBase64(pageState), this.provider);
			this.known = true;
		}
		// The connection opens once this device's copy is loaded. Opened at once, it sent an empty
		// state vector: the server answered with the whole document, and the copy loaded a moment
		// later went to the server as one big update; both sides then decoded ~350 KB of a
		// 1,000-card wall they already had. The timeout keeps a failing IndexedDB (some private
		// modes) from keeping the page offline.
		const connect = () => {
			clearTimeout(this.#connectTimer);
			if (!this.#destroyed && !this.provider.wsconnected && !this.provider.wsconnecting)
				this.provider.connect();
		};
		this.#connectTimer = setTimeout(connect, 1500);
		void this.local.whenSynced.then(connect);
		(this.provider.messageHandlers as MessageHandler[])[messageSaved] = (_encoder, decoder) => {
			const stored = Y.decodeStateVector(decoding.readVarUint8Array(decoder));
			this.unsaved = (stored.get(this.doc.clientID) ?? 0) < this.#ownClock();
		};
		this.doc.on('update', (_update: Uint8Array, origin: unknown) => {
			if (origin !== this.provider && origin !== this.local) this.unsaved = true;
		});
		this.provider.on('status', ({ status }) => {
			if (this.status === 'refused') return;
			this.status =
				status === 'connected'
					? 'connected'
					: status === 'connecting' && !this.synced
						? 'connecting'
						: 'offline';
		});
		this.provider.on('sync', (synced: boolean) => {
			if (synced) this.synced = this.known = true;
		});
		// 4400–4499: the server refused for good (no access, link revoked); the client stops retrying.
		this.provider.on('closed', ({ code }) => {
			this.refusedWith = code;
			this.status = 'refused';
		});
		this.#watchConnection();
		const awareness = this.provider.awareness;
		if (user) awareness.setLocalStateField('user', user);
		else awareness.setLocalState(null);
		const readPeers = () => {
			const peers: Peer[] = [];
			awareness.getStates().forEach((state, clientId) => {
				const u = (state as { user?: Partial<PresenceUser> }).user;
				if (!u) return;
				peers.push({
					clientId,
					self: clientId === this.doc.clientID,
					name: typeof u.name === 'string' ? u.name.slice(0, 40) : null,
					colour:
						typeof u.colour === 'string' && /^#[0-9a-f]{6}$/i.test(u.colour) ? u.colour : '#888888'
				});
			});
			this.peers = peers.sort((a, b) => Number(b.self) - Number(a.self));
		};
		awareness.on('change', readPeers);
		readPeers();
	}

	/**
	 * Notices a lost network within seconds. A dropped connection often closes no socket: the stock
	 * client waits 30 s without a message before it gives up, so the page said "wird gespeichert …"
	 * for ~22 s after the network was gone. Here a connection that has been silent for a while is
	 * asked for the room's presence (an answer the server always sends, small where few are present);
	 * with no answer soon after, the page says "offline" and the client dials again. The browser's
	 * own `offline` event is taken at once.
	 */
	#watchConnection(): void {
		const reconnect = () => {
			if (this.#destroyed || this.status === 'refused') return;
			if (this.provider.wsconnected || this.provider.wsconnecting) {
				this.provider.disconnect();
				this.provider.connect();
			}
			this.status = 'offline';
		};
		const watchdog = setInterval(() => {
			const ws = this.provider.ws;
			if (!this.provider.wsconnected || !ws) return;
			const silent = Date.now() - this.provider.wsLastMessageReceived;
			if (silent > silenceBeforeOffline) reconnect();
			else if (
				silent > silenceBeforeProbe &&
				this.#probedAt < this.provider.wsLastMessageReceived
			) {
				this.#probedAt = Date.now();
				ws.send(queryPresence);
			}
		}, watchdogTick);
		window.addEventListener('offline', reconnect);
		this.#stopWatching = () => {
			clearInterval(watchdog);
			window.removeEventListener('offline', reconnect);
		};
	}

	#stopWatching = () => {};

	/** Changes how this person appears to others (e.g. without a name in anonymous mode). */
	setUser(user: PresenceUser): void {
		this.provider.awareness.setLocalStateField('user', user);
	}

	#ownClock(): number {
		return Y.decodeStateVector(Y.encodeStateVector(this.doc)).get(this.doc.clientID) ?? 0;
	}

	/** What the status line says: connection and whether the server has stored our edits. */
	get saveStatus(): SaveStatus {
		if (this.status === 'refused') return 'refused';
		if (this.status === 'offline') return 'offline';
		if (this.status === 'connecting') return 'connecting';
		return this.unsaved ? 'saving' : 'saved';
	}

	destroy(): void {
		this.#destroyed = true;
		clearTimeout(this.#connectTimer);
		this.#stopWatching();
		this.provider.awareness.setLocalState(null);
		this.provider.destroy();
		void this.local.destroy();
		this.doc.destroy();
	}
}

/** A readable colour per person for carets and presence dots. */
export function colourFor(seed: string): string {
	const palette = ['#1d5c63', '#8a3b12', '#5b3f8c', '#24663b', '#a4262c', '#6b5b00', '#0b5394'];
	let hash = 0;
	for (const char of seed) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
	return palette[hash % palette.length];
}
