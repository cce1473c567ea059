import { closeSync, createReadStream, ftruncateSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
	expect,
	test,
	type Browser,
	type BrowserContext,
	type BrowserContextOptions,
	type Page
} from '@playwright/test';
import { berlinDataFile } from '../../scripts/berlin-data';
import { expectNoAxeViolations } from './axe';
import { startServer, type RunningServer } from './server';
import { createAccount, open } from './steps';

/**
 * Planning end to end: a planner invited by the admin imports the Berlin boundaries and one MSS table
 * through the import page, then browses the map, the choropleth and a district with the rule's
 * reasons. Prints the measured import and render times.
 */

const bzrFile = berlinDataFile('berlin-bzr-2021-wgs84-simplified.geojson');
const plrFile = berlinDataFile('berlin-plr-2021-wgs84-simplified.geojson');
const indexFile = berlinDataFile('mss_2021_index_indikatoren.csv');

const admin = { name: 'Ada Admin', email: 'ada@quartier.example', password: 'sicheres-passwort-1' };
const planner = {
	name: 'Paula Planung',
	email: 'paula@quartier.example',
	password: 'planen-ist-gut-2026'
};
const desktop: BrowserContextOptions = { viewport: { width: 1280, height: 900 } };
const phone: BrowserContextOptions = {
	viewport: { width: 360, height: 740 },
	isMobile: true,
	hasTouch: true
};
/** A Planungsraum the default rule flags through S3 and S4 while S1 stays below 1 SD. */
const flaggedCode = '01200521';

const figures: string[] = [];
const report = (line: string) => {
	figures.push(line);
	console.log(`[planning] ${line}`);
};

/** Records every text the progress box shows, however briefly, from now on. */
async function watchProgress(page: Page) {
	await page.evaluate(() => {
		const seen: string[] = [];
		(window as unknown as { progressSeen: string[] }).progressSeen = seen;
		new MutationObserver(() => {
			const box = document.querySelector('[data-testid="import-progress"]');
			const text = box?.textContent?.trim();
			if (text && seen[seen.length - 1] !== text) seen.push(text);
		}).observe(document.body, { subtree: true, childList: true, characterData: true });
	});
}

const progressSeen = (page: Page) =>
	page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);

