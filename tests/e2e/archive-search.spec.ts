import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { startServer, type RunningServer } from './server';
import {
	People,
	addCard,
	chooseView,
	createAccount,
	createInviteLink,
	createWorkshop,
	desktop,
	inviteStaff,
	join as joinWorkshop,
	moveToPhase,
	open
} from './steps';

/**
 * The archive search (archive issue, point 4), end to end: a planner brings in two districts and a
 * goal; the facilitator runs two workshops (cards from a participant, a measure) and closes them;
 * the planner finds them in /archiv by stem, by part of a compound word and by filters, follows the
 * links to the documentation and the register, meets the empty state and a wrong date range, and
 * searches without JavaScript. A participant is refused.
 */
const shots = '/work/notes/shots/archive-search';
const park = 'Zukunftswerkstatt Parkviertel';
const bus = 'Zukunftswerkstatt Nordviertel';
const goal = 'Treffpunkte für junge Menschen';
const measure = 'Sozialraumkonferenz Spielplatz einberufen';

const results = (page: Page) => page.getByTestId('archive-result');
const search = async (page: Page, words: string) => {
	await page.getByLabel('Suchbegriff').fill(words);
	// Enter in the search field sends the form: the keyboard way.
	await page.getByLabel('Suchbegriff').press('Enter');
	await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe(words);
};

