import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { WebSocket } from 'ws';
import { BenchClient } from './clients';

/**
 * Proves that the load clients' Hocuspocus path speaks what `@hocuspocus/provider` speaks: a real
 * provider and a load client on one document each see the other's edit and presence. Throws after
 * 10 s otherwise, so the benchmark never times messages the server ignored or misread.
 */
export async function checkHocuspocusClient(url: string, document: string): Promise<void> {
	let clientSawUpdate!: () => void;
	let clientSawPresence!: () => void;
	const seen = {
		'load client sees the provider’s edit': new Promise<void>((r) => (clientSawUpdate = r)),
		'load client sees the provider’s presence': new Promise<void>((r) => (clientSawPresence = r))
	} as Record<string, Promise<void>>;
	const client = new BenchClient(url, {
		hocuspocus: { document },
		sample: true,
		onUpdateLatency: () => clientSawUpdate(),
		onPresenceLatency: () => clientSawPresence()
	});
	// Node 20 has no global WebSocket: the provider's socket takes `ws` in its stead.
	const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: WebSocket });
	const provider = new HocuspocusProvider({
		websocketProvider: socket,
		name: document,
		token: 'bench'
	});
	provider.attach();
	seen['both are synced'] = Promise.all([
		client.synced,
		new Promise((resolve) => provider.on('synced', resolve))
	]).then(() => undefined);
	const ownKey = String(client.clientId);
	const map = provider.document.getMap<{ t: number }>('bench');
	seen['provider sees the load client’s edit'] = new Promise<void>((resolve) => {
		const check = () => map.has(ownKey) && resolve();
		map.observe(check);
		check();
	});
	seen['provider sees the load client’s presence'] = new Promise<void>((resolve) => {
		const check = () => provider.awareness?.getStates().get(client.clientId)?.t && resolve();
		provider.awareness?.on('change', check);
		check();
	});
	const outcome: Record<string, boolean> = {};
	for (const [what, promise] of Object.entries(seen))
		void promise.then(() => (outcome[what] = true));
	let timer: NodeJS.Timeout | undefined;
	const deadline = new Promise<never>((_, reject) => {
		timer = setTimeout(() => {
			const missing = Object.keys(seen).filter((what) => !outcome[what]);
			reject(new Error(`Hocuspocus check failed after 10 s, missing: ${missing.join('; ')}`));
		}, 10_000);
	});
	try {
		await Promise.race([seen['both are synced'], deadline]);
		client.sendUpdate();
		client.sendPresence();
		map.set('provider', { t: performance.now() });
		provider.awareness?.setLocalState({ t: performance.now() });
		await Promise.race([Promise.all(Object.values(seen)), deadline]);
	} finally {
		clearTimeout(timer);
		provider.destroy();
		socket.destroy();
		client.close();
	}
}
