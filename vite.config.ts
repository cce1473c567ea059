import { sveltekit } from '@sveltejs/kit/vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/** In `npm run dev` the sync endpoint shares Vite's port, as it shares the app's port in production. */
function syncEndpoint(): Plugin {
	return {
		name: 'quartierswerkstatt-sync',
		apply: 'serve',
		async configureServer(server) {
			if (!server.httpServer) return;
			const { getDb } = await import('./src/lib/server/db');
			const { startSyncEngine } = await import('./server/sync/start');
			const { announceSetupLink } = await import('./src/lib/server/setup-link');
			const db = await getDb();
			const { sync } = await startSyncEngine();
			server.httpServer.on('upgrade', (request, socket, head) => {
				sync.handleUpgrade(request, socket, head);
			});
			server.httpServer.once('listening', () => {
				const port = server.config.server.port ?? 3000;
				void announceSetupLink(db, `http://localhost:${port}`);
			});
		}
	};
}

export default defineConfig({
	plugins: [sveltekit(), syncEndpoint()],
	server: { port: 3000 },
	test: {
		include: ['src/**/*.test.ts', 'tests/sync/**/*.test.ts'],
		testTimeout: 30_000,
		hookTimeout: 30_000,
		// Store tests share one PostgreSQL database; files run one after another.
		fileParallelism: false
	}
});
