// The reference y-websocket server (@y/websocket-server 0.1.1 with yjs 13): in memory, no auth,
// every message re-broadcast. Started by the benchmark as a peer to compare against.
import { createServer } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setupWSConnection } from '@y/websocket-server/utils';
import { WebSocketServer } from 'ws';

const wss = new WebSocketServer({ noServer: true });
wss.on('connection', setupWSConnection);
const server = createServer((_, res) => res.writeHead(404).end());
server.on('upgrade', (request, socket, head) => {
	wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
});
server.listen(0, '127.0.0.1', () => console.log(`listening on ${server.address().port}`));

// Exit on SIGTERM (instead of being ended by it) so a BENCH_PROFILE CPU profile gets written.
process.on('SIGTERM', () => process.exit(0));

const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
setInterval(() => {
	const { rss, heapUsed } = process.memoryUsage();
	console.log(
		`stats ${JSON.stringify({ rss, heapUsed, eventLoopP99Ms: delay.percentile(99) / 1e6 })}`
	);
	delay.reset();
}, 1000).unref();
