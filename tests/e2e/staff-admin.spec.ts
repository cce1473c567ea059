import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { startServer, type RunningServer } from './server';
import {
	People,
	connectionStatus,
	createAccount,
	createWorkshop,
	liveTimeout,
	open,
	phone,
	type Person
} from './steps';

/**
 * The admin's team page end to end: an invitation revoked and one redeemed, a role change, a
 * password reset, a deactivation. Every change that narrows someone's rights reaches the pages that
 * person has open. One server with a fresh store; the tests build on each other and run in order.
 */

const admin: Person = {
	name: 'Ada Admin',
	email: 'ada@team.example',
	password: 'sicheres-passwort-1'
};
const fritz: Person = {
	name: 'Fritz Moderation',
	email: 'fritz@team.example',
	password: 'moderieren-2026'
};
const newPassword = 'ganz-neues-passwort-7';
const refused = 'Kein Zugang mehr. Bitte laden Sie die Seite neu oder melden Sie sich an.';

const openLinks = (page: Page) => page.getByRole('region', { name: 'Offene Links' });
const personRow = (page: Page, person: Person) =>
	page.getByRole('row').filter({ hasText: person.email });

async function makeInvite(adminPage: Page, roleLabel: string): Promise<string> {
	await open(adminPage, '/admin/staff');
	// The invitation's select is still the only control labelled "Rolle" (tests/e2e/steps.ts).
	await adminPage.getByLabel('Rolle').selectOption({ label: roleLabel });
	await adminPage.getByRole('button', { name: 'Einladungslink erstellen' }).click();
	await expect(adminPage.getByRole('status')).toContainText(`Einladungslink für ${roleLabel}.`);
	// The answer takes the focus, so it is read out and in view even below a long table.
	await expect(adminPage.getByRole('status')).toBeFocused();
	return (await adminPage.getByTestId('staff-invite-link').textContent()) ?? '';
}

/** Logs in on the login page the app sent the person to (keeping its redirect), or opens it. */
async function logIn(page: Page, person: Person, password: string) {
	if (new URL(page.url()).pathname !== '/login') await open(page, '/login');
	await page.getByLabel('E-Mail').fill(person.email);
	await page.getByLabel('Passwort').fill(password);
	await page.getByRole('button', { name: 'Anmelden' }).click();
}