test.describe.serial('Archive search for planners', () => {
	let server: RunningServer;
	let people: People;
	let admin: Page;
	let planner: Page;
	let guest: Page;
	let folder: string;
	let parkId: string;

	test.beforeAll(async ({ browser }) => {
		server = await startServer();
		people = new People(browser, server);
		folder = mkdtempSync(join(tmpdir(), 'qw-archive-search-'));
		mkdirSync(shots, { recursive: true });
	});
	test.afterAll(async () => {
		await people?.closeAll();
		await server?.stop();
		if (folder) rmSync(folder, { recursive: true, force: true });
	});

	test('the planner brings in two districts and a goal', async () => {
		admin = await people.newPage({ viewport: { width: 1366, height: 768 } });
		await open(admin, server.setupLink);
		await createAccount(admin, {
			name: 'Ada Admin',
			email: 'ada@archiv.example',
			password: 'archiv-suche-2026'
		});
		planner = await inviteStaff(admin, people, 'Sozialplanung', {
			name: 'Paula Planung',
			email: 'paula@archiv.example',
			password: 'planen-und-finden'
		});

		const square = (x: number) => [
			[
				[13 + x, 52],
				[13.01 + x, 52],
				[13.01 + x, 52.01],
				[13 + x, 52.01],
				[13 + x, 52]
			]
		];
		const geojson = join(folder, 'stadtteile.geojson');
		writeFileSync(
			geojson,
			JSON.stringify({
				type: 'FeatureCollection',
				features: [
					['S1', 'Parkviertel', 0],
					['S2', 'Nordviertel', 0.02]
				].map(([id, name, x]) => ({
					type: 'Feature',
					properties: { KENNUNG: id, BEZEICHNUNG: name },
					geometry: { type: 'Polygon', coordinates: square(x as number) }
				}))
			})
		);
		await open(planner, '/districts/import');
		await planner.getByLabel('GeoJSON-Datei').setInputFiles(geojson);
		await expect(planner.getByTestId('geo-properties')).toContainText('2 Gebiete gefunden.');
		await planner.getByLabel('Eigenschaft mit der Kennung').selectOption('KENNUNG');
		await planner.getByLabel('Eigenschaft mit dem Namen').selectOption('BEZEICHNUNG');
		await planner.getByLabel('Name der Ebene').fill('stadtteil');
		await planner.getByRole('button', { name: 'Gebiete importieren' }).click();
		await expect(planner.getByTestId('import-result')).toContainText('importiert');

		await open(planner, '/goals');
		await planner.getByLabel('Titel').fill(goal);
		await planner.getByLabel('Ebene').selectOption({ label: 'Leitbild' });
		await planner.getByLabel('Gilt für die ganze Stadt').check();
		await planner.getByRole('button', { name: 'Ziel anlegen' }).click();
		await expect(planner.getByText('Das Ziel ist angelegt.')).toBeVisible();
	});

	test('the archive is empty before anything is closed', async () => {
		await expect(planner.getByRole('link', { name: 'Archiv' })).toBeVisible();
		await planner.getByRole('link', { name: 'Archiv' }).click();
		await expect(planner.getByRole('heading', { level: 1, name: 'Archiv' })).toBeVisible();
		await expect(planner.getByTestId('archive-empty')).toHaveText(
			'Es gibt noch keine abgeschlossenen Werkstätten.'
		);
	});

	test('two workshops are played and closed', async () => {
		// The park: a participant's cards, a measure, linked to a district and the goal.
		parkId = await createWorkshop(admin, park);
		await chooseDistrict(admin, 'Parkviertel');
		await admin.getByLabel(`${goal} (Leitbild)`).check();
		await admin.getByRole('button', { name: 'Verknüpfung speichern' }).click();
		await expect(admin.getByText('Die Verknüpfung ist gespeichert.')).toBeVisible();
		const link = await createInviteLink(admin, parkId);
		await open(admin, `/w/${parkId}`);
		await moveToPhase(admin, 'Kritikphase', true);
		guest = await people.newPage(desktop);
		await joinWorkshop(guest, link, 'Jana');
		await chooseView(guest, 'Liste');
		await addCard(guest, 'Spielplatzsanierung am Stadtpark');
		await addCard(guest, 'Ein Treffpunkt für Jugendliche fehlt');
		await expect(guest.getByText('Ein Treffpunkt für Jugendliche fehlt')).toBeVisible();
		await expect(guest.getByTestId('connection-status')).toHaveText('gespeichert');
		await open(admin, `/w/${parkId}/massnahmen`);
		await admin.getByRole('button', { name: 'Maßnahme hinzufügen' }).click();
		await admin.keyboard.type(measure);
		await expect(admin.getByTestId('connection-status')).toHaveText('gespeichert');
		await closeWorkshop(admin, parkId);

		// The bus: another district, closed later.
		const busId = await createWorkshop(admin, bus);
		await chooseDistrict(admin, 'Nordviertel');
		await admin.getByRole('button', { name: 'Verknüpfung speichern' }).click();
		await expect(admin.getByText('Die Verknüpfung ist gespeichert.')).toBeVisible();
		await open(admin, `/w/${busId}`);
		await moveToPhase(admin, 'Kritikphase', true);
		await chooseView(admin, 'Liste');
		await addCard(admin, 'Kein Bus nach 21 Uhr');
		await expect(admin.getByText('Kein Bus nach 21 Uhr')).toBeVisible();
		await expect(admin.getByTestId('connection-status')).toHaveText('gespeichert');
		await closeWorkshop(admin, busId);
	});

	test('the planner lists the archive newest first and finds by stem and compound part', async () => {
		await open(planner, '/archiv');
		await expect(planner.getByRole('status')).toHaveText('2 abgeschlossene Werkstätten');
		await expect(results(planner).getByRole('heading')).toHaveText([bus, park]);
		await expectNoAxeViolations(planner, '/archiv (list)');

		// A stem: "Spielplätze" finds "Spielplatzsanierung" (a card) and the measure.
		await search(planner, 'Spielplätze');
		await expect(planner.getByRole('status')).toHaveText('1 Werkstatt passt zu Ihrer Suche');
		// The title carries the answer, which SvelteKit reads out after the navigation.
		await expect(planner).toHaveTitle(
			'1 Werkstatt passt zu Ihrer Suche – Archiv – Quartierswerkstatt'
		);
		await expect(results(planner).getByRole('heading')).toHaveText([park]);
		const hits = results(planner).getByTestId('archive-hit');
		await expect(hits).toHaveCount(2);
		await expect(hits.nth(0)).toContainText('Maßnahme');
		await expect(hits.nth(0).locator('mark')).toHaveText(['Spielplatz']);
		await expect(hits.nth(1)).toContainText('Karte · Kritikphase');
		await expect(hits.nth(1).locator('mark')).toHaveText(['Spielplatzsanierung']);
		await expectNoAxeViolations(planner, '/archiv (results)');
		for (const [name, size] of [
			['1366', { width: 1366, height: 768 }],
			['1920', { width: 1920, height: 1080 }],
			['360', { width: 360, height: 740 }]
		] as const) {
			await planner.setViewportSize(size);
			await planner.screenshot({ path: `${shots}/archive-results-${name}.png`, fullPage: true });
		}
		// Nothing runs off the side of a phone (WCAG 1.4.10).
		expect(await planner.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			360
		);
		await expectNoAxeViolations(planner, '/archiv (results, 360 px)');
		await planner.setViewportSize({ width: 1280, height: 900 });

		await search(planner, 'Jugendlicher');
		await expect(results(planner).getByRole('heading')).toHaveText([park]);
		await expect(results(planner).locator('mark')).toHaveText(['Jugendliche']);
		for (const part of ['platz', 'sanierung', 'Konferenz'])
			await search(planner, part).then(() =>
				expect(results(planner).getByRole('heading')).toHaveText([park])
			);
		await search(planner, 'Bus');
		await expect(results(planner).getByRole('heading')).toHaveText([bus]);
		// Search syntax is just text: no error, the words still count.
		await search(planner, '"Spiel* -platz:');
		await expect(results(planner).getByRole('heading')).toHaveText([park]);
	});

	test('results link to the documentation and to the register', async () => {
		await search(planner, 'Konferenz');
		await results(planner)
			.getByRole('link', { name: `Im Maßnahmenregister: ${measure}` })
			.click();
		await expect(planner.getByRole('heading', { level: 1 })).toHaveText(measure);
		await planner.goBack();
		await results(planner)
			.getByRole('link', { name: `Dokumentation: ${park}` })
			.click();
		await expect(planner).toHaveURL(`${server.baseURL}/workshops/${parkId}/archiv`);
		await expect(planner.getByRole('heading', { level: 1 })).toContainText(park);
		await planner.goBack();
		await results(planner)
			.getByRole('link', { name: `Alle Maßnahmen der Werkstatt im Register: ${park}` })
			.click();
		await expect(planner.getByTestId('register-row')).toHaveText([new RegExp(measure)]);
	});

	test('filters narrow the list; no match shows the empty state', async () => {
		await open(planner, '/archiv');
		await planner.getByLabel('Sozialraum', { exact: true }).selectOption({ label: 'Nordviertel' });
		await planner.getByRole('button', { name: 'Suchen' }).click();
		await expect(results(planner).getByRole('heading')).toHaveText([bus]);
		await expect(results(planner)).toContainText('Sozialräume: Nordviertel');

		await open(planner, '/archiv');
		await planner.getByLabel('Entwicklungsziel').selectOption({ label: goal });
		await planner
			.getByLabel('Format', { exact: true })
			.selectOption({ label: 'Zukunftswerkstatt' });
		await planner.getByRole('button', { name: 'Suchen' }).click();
		await expect(results(planner).getByRole('heading')).toHaveText([park]);

		// Both workshops took place on 2026-03-14 (the date createWorkshop enters).
		await open(planner, '/archiv?from=2026-03-14&to=2026-03-14');
		await expect(results(planner)).toHaveCount(2);
		await open(planner, '/archiv');
		await planner.getByLabel('Datum von').fill('2026-03-15');
		await planner.getByRole('button', { name: 'Suchen' }).click();
		await expect(planner.getByTestId('archive-empty')).toHaveText(
			'Keine Werkstatt passt zu Ihrer Suche. Versuchen Sie ein anderes Wort oder weniger Filter.'
		);
		await search(planner, 'Schwimmbad');
		await expect(planner.getByTestId('archive-empty')).toBeVisible();
		await expectNoAxeViolations(planner, '/archiv (empty result)');
	});

	test('bad input: reversed dates and wordless queries are refused, unknown filters left out', async () => {
		await open(planner, '/archiv');
		await planner.getByLabel('Datum von').fill('2026-12-31');
		await planner.getByLabel('Datum bis').fill('2026-01-01');
		await planner.getByRole('button', { name: 'Suchen' }).click();
		await expect(planner.getByRole('alert')).toContainText(
			'Das Datum „von“ liegt nach dem Datum „bis“. Bitte tauschen Sie die beiden Daten.'
		);
		await expect(planner.getByLabel('Datum von')).toHaveAttribute('aria-invalid', 'true');
		await expect(planner.getByLabel('Datum von')).toHaveValue('2026-12-31');
		await expect(results(planner)).toHaveCount(0);
		await expectNoAxeViolations(planner, '/archiv (reversed dates)');
		await planner.screenshot({ path: `${shots}/archive-error-1280.png`, fullPage: true });

		await open(planner, '/archiv?q=%22*%20--%20%22');
		await expect(planner.getByRole('alert')).toContainText(
			'Der Suchbegriff enthält keine Buchstaben oder Ziffern.'
		);
		await open(planner, '/archiv?from=2026-02-31');
		await expect(planner.getByRole('alert')).toContainText('„2026-02-31“ ist kein gültiges Datum.');

		await open(planner, '/archiv?district=stadtteil:S9&goal=nichtda&format=barcamp');
		await expect(planner.getByText('Diesen Sozialraum gibt es nicht.')).toBeVisible();
		await expect(planner.getByText('Dieses Entwicklungsziel gibt es nicht.')).toBeVisible();
		await expect(planner.getByText('Dieses Format gibt es nicht.')).toBeVisible();
		await expect(results(planner)).toHaveCount(2);

		// A very long query (as long as a URL may be) is cut, said so, and still searched.
		await open(planner, `/archiv?q=${'Spielplatz%20'.repeat(500)}`);
		await expect(planner.getByText('Der Suchbegriff ist sehr lang.')).toBeVisible();
		await expect(results(planner).getByRole('heading')).toHaveText([park]);
	});

	test('the search works without JavaScript', async ({ browser }) => {
		const context = await browser.newContext({
			...desktop,
			baseURL: server.baseURL,
			javaScriptEnabled: false,
			storageState: await planner.context().storageState()
		});
		try {
			const page = await context.newPage();
			await page.goto('/archiv');
			await page.getByLabel('Suchbegriff').fill('spiel');
			await page.getByRole('button', { name: 'Suchen' }).click();
			await expect(page).toHaveURL(/q=spiel/);
			await expect(results(page).getByRole('heading')).toHaveText([park]);
		} finally {
			await context.close();
		}
	});

	test('a participant may not search the archive', async () => {
		const response = await guest.goto('/archiv');
		expect(response?.status()).toBe(403);
		await expect(guest.getByRole('link', { name: 'Archiv' })).toHaveCount(0);
	});
});

async function closeWorkshop(page: Page, workshopId: string) {
	await open(page, `/workshops/${workshopId}`);
	await page.getByLabel('Ja, der Maßnahmenplan ist fertig.').check();
	await page.getByRole('button', { name: 'Werkstatt abschließen' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: 'Die Werkstatt ist abgeschlossen.' })
	).toBeVisible();
}

/** The workshop's district: a searchable picker with JavaScript, a native list without. */
async function chooseDistrict(page: Page, name: string) {
	const combobox = page.getByRole('combobox', { name: 'Sozialräume' });
	if (await combobox.count()) {
		await combobox.fill(name);
		await combobox.press('Enter');
	} else {
		await page.getByLabel('Sozialräume', { exact: true }).selectOption({ label: name });
	}
}
