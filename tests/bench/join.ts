/**
 * `npm run bench:join`: is joining quick on a slow phone connection?
 *
 * Starts the production server (build/ + server/index.ts) with a fresh store, makes a workshop in
 * its critique phase and a projector's join code, then opens, in Chromium with the network
 * throttled to Chrome DevTools' "Fast 3G" preset (latency 562.5 ms = 150 ms × 3.75, download
 * 180,000 B/s = 1.6 Mbit/s × 0.9, upload 84,375 B/s = 750 kbit/s × 0.9; CDP
 * `Network.emulateNetworkConditions`) and the CPU not throttled, each with an empty cache:
 * - the join page `/j/<code>` (what the QR code opens): time from navigation start until it is
 *   usable = the "Los geht’s" button is enabled AND Svelte has hydrated the form (the name field's
 *   server-rendered `value` attribute is gone, which Svelte removes right after hydrating it), so a
 *   press goes through the enhanced form; goal < 1 s;
 * - the live room `/w/<id>` for a participant who has joined: time from navigation start until it
 *   is usable = the "Neue Karte" field is there and enabled, which the page renders once it knows
 *   the content and control documents: their states come with the page (a browser opens one
 *   WebSocket to a host at a time, each handshake a full round trip), and a card written before the
 *   connection stands is kept on the device and goes up with it (connection.spec.ts); goal < 2.5 s;
 * - the same live room reached the usual way, by pressing "Los geht’s" on the join page (the
 *   shared framework code is cached by then): press → usable.
 * For each page it sums the compressed size of every JavaScript file the page loaded until the
 * network was idle (Resource Timing `encodedBodySize`: the body as it came over the wire; the
 * server sends the precompressed brotli files) and lists the largest; goal for the join page
 * < 150 KB. Prints the figures and a final JSON line. Not a pass/fail test.
 */
import type { CDPSession, Page } from '@playwright/test';
import { setLocked, setPlan } from '../../src/lib/collab/control';
import { documentName } from '../../src/lib/collab/documents';
import {
	moveToNextPhase,
	startPlan,
	zukunftswerkstattTemplate
} from '../../src/lib/domain/facilitation/phases';
import { startServer } from '../e2e/server';
import { connectClient } from '../helpers/sync';
import { launchChromium, median, postForm, round, signInFirstAdmin } from './browser';

const runs = process.argv.includes('--quick') ? 3 : 5;

/** Chrome DevTools' "Fast 3G" (front_end/core/sdk/NetworkManager.ts, Puppeteer's PredefinedNetworkConditions). */
const fast3g = {
	offline: false,
	latency: 150 * 3.75,
	downloadThroughput: ((1.6 * 1000 * 1000) / 8) * 0.9,
	uploadThroughput: ((750 * 1000) / 8) * 0.9
};

interface Script {
	url: string;
	/** Compressed body bytes, as they came over the network. */
	wire: number;
	/** Bytes after decompression. */
	decoded: number;
	/** Milliseconds since navigation start: asked for, and fully arrived. */
	start: number;
	end: number;
	encoding: string;
}

/** Throttles the page's network (and only its network) to Fast 3G, with an empty cache. */
async function throttle(page: Page): Promise<{ cdp: CDPSession; encodings: Map<string, string> }> {
	const cdp = await page.context().newCDPSession(page);
	const encodings = new Map<string, string>();
	cdp.on('Network.responseReceived', (event) => {
		const headers = event.response.headers as Record<string, string>;
		const encoding = Object.entries(headers).find(
			([name]) => name.toLowerCase() === 'content-encoding'
		)?.[1];
		encodings.set(event.response.url, encoding ?? 'none');
	});
	await cdp.send('Network.enable');
	await cdp.send('Network.clearBrowserCache');
	await cdp.send('Network.emulateNetworkConditions', fast3g);
	return { cdp, encodings };
}