test.describe.serial('team administration', () => {
	let server: RunningServer;
	let people: People;
	let adminPage: Page;
	/** Fritz's first browser: the sessions that the admin's changes must end. */
	let fritzPage: Page;
	let workshopId: string;

	test.beforeAll(async ({ browser }) => {
		server = await startServer();
		people = new People(browser, server);
	});
	test.afterAll(async () => {
		await people?.closeAll();
		await server?.stop();
	});

	test('a revoked invitation is refused; the next one is redeemed and leaves no open link', async () => {
		adminPage = await people.newPage({ viewport: { width: 1366, height: 768 } });
		await open(adminPage, server.setupLink);
		await createAccount(adminPage, admin);
		workshopId = await createWorkshop(adminPage, 'Stadtteilkonferenz Süd');

		const revokedLink = await makeInvite(adminPage, 'Moderation');
		const pending = openLinks(adminPage).getByRole('row', { name: /Einladung als Moderation/ });
		await expect(pending).toContainText('Ada Admin');
		await pending.getByText('Zurückziehen …').click();
		await pending.getByRole('button', { name: 'Ja, Link zurückziehen' }).click();
		await expect(adminPage.getByRole('status')).toHaveText(
			'Der Link ist zurückgezogen. Wer ihn öffnet, kommt nicht mehr weiter.'
		);
		await expect(
			openLinks(adminPage).getByText('Es gibt gerade keine offenen Links.')
		).toBeVisible();

		const stranger = await people.newPage();
		const response = await open(stranger, revokedLink);
		expect(response?.status()).toBe(410);
		await expect(stranger.getByRole('alert')).toHaveText(
			'Dieser Link ist ungültig, abgelaufen oder wurde schon benutzt.'
		);
		await expect(stranger.getByLabel('Passwort')).toHaveCount(0);

		const link = await makeInvite(adminPage, 'Moderation');
		fritzPage = await people.newPage();
		await open(fritzPage, link);
		await createAccount(fritzPage, fritz);
		await open(adminPage, '/admin/staff');
		await expect(personRow(adminPage, fritz)).toContainText('aktiv');
		await expect(
			openLinks(adminPage).getByText('Es gibt gerade keine offenen Links.')
		).toBeVisible();
	});

	test('someone without the admin role gets 403 from the page and from every action', async () => {
		const page = await fritzPage.goto('/admin/staff');
		expect(page?.status()).toBe(403);
		await expect(fritzPage.getByRole('alert')).toHaveText('Dafür fehlen Ihnen die Rechte.');
		// A form post as the browser sends it without script, with Fritz's own session.
		for (const action of ['deactivate', 'role', 'reset', 'reactivate', 'revoke', 'invite']) {
			const answer = await fritzPage.evaluate(async (action) => {
				const response = await fetch(`/admin/staff?/${action}`, {
					method: 'POST',
					headers: { accept: 'text/html' },
					body: new URLSearchParams({ userId: 'x', role: 'admin', tokenHash: 'x' })
				});
				return { status: response.status, text: await response.text() };
			}, action);
			expect(answer.status, action).toBe(403);
			expect(answer.text, action).toContain('Dafür fehlen Ihnen die Rechte.');
		}
		await open(adminPage, '/admin/staff');
		await expect(personRow(adminPage, admin)).toContainText('Administration');
		await expect(adminPage.getByTitle('Rolle von Ada Admin')).toHaveValue('admin');
	});

	test('a role change closes the open live room at once; the next login has the new role', async () => {
		await open(fritzPage, `/w/${workshopId}`);
		await expect(connectionStatus(fritzPage)).toHaveText('gespeichert');
		await expect(fritzPage.getByRole('link', { name: 'API' })).toHaveCount(0);

		// The only admin cannot give the role away.
		await adminPage.getByTitle('Rolle von Ada Admin').selectOption({ label: 'Moderation' });
		await adminPage.getByRole('button', { name: 'Speichern (Rolle von Ada Admin)' }).click();
		await expect(adminPage.getByRole('alert')).toContainText(
			'einzige aktive Konto mit der Rolle Administration'
		);
		await expect(adminPage.getByRole('alert')).toBeFocused();
		await expect(adminPage.getByTitle('Rolle von Ada Admin')).toHaveValue('admin');

		await adminPage
			.getByTitle('Rolle von Fritz Moderation')
			.selectOption({ label: 'Sozialplanung' });
		await adminPage.getByRole('button', { name: 'Speichern (Rolle von Fritz Moderation)' }).click();
		await expect(adminPage.getByRole('status')).toContainText(
			'Fritz Moderation hat jetzt die Rolle Sozialplanung.'
		);
		await expect(adminPage.getByTitle('Rolle von Fritz Moderation')).toHaveValue('planner');

		await expect(connectionStatus(fritzPage)).toHaveText(refused, { timeout: liveTimeout });
		await fritzPage.reload();
		await expect(fritzPage).toHaveURL(/\/login\?redirectTo=/);
		await logIn(fritzPage, fritz, fritz.password);
		await expect(fritzPage).toHaveURL(new RegExp(`/w/${workshopId}$`));
		// Planners make API tokens; facilitators do not.
		await expect(fritzPage.getByRole('link', { name: 'API' })).toBeVisible();
	});

	test('a reset link sets a new password once and ends the old sessions', async () => {
		await open(fritzPage, '/workshops');
		await adminPage
			.getByRole('button', { name: 'Passwort-Link erstellen für Fritz Moderation' })
			.click();
		await expect(adminPage.getByRole('status')).toContainText(
			'Link für ein neues Passwort von Fritz Moderation.'
		);
		const link = (await adminPage.getByTestId('staff-reset-link').textContent()) ?? '';
		await expect(
			openLinks(adminPage).getByRole('row', { name: /Neues Passwort für Fritz Moderation/ })
		).toBeVisible();

		const fritzPhone = await people.newPage(phone);
		await open(fritzPhone, link);
		await expect(fritzPhone.getByRole('heading', { name: 'Neues Passwort setzen' })).toBeVisible();
		await expect(fritzPhone.getByText('Für das Konto von Fritz Moderation.')).toBeVisible();
		await expect(fritzPhone.getByLabel('Name')).toHaveCount(0);
		await expectNoAxeViolations(fritzPhone, 'the reset page');
		await fritzPhone.getByLabel('Neues Passwort').fill(newPassword);
		await fritzPhone.getByRole('button', { name: 'Passwort speichern' }).click();
		await expect(fritzPhone).toHaveURL(/\/workshops$/);

		// The session Fritz had before is gone; the old password no longer works, the new one does.
		await fritzPage.reload();
		await expect(fritzPage).toHaveURL(/\/login\?redirectTo=%2Fworkshops$/);
		await logIn(fritzPage, fritz, fritz.password);
		await expect(fritzPage.getByRole('alert')).toHaveText('E-Mail oder Passwort stimmt nicht.');
		await logIn(fritzPage, fritz, newPassword);
		await expect(fritzPage).toHaveURL(/\/workshops$/);

		const again = await people.newPage();
		expect((await open(again, link))?.status()).toBe(410);
		await open(adminPage, '/admin/staff');
		await expect(
			openLinks(adminPage).getByText('Es gibt gerade keine offenen Links.')
		).toBeVisible();
	});

	test('deactivating ends access on every open page and the login is refused', async () => {
		await open(fritzPage, `/w/${workshopId}`);
		await expect(connectionStatus(fritzPage)).toHaveText('gespeichert');

		const row = personRow(adminPage, fritz);
		await row.getByText('Deaktivieren …').click();
		await row.getByRole('button', { name: 'Ja, Fritz Moderation deaktivieren' }).click();
		await expect(adminPage.getByRole('status')).toContainText(
			'Das Konto von Fritz Moderation ist deaktiviert.'
		);
		await expect(personRow(adminPage, fritz)).toContainText('deaktiviert');

		await expect(connectionStatus(fritzPage)).toHaveText(refused, { timeout: liveTimeout });
		await fritzPage.reload();
		await expect(fritzPage).toHaveURL(/\/login\?redirectTo=/);
		await logIn(fritzPage, fritz, newPassword);
		await expect(fritzPage.getByRole('alert')).toHaveText('E-Mail oder Passwort stimmt nicht.');

		// No password link for a deactivated account: the button is not offered.
		await expect(
			personRow(adminPage, fritz).getByRole('button', { name: /Passwort-Link erstellen/ })
		).toHaveCount(0);
		await expectNoAxeViolations(adminPage, 'the team page');
	});

	test('the team page reflows on a phone and stays clean for axe', async () => {
		await makeInvite(adminPage, 'Sozialplanung');
		await adminPage.setViewportSize({ width: 360, height: 740 });
		await expect(
			openLinks(adminPage).getByRole('row', { name: /Einladung als Sozialplanung/ })
		).toBeVisible();
		const overflow = await adminPage.evaluate(
			() => document.documentElement.scrollWidth - document.documentElement.clientWidth
		);
		expect(overflow).toBeLessThanOrEqual(0);
		await expectNoAxeViolations(adminPage, 'the team page on a phone');

		await adminPage.getByRole('button', { name: 'Wieder aktivieren (Fritz Moderation)' }).click();
		await expect(adminPage.getByRole('status')).toContainText(
			'Das Konto von Fritz Moderation ist wieder aktiv.'
		);
		await logIn(fritzPage, fritz, newPassword);
		await expect(fritzPage).toHaveURL(/\/w\//);
	});
});
