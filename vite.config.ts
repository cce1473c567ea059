import { sveltekit } from '@sveltejs/kit/vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * `npm run dev`: the plugin is the entry point, as server/index.ts is in production. It starts the
 * services (store, sync engine) and the sync endpoint, which shares Vite's port as it shares the
 * app's port in production. SvelteKit's dev server passes the app no `platform`, so the services are
 * provided once for the process (src/lib/server/services.ts) and taken back when the server closes.
 */
function syncEndpoint(): Plugin {
	return {
		name: 'quartierswerkstatt-sync',
		apply: 'serve',
		async configureServer(server) {
			const httpServer = server.httpServer;
			if (!httpServer) return;
			const { startServices } = await import('./server/services');
			const { provideDevServices, withdrawDevServices } = await import('./src/lib/server/services');
			const { announceSetupLink } = await import('./src/lib/server/setup-link');
			const running = await startServices();
			provideDevServices(running.services);
			httpServer.on('upgrade', (request, socket, head) => {
				running.sync.handleUpgrade(request, socket, head);
			});
			httpServer.once('listening', () => {
				const port = server.config.server.port ?? 3000;
				void announceSetupLink(running.services.db, `http://localhost:${port}`);
			});
			httpServer.once('close', () => {
				withdrawDevServices(running.services);
				running.stop().catch((error: unknown) => console.error('[sync]', error));
			});
		}
	};
}

const frameworkModule =
	/\/node_modules\/(svelte|@sveltejs\/kit|devalue|clsx|esm-env)\/|vite\/preload-helper/;

export default defineConfig({
	plugins: [sveltekit(), syncEndpoint()],
	server: { port: 3000 },
	build: {
		rollupOptions: {
			output: {
				// Tiny shared chunks are merged into larger ones: a page asked for 23 files, and over
				// HTTP/1.1 (six connections a host) each further batch costs a full round trip on a slow
				// phone connection. `npm run bench:join` (Fast 3G): join page 23 → 13 files, hydrated
				// 3.5 → 2.4 s; live room 28 → 14 files, 5.4 → 4.1 s. Rollup merges only where the order
				// of side effects stays the same.
				experimentalMinChunkSize: 40_000,
				manualChunks: (id) =>
					// Each language's table (and the Einfache Sprache one) stays a file of its own: merged
					// into a shared chunk, every page would load texts it does not show.
					/\/src\/lib\/i18n\/(locales|simple)\/(tr|ar|uk|ru|de)\.ts$/
						.exec(id)
						?.slice(1)
						.join('-') ??
					// Svelte's and SvelteKit's runtime, which every page needs, in one file rather than four
					// or five: the live room came in three batches of six requests (bench:join).
					(frameworkModule.test(id) ? 'framework' : undefined)
			}
		}
	},
	test: {
		include: ['src/**/*.test.ts', 'tests/sync/**/*.test.ts'],
		testTimeout: 30_000,
		hookTimeout: 30_000,
		// Store tests share one PostgreSQL database; files run one after another.
		fileParallelism: false
	}
});
