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
	join,
	moveToPhase,
	open,
	phone
} from './steps';

const shots = '/tmp/qw-shots/accessibility-statement';
const sizes = [
	{ name: '1366x768', viewport: { width: 1366, height: 768 } },
	{ name: '1920x1080', viewport: { width: 1920, height: 1080 } },
	{ name: '360x740', viewport: { width: 360, height: 740 } }
];

/**
 * The accessibility statement (BITV 2.0 § 7, inclusion issue point 6): linked from every page's
 * footer, also the join page a participant sees first, and with the feedback contact the
 * municipality entered in its settings.
 */
test.describe.serial('accessibility statement', () => {
	let server: RunningServer;
	let people: People;
	let admin: Page;
	let inviteLink: string;
	let workshopId: string;

	test.beforeAll(async ({ browser }) => {
		server = await startServer();
		people = new People(browser, server);
		admin = await people.newPage(desktop);
		await open(admin, server.setupLink);
		await createAccount(admin, {
			name: 'Bea Barrierefrei',
			email: 'bea@bitv.example',
			password: 'erklaerung-2026-x'
		});
		workshopId = await createWorkshop(admin, 'Zukunftswerkstatt für alle');
		inviteLink = await createInviteLink(admin, workshopId);
	});
	test.afterAll(async () => {
		await people?.closeAll();
		await server?.stop();
	});

	test('from the join page to the statement; without a contact it says whom to ask', async () => {
		const guest = await people.newPage(phone);
		await open(guest, inviteLink);
		await guest.getByRole('contentinfo').getByRole('link', { name: 'Barrierefreiheit' }).click();
		await expect(guest).toHaveURL(/\/barrierefreiheit$/);
		await expect(
			guest.getByRole('heading', { level: 1, name: 'Erklärung zur Barrierefreiheit' })
		).toBeVisible();
		for (const section of [
			'Wie barrierefrei sind diese Seiten?',
			'Was noch nicht barrierefrei ist',
			'Wie wir das geprüft haben',
			'Barrieren melden',
			'Schlichtung'
		])
			await expect(guest.getByRole('heading', { level: 2, name: section })).toBeVisible();
		await expect(guest.getByRole('main')).toContainText('Erstellt am 4. Dezember 2026.');
		await expect(guest.getByRole('main')).toContainText(
			'Die Kommune hat noch keinen Kontakt eingetragen.'
		);
		// Nobody is logged in here, and nothing is stored for reading it.
		expect(await guest.context().cookies()).toEqual([]);
		await expectNoAxeViolations(guest, 'accessibility statement on a phone');
	});

	test('with the contact from the settings, the statement links to it', async () => {
		await open(admin, '/admin/settings');
		await admin.getByLabel('Name der Kommune').fill('Stadt Beispielstadt');
		await admin.getByLabel('Kontakt für Barrierefreiheit').fill('barrierefrei@beispielstadt.de');
		await admin.getByRole('button', { name: 'Speichern', exact: true }).click();
		await expect(admin.getByRole('status').first()).toContainText(
			'Die Einstellungen sind gespeichert.'
		);

		const guest = await people.newPage(desktop);
		await open(guest, '/barrierefreiheit');
		await expect(guest.getByRole('main')).toContainText(
			'Stadt Beispielstadt möchte, dass alle Menschen mitmachen können.'
		);
		await expect(
			guest.getByRole('link', { name: 'barrierefrei@beispielstadt.de' })
		).toHaveAttribute('href', 'mailto:barrierefrei@beispielstadt.de');
		await expectNoAxeViolations(guest, 'accessibility statement with a contact');
		for (const size of sizes) {
			await guest.setViewportSize(size.viewport);
			await guest.screenshot({ path: `${shots}/statement-${size.name}.png`, fullPage: true });
		}
	});

	test('the prompt and each card are read aloud on request, in the page language', async () => {
		await open(admin, `/w/${workshopId}`);
		await moveToPhase(admin, 'Kritikphase', true);
		const guest = await people.newPage(phone);
		// Records what the page hands to the browser's speech synthesis, which then speaks as usual.
		await guest.addInitScript(() => {
			const spoken: { text: string; lang: string }[] = [];
			Object.assign(window, { spoken });
			const speak = speechSynthesis.speak.bind(speechSynthesis);
			speechSynthesis.speak = (utterance) => {
				spoken.push({ text: utterance.text, lang: utterance.lang });
				speak(utterance);
			};
		});
		await join(guest, inviteLink, 'Lale');
		await addCard(guest, 'Die Ampel am Markt ist zu kurz grün');
		await chooseView(guest, 'Liste');
		await guest.getByRole('button', { name: 'Frage vorlesen' }).click();
		await guest
			.locator('[data-card-id]')
			.filter({ hasText: 'Die Ampel am Markt' })
			.getByRole('button', { name: 'Karte vorlesen' })
			.click();
		await expect
			.poll(() => guest.evaluate(() => (window as unknown as { spoken: unknown[] }).spoken))
			.toEqual([
				{ text: 'Was stört, was fehlt?', lang: 'de-DE' },
				{ text: 'Die Ampel am Markt ist zu kurz grün', lang: 'de-DE' }
			]);
		await expectNoAxeViolations(guest, 'live room with read-aloud buttons');
	});
});
