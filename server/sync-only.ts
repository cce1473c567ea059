/**
 * The sync endpoint alone, without the web app: for tests, benchmarks, and deployments that run
 * sync processes separately. Prints `listening on <port>` once ready. SIGTERM stores everything.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startServices } from './services';

const limitsFromEnv = process.env.SYNC_LIMITS ? JSON.parse(process.env.SYNC_LIMITS) : {};
// No app here: the services' access signal has no announcer; changes arrive through the relay.
const engine = await startServices({
	limits: limitsFromEnv,
	...(process.env.SYNC_UNLOAD_MS ? { unloadAfterMs: Number(process.env.SYNC_UNLOAD_MS) } : {}),
	...(process.env.SYNC_RECONCILE_MS
		? { reconcileIntervalMs: Number(process.env.SYNC_RECONCILE_MS) }
		: {})
});
const server = createServer((_, res) => res.writeHead(404).end());
server.on('upgrade', (request, socket, head) => {
	if (!engine.sync.handleUpgrade(request, socket, head)) socket.destroy();
});
server.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1', () => {
	console.log(`listening on ${(server.address() as AddressInfo).port}`);
});

// SYNC_STATS=1: one line a second with memory and event-loop delay, for benchmarks and operators.
if (process.env.SYNC_STATS === '1') {
	const delay = monitorEventLoopDelay({ resolution: 10 });
	delay.enable();
	setInterval(() => {
		// Memory benchmarks (--expose-gc, SYNC_STATS_GC=1) collect first, so figures mean live objects.
		if (process.env.SYNC_STATS_GC === '1') (globalThis as { gc?: () => void }).gc?.();
		const { rss, heapUsed } = process.memoryUsage();
		const stats = {
			rss,
			heapUsed,
			eventLoopP99Ms: delay.percentile(99) / 1e6,
			rooms: engine.sync.rooms.size
		};
		delay.reset();
		console.log(`stats ${JSON.stringify(stats)}`);
	}, 1000).unref();
}

process.on('SIGTERM', async () => {
	server.close();
	await engine.stop();
	process.exit(0);
});
