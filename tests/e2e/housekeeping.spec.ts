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
 * The facilitator's housekeeping during a workshop: two people joined through the same link, one of
 * them is removed (only that one loses the room), and the invitation's link and QR code are shown
 * again later for a latecomer, while the first link keeps working.
 */
test.describe.serial('facilitator housekeeping', () => {
	let server: RunningServer;
	let people: People;
	let host: Page;
	let ayse: Page;
	let ben: Page;
	let workshopId: string;
	let firstLink: string;

	test.beforeAll(async ({ browser }) => {
		server = await startServer();
		people = new People(browser, server);
	});
	test.afterAll(async () => {
		await people?.closeAll();
		await server?.stop();
	});

	test('two people join through the same link and are listed for the facilitator', async () => {
		host = await people.newPage({ viewport: { width: 1366, height: 768 } });
		await open(host, server.setupLink);
		await createAccount(host, {
			name: 'Mo Moderation',
			email: 'mo@hk.example',
			password: 'ordnung-2026-x'
		});
		workshopId = await createWorkshop(host, 'Runder Tisch Nordstadt');
		firstLink = await createInviteLink(host, workshopId);
		await open(host, `/w/${workshopId}`);
		await moveToPhase(host, 'Kritikphase', true);

		ayse = await people.newPage();
		await join(ayse, firstLink, 'Ayşe');
		ben = await people.newPage(phone);
		await join(ben, firstLink, 'Ben');
		for (const page of [ayse, ben]) await expect(connectionStatus(page)).toHaveText('gespeichert');

		await open(host, `/workshops/${workshopId}`);
		const list = host.getByTestId('participants');
		await expect(host.getByRole('heading', { name: 'Wer ist dabei (2)' })).toBeVisible();
		await expect(list.getByRole('listitem')).toHaveCount(2);
		await expect(list).toContainText('Ayşe');
		await expect(list).toContainText('Ben');
		await expect(host.getByText('2 beigetreten')).toBeVisible();
		await expectNoAxeViolations(host, 'workshop page with participants');
	});

	test('removing one person closes only their room; the other keeps writing', async () => {
		const row = host.getByTestId('participants').getByRole('listitem').filter({ hasText: 'Ayşe' });
		await row.getByText('Entfernen …').click();
		await row.getByRole('button', { name: 'Ja, Ayşe entfernen' }).click();
		await expect(
			host.getByRole('status').filter({ hasText: 'Die Person ist entfernt' })
		).toBeVisible();
		await expect(host.getByRole('heading', { name: 'Wer ist dabei (1)' })).toBeVisible();
		await expect(host.getByText('1 beigetreten')).toBeVisible();

		await expect(connectionStatus(ayse)).toHaveText(/Kein Zugang mehr/, { timeout: liveTimeout });
		await expect(connectionStatus(ben)).toHaveText('gespeichert');
		await addCard(ben, 'Mehr Bänke am Spielplatz');
		const watcher = await host.context().newPage();
		await open(watcher, `/w/${workshopId}`);
		await chooseView(watcher, 'Liste');
		await expect(watcher.getByText('Mehr Bänke am Spielplatz')).toBeVisible({
			timeout: liveTimeout
		});
		await watcher.close();

		// A reload does not bring her back in: her session is gone.
		await ayse.reload();
		await expect(ayse.getByLabel('Neue Karte')).toHaveCount(0);
	});

	test('a participant cannot remove anyone: the action answers 403 and changes nothing', async () => {
		const status = await ben.evaluate(async (id) => {
			const body = new FormData();
			body.set('participantId', 'anyone');
			const response = await fetch(`/workshops/${id}?/removeParticipant`, {
				method: 'POST',
				body,
				headers: { 'x-sveltekit-action': 'true' }
			});
			return response.status;
		}, workshopId);
		expect([401, 403]).toContain(status);
		await expect(connectionStatus(ben)).toHaveText('gespeichert');
	});

	test('the link and QR code are shown again; the new and the first link both let people in', async () => {
		await open(host, `/workshops/${workshopId}`);
		await host.getByRole('button', { name: 'Link und QR-Code zeigen' }).first().click();
		const shown = host.getByTestId('invite-link');
		await expect(shown).toHaveText(/\/join\/\w+$/);
		const again = (await shown.textContent()) ?? '';
		expect(again).not.toBe(firstLink);
		await expect(host.getByText(/Auch ältere Links dieser Einladung gelten weiter/)).toBeVisible();
		const qr = host.getByRole('img', { name: 'QR-Code zum Einladungslink' });
		await expect(qr).toBeVisible();
		await expect
			.poll(() => qr.evaluate((image: HTMLImageElement) => image.naturalWidth))
			.toBeGreaterThan(0);

		const cem = await people.newPage();
		await join(cem, again, 'Cem');
		const dana = await people.newPage();
		await join(dana, firstLink, 'Dana');
		await open(host, `/workshops/${workshopId}`);
		const list = host.getByTestId('participants');
		await expect(list.getByRole('listitem')).toHaveCount(3);
		await expect(list).toContainText('Cem');
		await expect(list).toContainText('Dana');
		await expect(list).not.toContainText('Ayşe');
	});
});
