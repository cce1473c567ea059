import { defineConfig } from '@playwright/test';

/**
 * Browser tests against the real production server (build/ + server/index.ts). There is no
 * `webServer` block: each spec starts its own server, because it has to read the one-time setup
 * link from the server's output. `npm run test:e2e` builds the app first.
 */
export default defineConfig({
	testDir: 'tests/e2e',
	workers: 1,
	fullyParallel: false,
	timeout: 60_000,
	retries: 0,
	reporter: 'list',
	use: {
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run'
			]
		}
	}
});
