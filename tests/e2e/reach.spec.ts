import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { startServer, type RunningServer } from './server';
import {
	createAccount,
	createInviteLink,
	createWorkshop,
	join,
	open,
	People,
	phone
} from './steps';

/**
 * Reach, without surveillance (issue 14, point 7): the facilitator picks two questions on the
 * workshop's page; after the close six participants (one on a phone) get an optional card on the
 * results page, one skips it first (remembered on the device only), a wrong choice and a second
 * answer are refused; the facilitator sees only totals, a group below 5 as "weniger als 5", and so
 * does the documentation's PDF.
 */

const admin = { name: 'Ada Admin', email: 'ada@quartier.example', password: 'sicheres-passwort-1' };
const shots = '/work/notes/shots/reach';

test.describe.serial('reach questions, played through', () => {
	let server: RunningServer;
	let people: People;
	let host: Page;
	let workshopId: string;
	const guests: Page[] = [];

	const card = (page: Page) => page.getByTestId('reach-card');
	const setup = (page: Page) => page.getByTestId('reach-setup');

	test.beforeAll(async ({ browser }) => {
		server = await startServer();
		people = new People(browser, server);
		mkdirSync(shots, { recursive: true });
	});

	test.afterAll(async () => {
		await people?.closeAll();
		await server?.stop();
	});

	test('the facilitator picks up to three questions; four are refused with a message', async () => {
		host = await people.newPage({ viewport: { width: 1366, height: 768 } });
		await open(host, server.setupLink);
		await createAccount(host, admin);
		workshopId = await createWorkshop(host, 'Zukunftswerkstatt Reichweite');
		await open(host, `/workshops/${workshopId}`);
		const box = setup(host);
		await expect(box.getByText('Noch keine Fragen ausgewählt.')).toBeVisible();
		for (const q of [
			'Wie alt sind Sie?',
			'Sind Sie zum ersten Mal bei so einer Werkstatt?',
			'Leben Kinder in Ihrem Haushalt?',
			'Wohnen Sie in diesem Quartier?'
		])
			await box.getByLabel(q).check();
		await box.getByRole('button', { name: 'Fragen speichern' }).click();
		await expect(box.getByRole('alert')).toHaveText('Bitte wählen Sie höchstens 3 Fragen.');
		// An own question needs fixed choices: one is refused, naming the field.
		await box.getByLabel('Leben Kinder in Ihrem Haushalt?').uncheck();
		await box.getByLabel('Wohnen Sie in diesem Quartier?').uncheck();
		await box.getByLabel('Eigene Frage stellen').check();
		await box.getByLabel('Eigene Frage', { exact: true }).fill('Wie sind Sie gekommen?');
		await box.getByLabel('Antworten, eine pro Zeile (2 bis 6)').fill('Zu Fuß');
		await box.getByRole('button', { name: 'Fragen speichern' }).click();
		await expect(box.getByRole('alert')).toHaveText(
			'Eigene Frage: Bitte geben Sie 2 bis 6 Antworten an.'
		);
		await box.getByLabel('Eigene Frage stellen').uncheck();
		await box.getByRole('button', { name: 'Fragen speichern' }).click();
		await expect(box.getByRole('status')).toHaveText('Die Fragen sind gespeichert.');
		await expect(box.getByRole('table')).toHaveCount(2);
		await expect(box.getByTestId('reach-respondents')).toHaveText(
			'Geantwortet haben: weniger als 5'
		);
		await expectNoAxeViolations(host, 'workshop page with the reach questions');
		await box.scrollIntoViewIfNeeded();
		await host.screenshot({ path: `${shots}/pick-1366.png` });
	});

	test('after the close six participants get the optional card; skipping is kept on the device', async () => {
		const link = await createInviteLink(host, workshopId);
		for (let i = 0; i < 6; i++) {
			const page = await people.newPage(
				i === 5 ? phone : { viewport: { width: 1366, height: 768 } }
			);
			await join(page, link, `Person ${i + 1}`);
			guests.push(page);
		}
		await open(host, `/w/${workshopId}`);
		await host.getByRole('button', { name: 'Werkstatt starten' }).click();
		await open(host, `/workshops/${workshopId}`);
		await host.getByLabel('Ja, der Maßnahmenplan ist fertig.').check();
		await host.getByRole('button', { name: 'Werkstatt abschließen' }).click();
		await expect(host.getByRole('status').first()).toBeVisible();
		// Once closed, the pick stays.
		await open(host, `/workshops/${workshopId}`);
		await expect(setup(host).getByRole('button', { name: 'Fragen speichern' })).toHaveCount(0);

		for (const page of guests) {
			await open(page, `/w/${workshopId}`);
			await expect(page.getByTestId('closed-results')).toBeVisible();
			await expect(card(page)).toBeVisible();
		}
		const last = guests[5];
		await card(last).scrollIntoViewIfNeeded();
		await last.screenshot({ path: `${shots}/card-360.png`, fullPage: true });
		await expectNoAxeViolations(last, 'closed results with the reach card (phone)');
		await card(last).getByRole('button', { name: 'Überspringen' }).click();
		await expect(card(last)).toHaveCount(0);
		await open(last, `/w/${workshopId}`);
		await expect(page0Results(last)).toBeVisible();
		await expect(card(last)).toHaveCount(0);
		// The server learnt nothing of the skip: on a device without it the card is back.
		await last.evaluate(() => localStorage.clear());
		await open(last, `/w/${workshopId}`);
		await expect(card(last)).toBeVisible();
	});

	const page0Results = (page: Page) => page.getByTestId('closed-results');

	test('answers are counted once; a wrong choice is refused in plain German', async () => {
		const first = guests[0];
		// Sending nothing is answered on the card itself.
		await card(first).getByRole('button', { name: 'Antworten senden' }).click();
		await expect(card(first).getByRole('alert')).toHaveText(
			'Bitte wählen Sie mindestens eine Antwort oder tippen Sie auf „Überspringen“.'
		);
		// A choice that was not offered, sent by hand: refused, naming the question.
		const bad = await first.request.post(`/w/${workshopId}/api/reach`, {
			data: { answers: { age: 'uralt' } }
		});
		expect(bad.status()).toBe(400);
		expect((await bad.json()).message).toBe(
			'Frage „Wie alt sind Sie?“: Diese Antwort gibt es nicht. Bitte wählen Sie eine der angebotenen Antworten.'
		);
		await first.screenshot({ path: `${shots}/card-1366.png`, fullPage: true });
		await guests[1].setViewportSize({ width: 1920, height: 1080 });
		await card(guests[1]).scrollIntoViewIfNeeded();
		await guests[1].screenshot({ path: `${shots}/card-1920.png` });

		for (const [i, page] of guests.entries()) {
			const c = card(page);
			await c.getByLabel(i < 5 ? '18 bis 29 Jahre' : '65 Jahre oder älter').check();
			if (i < 3) await c.getByLabel('Ja, zum ersten Mal').check();
			else if (i < 5) await c.getByLabel('Nein, ich war schon einmal dabei').check();
			await c.getByRole('button', { name: 'Antworten senden' }).click();
			await expect(page.getByTestId('reach-thanks')).toHaveText(
				'Danke! Ihre Antworten sind gezählt.'
			);
		}
		// A second answer is refused, and the card does not come back.
		const again = await first.request.post(`/w/${workshopId}/api/reach`, {
			data: { answers: { age: '65plus' } }
		});
		expect(again.status()).toBe(409);
		expect((await again.json()).message).toBe(
			'Sie haben diese Fragen schon beantwortet. Doppelt zählen wir nicht.'
		);
		await open(first, `/w/${workshopId}`);
		await expect(page0Results(first)).toBeVisible();
		await expect(card(first)).toHaveCount(0);
		// Participants see no totals.
		const asked = await (await first.request.get(`/w/${workshopId}/api/reach`)).json();
		expect(asked).toMatchObject({ role: 'participant', answered: true });
		expect(JSON.stringify(asked)).not.toContain('total');
	});

	test('the facilitator sees only totals, a group below 5 as "weniger als 5"', async () => {
		await open(host, `/workshops/${workshopId}`);
		const box = setup(host);
		await expect(box.getByTestId('reach-respondents')).toHaveText('Geantwortet haben: 6');
		const age = box.getByRole('table', { name: 'Wie alt sind Sie?' });
		await expect(age.getByRole('row', { name: '18 bis 29 Jahre' })).toContainText('5');
		await expect(age.getByRole('row', { name: '65 Jahre oder älter' })).toContainText(
			'weniger als 5'
		);
		await expect(age.getByRole('row', { name: 'unter 18 Jahre' })).toContainText('weniger als 5');
		const first = box.getByRole('table', {
			name: 'Sind Sie zum ersten Mal bei so einer Werkstatt?'
		});
		await expect(first.getByRole('row', { name: 'Ja, zum ersten Mal' })).toContainText(
			'weniger als 5'
		);
		await expectNoAxeViolations(host, 'workshop page with reach totals');
		for (const [w, h] of [
			[1366, 768],
			[1920, 1080],
			[360, 740]
		]) {
			await host.setViewportSize({ width: w, height: h });
			await box.scrollIntoViewIfNeeded();
			await host.screenshot({ path: `${shots}/totals-${w}.png` });
		}
		await host.setViewportSize({ width: 1366, height: 768 });
	});

	test('the documentation PDF shows the totals, below 5 as "weniger als 5"', async () => {
		const response = await host.request.get(`/workshops/${workshopId}/archiv/dokumentation.pdf`);
		expect(response.status()).toBe(200);
		const path = `${shots}/dokumentation.pdf`;
		writeFileSync(path, await response.body());
		const text = execFileSync('pdftotext', ['-enc', 'UTF-8', '-layout', path, '-'], {
			encoding: 'utf8'
		});
		for (const expected of [
			'Wen die Werkstatt erreicht hat',
			'Geantwortet haben: 6.',
			'18 bis 29 Jahre: 5',
			'65 Jahre oder älter: weniger als 5',
			'Ja, zum ersten Mal: weniger als 5'
		])
			expect(text, expected).toContain(expected);
	});
});
