import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { startServer, type RunningServer } from './server';
import {
	People,
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
 * Two people type into the same cell of the measure table at the same moment, key by key, in real
 * browsers: both keep their words (a Y.Text per field), and a long title stays readable.
 */
const title = (page: Page) =>
	page.getByTestId('measure-row').first().getByLabel('Titel', { exact: true });

test.describe.serial('typing together in the measure table', () => {
	let server: RunningServer;
	let people: People;
	let host: Page;
	let guest: Page;

	test.beforeAll(async ({ browser }) => {
		server = await startServer();
		people = new People(browser, server);
	});
	test.afterAll(async () => {
		await people?.closeAll();
		await server?.stop();
	});

	test('a facilitator and a participant on a phone reach the measure plan', async () => {
		host = await people.newPage({ viewport: { width: 1366, height: 768 } });
		await open(host, server.setupLink);
		await createAccount(host, {
			name: 'Tara Text',
			email: 'tara@typing.example',
			password: 'gemeinsam-tippen-1'
		});
		const workshopId = await createWorkshop(host, 'Maßnahmen gemeinsam schreiben');
		const link = await createInviteLink(host, workshopId);
		await open(host, `/w/${workshopId}`);
		await moveToPhase(host, 'Verwirklichungsphase', true);
		guest = await people.newPage(phone);
		await join(guest, link, 'Gero Gast');
		await host.getByRole('button', { name: 'Maßnahme hinzufügen' }).click();
		await title(host).fill('Bank');
		await expect(title(guest)).toHaveValue('Bank', { timeout: liveTimeout });
	});

	test('both type into the same title at once and both words stay', async () => {
		await title(host).click();
		await title(host).press('Home');
		await title(guest).click();
		await title(guest).press('End');
		// Key by key, at the same time: each keystroke travels while the other types.
		await Promise.all([
			title(host).pressSequentially('Neue ', { delay: 40 }),
			title(guest).pressSequentially(' am Spielplatz', { delay: 25 })
		]);
		for (const page of [host, guest])
			await expect(title(page)).toHaveValue('Neue Bank am Spielplatz', { timeout: liveTimeout });
	});

	test('a long title wraps and is read whole on a laptop', async () => {
		const long =
			'Sonnensegel und Trinkbrunnen für den Spielplatz an der Schillerpromenade, mit den Kindern der Kita geplant';
		await title(host).fill(long);
		await expect(title(guest)).toHaveValue(long, { timeout: liveTimeout });
		const box = await title(host).evaluate((element) => ({
			scroll: element.scrollHeight,
			client: element.clientHeight,
			width: element.getBoundingClientRect().width
		}));
		// Nothing hidden: the field is as tall as its text, and wide enough to read.
		expect(box.scroll).toBeLessThanOrEqual(box.client + 1);
		expect(box.width).toBeGreaterThan(220);
		await host.screenshot({ path: 'test-results/measure-typing-1366.png' });
		await guest.screenshot({ path: 'test-results/measure-typing-360.png', fullPage: true });
		await expectNoAxeViolations(host, 'measure plan, facilitator');
		await expectNoAxeViolations(guest, 'measure plan, participant on a phone');
	});
});