/** Every JavaScript file the page loaded so far, with its size on the wire. */
async function scriptsOf(page: Page, encodings: Map<string, string>): Promise<Script[]> {
	const entries = await page.evaluate(() =>
		performance
			.getEntriesByType('resource')
			.map((entry) => entry as PerformanceResourceTiming)
			.filter((entry) => new URL(entry.name).pathname.endsWith('.js'))
			.map((entry) => ({
				url: entry.name,
				wire: entry.encodedBodySize,
				decoded: entry.decodedBodySize,
				start: entry.startTime,
				end: entry.responseEnd
			}))
	);
	return entries.map((entry) => ({ ...entry, encoding: encodings.get(entry.url) ?? '?' }));
}

const kb = (bytes: number) => round(bytes / 1024);
const total = (scripts: Script[]) => scripts.reduce((sum, s) => sum + s.wire, 0);

function listScripts(title: string, scripts: Script[]) {
	console.log(
		`${title}: ${scripts.length} JS files, ${kb(total(scripts))} KB compressed ` +
			`(${kb(scripts.reduce((sum, s) => sum + s.decoded, 0))} KB decoded), encodings: ` +
			[...new Set(scripts.map((s) => s.encoding))].join(', ')
	);
	// Where the time goes: each file waits one latency, and HTTP/1.1 gives 6 connections a host.
	const first = Math.min(...scripts.map((s) => s.start));
	const last = Math.max(...scripts.map((s) => s.end));
	console.log(
		`  first JS asked for at ${Math.round(first)} ms, last JS arrived at ${Math.round(last)} ms`
	);
	// The waterfall: when each file was asked for and when it had fully arrived.
	for (const script of [...scripts].sort((a, b) => a.start - b.start))
		console.log(
			`  ${kb(script.wire).toString().padStart(6)} KB  ${Math.round(script.start)}–${Math.round(script.end)} ms  ${new URL(script.url).pathname.replace('/_app/immutable/', '')}`
		);
}

/**
 * When `ready` first holds in the page (checked every frame): milliseconds since navigation start,
 * and the page's clock (`Date.now()`) for spans across a navigation.
 */
async function readyAt(
	page: Page,
	ready: () => boolean
): Promise<{ sinceStart: number; at: number }> {
	const handle = await page.waitForFunction(
		(check) =>
			new Function(`return (${check})()`)()
				? { sinceStart: performance.now(), at: Date.now() }
				: false,
		ready.toString(),
		{ polling: 'raf', timeout: 60_000 }
	);
	return (await handle.jsonValue()) as { sinceStart: number; at: number };
}

/** The server-rendered form is there with its button: a press already joins (a plain form post). */
function joinButtonShown(): boolean {
	const button = [...document.querySelectorAll('button')].find((b) =>
		b.textContent?.includes('Los geht')
	);
	return !!button && !button.disabled && !!document.getElementById('displayName');
}

function joinPageUsable(): boolean {
	const button = [...document.querySelectorAll('button')].find((b) =>
		b.textContent?.includes('Los geht')
	);
	const name = document.getElementById('displayName');
	return !!button && !button.disabled && !!name && !name.hasAttribute('value');
}

function liveRoomUsable(): boolean {
	const field = document.getElementById('new-card');
	return field instanceof HTMLTextAreaElement && !field.disabled;
}

