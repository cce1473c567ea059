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
	join,
	liveTimeout,
	moveToPhase,
	open,
	phone
} from './steps';

const paper = ['Mehr Bänke am Marktplatz', 'Der Bus fährt abends zu selten', 'Licht im Park'];
const fromDevice = 'Spielplatz sanieren';
const shots = '/tmp/qw-shots/hybrid';

/**
 * A hybrid session (inclusion issue, point 4): some people write on paper. The facilitator types
 * their cards in as one stack, marked as paper cards, and later the dots of a paper round as a
 * batch, which the server counts like anyone's.
 */
test.describe.serial('hybrid session: paper cards and paper dots', () => {
	let server: RunningServer;
	let people: People;
	let host: Page;
	let guest: Page;
	let workshopId: string;

	const voteRegion = (page: Page) => page.getByRole('region', { name: 'Abstimmung mit Punkten' });
	const cardItem = (page: Page, text: string) =>
		page.locator('[data-card-id]').filter({ hasText: text });

	test.beforeAll(async ({ browser }) => {
		server = await startServer();
		people = new People(browser, server);
		host = await people.newPage({ viewport: { width: 1366, height: 768 } });
		await open(host, server.setupLink);
		await createAccount(host, {
			name: 'Hanna Hybrid',
			email: 'hanna@hybrid.example',
			password: 'papier-2026-x'
		});
		workshopId = await createWorkshop(host, 'Zukunftswerkstatt mit Papier');
		const link = await createInviteLink(host, workshopId);
		await open(host, `/w/${workshopId}`);
		await moveToPhase(host, 'Kritikphase', true);
		guest = await people.newPage(phone);
		await join(guest, link, 'Derya');
	});
	test.afterAll(async () => {
		await people?.closeAll();
		await server?.stop();
	});

	test('the facilitator types a stack of paper cards, one per line; a wrong line is named first', async () => {
		const form = host.getByTestId('paper-cards');
		await form.locator('summary').click();
		const field = form.getByLabel('Papierkarten, eine pro Zeile');
		await field.click();
		// Typed as a person types: Enter goes to the next card.
		await host.keyboard.type(`${paper[0]}\n${'x'.repeat(501)}\n${paper[1]}`);
		await form.getByRole('button', { name: 'Karten hinzufügen (3)' }).click();
		await expect(form.getByRole('alert')).toHaveText(
			'Zu lang (höchstens 500 Zeichen pro Karte): Zeile 2.'
		);
		await chooseView(host, 'Liste');
		await expect(host.locator('[data-card-id]')).toHaveCount(0);
		await expect(field).toHaveValue(new RegExp(paper[1]));

		await field.fill(`${paper[0]}\n\n${paper[1]}\n${paper[2]}\n`);
		await form.getByRole('button', { name: 'Karten hinzufügen (3)' }).click();
		await expect(form.getByRole('status')).toHaveText('3 Karten von Papier sind auf der Wand.');
		await expect(field).toHaveValue('');
		await expect(form.locator('summary')).toHaveText('Karten von Papier eintragen (3 bisher)');
		for (const text of paper) await expect(cardItem(host, text)).toContainText('von Papier');

		// Everyone sees them, marked; the participant's own card is not.
		await addCard(guest, fromDevice);
		await chooseView(guest, 'Liste');
		for (const text of paper)
			await expect(cardItem(guest, text)).toContainText('von Papier', { timeout: liveTimeout });
		await expect(cardItem(guest, fromDevice)).not.toContainText('von Papier');
		await expect(guest.getByTestId('paper-cards')).toHaveCount(0);
		await expectNoAxeViolations(host, 'wall with paper cards');
		await host.screenshot({ path: `${shots}/paper-cards-1366.png` });
	});

	test('paper dots go in as a batch and count like all others; only the facilitator may', async () => {
		const dock = host.getByTestId('facilitator-dock');
		const section = dock.locator('details[data-section="vote"]');
		if ((await section.getAttribute('open')) === null) await section.locator('summary').click();
		await host.getByTestId('open-vote').click();
		await expect(guest.getByTestId('vote-remaining')).toBeVisible({ timeout: liveTimeout });
		await voteRegion(guest)
			.getByRole('listitem')
			.filter({ hasText: paper[1] })
			.getByRole('button', { name: /^Punkt geben/ })
			.click();
		await expect(guest.getByTestId('vote-remaining')).toContainText('noch 4 von 5');

		const batch = host.getByTestId('paper-dots');
		await batch.locator('summary').click();
		await batch.getByLabel(paper[0]).fill('-2');
		await batch.getByRole('button', { name: 'Papierpunkte speichern' }).click();
		await expect(batch.getByRole('alert')).toHaveText(
			'Bitte tragen Sie ganze Zahlen von 0 bis 999 ein.'
		);
		await batch.getByLabel(paper[0]).fill('7');
		await batch.getByLabel(paper[1]).fill('2');
		await batch.getByRole('button', { name: 'Papierpunkte speichern' }).click();
		await expect(batch.getByRole('status')).toHaveText('Gespeichert: 9 Punkte von Papier.');

		// The server decides: a participant may not enter paper dots, and bad bodies are refused.
		const state = await (await guest.request.get(`/w/${workshopId}/api/vote?board=kritik`)).json();
		const forged = await guest.request.post(`/w/${workshopId}/api/vote/paper`, {
			data: { board: 'kritik', counts: { [state.vote.items[0]]: 50 } }
		});
		expect(forged.status()).toBe(403);
		for (const [counts, message] of [
			[{ [state.vote.items[0]]: 1.5 }, 'Bitte tragen Sie ganze Zahlen von 0 bis 999 ein.'],
			[{ 'gibt-es-nicht': 1 }, 'Dafür kann man in dieser Abstimmung nicht stimmen.'],
			[[3], 'Die Anfrage war unvollständig. Bitte laden Sie die Seite neu.']
		] as const) {
			const reply = await host.request.post(`/w/${workshopId}/api/vote/paper`, {
				data: { board: 'kritik', counts }
			});
			expect(reply.status()).toBe(400);
			expect((await reply.json()).message).toBe(message);
		}

		await host.getByTestId('close-vote').click();
		const late = await host.request.post(`/w/${workshopId}/api/vote/paper`, {
			data: { board: 'kritik', counts: { [state.vote.items[0]]: 1 } }
		});
		expect(late.status()).toBe(409);
		await host.getByTestId('reveal-vote').click();
		for (const page of [host, guest]) {
			const results = voteRegion(page).getByTestId('vote-results').getByRole('listitem');
			await expect(results.first()).toHaveText(`Platz 1 ${paper[0]} 7 Punkte alle auf Papier`, {
				timeout: liveTimeout
			});
			await expect(results.nth(1)).toHaveText(
				`Platz 2 ${paper[1]} 3 Punkte von 1 Person, davon 2 auf Papier`
			);
		}
		await expectNoAxeViolations(guest, 'results with paper dots');
		await guest.screenshot({ path: `${shots}/paper-dots-results-360.png`, fullPage: true });
	});
});
