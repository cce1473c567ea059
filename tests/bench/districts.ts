/**
 * `npm run bench:districts`: how fast does the district overview draw Berlin's 542 Planungsräume?
 *
 * Starts the production server (build/ + server/index.ts) with a fresh store, loads the Berlin
 * demo data (12 Bezirke, 143 Bezirksregionen, 542 Planungsräume, the MSS 2021 tables) into it,
 * then opens `/districts` in Chromium several times and measures navigation start → all 542 map
 * areas in the page (goal: under a second). The browser test (tests/e2e/planning.spec.ts) checks
 * that they are drawn; this prints how long it takes. Prints the figures and a final JSON line.
 * Not a pass/fail test.
 */
import { importBerlinDemo } from '../../src/lib/server/planning/berlin-demo';
import { openDatabase } from '../../src/lib/server/db';
import { berlinDataDir } from '../../scripts/berlin-data';
import { startServer } from '../e2e/server';
import { launchChromium, median, round, signedInContext, signInFirstAdmin } from './browser';

const areas = 542;
const goalMs = 1000;
const quick = process.argv.includes('--quick');
const runs = quick ? 3 : 7;

async function main() {
	const server = await startServer();
	try {
		const { session } = await signInFirstAdmin(server);
		// The running server has the store open; SQLite lets a second process write beside it.
		const db = openDatabase(server.databasePath);
		try {
			const loaded = await importBerlinDemo(db, berlinDataDir());
			console.log(`Berlin demo data: ${loaded.districts} areas, ${loaded.values} values`);
		} finally {
			await db.close();
		}

		const browser = await launchChromium();
		const context = await signedInContext(browser, server.baseURL, session);
		const byPageClock: number[] = [];
		const fromGoto: number[] = [];
		try {
			for (let run = 0; run < runs; run++) {
				const page = await context.newPage();
				const started = performance.now();
				await page.goto(`${server.baseURL}/districts`, { waitUntil: 'commit' });
				// Passed as text: tsx would wrap the inner functions in a helper the page does not have.
				const ms = (await page.evaluate(`new Promise((resolve) => {
					const look = () =>
						document.querySelectorAll('[data-testid="district-map"] path').length === ${areas}
							? resolve(performance.now())
							: requestAnimationFrame(look);
					look();
				})`)) as number;
				fromGoto.push(performance.now() - started);
				byPageClock.push(ms);
				await page.close();
			}
		} finally {
			await browser.close();
		}

		const figures = {
			bench: 'districts',
			quick,
			areas,
			goalMs,
			timeToMapMs: round(median(byPageClock)),
			timeToMapRunsMs: byPageClock.map(round),
			fromGotoMs: round(median(fromGoto))
		};
		console.log(
			`/districts with ${areas} areas, navigation start → all areas in the page (median of ${runs}): ${figures.timeToMapMs} ms (goal < ${goalMs} ms; ${figures.fromGotoMs} ms from the benchmark's goto)`
		);
		console.log(JSON.stringify(figures));
	} finally {
		await server.stop();
	}
}

await main();
