// The second reference: Hocuspocus 3.4 with its SQLite extension, as its docs set it up (stock
// Server, default debounce: a document is stored 2 s after its last change, at most every 10 s).
// Durable like ours, but it forwards first and stores later. Started by the benchmark as a peer to
// compare against; HOCUSPOCUS_DATABASE names the SQLite file.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { SQLite } from '@hocuspocus/extension-sqlite';
import { Server } from '@hocuspocus/server';

const database = process.env.HOCUSPOCUS_DATABASE;
if (!database) throw new Error('HOCUSPOCUS_DATABASE is not set');

const server = new Server({
	port: Number(process.env.PORT ?? 0),
	address: '127.0.0.1',
	quiet: true,
	extensions: [new SQLite({ database })]
});
await server.listen();
console.log(`listening on ${server.address.port}`);

const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
setInterval(() => {
	const { rss, heapUsed } = process.memoryUsage();
	console.log(
		`stats ${JSON.stringify({ rss, heapUsed, eventLoopP99Ms: delay.percentile(99) / 1e6 })}`
	);
	delay.reset();
}, 1000).unref();
