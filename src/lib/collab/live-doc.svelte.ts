import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

export type ConnectionStatus = 'connecting' | 'connected' | 'offline' | 'refused';

export interface PresenceUser {
	name: string | null;
	colour: string;
}

export interface Peer extends PresenceUser {
	clientId: number;
	self: boolean;
}

/**
 * One live document over the stock y-websocket client: connection state, first sync and presence
 * as runes. The server decides access from the session cookie the browser sends with the upgrade.
 */
export class LiveDoc {
	readonly doc = new Y.Doc();
	readonly provider: WebsocketProvider;
	status = $state<ConnectionStatus>('connecting');
	synced = $state(false);
	peers = $state<Peer[]>([]);

	constructor(name: string, user: PresenceUser) {
		const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
		this.provider = new WebsocketProvider(`${protocol}//${location.host}/sync`, name, this.doc);
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
			if (synced) this.synced = true;
		});
		// 4400–4499: the server refused for good (no access, link revoked); the client stops retrying.
		this.provider.on('closed', () => {
			this.status = 'refused';
		});
		const awareness = this.provider.awareness;
		awareness.setLocalStateField('user', user);
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

	destroy(): void {
		this.provider.awareness.setLocalState(null);
		this.provider.destroy();
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
