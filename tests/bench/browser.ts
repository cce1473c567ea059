/**
 * What the browser benchmarks share: the first admin signed in through the real setup form, and
 * Chromium with that session.
 */
import { chromium, type Browser, type BrowserContext } from '@playwright/test';
import type { RunningServer } from '../e2e/server';

/** Posts a form as a browser does: SvelteKit answers other clients with JSON, not a redirect. */
export async function postForm(
	url: string,
	fields: Record<string, string>,
	origin: string,
	cookie = ''
): Promise<Response> {
	return fetch(url, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			accept: 'text/html',
			origin,
			cookie,
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams(fields)
	});
}

/** Creates the first admin (who may also facilitate and plan) through the one-time setup link. */
export async function signInFirstAdmin(
	server: RunningServer
): Promise<{ session: string; cookie: string }> {
	const setup = await postForm(
		server.setupLink,
		{ name: 'Bench Admin', email: 'bench@quartier.example', password: 'benchmark-passwort' },
		server.baseURL
	);
	const session = /__Host-qw_session=([^;]+)/.exec(setup.headers.get('set-cookie') ?? '')?.[1];
	if (!session) throw new Error(`setup failed: ${setup.status}`);
	return { session, cookie: `__Host-qw_session=${session}` };
}

export function launchChromium(): Promise<Browser> {
	return chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run'
		]
	});
}

/** A desktop-sized browser context signed in with `session`. */
export async function signedInContext(
	browser: Browser,
	base: string,
	session: string
): Promise<BrowserContext> {
	const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
	// `url` would make Playwright drop `Secure`, which a `__Host-` cookie needs even on loopback.
	await context.addCookies([
		{
			name: '__Host-qw_session',
			value: session,
			domain: new URL(base).hostname,
			path: '/',
			secure: true
		}
	]);
	return context;
}

export const percentile = (values: number[], p: number) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};
export const median = (values: number[]) => percentile(values, 50);
export const round = (n: number) => Math.round(n * 10) / 10;
