import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { expect, test, type APIResponse, type Page } from '@playwright/test';
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
	liveTimeout,
	moveToPhase,
	open,
	phone
} from './steps';

/**
 * DSGVO (archive issue, point 5) as people meet it: Zorabella agrees on joining that her name may
 * stand in the documentation, Quintus does not; after the close only her name is in the PDF. The
 * facilitator removes her name later: the regenerated PDF and the database file no longer hold it.
 * The admin sets how long guest data is kept; a planner offers the ZIP, deletes the workshop
 * without script, and the record of it stays; the archive then answers 404, a participant 403.
 */
const shots = '/work/notes/shots/privacy';
const sizes = [
	[1366, 768],
	[1920, 1080],
	[360, 740]
] as const;
const named = 'Zorabella Quint';
const unnamed = 'Quintus Rahm';
const title = 'Werkstatt Nordpark';

async function shoot(page: Page, name: string) {
	const before = page.viewportSize();
	for (const [width, height] of sizes) {
		await page.setViewportSize({ width, height });
		await page.screenshot({ path: `${shots}/${name}-${width}.png`, fullPage: true });
	}
	if (before) await page.setViewportSize(before);
}

const work = mkdtempSync(joinPath(tmpdir(), 'qw-privacy-'));
async function pdfText(response: APIResponse): Promise<string> {
	expect(response.status()).toBe(200);
	const file = joinPath(work, `doc-${Date.now()}.pdf`);
	writeFileSync(file, await response.body());
	return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

test.describe.serial('DSGVO: consent, removing a name, retention, deleting a workshop', () => {
	let server: RunningServer;
	let people: People;
	let host: Page;
	let zora: Page;
	let quintus: Page;
	let workshopId: string;

	/** The store's bytes as they are on disk, the write-ahead log included. */
	function storeBytes(): Buffer {
		return Buffer.concat(
			[server.databasePath, `${server.databasePath}-wal`]
				.filter((path) => existsSync(path))
				.map((path) => readFileSync(path))
		);
	}

	test.beforeAll(async ({ browser }) => {
		server = await startServer();
		people = new People(browser, server);
	});
	test.afterAll(async () => {
		await people?.closeAll();
		await server?.stop();
	});

	test('joining asks for consent to the name only when a name is given, unticked', async ({
		browser
	}) => {
		host = await people.newPage({ viewport: { width: 1366, height: 768 } });
		await open(host, server.setupLink);
		await createAccount(host, {
			name: 'Fiona Moderation',
			email: 'fiona@privacy.example',
			password: 'datenschutz-2026'
		});
		workshopId = await createWorkshop(host, title);
		const link = await createInviteLink(host, workshopId);
		await open(host, `/w/${workshopId}`);
		await moveToPhase(host, 'Kritikphase', true);

		zora = await people.newPage();
		await open(zora, link);
		const consent = zora.getByLabel('Mein Name darf in der Dokumentation stehen.');
		await expect(consent).toBeHidden();
		await zora.getByLabel('Ihr Name (optional)').fill(named);
		await expect(consent).toBeVisible();
		await expect(consent).not.toBeChecked();
		// Anonymous: no name, so nothing to agree to.
		await zora.getByLabel('Anonym teilnehmen').check();
		await expect(consent).toBeHidden();
		await zora.getByLabel('Anonym teilnehmen').uncheck();
		await consent.check();
		await shoot(zora, 'join-consent');
		await expectNoAxeViolations(zora, 'join page with consent');
		await zora.getByRole('button', { name: 'Los geht’s' }).click();
		await expect(zora).toHaveURL(new RegExp(`/w/${workshopId}$`));

		// Without script the box follows the name field too (CSS).
		const plain = await browser.newContext({ ...desktop, javaScriptEnabled: false });
		people.contexts.push(plain);
		const noScript = await plain.newPage();
		await noScript.goto(link);
		const plainConsent = noScript.getByLabel('Mein Name darf in der Dokumentation stehen.');
		await expect(plainConsent).toBeHidden();
		await noScript.getByLabel('Ihr Name (optional)').fill('Ohne Skript');
		await expect(plainConsent).toBeVisible();
		await expect(plainConsent).not.toBeChecked();
		await plain.close();

		quintus = await people.newPage(phone);
		await open(quintus, link);
		await quintus.getByLabel('Ihr Name (optional)').fill(unnamed);
		await expect(quintus.getByLabel('Mein Name darf in der Dokumentation stehen.')).toBeVisible();
		await quintus.getByRole('button', { name: 'Los geht’s' }).click();
		await expect(quintus).toHaveURL(new RegExp(`/w/${workshopId}$`));

		for (const page of [zora, quintus])
			await expect(page.getByTestId('phase-bar')).toContainText('Kritikphase');
		await chooseView(zora, 'Liste');
		await addCard(zora, 'Mehr Bänke am Weiher');
		await addCard(quintus, 'Licht auf dem Radweg');
		await chooseView(host, 'Liste');
		await expect(
			host.locator('[data-card-id]').filter({ hasText: 'Licht auf dem Radweg' })
		).toBeVisible({ timeout: liveTimeout });
		await expect(
			host.locator('[data-card-id]').filter({ hasText: 'Mehr Bänke am Weiher' })
		).toBeVisible();
	});

	test('after the close the PDF names only the person who agreed', async () => {
		await open(host, `/workshops/${workshopId}`);
		await host.getByLabel('Ja, der Maßnahmenplan ist fertig.').check();
		await host.getByRole('button', { name: 'Werkstatt abschließen' }).click();
		await expect(host.getByRole('status').filter({ hasText: 'abgeschlossen' })).toBeVisible();

		const text = await pdfText(
			await host.request.get(`/workshops/${workshopId}/archiv/dokumentation.pdf`)
		);
		expect(text).toContain('Mehr Bänke am Weiher');
		expect(text).toContain('Licht auf dem Radweg');
		expect(text).toContain(named);
		expect(text).not.toContain('Quintus');
		await open(host, `/workshops/${workshopId}/archiv`);
		await expect(host.locator('article')).toContainText(`Mehr Bänke am Weiher – ${named}`);
		await expect(host.locator('article')).not.toContainText('Quintus');
	});

	test('the facilitator removes the name: the regenerated PDF and the database file no longer hold it', async () => {
		await open(host, `/workshops/${workshopId}`);
		const list = host.getByTestId('named-participants');
		await expect(list.getByRole('listitem')).toHaveCount(2);
		const row = list.getByRole('listitem').filter({ hasText: named });
		await expect(row).toContainText('darf in der Dokumentation stehen');
		await expect(list.getByRole('listitem').filter({ hasText: unnamed })).toContainText(
			'nicht in der Dokumentation'
		);
		await row.getByText('Namen entfernen …').click();
		await row.getByRole('button', { name: `Ja, den Namen „${named}“ entfernen` }).click();
		await expect(
			host.getByRole('status').filter({ hasText: 'Der Name ist entfernt.' })
		).toBeVisible();
		await expect(host.getByTestId('regenerated')).toContainText(
			/Die Dokumentation wurde am \d{1,2}\. \S+ \d{4} neu erstellt\./
		);
		await expect(list.getByRole('listitem')).toHaveCount(1);
		await shoot(host, 'workshop-names');
		await expectNoAxeViolations(host, '/workshops/[id] with names and delete');

		const text = await pdfText(
			await host.request.get(`/workshops/${workshopId}/archiv/dokumentation.pdf`)
		);
		expect(text).toContain('Mehr Bänke am Weiher');
		expect(text).not.toContain('Zorabella');
		// The new manifest is the stored one: a fresh ZIP passes the check.
		await open(host, `/workshops/${workshopId}/archiv`);
		await expect(host.locator('article')).not.toContainText('Zorabella');
		await host.getByRole('button', { name: 'Prüfen' }).click();
		await expect(host.getByTestId('verify-result')).toContainText('Alles stimmt');

		// Nobody reading the SQLite file (with its log) finds the name; the other name is still there.
		const bytes = storeBytes();
		expect(bytes.includes(Buffer.from(unnamed))).toBe(true);
		expect(bytes.includes(Buffer.from('Zorabella'))).toBe(false);

		// Twice: refused with a message (the list no longer offers it; the form is sent again).
		const again = await host.request.post(`/workshops/${workshopId}?/removeName`, {
			form: { participantId: 'nobody' },
			headers: { origin: server.baseURL, 'x-sveltekit-action': 'true' }
		});
		expect(JSON.stringify(await again.json())).toContain('keinen Namen');
	});

	test('retention: zero, negative, words and absurd values are refused; a good value is kept', async () => {
		await open(host, '/admin/settings');
		const days = host.getByLabel('Tage nach dem Abschluss');
		await expect(days).toHaveValue('90');
		const save = host.getByRole('button', { name: 'Aufbewahrung speichern' });
		const outOfRange = 'Bitte geben Sie zwischen 1 und 3650 Tagen an.';
		const notWhole = 'Bitte geben Sie eine ganze Zahl von Tagen ein.';
		// Each message differs from the one before it, so seeing it is the barrier that the
		// form has taken this answer; with two equal messages in a row the next fill could
		// race the previous answer's re-render, which writes the submitted value back.
		for (const [value, message] of [
			['0', outOfRange],
			['zehn', notWhole],
			['-7', outOfRange],
			['2,5', notWhole],
			['99999', outOfRange]
		]) {
			await days.fill(value);
			await save.click();
			await expect(host.locator('#retentionDays-error')).toHaveText(message);
			await expect(days).toHaveValue(value);
			await expect(days).toHaveAttribute('aria-invalid', 'true');
		}
		await shoot(host, 'settings-retention-error');
		await open(host, '/admin/settings');
		await expect(days).toHaveValue('90');
		await days.fill('30');
		await save.click();
		await expect(
			host.getByText('Gespeichert: Gastdaten werden 30 Tage nach dem Abschluss gelöscht.')
		).toBeVisible();
		await open(host, '/admin/settings');
		await expect(days).toHaveValue('30');
		await shoot(host, 'settings-retention');
		await expectNoAxeViolations(host, '/admin/settings with retention');
	});

	test('a planner offers the ZIP and deletes without script; a record stays; the archive is gone', async ({
		browser
	}) => {
		const facilitator = await inviteStaff(host, people, 'Moderation', {
			name: 'Mona Moderation',
			email: 'mona@privacy.example',
			password: 'datenschutz-2026'
		});
		await open(facilitator, `/workshops/${workshopId}`);
		await expect(facilitator.getByRole('heading', { name: 'Werkstatt löschen' })).toHaveCount(0);
		const refused = await facilitator.request.post(`/workshops/${workshopId}?/deleteWorkshop`, {
			form: { confirm: 'yes' },
			headers: { origin: server.baseURL, accept: 'text/html' }
		});
		expect(refused.status()).toBe(403);
		// A participant gets neither the archive nor the staff's pages.
		expect((await quintus.request.get(`/workshops/${workshopId}/archiv/archiv.zip`)).status()).toBe(
			403
		);

		const planned = await inviteStaff(host, people, 'Sozialplanung', {
			name: 'Paul Planung',
			email: 'paul@privacy.example',
			password: 'datenschutz-2026'
		});
		// The rest without JavaScript: the confirmation is a plain form.
		const context = await browser.newContext({
			...desktop,
			baseURL: server.baseURL,
			javaScriptEnabled: false,
			storageState: await planned.context().storageState()
		});
		people.contexts.push(context);
		const planner = await context.newPage();
		await planner.goto(`/workshops/${workshopId}`);
		const section = planner.locator('section').filter({
			has: planner.getByRole('heading', { name: 'Werkstatt löschen' })
		});
		const zipLink = section.getByRole('link', { name: 'Archiv als ZIP herunterladen' });
		await expect(zipLink).toHaveAttribute('href', `/workshops/${workshopId}/archiv/archiv.zip`);
		const zip = await planner.request.get(`/workshops/${workshopId}/archiv/archiv.zip`);
		expect(zip.status()).toBe(200);
		expect((await zip.body()).subarray(0, 2).toString()).toBe('PK');
		await section.getByText('Löschen …').click();
		await shoot(planner, 'workshop-delete');

		// Sent without the tick (the browser would ask for it first): refused, nothing deleted.
		const unticked = await planner.request.post(`/workshops/${workshopId}?/deleteWorkshop`, {
			form: { confirm: 'no' },
			// As a browser sends a form without script (otherwise SvelteKit answers in JSON).
			headers: { origin: server.baseURL, accept: 'text/html' }
		});
		expect(unticked.status()).toBe(400);
		expect(await unticked.text()).toContain('Bitte bestätigen Sie das Löschen mit dem Häkchen.');
		await planner.goto(`/workshops/${workshopId}`);
		await expect(planner.getByRole('heading', { level: 1 })).toHaveText(title);

		await section.getByText('Löschen …').click();
		await section
			.getByLabel(`Ich habe verstanden: Die Werkstatt „${title}“ wird endgültig gelöscht.`)
			.check();
		await section.getByRole('button', { name: 'Endgültig löschen' }).click();
		await expect(planner).toHaveURL(/\/workshops\/geloescht\?id=/);
		await expect(planner.getByRole('status')).toHaveText(`Die Werkstatt „${title}“ ist gelöscht.`);
		const record = planner.getByTestId('deletions').getByRole('row').filter({ hasText: title });
		await expect(record).toContainText('Paul Planung');
		await expect(record).toContainText(/\d{2}\.\d{2}\.\d{4}/);
		await shoot(planner, 'deleted-workshops');
		await open(planned, '/workshops/geloescht');
		await expectNoAxeViolations(planned, '/workshops/geloescht');

		const gone = await planner.request.get(`/workshops/${workshopId}/archiv/archiv.zip`);
		expect(gone.status()).toBe(404);
		expect(await gone.text()).toMatch(
			/Diese Werkstatt wurde am .* gelöscht\. Ihre Dokumentation gibt es nicht mehr\./
		);
		const page = await planner.request.get(`/workshops/${workshopId}`);
		expect(page.status()).toBe(404);
		expect(await page.text()).toContain('Es gibt sie nicht mehr.');
		// The participant's link ended with the workshop.
		const room = await quintus.request.get(`/w/${workshopId}`);
		expect(await room.text()).not.toContain('Licht auf dem Radweg');
		expect(await room.text()).not.toContain(title);
		// The cards went with it, from the file too.
		await expect.poll(() => storeBytes().includes(Buffer.from('Licht auf dem Radweg'))).toBe(false);
	});
});