test.describe.serial('planning: districts and indicators', () => {
	let server: RunningServer;
	const contexts: BrowserContext[] = [];
	let page: Page;

	async function newPage(browser: Browser, options: BrowserContextOptions = desktop) {
		const context = await browser.newContext({ ...options, baseURL: server.baseURL });
		contexts.push(context);
		return context.newPage();
	}

	test.beforeAll(async () => {
		server = await startServer();
	});

	test.afterAll(async () => {
		for (const context of contexts) await context.close().catch(() => undefined);
		await server?.stop();
		if (figures.length) console.log(`Planning figures:\n  ${figures.join('\n  ')}`);
	});

	test('the admin invites a planner, who finds the empty district overview', async ({
		browser
	}) => {
		const adminPage = await newPage(browser);
		await open(adminPage, server.setupLink);
		await createAccount(adminPage, admin);
		await expect(adminPage).toHaveURL(`${server.baseURL}/workshops`);
		await open(adminPage, '/admin/staff');
		await adminPage.getByLabel('Rolle').selectOption({ label: 'Sozialplanung' });
		await adminPage.getByRole('button', { name: 'Einladungslink erstellen' }).click();
		const link = (await adminPage.getByTestId('staff-invite-link').textContent()) ?? '';

		page = await newPage(browser);
		await open(page, link);
		await expect(page.getByText('Ihre Rolle: Sozialplanung.')).toBeVisible();
		await createAccount(page, planner);
		await expect(page).toHaveURL(`${server.baseURL}/workshops`);

		await page.getByRole('link', { name: 'Sozialräume' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Sozialräume' })).toBeVisible();
		await expect(page.getByText('Es gibt noch keine Gebiete.')).toBeVisible();
		await expectNoAxeViolations(page, '/districts (empty)');
	});

	test('the planner imports the Bezirksregionen and the Planungsräume with visible progress', async () => {
		await page.getByRole('link', { name: 'Daten importieren' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(
			'Gebiete und Indikatoren importieren'
		);
		await page.waitForLoadState('networkidle');
		await expectNoAxeViolations(page, '/districts/import');

		// Bezirksregionen first, without parents.
		await page.getByLabel('GeoJSON-Datei').setInputFiles(bzrFile);
		await expect(page.getByTestId('geo-properties')).toHaveText(
			'143 Gebiete gefunden. Diese Eigenschaften hat die Datei:'
		);
		await expect(page.getByLabel('Eigenschaft mit der Kennung')).toHaveValue('BZR_ID');
		await expect(page.getByLabel('Eigenschaft mit dem Namen')).toHaveValue('BZR_NAME');
		await page.getByLabel('Name der Ebene').fill('bezirksregion');
		await page.getByRole('button', { name: 'Gebiete importieren' }).click();
		await expect(page.getByTestId('import-result')).toContainText(
			'143 Bezirksregionen aus berlin-bzr-2021-wgs84-simplified.geojson importiert.'
		);

		// Then the Planungsräume, each below its Bezirksregion (first 6 digits of the id).
		await page.getByLabel('GeoJSON-Datei').setInputFiles(plrFile);
		await expect(page.getByTestId('geo-properties')).toContainText('542 Gebiete gefunden.');
		await expect(page.getByLabel('Eigenschaft mit der Kennung')).toHaveValue('PLR_ID');
		await expect(page.getByLabel('Eigenschaft mit dem Namen')).toHaveValue('PLR_NAME');
		await page.getByLabel('Name der Ebene').fill('planungsraum');
		await page.getByLabel('aus dem Anfang der Kennung').check();
		await page.getByLabel('Übergeordnete Ebene').selectOption('bezirksregion');
		await page.getByLabel('Wie viele Zeichen der Kennung?').fill('6');
		await watchProgress(page);
		const started = Date.now();
		await page.getByRole('button', { name: 'Gebiete importieren' }).click();
		const result = page.getByTestId('import-result');
		await expect(result).toContainText(
			'542 Planungsräume aus berlin-plr-2021-wgs84-simplified.geojson importiert.'
		);
		const took = Date.now() - started;
		await expect(result).toContainText('542 neu, 0 aktualisiert, 0 entfernt.');
		await expect(result).toContainText('Der Name „Schloßstraße“ kommt 2-mal vor');
		const seen = await progressSeen(page);
		expect(seen.length, `progress texts: ${seen.join(' | ')}`).toBeGreaterThan(0);
		expect(seen.some((text) => /hochgeladen|geprüft|gespeichert/.test(text))).toBe(true);
		report(
			`import of 542 Planungsräume (0.7 MB) through the UI: ${took} ms; progress: ${seen.join(' → ')}`
		);
		await expectNoAxeViolations(page, '/districts/import after the import');
	});

	test('a CSV with an unknown id is refused line by line and nothing is imported', async () => {
		const broken =
			'ZEIT,PLR_ID,S1\n202012,"01100101",4.2\n202012,"99999999",3.1\n202012,"01100102",viel\n';
		await page.getByLabel('CSV-Datei').setInputFiles({
			name: 'kaputt.csv',
			mimeType: 'text/csv',
			buffer: Buffer.from(broken)
		});
		await expect(page.getByTestId('csv-columns')).toHaveText('3 Zeilen und 3 Spalten gefunden.');
		await page.getByRole('button', { name: 'Werte importieren' }).click();
		const errors = page.getByTestId('import-errors');
		await expect(errors).toContainText('Nichts wurde importiert.');
		await expect(errors).toContainText('Zeile 3: Zur Kennung „99999999“ gibt es kein Gebiet.');
		await expect(errors).toContainText('Zeile 4, Spalte „S1“: „viel“ ist keine Zahl.');
	});

	test('a file over 50 MB is refused: in the browser before the upload, and by the server', async () => {
		// Sparse, so the test writes almost nothing to disk.
		const dir = mkdtempSync(join(tmpdir(), 'qw-big-'));
		const big = join(dir, 'riesig.csv');
		const handle = openSync(big, 'w');
		ftruncateSync(handle, 51 * 1024 * 1024);
		closeSync(handle);
		try {
			await page.getByLabel('CSV-Datei').setInputFiles(big);
			await expect(page.getByTestId('import-errors')).toContainText(
				'Die Datei ist 51 MB groß. Erlaubt sind höchstens 50 MB.'
			);
			const response = await page.request.post('/districts/import/run', {
				headers: { origin: server.baseURL },
				multipart: { kind: 'csv', file: createReadStream(big) }
			});
			const lines = (await response.text()).trim().split('\n');
			expect(JSON.parse(lines[lines.length - 1])).toEqual({
				type: 'result',
				outcome: {
					ok: false,
					errors: [{ message: 'Die Datei ist größer als 50 MB. Erlaubt sind höchstens 50 MB.' }]
				}
			});
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	test('the planner imports the MSS index table with labels, units and polarity proposed', async () => {
		await page.getByLabel('CSV-Datei').setInputFiles(indexFile);
		await expect(page.getByTestId('csv-columns')).toHaveText('542 Zeilen und 30 Spalten gefunden.');
		await expect(page.getByLabel('Spalte mit der Kennung')).toHaveValue('PLR_ID');
		await expect(page.getByLabel('Spalte mit dem Zeitraum')).toHaveValue('ZEIT');
		await expect(page.getByLabel('Spalte, die ungültige Zeilen markiert')).toHaveValue('KOM');
		await expect(page.getByLabel('Wert für gültige Zeilen')).toHaveValue('gültig');
		await expect(page.getByRole('checkbox', { name: 'S1', exact: true })).toBeChecked();
		await expect(page.getByRole('checkbox', { name: 'S1_SD_GR' })).not.toBeChecked();
		await page.locator('input[name="label:S1"]').fill('Arbeitslosigkeit');
		await page.locator('input[name="label:S3"]').fill('Transferbezug');
		await page.locator('input[name="label:S4"]').fill('Kinderarmut');
		await page
			.getByLabel('Quellenangabe (wird bei Karten gezeigt)')
			.fill('Monitoring Soziale Stadtentwicklung 2021');
		await expect(page.locator('select[name="polarity:EW"]')).toHaveValue('higherIsBetter');
		await watchProgress(page);
		const started = Date.now();
		await page.getByRole('button', { name: 'Werte importieren' }).click();
		const result = page
			.getByRole('region', { name: '2. Indikatoren (CSV)' })
			.getByTestId('import-result');
		await expect(result).toContainText(
			'Werte für 7 Indikatoren aus mss_2021_index_indikatoren.csv'
		);
		report(
			`import of the MSS index table (7 × 542 values) through the UI: ${Date.now() - started} ms`
		);
		await expect(result).toContainText('6 Zeilen sind als ungültig markiert');
		await expect(
			page.getByRole('list').filter({ hasText: 'mss_2021_index_indikatoren.csv' })
		).toBeVisible();
	});

	// How fast it draws is measured by `npm run bench:districts` (tests/bench/districts.ts).
	test('the overview draws all 542 areas, with the rule and a choropleth', async () => {
		await page.goto('/districts');
		await expect(page.getByTestId('district-map').locator('path')).toHaveCount(542);
		await expect(page.getByTestId('rule-summary')).toHaveText(
			'90 von 542 Planungsräume sind nach dieser Regel besonders belastet (Stand 202012).'
		);
		// Each area is a link with a name that says what the map shows.
		await expect(
			page.getByRole('link', { name: /^.+: besonders belastet$/ }).first()
		).toBeVisible();
		await page.waitForLoadState('networkidle');
		await expectNoAxeViolations(page, '/districts (rule map)');

		await page.getByLabel('Karte zeigt').selectOption({ label: 'Arbeitslosigkeit (S1)' });
		await page.getByRole('button', { name: 'Anzeigen' }).click();
		await expect(page.getByRole('heading', { name: 'Karte: Arbeitslosigkeit' })).toBeVisible();
		await expect(page.getByText('Arbeitslosigkeit (202012)')).toBeVisible();
		await expect(page.getByText('Quelle: Monitoring Soziale Stadtentwicklung 2021')).toBeVisible();
		await expect(page.getByRole('link', { name: /^Stülerstraße: 4,23 %$/ })).toBeVisible();
		await expectNoAxeViolations(page, '/districts (choropleth)');

		// The list: search by name, then by keyboard into the hierarchy.
		await page.getByLabel('Gebiet suchen (Name oder Kennung)').fill('stüler');
		await expect(page.getByText('1 Treffer')).toBeVisible();
		await expect(page.getByRole('link', { name: 'Stülerstraße', exact: true })).toBeVisible();
		await page.getByLabel('Gebiet suchen (Name oder Kennung)').fill('');
		const firstRegion = page.locator('.tree > li > details > summary').first();
		await firstRegion.focus();
		await page.keyboard.press('Enter');
		await expect(page.locator('.tree > li > details').first()).toHaveAttribute('open', '');
	});

	test('a district page explains the rule and compares every indicator with the city', async () => {
		await page.goto(`/districts/${flaggedCode}`);
		await expect(page.getByTestId('rule-verdict')).toHaveText(
			'Ja, dieses Gebiet ist besonders belastet.'
		);
		const reasons = page.getByTestId('rule-reasons');
		await expect(reasons).toContainText('Arbeitslosigkeit: z = +0,9 (zählt nicht)');
		await expect(reasons).toContainText('Transferbezug: z = +1,4 (zählt)');
		await expect(reasons).toContainText('Kinderarmut: z = +1,6 (zählt)');
		await expect(page.getByText('Gewichtet: nach Einwohnerzahl (EW)')).toBeVisible();
		await expect(page.getByRole('row', { name: /Arbeitslosigkeit/ })).toContainText('4,97');
		await expect(page.getByRole('heading', { name: 'Ziele' })).toBeVisible();
		await expect(page.getByText('Für dieses Gebiet gibt es noch keine Maßnahmen.')).toBeVisible();
		await expect(
			page.getByRole('link', { name: /.+/ }).filter({ has: page.locator('path.highlight') })
		).toHaveCount(1);
		await page.waitForLoadState('networkidle');
		await expectNoAxeViolations(page, `/districts/${flaggedCode}`);

		// A stricter rule (all three) no longer flags it, and says why.
		await page.getByText('Regel anpassen').click();
		await page.getByLabel('Wie viele müssen auffällig sein? (k)').fill('3');
		await page.getByRole('button', { name: 'Regel anwenden' }).click();
		await expect(page).toHaveURL(/k=3/);
		await expect(page.getByTestId('rule-verdict')).toHaveText(
			'Nein, dieses Gebiet ist nicht besonders belastet.'
		);
		await expect(
			page.getByText('2 von 3 Indikatoren sind mindestens 1 Standardabweichung schlechter')
		).toBeVisible();
	});

	test('without JavaScript the import still works through form actions', async ({ browser }) => {
		const plain = await newPage(browser, { ...desktop, javaScriptEnabled: false });
		await plain.goto('/login');
		await plain.getByLabel('E-Mail').fill(planner.email);
		await plain.getByLabel('Passwort').fill(planner.password);
		await plain.getByRole('button', { name: 'Anmelden' }).click();
		await plain.goto('/districts/import');
		const geo = plain.getByRole('region', { name: '1. Gebiete (GeoJSON)' });
		await geo.getByLabel('GeoJSON-Datei').setInputFiles(bzrFile);
		await geo.getByRole('button', { name: 'Datei prüfen' }).click();
		await expect(geo.getByTestId('geo-properties')).toContainText('143 Gebiete gefunden.');
		await expect(geo.getByLabel('Eigenschaft mit der Kennung', { exact: true })).toHaveValue(
			'BZR_ID'
		);
		// The browser forgets the file after a page load; it is chosen again for the import.
		await geo.getByLabel('GeoJSON-Datei').setInputFiles(bzrFile);
		await geo.getByLabel('Name der Ebene').fill('bezirksregion');
		await geo.getByRole('button', { name: 'Gebiete importieren' }).click();
		await expect(geo.getByTestId('import-result')).toContainText(
			'0 neu, 143 aktualisiert, 0 entfernt.'
		);
		await plain.goto('/districts?q=stüler');
		await expect(plain.getByRole('link', { name: 'Stülerstraße', exact: true })).toBeVisible();
	});

	test('on a 360 px phone the overview and a district page fit without sideways scrolling', async ({
		browser
	}) => {
		const mobile = await newPage(browser, phone);
		await open(mobile, '/login');
		await mobile.getByLabel('E-Mail').fill(planner.email);
		await mobile.getByLabel('Passwort').fill(planner.password);
		await mobile.getByRole('button', { name: 'Anmelden' }).click();
		await expect(mobile.getByRole('button', { name: 'Abmelden' })).toBeVisible();
		await open(mobile, '/districts');
		await expect(mobile.locator('[data-testid="district-map"] path')).toHaveCount(542);
		expect(await mobile.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			360
		);
		await expectNoAxeViolations(mobile, '/districts at 360 px');
		await open(mobile, `/districts/${flaggedCode}`);
		expect(await mobile.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			360
		);
		await expectNoAxeViolations(mobile, `/districts/${flaggedCode} at 360 px`);
	});
});
