/**
 * Production entry: one HTTP server on one port, serving the SvelteKit app (adapter-node handler)
 * and the `/sync/<document>` WebSocket upgrade. `npm start` builds the app first if needed.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { getDb } from '../src/lib/server/db';
import { uploadBodyLimit } from '../src/lib/server/planning/uploads';
import { siteOrigin } from '../src/lib/server/origin';
import { announceSetupLink } from '../src/lib/server/setup-link';
import { startSyncEngine } from './sync/start';

type Handler = (req: IncomingMessage, res: ServerResponse, next?: () => void) => void;

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '0.0.0.0';

// adapter-node refuses bodies over 512 kB by default; district boundaries are larger (Berlin: 0.7 MB).
// The import routes refuse files over 50 MB themselves, with a message that says so; this limit is the
// hard stop above that, also for uploads without a Content-Length. Set before the handler is loaded,
// which reads it once.
process.env.BODY_SIZE_LIMIT ??= String(uploadBodyLimit);
// Without ORIGIN, adapter-node takes the origin from the request as https://<host>, so every form
// post from http://localhost:3000 failed SvelteKit's CSRF check (403). The documented default
// (http://localhost:$PORT) is made explicit here, the same one the cookies and the sync server's
// Origin check use (src/lib/server/origin.ts).
process.env.ORIGIN = siteOrigin();

const db = await getDb();
const engine = await startSyncEngine();
const { handler } = (await import(pathToFileURL(resolve('build/handler.js')).href)) as {
	handler: Handler;
};

const server = createServer((req, res) => handler(req, res));
server.on('upgrade', (request, socket, head) => {
	if (!engine.sync.handleUpgrade(request, socket, head)) socket.destroy();
});

server.listen(port, host, async () => {
	const address = server.address();
	const actualPort = typeof address === 'object' && address ? address.port : port;
	console.log(
		`Quartierswerkstatt läuft auf http://localhost:${actualPort} (Speicher: ${db.kind}, Redis: ${process.env.REDIS_URL ? 'ja' : 'nein'})`
	);
	await announceSetupLink(db, siteOrigin());
});

let stopping = false;
async function shutdown(signal: string) {
	if (stopping) return;
	stopping = true;
	console.log(`${signal}: speichere alle Dokumente und beende …`);
	// Stop taking connections, store every document, close clients with a retry code.
	server.close();
	await engine.stop();
	await db.close();
	process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
