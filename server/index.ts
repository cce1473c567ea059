/**
 * Production entry: one HTTP server on one port, serving the SvelteKit app (adapter-node handler)
 * and the `/sync/<document>` WebSocket upgrade. `npm start` builds the app first if needed.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { uploadBodyLimit } from '../src/lib/server/planning/uploads';
import { siteOrigin } from '../src/lib/server/origin';
import { attachServices } from '../src/lib/server/services';
import { announceSetupLink } from '../src/lib/server/setup-link';
import { startServices } from './services';

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

const running = await startServices();
const { db } = running.services;
const { handler } = (await import(pathToFileURL(resolve('build/handler.js')).href)) as {
	handler: Handler;
};

// The app gets its services with each request: adapter-node passes the request on as
// `platform.req`, and src/hooks.server.ts puts them into `locals.services`.
const server = createServer((req, res) => {
	attachServices(req, running.services);
	handler(req, res);
});
server.on('upgrade', (request, socket, head) => {
	if (!running.sync.handleUpgrade(request, socket, head)) socket.destroy();
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
	await running.stop();
	process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
