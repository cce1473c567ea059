import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { startServer, type RunningServer } from './server';
import {
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
 * A Sozialraumkonferenz on one Berlin Planungsraum (issue 13): the planner loads the Berlin demo
 * data, a facilitator creates the conference for Zwinglistraße (refused first without a
 * district), two participants (one on a phone) follow the Datenlage board while the facilitator
 * highlights an indicator and a participant pins a comment to it; then a measure is agreed with
 * who reports next and when, and after the close the report shows as due for the planner.
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
const title = 'Sozialraumkonferenz Zwinglistraße';
const comment = 'Stimmt so nicht, weil viele Kinder hier nicht gezählt werden';
const measure = 'Sprechstunde im Kiez';
const shots = '/work/notes/shots/sozialraumkonferenz';

/** A date this many days from today, as a date field takes it (the server's local day). */
function inDays(days: number): string {
	const date = new Date();
	date.setDate(date.getDate() + days);
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

test.describe.serial('Sozialraumkonferenz, played through', () => {
	let server: RunningServer;
	let people: People;
	let adminPage: Page;
	let plannerPage: Page;
	let host: Page;
	let anna: Page;
	let omar: Page;
	let workshopId: string;
	let inviteLink: string;

	const board = (page: Page) => page.getByTestId('data-board');
	const row = (page: Page, key: string) => board(page).locator(`[data-indicator="${key}"]`);

	test.beforeAll(async ({ browser }) => {
		server = await startServer();
		people = new People(browser, server);
		mkdirSync(shots, { recursive: true });
	});

	test.afterAll(async () => {
		await people?.closeAll();
		await server?.stop();
	});

	test('the planner loads the Berlin demo data and sees the Planungsraum', async () => {
		adminPage = await people.newPage();
		await open(adminPage, server.setupLink);
		await createAccount(adminPage, admin);
		plannerPage = await inviteStaff(adminPage, people, 'Sozialplanung', planner);
		// `npm run demo:berlin` against this server's store, as the README tells planners.
		const output = execFileSync('npx', ['tsx', 'scripts/demo-berlin.ts'], {
			env: { ...process.env, DATABASE_URL: server.databasePath },
			encoding: 'utf8'
		});
		expect(output).toContain('"districts":697');
		await open(plannerPage, `/districts/${district.code}`);
		await expect(plannerPage.getByRole('heading', { level: 1 })).toHaveText(district.name);
	});

	test('a Sozialraumkonferenz without a district is refused, naming the field; with one it is made', async () => {
		host = await inviteStaff(adminPage, people, 'Moderation', facilitator);
		await open(host, '/workshops/new');
		await host.getByLabel('Format').selectOption({ label: 'Sozialraumkonferenz' });
		await host.getByLabel('Titel').fill(title);
		await host.getByRole('button', { name: 'Werkstatt anlegen' }).click();
		await expect(host.getByRole('alert')).toHaveText(
			'Eine Sozialraumkonferenz braucht mindestens einen Sozialraum. Bitte wählen Sie im Feld „Sozialräume“ einen aus.'
		);
		await expect(host).toHaveURL(/\/workshops\/new$/);
		// Nothing was half-made.
		await open(host, '/workshops');
		await expect(host.getByText(title)).toHaveCount(0);

		await open(host, '/workshops/new');
		await host.getByLabel('Format').selectOption({ label: 'Sozialraumkonferenz' });
		await host.getByLabel('Titel').fill(title);
		const picker = host.getByRole('combobox', { name: 'Sozialräume' });
		await picker.fill('Zwingli');
		await host
			.getByRole('option', { name: new RegExp(district.name) })
			.first()
			.click();
		await expect(host.getByRole('button', { name: `${district.name} entfernen` })).toBeVisible();
		await expectNoAxeViolations(host, '/workshops/new');
		await host.getByRole('button', { name: 'Werkstatt anlegen' }).click();
		await expect(host).toHaveURL(/\/workshops\/(?!new$)[a-z0-9]+$/);
		workshopId = new URL(host.url()).pathname.split('/').pop() ?? '';
		await expect(host.getByText('Sozialraumkonferenz ·')).toBeVisible();
		await host.getByRole('button', { name: 'Link erstellen' }).click();
		inviteLink = (await host.getByTestId('invite-link').textContent()) ?? '';
		expect(inviteLink).toMatch(/\/join\/\w+$/);
	});

	test('Datenlage: the facilitator highlights an indicator for everyone; a participant pins a comment to it', async () => {
		await host.setViewportSize({ width: 1366, height: 768 });
		await open(host, `/w/${workshopId}`);
		await moveToPhase(host, 'Datenlage', true);
		anna = await people.newPage();
		omar = await people.newPage(phone);
		await join(anna, inviteLink, 'Anna Anwohnerin');
		await join(omar, inviteLink, 'Omar Omnibus');
		for (const page of [host, anna, omar]) {
			await expect(connectionStatus(page)).toHaveText('gespeichert');
			await expect(board(page).getByRole('heading', { level: 2 })).toContainText(district.name);
			// The rule's indicators by default, with the verdict and the map.
			await expect(row(page, 'S4')).toContainText('Kinderarmut');
			await expect(row(page, 'S4')).toContainText('Stadt:');
			await expect(board(page).getByTestId('data-verdict')).toBeVisible();
			await expect(board(page).getByTestId('district-map')).toBeVisible();
		}
		// Participants get no facilitator's buttons.
		await expect(board(anna).getByRole('button', { name: /Hervorheben/ })).toHaveCount(0);

		// The facilitator shows one more indicator and highlights Kinderarmut.
		await board(host).getByTestId('data-choose').locator('summary').click();
		await board(host).getByRole('checkbox', { name: 'Alleinerziehende' }).check();
		await board(host).getByRole('button', { name: 'Hervorheben: Kinderarmut' }).click();
		await board(host).getByTestId('data-choose').locator('summary').click();
		for (const page of [host, anna, omar]) {
			await expect(row(page, 'KI_02')).toBeVisible({ timeout: liveTimeout });
			await expect(row(page, 'S4').getByTestId('data-highlight')).toHaveText('Im Blick', {
				timeout: liveTimeout
			});
			await expect(board(page).getByTestId('data-highlight')).toHaveCount(1);
		}

		// Omar, on his phone, pins a comment to the highlighted indicator; everyone sees it.
		await row(omar, 'S4').getByRole('button', { name: 'Anmerken: Kinderarmut' }).click();
		await row(omar, 'S4').getByRole('button', { name: 'Anheften' }).click();
		await expect(row(omar, 'S4').getByRole('alert')).toHaveText(
			'Bitte schreiben Sie Ihre Anmerkung in das Feld.'
		);
		await row(omar, 'S4').getByLabel('Ihre Anmerkung zu „Kinderarmut“').fill(comment);
		await row(omar, 'S4').getByRole('button', { name: 'Anheften' }).click();
		for (const page of [host, anna, omar])
			await expect(row(page, 'S4').getByTestId('data-comment')).toContainText(comment, {
				timeout: liveTimeout
			});
		// Only its author (and the facilitator) may change it.
		await expect(row(anna, 'S4').getByRole('button', { name: 'Ändern' })).toHaveCount(0);
		await expect(row(omar, 'S4').getByRole('button', { name: 'Ändern' })).toBeVisible();
		expect(await omar.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			360
		);

		for (const page of [host, anna, omar]) {
			await expect(connectionStatus(page)).toHaveText('gespeichert');
			await expectNoAxeViolations(page, '/w/[id] Datenlage');
		}
		await host.screenshot({ path: `${shots}/datenlage-1366.png` });
		await omar.screenshot({ path: `${shots}/datenlage-360.png`, fullPage: true });
		await host.setViewportSize({ width: 1920, height: 1080 });
		await host.screenshot({ path: `${shots}/datenlage-1920.png` });
		await host.setViewportSize({ width: 1366, height: 768 });

		// The projector shows the same board, large and without any control.
		const projector = await host.context().newPage();
		await projector.setViewportSize({ width: 1920, height: 1080 });
		await open(projector, `/w/${workshopId}/present`);
		await expect(row(projector, 'S4').getByTestId('data-highlight')).toBeVisible();
		await expect(row(projector, 'S4').getByTestId('data-comment')).toContainText(comment);
		await expect(board(projector).getByRole('button')).toHaveCount(0);
		await expectNoAxeViolations(projector, '/w/[id]/present Datenlage');
		await projector.screenshot({ path: `${shots}/present-1920.png` });
		await projector.close();
	});

	test('in an anonymous workshop the server writes a comment; only its author may change it', async () => {
		const anonymousComment = 'Die Zahl ist von 2019';
		const dock = host.getByTestId('facilitator-dock').locator('details[data-section="board"]');
		if ((await dock.getAttribute('open')) === null) await dock.locator('summary').click();
		await host.getByTestId('toggle-anonymous').click();
		await host.getByRole('button', { name: 'Ja, anonym einschalten' }).click();
		await expect(board(anna).getByTestId('data-anonymous')).toBeVisible({ timeout: liveTimeout });
		await row(anna, 'S4').getByRole('button', { name: 'Anmerken: Kinderarmut' }).click();
		await row(anna, 'S4').getByLabel('Ihre Anmerkung zu „Kinderarmut“').fill(anonymousComment);
		const posted = anna.waitForResponse(
			(r) => r.url().endsWith('/api/data-comment') && r.request().method() === 'POST'
		);
		await row(anna, 'S4').getByRole('button', { name: 'Anheften' }).click();
		const { id: commentId } = (await (await posted).json()) as { id: string };
		// Someone else's comment, changed by hand with a key of one's own: refused, saying why.
		const editByOther = () =>
			omar.request.post(`/w/${workshopId}/api/data-comment`, {
				data: { kind: 'edit', id: commentId, text: 'Übernommen', key: 'ab'.repeat(32) },
				headers: { origin: server.baseURL }
			});
		const refused = await editByOther();
		expect(refused.status()).toBe(403);
		expect((await refused.json()).message).toBe(
			'Diese Anmerkung hat jemand anderes geschrieben. Sie können nur Ihre eigenen Anmerkungen ändern.'
		);
		const annas = (page: Page) =>
			row(page, 'S4').getByTestId('data-comment').filter({ hasText: anonymousComment });
		for (const page of [host, anna, omar])
			await expect(annas(page)).toBeVisible({ timeout: liveTimeout });
		await expect(annas(omar).getByRole('button', { name: 'Ändern' })).toHaveCount(0);
		for (const [width, height] of [
			[1366, 768],
			[1920, 1080],
			[360, 740]
		]) {
			await anna.setViewportSize({ width, height });
			await anna.screenshot({
				path: `/work/notes/shots/formats/datenlage-anonymous-${width}x${height}.png`,
				fullPage: true
			});
		}
		await anna.setViewportSize({ width: 1366, height: 768 });
		await annas(anna).getByRole('button', { name: 'Ändern' }).click();
		await row(anna, 'S4')
			.getByLabel('Ihre Anmerkung zu „Kinderarmut“')
			.fill(`${anonymousComment}, also alt`);
		await row(anna, 'S4').getByRole('button', { name: 'Speichern' }).click();
		await expect(annas(omar)).toContainText('also alt', { timeout: liveTimeout });
		await annas(anna).getByRole('button', { name: 'Löschen' }).click();
		for (const page of [host, omar])
			await expect(annas(page)).toHaveCount(0, { timeout: liveTimeout });
		const gone = await editByOther();
		expect(gone.status()).toBe(404);
		expect((await gone.json()).message).toBe('Diese Anmerkung gibt es nicht mehr.');
		await host.getByTestId('toggle-anonymous').click();
		await expect(board(anna).getByTestId('data-anonymous')).toHaveCount(0, {
			timeout: liveTimeout
		});
	});

	test('the server refuses an unknown indicator and a participant writing the highlight', async () => {
		const unknown = await host.request.post(`/w/${workshopId}/api/data-board`, {
			data: { board: 'datenlage', highlight: 'ERFUNDEN' }
		});
		expect(unknown.status()).toBe(400);
		expect(await unknown.json()).toMatchObject({
			message: 'Den Indikator „ERFUNDEN“ gibt es für diesen Sozialraum nicht (Feld „highlight“).',
			field: 'highlight'
		});
		const list = await host.request.post(`/w/${workshopId}/api/data-board`, {
			data: { board: 'datenlage', indicators: ['S4', 'NOPE'] }
		});
		expect(list.status()).toBe(400);
		expect((await list.json()).field).toBe('indicators[1]');

		const forged = await anna.request.post(`/w/${workshopId}/api/data-board`, {
			data: { board: 'datenlage', highlight: 'S1' }
		});
		expect(forged.status()).toBe(403);
		// Nothing changed on anyone's screen: Kinderarmut is still the one in focus.
		for (const page of [host, anna, omar]) {
			await expect(row(page, 'S4').getByTestId('data-highlight')).toBeVisible();
			await expect(row(page, 'S1').getByTestId('data-highlight')).toHaveCount(0);
		}
	});

	test('a measure is agreed with who reports next and when', async () => {
		await moveToPhase(host, 'Maßnahmen');
		await host.getByRole('button', { name: 'Maßnahme hinzufügen' }).click();
		await host.keyboard.type(measure);
		const hostRow = host.getByTestId('measure-row').first();
		await hostRow.getByLabel('Status').selectOption({ label: 'geplant' });
		await expect(anna.getByTestId('measure-row').first().getByLabel('Titel')).toHaveValue(measure, {
			timeout: liveTimeout
		});

		await moveToPhase(host, 'Vereinbarungen und Controlling');
		const agreement = (page: Page) =>
			page.getByTestId('next-reports').getByTestId('next-report-row').first();
		await expect(agreement(anna)).toContainText(measure, { timeout: liveTimeout });
		// Anna fills in who reports; the facilitator the date. Both see both.
		await agreement(anna).getByLabel(`Wer berichtet? – ${measure}`).fill('Kiezbüro Nord');
		await agreement(anna).getByLabel(`Wer berichtet? – ${measure}`).press('Tab');
		await agreement(host).getByLabel(`Nächster Bericht am – ${measure}`).fill(inDays(10));
		await agreement(host).getByLabel(`Nächster Bericht am – ${measure}`).press('Tab');
		await expect(agreement(host).getByLabel(`Wer berichtet? – ${measure}`)).toHaveValue(
			'Kiezbüro Nord',
			{ timeout: liveTimeout }
		);
		await expect(agreement(omar).getByLabel(`Nächster Bericht am – ${measure}`)).toHaveValue(
			inDays(10),
			{ timeout: liveTimeout }
		);
		for (const page of [host, anna]) {
			await expect(connectionStatus(page)).toHaveText('gespeichert');
			await expectNoAxeViolations(page, '/w/[id] Vereinbarungen');
		}
		await host.screenshot({ path: `${shots}/vereinbarungen-1366.png` });
	});

	test('after the close the next report is due for the planner, on the start page and in the register', async () => {
		await open(host, `/workshops/${workshopId}`);
		await host.getByLabel('Ja, der Maßnahmenplan ist fertig.').check();
		await host.getByRole('button', { name: 'Werkstatt abschließen' }).click();
		await expect(host.getByRole('status')).toContainText('1 Maßnahme');

		await open(plannerPage, '/workshops');
		const due = plannerPage.getByTestId('reports-due');
		await expect(due).toContainText(measure);
		await expect(due).toContainText('in 10 Tagen');
		await expect(due).toContainText('Bericht von Kiezbüro Nord');
		await expectNoAxeViolations(plannerPage, '/workshops');
		await open(plannerPage, '/measures');
		const registerRow = plannerPage.getByTestId('register-row').filter({ hasText: measure });
		await expect(registerRow.getByTestId('next-report')).toContainText('Nächster Bericht');
		await expect(registerRow.getByTestId('next-report')).toContainText('Kiezbüro Nord');
		await expectNoAxeViolations(plannerPage, '/measures');
		await plannerPage.screenshot({ path: `${shots}/due-reports-1366.png`, fullPage: true });
	});
});
