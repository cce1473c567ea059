import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		// CSRF: the same origin check as SvelteKit's, made in hooks.server.ts (crossSite) so that the
		// API can refuse in JSON; SvelteKit's own check runs before any hook. Behind a proxy set ORIGIN.
		csrf: { trustedOrigins: ['*'] },
		// Small stylesheets go into the page: each file is one more request, and over HTTP/1.1 on a
		// slow phone connection the requests beyond six a host wait a full round trip (bench:join).
		inlineStyleThreshold: 16_384
	}
};

export default config;
