import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { startServer, type RunningServer } from './server';
import {
	People,
	addCard,
	chooseView,
	connectionStatus,
	createAccount,
	createInviteLink,
	createWorkshop,
	join,
	liveTimeout,
	moveToPhase,
	open,
	phone
} from './steps';

/**
 * The live room as one story, with the four windows a real session has: the facilitator's laptop,
 * a projector, a participant at a desktop and one on a phone who joins by the code on the wall.
 * Each point of the live-room issue shows up once, as people meet it: cards on the projector, own
 * cards only, the bin, anonymous cards their author can still fix, one person removed, the close
 * reaching every window.
 */
const errorText = /Fehler|Rechte|fehlen|nicht gefunden|Error/;
const batchTimeout = 15_000;
const shots = '/tmp/story-shots';

test.describe.serial('a workshop with a projector, two participants and a facilitator', () => {
	let server: RunningServer;
	let people: People;
	let host: Page;
	let projector: Page;
	let desk: Page;
	let mobile: Page;
	let workshopId: string;

	const wallOnProjector = () => projector.getByTestId('present-wall');
	const cardItem = (page: Page, text: string) =>
		page.locator('[data-card-id]').filter({ hasText: text });
	const editButton = (page: Page, text: string) =>
		cardItem(page, text).getByRole('button', { name: /^Bearbeiten/ });

	async function editCard(page: Page, from: string, to: string) {
		await editButton(page, from).click();
		await page.getByLabel('Karte bearbeiten').fill(to);
		await page.getByRole('button', { name: 'Speichern' }).click();
	}

	test.beforeAll(async ({ browser }) => {
		server = await startServer();
		people = new People(browser, server);
	});
	test.afterAll(async () => {
		await people?.closeAll();
		await server?.stop();
	});

	test('the facilitator starts, the projector shows a code, people join by link and by code', async () => {
		host = await people.newPage({ viewport: { width: 1366, height: 768 } });
		await open(host, server.setupLink);
		await createAccount(host, {
			name: 'Fiona Moderation',
			email: 'fiona@story.example',
			password: 'geschichte-2026'
		});
		workshopId = await createWorkshop(host, 'Sozialraum Südstadt');
		const link = await createInviteLink(host, workshopId);
		await open(host, `/w/${workshopId}`);
		await moveToPhase(host, 'Kritikphase', true);

		projector = await host.context().newPage();
		await projector.setViewportSize({ width: 1920, height: 1080 });
		await open(projector, `/w/${workshopId}/present`);
		await expect(projector.getByTestId('present-phase')).toHaveText('Kritikphase');
		const code = (await projector.getByTestId('present-code').textContent()) ?? '';
		expect(code).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);

		desk = await people.newPage();
		await join(desk, link, 'Dilek');
		mobile = await people.newPage(phone);
		await open(mobile, `/j/${code}`);
		await mobile.getByLabel('Ihr Name (optional)').fill('Malte');
		await mobile.getByRole('button', { name: 'Los geht’s' }).click();
		await expect(mobile).toHaveURL(new RegExp(`/w/${workshopId}$`));
		for (const page of [desk, mobile])
			await expect(page.getByTestId('phase-bar')).toContainText('Kritikphase');
	});

	test('cards reach the projector; each person changes only their own, the facilitator any', async () => {
		await chooseView(desk, 'Liste');
		await chooseView(host, 'Liste');
		await addCard(desk, 'Der Spielplatz ist abends dunkel');
		await addCard(mobile, 'Kein Bus nach 21 Uhr');
		await expect(wallOnProjector()).toContainText('Der Spielplatz ist abends dunkel', {
			timeout: liveTimeout
		});
		await expect(wallOnProjector()).toContainText('Kein Bus nach 21 Uhr');

		await expect(cardItem(mobile, 'Der Spielplatz')).toBeVisible();
		await expect(editButton(mobile, 'Der Spielplatz')).toHaveCount(0);
		await expect(editButton(desk, 'Kein Bus')).toHaveCount(0);
		await editCard(desk, 'Der Spielplatz', 'Der Spielplatz ist abends zu dunkel');
		await expect(wallOnProjector()).toContainText('abends zu dunkel', { timeout: liveTimeout });

		// The facilitator bins a card and brings it back from the bin.
		await host.getByRole('button', { name: 'Löschen: Kein Bus nach 21 Uhr' }).click();
		await expect(wallOnProjector()).not.toContainText('Kein Bus', { timeout: liveTimeout });
		const bin = host.getByTestId('bin');
		await bin.locator('summary').click();
		await bin.getByRole('button', { name: 'Zurückholen: Kein Bus nach 21 Uhr' }).click();
		await expect(wallOnProjector()).toContainText('Kein Bus nach 21 Uhr', { timeout: liveTimeout });
	});

	test('anonymous cards: nobody sees the author, and the author can still fix the card', async () => {
		const board = host.getByTestId('facilitator-dock').locator('details[data-section="board"]');
		if ((await board.getAttribute('open')) === null) await board.locator('summary').click();
		await host.getByTestId('toggle-anonymous').click();
		await host.getByRole('button', { name: 'Ja, anonym einschalten' }).click();
		await expect(mobile.getByTestId('writing-mode')).toContainText('Anonym', {
			timeout: liveTimeout
		});

		await addCard(mobile, 'Die Bänke sind kaputt');
		await expect(wallOnProjector()).toContainText('Die Bänke sind kaputt', {
			timeout: batchTimeout
		});
		await expect(cardItem(mobile, 'Die Bänke sind kaputt')).toBeVisible({ timeout: liveTimeout });
		await expect(editButton(desk, 'Die Bänke sind kaputt')).toHaveCount(0);
		await editCard(mobile, 'Die Bänke sind kaputt', 'Die Bänke am Teich sind kaputt');
		await expect(wallOnProjector()).toContainText('Die Bänke am Teich sind kaputt', {
			timeout: liveTimeout
		});
		await expect(projector.getByText(errorText)).toHaveCount(0);
		await projector.screenshot({ path: `${shots}/projector-anonymous-1920.png` });
		await mobile.screenshot({ path: `${shots}/participant-anonymous-360.png` });
	});

	test('the facilitator removes one person; everyone else stays', async () => {
		const admin = await host.context().newPage();
		await open(admin, `/workshops/${workshopId}`);
		const row = admin
			.getByTestId('participants')
			.getByRole('listitem')
			.filter({ hasText: 'Dilek' });
		await row.getByText('Entfernen …').click();
		await row.getByRole('button', { name: 'Ja, Dilek entfernen' }).click();
		await expect(connectionStatus(desk)).toHaveText(/Kein Zugang mehr/, { timeout: liveTimeout });
		await expect(connectionStatus(mobile)).toHaveText('gespeichert');
		await expect(projector.getByTestId('present-phase')).toHaveText('Kritikphase');

		// Closing, from the same page: every open window turns at once, the projector says thanks.
		await admin.getByLabel('Ja, der Maßnahmenplan ist fertig.').check();
		await admin.getByRole('button', { name: 'Werkstatt abschließen' }).click();
		await expect(admin.getByRole('status')).toContainText('Die Werkstatt ist abgeschlossen.');
		await expect(projector.getByTestId('present-phase')).toHaveText(
			'Die Werkstatt ist beendet. Vielen Dank fürs Mitmachen!',
			{ timeout: liveTimeout }
		);
		await expect(projector.getByTestId('present-code')).toHaveCount(0);
		await expect(projector.getByText(errorText)).toHaveCount(0);
		const results = mobile.getByTestId('closed-results');
		await expect(results).toContainText('Die Bänke am Teich sind kaputt', { timeout: liveTimeout });
		await expect(results).toContainText('Kein Bus nach 21 Uhr');
		await expect(mobile.getByLabel('Neue Karte')).toHaveCount(0);
		await projector.screenshot({ path: `${shots}/projector-closed-1920.png` });
		await mobile.screenshot({ path: `${shots}/participant-closed-360.png`, fullPage: true });
		await expectNoAxeViolations(projector, 'projector after closing');
		await expectNoAxeViolations(mobile, 'participant after closing');
	});

	test('the closed workshop has its Dokumentation: page, PDF and a ZIP whose hashes hold', async () => {
		const archive = await host.context().newPage();
		await open(archive, `/workshops/${workshopId}`);
		await archive.getByRole('link', { name: 'Dokumentation' }).first().click();
		await expect(archive).toHaveURL(new RegExp(`/workshops/${workshopId}/archiv$`));
		await expect(archive.getByRole('heading', { level: 1 })).toHaveText('Sozialraum Südstadt');
		await expect(archive.locator('article')).toContainText('Die Bänke am Teich sind kaputt');
		await expect(archive.locator('article')).toContainText('Kein Bus nach 21 Uhr');
		await expect(archive.locator('article')).not.toContainText('Malte');
		await expectNoAxeViolations(archive, '/workshops/[id]/archiv');
		for (const [width, height] of [
			[1366, 768],
			[1920, 1080],
			[360, 740]
		]) {
			await archive.setViewportSize({ width, height });
			await archive.screenshot({ path: `${shots}/archive-${width}.png`, fullPage: true });
		}
		await archive.setViewportSize({ width: 1366, height: 768 });

		const pdf = await archive.request.get(`/workshops/${workshopId}/archiv/dokumentation.pdf`);
		expect(pdf.status()).toBe(200);
		expect(pdf.headers()['content-type']).toBe('application/pdf');
		expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

		await archive.getByRole('button', { name: 'Prüfen' }).click();
		await expect(archive.getByTestId('verify-result')).toContainText('Alles stimmt');
		// A ZIP with one byte changed in a file no longer matches.
		const zip = Buffer.from(
			await (await archive.request.get(`/workshops/${workshopId}/archiv/archiv.zip`)).body()
		);
		await archive.getByLabel('ZIP-Datei (optional)').setInputFiles({
			name: 'archiv.zip',
			mimeType: 'application/zip',
			buffer: zip
		});
		await archive.getByRole('button', { name: 'Prüfen' }).click();
		await expect(archive.getByTestId('verify-result')).toContainText('Alles stimmt');
		const tampered = await import('fflate').then(({ unzipSync, zipSync }) => {
			const files = unzipSync(new Uint8Array(zip));
			files['karten.csv'] = new TextEncoder().encode('gefälscht\n');
			return Buffer.from(zipSync(files));
		});
		await archive.getByLabel('ZIP-Datei (optional)').setInputFiles({
			name: 'archiv.zip',
			mimeType: 'application/zip',
			buffer: tampered
		});
		await archive.getByRole('button', { name: 'Prüfen' }).click();
		await expect(archive.getByTestId('verify-result')).toContainText('karten.csv');

		// Participants do not get the staff's archive.
		const refused = await mobile.request.get(`/workshops/${workshopId}/archiv/archiv.zip`);
		expect(refused.status()).toBe(403);
	});
});
