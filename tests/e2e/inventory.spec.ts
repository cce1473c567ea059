import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import Database from 'better-sqlite3';
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { startServer, type RunningServer } from './server';
import {
	addCard,
	chooseView,
	connectionStatus,
	createAccount,
	inviteStaff,
	join,
	liveTimeout,
	moveToPhase,
	open,
	People,
	phone
} from './steps';

/**
 * Bestandsaufnahme (issue 13): the planner keeps the services of a Berlin Planungsraum (and
 * imports them from CSV, a dirty file refused by row); in a Sozialraumkonferenz two participants
 * add services live and see each other's at once, on the list and the map; a need marked as not
 * covered shows as a Versorgungslücke on the district page; after the close the services are the
 * district's, and the next conference starts from them. Participants change neither the
 * planner's inventory nor each other's entries.
 */

const admin = { name: 'Ada Admin', email: 'ada@quartier.example', password: 'sicheres-passwort-1' };
const planner = {
	name: 'Paula Planung',
	email: 'paula@quartier.example',
	password: 'planen-2026-ok'
};
const facilitator = {
	name: 'Fritz Moderation',
	email: 'fritz@quartier.example',
	password: 'moderieren-2026'
};
const district = { code: '01200521', name: 'Zwinglistraße' };
const need = 'Ein Jugendtreff, der abends offen hat';
const shots = '/work/notes/shots/inventory';
const formatShots = '/work/notes/shots/formats';
const sizes = [
	[1366, 768],
	[1920, 1080],
	[360, 740]
] as const;

