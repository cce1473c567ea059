import { readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { startServer, type RunningServer } from './server';
import {
	People,
	createAccount,
	createInviteLink,
	createWorkshop,
	inviteStaff,
	join,
	open,
	phone,
	moveToPhase
} from './steps';

/**
 * Goals → live measure plan → closing → register → controlling, end to end. A planner builds the
 * goal hierarchy; a facilitator and a participant on a phone co-edit a workshop's measure plan; the
 * facilitator closes the workshop; the planner finds the measures in the register with their origin,
 * reports progress, filters the overdue ones and downloads the CSV.
 */
const workshopTitle = 'Zukunftswerkstatt Schillerkiez';
const goals = {
	leitbild: 'Gutes Aufwachsen im Quartier',
	strategic: 'Mehr Grün für Kinder',
	operative: 'Schattige Spielplätze'
};
const sail = 'Sonnensegel am Spielplatz';
const bench = 'Bank an der Haltestelle';
const cardText = 'Im Sommer gibt es keinen Schatten.';
const liveTimeout = 5_000;

const rows = (page: Page) => page.getByTestId('measure-row');
const row = (page: Page, index: number) => rows(page).nth(index);
const cell = (r: Locator, label: string) => r.getByLabel(label, { exact: true });

test.describe.serial('Goals, measure plan and controlling', () => {
	let server: RunningServer;
	let people: People;
	let adminPage: Page;
	let plannerPage: Page;
	let facilitatorPage: Page;
	let phonePage: Page;
	let workshopId: string;

	test.beforeAll(async ({ browser }) => {
		server = await startServer();
		people = new People(browser, server);
	});
	test.afterAll(async () => {
		await people?.closeAll();
		await server?.stop();
	});

	test('the admin brings in a planner and a facilitator', async () => {
		adminPage = await people.newPage();
		await open(adminPage, server.setupLink);
		await createAccount(adminPage, {
			name: 'Ada Admin',
			email: 'ada@measures.example',
			password: 'sicheres-passwort-1'
		});
		plannerPage = await inviteStaff(adminPage, people, 'Sozialplanung', {
			name: 'Paula Planung',
			email: 'paula@measures.example',
			password: 'planen-und-steuern'
		});
		facilitatorPage = await inviteStaff(adminPage, people, 'Moderation', {
			name: 'Fritz Moderation',
			email: 'fritz@measures.example',
			password: 'moderieren-2026'
		});
		await expect(plannerPage.getByRole('link', { name: 'Ziele' })).toBeVisible();
		await expect(plannerPage.getByRole('link', { name: 'API' })).toBeVisible();
		await expect(facilitatorPage.getByRole('link', { name: 'API' })).toHaveCount(0);
	});

	test('the planner builds a goal hierarchy; a wrong parent level is refused by name', async () => {
		await plannerPage.getByRole('link', { name: 'Ziele' }).click();
		await expect(plannerPage.getByRole('heading', { name: 'Ziele', level: 1 })).toBeVisible();
		await expect(plannerPage.getByText('Noch keine Ziele.')).toBeVisible();

		await plannerPage.getByLabel('Titel').fill(goals.leitbild);
		await plannerPage.getByLabel('Ebene').selectOption({ label: 'Leitbild' });
		await plannerPage.getByLabel('Gilt für die ganze Stadt').check();
		await plannerPage.getByRole('button', { name: 'Ziel anlegen' }).click();
		await expect(plannerPage.getByRole('status')).toHaveText('Das Ziel ist angelegt.');

		// An operative goal directly under the Leitbild skips a level.
		await plannerPage.getByLabel('Titel').fill(goals.operative);
		await plannerPage.getByLabel('Ebene').selectOption({ label: 'Operatives Ziel' });
		await plannerPage
			.getByLabel('Übergeordnetes Ziel')
			.selectOption({ label: `${goals.leitbild} (Leitbild)` });
		await plannerPage.getByRole('button', { name: 'Ziel anlegen' }).click();
		await expect(plannerPage.getByRole('alert')).toHaveText(
			'Übergeordnetes Ziel: Das übergeordnete Ziel muss genau eine Ebene höher liegen.'
		);
		await expect(plannerPage.getByLabel('Übergeordnetes Ziel')).toHaveAttribute(
			'aria-invalid',
			'true'
		);

		await plannerPage.getByLabel('Titel').fill(goals.strategic);
		await plannerPage.getByLabel('Ebene').selectOption({ label: 'Strategisches Ziel' });
		await plannerPage
			.getByLabel('Übergeordnetes Ziel')
			.selectOption({ label: `${goals.leitbild} (Leitbild)` });
		await plannerPage.getByRole('button', { name: 'Ziel anlegen' }).click();
		await expect(plannerPage.getByRole('status')).toHaveText('Das Ziel ist angelegt.');

		await plannerPage.getByLabel('Titel').fill(goals.operative);
		await plannerPage.getByLabel('Ebene').selectOption({ label: 'Operatives Ziel' });
		await plannerPage
			.getByLabel('Übergeordnetes Ziel')
			.selectOption({ label: `${goals.strategic} (Strategisches Ziel)` });
		await plannerPage.getByRole('button', { name: 'Ziel anlegen' }).click();

		const tree = plannerPage.getByTestId('goal-tree').getByRole('listitem');
		await expect(tree).toHaveText([
			new RegExp(`^Leitbild\\s*${goals.leitbild}`),
			new RegExp(`^Strategisches Ziel\\s*${goals.strategic}`),
			new RegExp(`^Operatives Ziel\\s*${goals.operative}`)
		]);
		await expectNoAxeViolations(plannerPage, '/goals');

		await plannerPage.getByRole('link', { name: goals.strategic }).click();
		await expect(plannerPage.getByRole('heading', { level: 1 })).toHaveText(goals.strategic);
		await expect(plannerPage.getByRole('link', { name: goals.leitbild })).toBeVisible();
		await expect(plannerPage.getByRole('link', { name: goals.operative })).toBeVisible();
		await expectNoAxeViolations(plannerPage, '/goals/[id]');
	});

	test('the facilitator links the workshop to a goal and two people co-edit the measure plan live', async () => {
		workshopId = await createWorkshop(facilitatorPage, workshopTitle);
		await facilitatorPage.getByLabel(`${goals.strategic} (Strategisches Ziel)`).check();
		await facilitatorPage.getByRole('button', { name: 'Verknüpfung speichern' }).click();
		await expect(facilitatorPage.getByText('Die Verknüpfung ist gespeichert.')).toBeVisible();
		await expectNoAxeViolations(facilitatorPage, '/workshops/[id]');

		const inviteLink = await createInviteLink(facilitatorPage, workshopId);
		// The workshop runs: the facilitator starts it at the critique phase.
		await open(facilitatorPage, `/w/${workshopId}`);
		await moveToPhase(facilitatorPage, 'Kritikphase', true);
		phonePage = await people.newPage(phone);
		await join(phonePage, inviteLink, 'Mia Mobil');
		// A card on the wall that a measure will grow from.
		await phonePage.getByLabel('Neue Karte').fill(cardText);
		await phonePage.getByRole('button', { name: 'Karte hinzufügen' }).click();
		await open(phonePage, `/w/${workshopId}/massnahmen`);

		await open(facilitatorPage, `/workshops/${workshopId}`);
		await facilitatorPage.getByRole('link', { name: 'Maßnahmenplan öffnen' }).click();
		await expect(facilitatorPage).toHaveURL(`${server.baseURL}/w/${workshopId}/massnahmen`);
		for (const page of [facilitatorPage, phonePage]) {
			await expect(page.getByTestId('connection-status')).toHaveText('gespeichert');
			await expect(
				page.getByText('Noch keine Maßnahmen. Fügen Sie die erste hinzu!')
			).toBeVisible();
		}
		await expect(phonePage.getByTestId('presence')).toContainText('Fritz Moderation');

		// The facilitator adds a measure and types its title; the phone sees it.
		await facilitatorPage.getByRole('button', { name: 'Maßnahme hinzufügen' }).click();
		await expect(cell(row(facilitatorPage, 0), 'Titel')).toBeFocused();
		await facilitatorPage.keyboard.type(sail);
		await expect(cell(row(phonePage, 0), 'Titel')).toHaveValue(sail, { timeout: liveTimeout });

		// The phone fills other cells of the same row; the facilitator sees them.
		await cell(row(phonePage, 0), 'Wer ist verantwortlich?').fill('Grünflächenamt');
		await cell(row(phonePage, 0), 'Beginn').fill('2025-05-01');
		await cell(row(phonePage, 0), 'Fertig bis').fill('2025-04-01');
		await expect(cell(row(facilitatorPage, 0), 'Wer ist verantwortlich?')).toHaveValue(
			'Grünflächenamt',
			{ timeout: liveTimeout }
		);
		// Due before start: both see the problem inline, naming the field.
		for (const page of [facilitatorPage, phonePage])
			await expect(row(page, 0).getByTestId('measure-problem')).toHaveText(
				'Fertig bis: Das Ende liegt vor dem Beginn.',
				{ timeout: liveTimeout }
			);
		await expect(cell(row(phonePage, 0), 'Fertig bis')).toHaveAttribute('aria-invalid', 'true');
		await cell(row(phonePage, 0), 'Fertig bis').fill('2025-06-30');
		await cell(row(phonePage, 0), 'Status').selectOption({ label: 'geplant' });
		for (const page of [facilitatorPage, phonePage])
			await expect(row(page, 0).getByTestId('measure-problem')).toHaveCount(0, {
				timeout: liveTimeout
			});
		await expect(cell(row(facilitatorPage, 0), 'Status')).toHaveValue('planned', {
			timeout: liveTimeout
		});

		// The card it grew from, chosen under "Weitere Angaben".
		await row(phonePage, 0).getByText(`Weitere Angaben: ${sail}`).click();
		await row(phonePage, 0).getByLabel(cardText).check();
		await row(facilitatorPage, 0).getByText(`Weitere Angaben: ${sail}`).click();
		await expect(row(facilitatorPage, 0).getByLabel(cardText)).toBeChecked({
			timeout: liveTimeout
		});

		// A second measure from the phone, marked as a quick win.
		await phonePage.getByRole('button', { name: 'Maßnahme hinzufügen' }).click();
		await phonePage.keyboard.type(bench);
		await cell(row(phonePage, 1), 'Fertig bis').fill('2099-12-31');
		await cell(row(phonePage, 1), 'Schnell umsetzbar').check();
		await expect(cell(row(facilitatorPage, 1), 'Titel')).toHaveValue(bench, {
			timeout: liveTimeout
		});
		await expect(cell(row(facilitatorPage, 1), 'Schnell umsetzbar')).toBeChecked();

		// Delete with undo, seen by the other editor.
		await facilitatorPage.getByRole('button', { name: `Maßnahme löschen: ${bench}` }).click();
		await expect(rows(phonePage)).toHaveCount(1, { timeout: liveTimeout });
		await facilitatorPage.getByRole('button', { name: 'Rückgängig' }).click();
		await expect(rows(phonePage)).toHaveCount(2, { timeout: liveTimeout });
		await expect(cell(row(phonePage, 1), 'Titel')).toHaveValue(bench);

		// The phone shows one card per measure and needs no sideways scrolling (WCAG 1.4.10).
		expect(
			await phonePage.evaluate(() => document.documentElement.scrollWidth)
		).toBeLessThanOrEqual(360);
		await expect(row(phonePage, 0).getByText('Wer ist verantwortlich?')).toBeVisible();
		for (const page of [facilitatorPage, phonePage]) {
			await expect(page.getByTestId('connection-status')).toHaveText('gespeichert');
			await expectNoAxeViolations(page, '/w/[id]/massnahmen');
		}
	});

	test('the facilitator closes the workshop; the measures go to the register once', async () => {
		await open(facilitatorPage, `/workshops/${workshopId}`);
		await facilitatorPage.getByRole('button', { name: 'Werkstatt abschließen' }).click();
		// Without the confirmation box the browser does not submit (required); nothing happened.
		await expect(facilitatorPage.getByText('Die Werkstatt ist abgeschlossen.')).toHaveCount(0);
		await facilitatorPage.getByLabel('Ja, der Maßnahmenplan ist fertig.').check();
		await facilitatorPage.getByRole('button', { name: 'Werkstatt abschließen' }).click();
		await expect(facilitatorPage.getByRole('status')).toContainText(
			'Die Werkstatt ist abgeschlossen. 2 Maßnahmen wurden neu ins Register übernommen.'
		);
		await facilitatorPage.reload();
		await expect(facilitatorPage.getByText('Diese Werkstatt ist abgeschlossen.')).toBeVisible();
		// Closing again copies nothing twice.
		await facilitatorPage.getByLabel('Ja, der Maßnahmenplan ist fertig.').check();
		await facilitatorPage.getByRole('button', { name: 'Werkstatt abschließen' }).click();
		await expect(facilitatorPage.getByRole('status')).toContainText(
			'0 Maßnahmen wurden neu ins Register übernommen.'
		);
	});

	test('the planner finds the measures with their origin and reports progress', async () => {
		await plannerPage.getByRole('link', { name: 'Maßnahmen', exact: true }).click();
		await expect(plannerPage.getByRole('heading', { name: 'Maßnahmenregister' })).toBeVisible();
		const register = plannerPage.getByTestId('register-row');
		await expect(register).toHaveCount(2);
		await expect(register.filter({ hasText: sail })).toContainText('Überfällig');
		await expect(register.filter({ hasText: sail })).toContainText(workshopTitle);
		await expect(register.filter({ hasText: bench })).toContainText('schnell umsetzbar');
		await expect(register.filter({ hasText: bench })).not.toContainText('Überfällig');
		await expectNoAxeViolations(plannerPage, '/measures');

		await plannerPage.getByRole('link', { name: sail }).click();
		await expect(plannerPage.getByRole('heading', { level: 1 })).toHaveText(sail);
		await expect(plannerPage.getByRole('link', { name: workshopTitle })).toBeVisible();
		await expect(plannerPage.getByTestId('origin-cards')).toHaveText(cardText);
		// No goal chosen in the plan: the workshop's goal applies.
		await expect(plannerPage.getByRole('link', { name: goals.strategic })).toBeVisible();
		await expect(plannerPage.getByLabel('Wer ist verantwortlich?')).toHaveValue('Grünflächenamt');

		await plannerPage.getByLabel('Datum').fill('2025-06-01');
		await plannerPage.locator('#r-status').selectOption({ label: 'in Arbeit' });
		await plannerPage.getByLabel('Fortschritt (%)').fill('30');
		await plannerPage.getByLabel('Notiz').fill('Angebote sind eingeholt.');
		await plannerPage.getByRole('button', { name: 'Sachstand speichern' }).click();
		await expect(plannerPage.getByText('Der Sachstand ist gespeichert.')).toBeVisible();
		const timeline = plannerPage.getByTestId('timeline').getByRole('listitem');
		await expect(timeline.first()).toContainText('01.06.2025');
		await expect(timeline.first()).toContainText('Sachstand: in Arbeit, 30 % fertig');
		await expect(timeline.first()).toContainText('Angebote sind eingeholt.');
		await expect(plannerPage.getByText('Fortschritt: 30 %')).toBeVisible();

		// The browser stops 101 (max=100); the server checks it too and names the field.
		const refused = await plannerPage.request.post(`${plannerPage.url()}?/report`, {
			form: { reportedOn: '2025-06-02', status: 'in_progress', progress: '101', note: '' },
			headers: { origin: server.baseURL, accept: 'text/html' }
		});
		expect(refused.status()).toBe(400);
		expect(await refused.text()).toContain('Fortschritt (%): Bitte eine ganze Zahl von 0 bis 100.');
		await expectNoAxeViolations(plannerPage, '/measures/[id]');
	});

	test('Mia opens her link again: the results say what became of her card, as it stands now', async () => {
		await open(phonePage, `/w/${workshopId}`);
		const results = phonePage.getByTestId('closed-results');
		await expect(results).toBeVisible();
		await expect(phonePage.getByTestId('from-own-card')).toHaveText(
			`Aus Ihrer Karte wurde die Maßnahme „${sail}“.`
		);
		const measure = results
			.getByTestId('result-measures')
			.getByRole('listitem')
			.filter({ hasText: sail });
		await expect(measure.getByTestId('measure-status')).toHaveText('in Arbeit · 30 % geschafft');
		await expect(measure.getByTestId('measure-latest')).toHaveText(
			'Stand vom 01.06.2025: Angebote sind eingeholt.'
		);
		// The other measure did not grow from her card.
		await expect(phonePage.getByTestId('from-own-card')).toHaveCount(1);
		await expectNoAxeViolations(phonePage, '/w/[id] results with the register');
	});

	test('the overdue filter works without JavaScript and the CSV export downloads the filtered list', async () => {
		await open(plannerPage, '/measures');
		await plannerPage.getByLabel('Nur überfällige').check();
		await plannerPage.getByRole('button', { name: 'Filtern' }).click();
		await expect(plannerPage).toHaveURL(/overdue=1/);
		const register = plannerPage.getByTestId('register-row');
		await expect(register).toHaveCount(1);
		await expect(register).toContainText(sail);
		await expect(plannerPage.getByLabel('Nur überfällige')).toBeChecked();

		const downloading = plannerPage.waitForEvent('download');
		await plannerPage.getByRole('link', { name: 'Als CSV herunterladen' }).click();
		const download = await downloading;
		expect(download.suggestedFilename()).toMatch(/^massnahmen-\d{4}-\d{2}-\d{2}\.csv$/);
		const csv = readFileSync((await download.path()) ?? '', 'utf8');
		expect(csv.charCodeAt(0)).toBe(0xfeff);
		const lines = csv.slice(1).trim().split('\r\n');
		expect(lines[0]).toMatch(/^Titel;Status;Überfällig;Verantwortlich;/);
		expect(lines).toHaveLength(2);
		expect(lines[1]).toMatch(new RegExp(`^${sail};in Arbeit;ja;Grünflächenamt;`));
		expect(lines[1]).toContain(workshopTitle);

		// The same filter without a browser script: a plain GET.
		const response = await plannerPage.request.get('/measures?status=planned&overdue=1');
		expect(response.status()).toBe(200);
		expect(await response.text()).toContain('Keine Maßnahmen gefunden.');
	});
});