async function main() {
	const server = await startServer();
	const base = server.baseURL;
	const clients: { destroy(): void }[] = [];
	const browser = await launchChromium();
	try {
		const { cookie } = await signInFirstAdmin(server);
		const created = await postForm(
			`${base}/workshops/new`,
			{ title: 'Werkstatt am Marktplatz', startsOn: '2026-12-01', description: '' },
			base,
			cookie
		);
		const workshopId = created.headers.get('location')?.split('/').pop() ?? '';
		if (!workshopId) throw new Error(`workshop not created: ${created.status}`);

		// Started and in the critique phase, where participants write cards.
		const syncUrl = `${base.replace('http', 'ws')}/sync`;
		const control = connectClient(syncUrl, documentName(workshopId, 'control'), cookie);
		const content = connectClient(syncUrl, documentName(workshopId, 'content'), cookie);
		clients.push(control, content);
		await Promise.all([control.synced(), content.synced()]);
		const started = startPlan(zukunftswerkstattTemplate('de'));
		const plan = started.ok ? moveToNextPhase(started.value) : started;
		if (!plan.ok) throw new Error(plan.error);
		setPlan(control.doc, plan.value);
		setLocked(control.doc, false);

		// The projector's join code (as the projector view asks for it).
		const minted = await fetch(`${base}/w/${workshopId}/present/code`, {
			method: 'POST',
			headers: { origin: base, cookie }
		});
		const { code } = (await minted.json()) as { code: string | null };
		if (!code) throw new Error(`no join code: ${minted.status}`);
		console.log(`workshop ${workshopId}, join code ${code}; ${runs} runs each, Fast 3G`);

		const shownMs: number[] = [];
		const joinMs: number[] = [];
		const roomMs: number[] = [];
		const pressMs: number[] = [];
		let joinScripts: Script[] = [];
		let roomScripts: Script[] = [];
		for (let run = 0; run < runs; run++) {
			// A fresh phone-sized browser: no cookie, no cache.
			const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
			const page = await context.newPage();
			const { encodings } = await throttle(page);
			await page.goto(`${base}/j/${code}`, { waitUntil: 'commit' });
			shownMs.push((await readyAt(page, joinButtonShown)).sinceStart);
			joinMs.push((await readyAt(page, joinPageUsable)).sinceStart);
			await page.waitForLoadState('networkidle');
			joinScripts = await scriptsOf(page, encodings);

			// Join the usual way: the press, then the live room as it comes (cached framework code).
			const pressed = await page.evaluate(() => Date.now());
			await page.getByRole('button', { name: 'Los geht’s' }).click();
			await page.waitForURL(/\/w\/[a-z0-9]+$/, { waitUntil: 'commit' });
			pressMs.push((await readyAt(page, liveRoomUsable)).at - pressed);

			// The live room opened cold, by the participant who has joined (cookie kept, cache emptied).
			const room = await context.newPage();
			const roomNetwork = await throttle(room);
			await page.close();
			await room.goto(`${base}/w/${workshopId}`, { waitUntil: 'commit' });
			roomMs.push((await readyAt(room, liveRoomUsable)).sinceStart);
			await room.waitForLoadState('networkidle');
			roomScripts = await scriptsOf(room, roomNetwork.encodings);
			await context.close();
		}

		const figures = {
			throttle:
				'Chrome DevTools Fast 3G: 562.5 ms latency, 180000 B/s down, 84375 B/s up; CPU not throttled',
			usable: {
				joinPage: "'Los geht’s' enabled and the form hydrated",
				joinButtonWorksWithoutScript:
					"'Los geht’s' rendered and enabled: a press posts the plain form, which joins before hydration",
				liveRoom:
					"'Neue Karte' field enabled (content and control documents known from the page or synced)"
			},
			joinPageJsKB: kb(total(joinScripts)),
			joinPageJsFiles: joinScripts.length,
			joinPageUsableMs: Math.round(median(joinMs)),
			joinButtonWorksWithoutScriptMs: Math.round(median(shownMs)),
			liveRoomJsKB: kb(total(roomScripts)),
			liveRoomJsFiles: roomScripts.length,
			liveRoomUsableMs: Math.round(median(roomMs)),
			joinPressToLiveRoomUsableMs: Math.round(median(pressMs)),
			goals: { joinPageJsKB: 150, joinPageUsableMs: 1000, liveRoomUsableMs: 2500 },
			runs
		};
		listScripts('join page /j/<code>', joinScripts);
		listScripts('live room /w/<id> (participant, empty cache)', roomScripts);
		console.log(
			`join page usable (median of ${runs}): ${figures.joinPageUsableMs} ms [${joinMs.map(Math.round).join(', ')}]`
		);
		console.log(
			`join button there (works as a plain form before hydration, median of ${runs}): ${figures.joinButtonWorksWithoutScriptMs} ms [${shownMs.map(Math.round).join(', ')}]`
		);
		console.log(
			`live room usable, empty cache (median of ${runs}): ${figures.liveRoomUsableMs} ms [${roomMs.map(Math.round).join(', ')}]`
		);
		console.log(
			`join press → live room usable (median of ${runs}): ${figures.joinPressToLiveRoomUsableMs} ms [${pressMs.map(Math.round).join(', ')}]`
		);
		console.log(JSON.stringify(figures));
	} finally {
		for (const client of clients) client.destroy();
		await browser.close();
		await server.stop();
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