test.describe.serial('Bestandsaufnahme, played through', () => {
	let server: RunningServer;
	let people: People;
	let adminPage: Page;
	let plannerPage: Page;
	let host: Page;
	let anna: Page;
	let ben: Page;
	let projector: Page;
	let workshopId: string;
	let inviteLink: string;
	/** The middle of the district, where the services get their points. */
	let centre: { lon: string; lat: string };

	const board = (page: Page) => page.getByTestId('inventory-board');
	const entry = (page: Page, name: string) =>
		board(page)
			.locator('li.entry')
			.filter({ has: page.getByRole('heading', { name, exact: true }) });
	const angebote = `/districts/${district.code}/angebote`;

	test.beforeAll(async ({ browser }) => {
		server = await startServer();
		people = new People(browser, server);
		mkdirSync(shots, { recursive: true });
		mkdirSync(formatShots, { recursive: true });
	});

	test.afterAll(async () => {
		await people?.closeAll();
		await server?.stop();
	});

	async function createConference(title: string): Promise<string> {
		await open(host, '/workshops/new');
		await host.getByLabel('Format').selectOption({ label: 'Sozialraumkonferenz' });
		await host.getByLabel('Titel').fill(title);
		await host.getByRole('combobox', { name: 'Sozialräume' }).fill('Zwingli');
		await host
			.getByRole('option', { name: new RegExp(district.name) })
			.first()
			.click();
		await host.getByRole('button', { name: 'Werkstatt anlegen' }).click();
		await expect(host).toHaveURL(/\/workshops\/(?!new$)[a-z0-9]+$/);
		return new URL(host.url()).pathname.split('/').pop() ?? '';
	}

	async function fillEntry(page: Page, fields: Record<string, string>) {
		const form = board(page).locator('form.entry-form');
		for (const [label, value] of Object.entries(fields))
			await form.getByLabel(label, { exact: true }).fill(value);
	}

	test('the planner keeps the services of the district; a dirty CSV is refused by row, a good one imported', async () => {
		adminPage = await people.newPage();
		await open(adminPage, server.setupLink);
		await createAccount(adminPage, admin);
		plannerPage = await inviteStaff(adminPage, people, 'Sozialplanung', planner);
		const output = execFileSync('npx', ['tsx', 'scripts/demo-berlin.ts'], {
			env: { ...process.env, DATABASE_URL: server.databasePath },
			encoding: 'utf8'
		});
		expect(output).toContain('"districts":697');
		const db = new Database(server.databasePath, { readonly: true });
		const row = db
			.prepare("SELECT bbox FROM districts WHERE code = ? AND level = 'planungsraum'")
			.get(district.code) as { bbox: string };
		db.close();
		const [minX, minY, maxX, maxY] = JSON.parse(row.bbox) as number[];
		const de = (n: number) => n.toFixed(5).replace('.', ',');
		centre = { lon: de((minX + maxX) / 2), lat: de((minY + maxY) / 2) };

		await open(plannerPage, angebote);
		await expect(plannerPage.getByRole('heading', { level: 1 })).toHaveText(
			`Angebote: ${district.name}`
		);
		// An entry without a name is refused, naming the field; what was typed stays.
		const add = plannerPage.getByRole('region', { name: 'Neues Angebot' });
		await add.getByLabel('Träger').fill('Bezirksamt Mitte');
		await add.getByRole('button', { name: 'Angebot eintragen' }).click();
		await expect(add.getByRole('alert')).toHaveText(
			'Bitte geben Sie einen Namen für das Angebot ein.'
		);
		await expect(add.getByLabel('Träger')).toHaveValue('Bezirksamt Mitte');
		await add.getByLabel('Name *').fill('Stadtteilbibliothek');
		await add.getByRole('button', { name: 'Angebot eintragen' }).click();
		await expect(plannerPage.getByRole('status')).toHaveText(
			'Angebot „Stadtteilbibliothek“ eingetragen.'
		);

		const upload = async (name: string, text: string) => {
			await plannerPage.getByLabel('CSV-Datei', { exact: true }).setInputFiles({
				name,
				mimeType: 'text/csv',
				buffer: Buffer.from(text, 'utf8')
			});
			await plannerPage.getByRole('button', { name: 'Importieren' }).click();
		};
		await upload(
			'dirty.csv',
			'Name des Angebots;Träger / Anbieter;Sozialraum (Name oder Schlüssel)\n' +
				'Familienzentrum;AWO;Zwinglistraße\n' +
				'Spielplatz;Bezirksamt;Atlantis\n' +
				';Caritas;\n'
		);
		const refused = plannerPage.getByTestId('inventory-refused');
		await expect(refused).toContainText('Es wurde nichts gespeichert');
		await expect(refused).toContainText('Zeile 3: Das Gebiet „Atlantis“ gibt es nicht.');
		await expect(refused).toContainText(
			'Zeile 4: Bitte geben Sie einen Namen für das Angebot ein.'
		);
		await expect(plannerPage.getByRole('heading', { name: 'Familienzentrum' })).toHaveCount(0);
		await expectNoAxeViolations(plannerPage, angebote);
		await plannerPage.setViewportSize({ width: 1366, height: 768 });
		await plannerPage.screenshot({ path: `${shots}/angebote-refused-1366.png`, fullPage: true });

		await upload(
			'gut.csv',
			'Name des Angebots;Träger / Anbieter;Zielgruppen;Öffnungszeiten;Sozialraum (Name oder Schlüssel)\n' +
				'Familienzentrum;AWO;Familien, Kinder;Mo–Fr 9–17 Uhr;ZWINGLISTRASSE\n'
		);
		await expect(plannerPage.getByRole('status')).toHaveText('Ein Angebot übernommen.');
		await expect(plannerPage.getByRole('heading', { name: 'Familienzentrum' })).toBeVisible();
		await plannerPage.setViewportSize({ width: 1920, height: 1080 });
		await plannerPage.screenshot({ path: `${shots}/angebote-1920.png`, fullPage: true });
	});

	test('two participants add services live and see each other’s at once, on the list and the map', async () => {
		host = await inviteStaff(adminPage, people, 'Moderation', facilitator);
		workshopId = await createConference('Sozialraumkonferenz Zwinglistraße');
		await host.getByRole('button', { name: 'Link erstellen' }).click();
		inviteLink = (await host.getByTestId('invite-link').textContent()) ?? '';
		await host.setViewportSize({ width: 1366, height: 768 });
		await open(host, `/w/${workshopId}`);
		await moveToPhase(host, 'Bestandsaufnahme', true);
		anna = await people.newPage();
		ben = await people.newPage(phone);
		await join(anna, inviteLink, 'Anna Anwohnerin');
		await join(ben, inviteLink, 'Ben Nachbar');
		for (const page of [host, anna, ben]) {
			await expect(connectionStatus(page)).toHaveText('gespeichert');
			// The planner's entries are where the conference starts.
			await expect(entry(page, 'Stadtteilbibliothek')).toBeVisible();
			await expect(entry(page, 'Familienzentrum')).toBeVisible();
		}
		// Nobody may change the planner's entries in the room but the facilitator.
		await expect(entry(anna, 'Stadtteilbibliothek').getByRole('button')).toHaveCount(0);

		// An entry without a name: refused with the message, nothing typed is lost.
		await board(anna).getByRole('button', { name: 'Angebot eintragen' }).click();
		await fillEntry(anna, { Kontakt: 'kiezcafe@example.org' });
		await board(anna).getByRole('button', { name: 'Speichern' }).click();
		await expect(board(anna).getByRole('alert')).toHaveText(
			'Bitte geben Sie einen Namen für das Angebot ein.'
		);
		await expect(board(anna).getByLabel('Kontakt', { exact: true })).toHaveValue(
			'kiezcafe@example.org'
		);
		await fillEntry(anna, {
			'Name *': 'Kiezcafé',
			Träger: 'Nachbarschaftsverein',
			Zielgruppen: 'Ältere Menschen, Familien',
			Längengrad: centre.lon,
			Breitengrad: centre.lat
		});
		await board(anna).getByLabel('informell').check();
		await board(anna).getByRole('button', { name: 'Speichern' }).click();
		await expect(entry(anna, 'Kiezcafé')).toContainText('von Ihnen');

		// The projector shows the list large, newest of this workshop first, and nobody's name.
		projector = await host.context().newPage();
		await projector.setViewportSize({ width: 1920, height: 1080 });
		await open(projector, `/w/${workshopId}/present`);
		const shown = projector.getByTestId('present-inventory');
		await expect(shown.getByTestId('present-inventory-count')).toHaveText(
			`Angebote in ${district.name}: 3`
		);
		await expect(shown.getByTestId('present-inventory-entry').first()).toContainText('Kiezcafé');
		await expect(shown.getByTestId('present-inventory-entry').first()).toContainText(
			'Nachbarschaftsverein'
		);
		await expect(shown.getByTestId('present-inventory-entry').first()).toContainText(
			'Zielgruppen: Ältere Menschen, Familien'
		);
		await expect(shown.getByTestId('present-inventory-entry').first()).toContainText('informell');
		await expect(shown.getByTestId('present-inventory-entry').first()).toContainText('neu');
		await expect(shown).toContainText('Stadtteilbibliothek');
		await expect(shown).not.toContainText('Anna');
		await expect(shown.getByRole('button')).toHaveCount(0);

		await board(ben).getByRole('button', { name: 'Angebot eintragen' }).click();
		await fillEntry(ben, { 'Name *': 'Mietertreff', 'Adresse oder Gebiet': 'Zwinglistraße 4' });
		await board(ben).getByRole('button', { name: 'Speichern' }).click();

		// Each sees the other's at once, without reloading.
		await expect(entry(ben, 'Kiezcafé')).toContainText('Nachbarschaftsverein', {
			timeout: liveTimeout
		});
		await expect(entry(anna, 'Mietertreff')).toContainText('Zwinglistraße 4', {
			timeout: liveTimeout
		});
		await expect(entry(host, 'Mietertreff')).toBeVisible({ timeout: liveTimeout });
		// …and so does the projector, without reloading: Ben's entry is the newest, on top.
		await expect(
			projector.getByTestId('present-inventory').getByTestId('present-inventory-entry').first()
		).toContainText('Mietertreff', { timeout: liveTimeout });
		await expect(projector.getByTestId('present-inventory-count')).toHaveText(
			`Angebote in ${district.name}: 4`
		);
		await expectNoAxeViolations(projector, '/w/[id]/present Bestandsaufnahme');
		for (const [width, height] of sizes) {
			await projector.setViewportSize({ width, height });
			await projector.screenshot({
				path: `${formatShots}/present-inventory-${width}x${height}.png`
			});
		}
		await projector.close();
		// The facilitator may tidy every entry, but wrote none of these: only the author reads "von Ihnen".
		await expect(
			entry(host, 'Kiezcafé').getByRole('button', { name: 'Ändern: Kiezcafé' })
		).toBeVisible();
		await expect(entry(host, 'Kiezcafé')).not.toContainText('von Ihnen');
		await expect(entry(ben, 'Mietertreff')).toContainText('neu in dieser Werkstatt · von Ihnen');
		// Anna's service has a point on the map, numbered as in the list.
		for (const page of [host, anna, ben]) {
			const map = board(page).getByTestId('inventory-map');
			await expect(map.getByTestId('district-map')).toBeVisible();
			await expect(map.locator('[data-point]')).toHaveCount(1);
			await expect(entry(page, 'Kiezcafé').locator('.pin')).toHaveText('1');
		}
		const point = await board(anna).locator('[data-point] circle').boundingBox();
		const area = await board(anna)
			.getByTestId('district-map')
			.locator('path')
			.first()
			.boundingBox();
		expect(point && area).toBeTruthy();
		// The point lies inside the district's outline box (the map and the layer line up).
		expect(point!.x + point!.width / 2).toBeGreaterThan(area!.x);
		expect(point!.x + point!.width / 2).toBeLessThan(area!.x + area!.width);
		expect(point!.y + point!.height / 2).toBeGreaterThan(area!.y);
		expect(point!.y + point!.height / 2).toBeLessThan(area!.y + area!.height);

		await expectNoAxeViolations(anna, 'inventory board');
		await expectNoAxeViolations(ben, 'inventory board on a phone');
		await host.screenshot({ path: `${shots}/board-1366.png` });
		await ben.screenshot({ path: `${shots}/board-360.png`, fullPage: true });
		await host.setViewportSize({ width: 1920, height: 1080 });
		await host.screenshot({ path: `${shots}/board-1920.png` });
		await host.setViewportSize({ width: 1366, height: 768 });
	});

	test('participants change only their own entries and never the planner’s inventory', async () => {
		// No buttons on another's entry, and the server refuses a hand-made request too.
		await expect(entry(ben, 'Kiezcafé').getByRole('button')).toHaveCount(0);
		const id = (await entry(ben, 'Kiezcafé').getAttribute('data-entry-id')) ?? '';
		const edit = await ben.request.post(`/w/${workshopId}/api/inventory`, {
			data: { action: 'edit', id, fields: { name: 'Übernommen' } },
			headers: { origin: server.baseURL }
		});
		expect(edit.status()).toBe(403);
		expect((await edit.json()).message).toBe(
			'Sie können nur Angebote ändern, die Sie selbst eingetragen haben.'
		);
		const remove = await ben.request.post(`/w/${workshopId}/api/inventory`, {
			data: { action: 'delete', id },
			headers: { origin: server.baseURL }
		});
		expect(remove.status()).toBe(403);
		// The planners' page is staff only: a participant's form post is refused.
		const outside = await anna.request.post(`${angebote}?/add`, {
			form: { name: 'Von außen' },
			headers: { origin: server.baseURL }
		});
		expect(outside.status()).toBe(403);
		await open(plannerPage, angebote);
		await expect(plannerPage.getByRole('heading', { name: 'Von außen' })).toHaveCount(0);

		// Anna changes her own.
		await entry(anna, 'Kiezcafé').getByRole('button', { name: 'Ändern: Kiezcafé' }).click();
		await fillEntry(anna, { Öffnungszeiten: 'Di und Do 14–18 Uhr' });
		await board(anna).getByRole('button', { name: 'Speichern' }).click();
		await expect(entry(ben, 'Kiezcafé')).toContainText('Di und Do 14–18 Uhr', {
			timeout: liveTimeout
		});
		await expect(entry(ben, 'Kiezcafé')).not.toContainText('Übernommen');
	});

	test('a need marked as not covered shows as a Versorgungslücke on the district page', async () => {
		await moveToPhase(host, 'Bedarfe');
		await expect(anna.getByLabel('Neue Karte')).toBeVisible({ timeout: liveTimeout });
		await addCard(anna, need);
		await chooseView(anna, 'Liste');
		const card = anna.locator('li.card').filter({ hasText: need });
		await card.getByRole('button', { name: `Bedarf zuordnen: ${need.slice(0, 40)}` }).click();
		await card.getByLabel('Für wen? (Zielgruppen)').fill('Jugendliche');
		await card.getByLabel('Gibt es schon ein Angebot?').selectOption({
			label: 'Nein, nicht gedeckt (Versorgungslücke)'
		});
		await expectNoAxeViolations(anna, 'needs link in the list view');
		await card.getByRole('button', { name: 'Zuordnung speichern' }).click();
		await expect(card.getByTestId('need-link')).toContainText('Nicht gedeckt: Versorgungslücke');
		await expect(card.getByTestId('need-link')).toContainText('Für: Jugendliche');
		await anna.screenshot({ path: `${shots}/need-link-1366.png` });

		await open(plannerPage, `/districts/${district.code}`);
		const gaps = plannerPage.getByTestId('supply-gaps');
		await expect(gaps.getByRole('heading', { name: 'Versorgungslücken' })).toBeVisible();
		await expect(gaps).toContainText(need);
		await expect(gaps).toContainText('(Jugendliche)');
		await expect(plannerPage.getByTestId('district-inventory')).toContainText('Kiezcafé');
		await expectNoAxeViolations(plannerPage, 'district page');
		await plannerPage.setViewportSize({ width: 1366, height: 768 });
		await plannerPage.getByTestId('district-inventory').scrollIntoViewIfNeeded();
		await plannerPage.screenshot({ path: `${shots}/district-page-1366.png` });
	});

	test('after the close the services are the district’s, and the next conference starts from them', async () => {
		await open(host, `/workshops/${workshopId}`);
		const ready = host.getByLabel('Ja, der Maßnahmenplan ist fertig.');
		if (await ready.count()) await ready.check();
		await host.getByRole('button', { name: 'Werkstatt abschließen' }).click();
		await expect(host.getByRole('status').first()).toBeVisible();

		// The closed workshop's results list the services entered in it, never who entered them.
		await open(anna, `/w/${workshopId}`);
		const results = anna.getByTestId('result-inventory');
		await expect(results).toContainText(
			`Neue Angebote aus dieser Werkstatt in ${district.name}: 2`
		);
		await expect(results.getByRole('listitem')).toHaveCount(2);
		await expect(results).toContainText('Kiezcafé');
		await expect(results).toContainText('Träger: Nachbarschaftsverein');
		await expect(results).toContainText('Mietertreff');
		await expect(results).not.toContainText('Stadtteilbibliothek');
		await expect(anna.getByTestId('closed-results')).not.toContainText('Ben Nachbar');
		await expect(anna.getByTestId('closed-results')).not.toContainText('von Ihnen');
		await expectNoAxeViolations(anna, 'closed results with the Bestandsaufnahme');
		for (const [width, height] of sizes) {
			await anna.setViewportSize({ width, height });
			await results.scrollIntoViewIfNeeded();
			await anna.screenshot({ path: `${formatShots}/closed-inventory-${width}x${height}.png` });
		}
		await anna.setViewportSize({ width: 1280, height: 900 });

		await open(plannerPage, angebote);
		for (const name of ['Kiezcafé', 'Mietertreff', 'Stadtteilbibliothek', 'Familienzentrum'])
			await expect(plannerPage.getByRole('heading', { name, exact: true })).toBeVisible();

		const next = await createConference('Zweite Sozialraumkonferenz Zwinglistraße');
		await open(host, `/w/${next}`);
		await moveToPhase(host, 'Bestandsaufnahme', true);
		for (const name of ['Kiezcafé', 'Mietertreff', 'Stadtteilbibliothek', 'Familienzentrum'])
			await expect(entry(host, name)).toBeVisible();
		// Brought from the last conference, not new in this one.
		await expect(entry(host, 'Kiezcafé')).not.toContainText('neu in dieser Werkstatt');
	});
});
