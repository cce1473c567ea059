import { mkdirSync } from 'node:fs';
import Database from 'better-sqlite3';
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { startServer, type RunningServer } from './server';
import { People, createAccount, createWorkshop, inviteStaff, open } from './steps';

/**
 * Controlling (issue 11, points 6 and 7): a city with hundreds of areas, two of them called
 * "Neustadt". The planner picks districts by keyboard, finds the overdue and soon-due measures on
 * her start page, reports progress (a report dated tomorrow is refused), moves a due date with a
 * reason and reads it in the history, and reads a goal's baseline, current value, gap and
 * direction. Dates are German throughout. Without JavaScript the forms still send.
 */
const shots = '/work/notes/shots/controlling';
const sizes = [
	{ name: '1366x768', viewport: { width: 1366, height: 768 } },
	{ name: '1920x1080', viewport: { width: 1920, height: 1080 } },
	{ name: '360x740', viewport: { width: 360, height: 740 } }
];

const pad = (n: number) => String(n).padStart(2, '0');
/** The day `offset` days from today, ISO and German (the server runs on this machine's clock). */
const day = (offset: number) => {
	const d = new Date();
	d.setDate(d.getDate() + offset);
	return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};
const german = (iso: string) => iso.split('-').reverse().join('.');

/**
 * A city beside the running server, written into its store: two Bezirke, 300 Ortsteile of which
 * two are called "Neustadt" (one in each Bezirk), and a poverty rate for one Neustadt in 2018 and
 * 2020. Written straight into the tables: the import pages are another story's subject.
 */
function seedCity(server: RunningServer) {
	const db = new Database(server.databasePath, { fileMustExist: true });
	db.pragma('busy_timeout = 5000');
	const geometry = JSON.stringify({
		type: 'Polygon',
		coordinates: [
			[
				[13.3, 52.5],
				[13.31, 52.5],
				[13.31, 52.51],
				[13.3, 52.5]
			]
		]
	});
	const bbox = JSON.stringify([13.3, 52.5, 13.31, 52.51]);
	const insert = db.prepare(
		`INSERT INTO districts (id, code, level, name, parent_code, parent_level, geometry, bbox, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
	);
	db.transaction(() => {
		insert.run('bz1', 'N', 'bezirk', 'Nord', null, null, geometry, bbox, 1);
		insert.run('bz2', 'S', 'bezirk', 'Süd', null, null, geometry, bbox, 1);
		insert.run('ot1', 'N01', 'ortsteil', 'Neustadt', 'N', 'bezirk', geometry, bbox, 1);
		insert.run('ot2', 'S01', 'ortsteil', 'Neustadt', 'S', 'bezirk', geometry, bbox, 1);
		insert.run('ot3', 'S02', 'ortsteil', 'Großer Garten', 'S', 'bezirk', geometry, bbox, 1);
		for (let i = 3; i < 300; i++)
			insert.run(
				`ot${i + 1}`,
				`X${i}`,
				'ortsteil',
				`Gebiet ${i}`,
				'N',
				'bezirk',
				geometry,
				bbox,
				1
			);
		db.prepare(
			`INSERT INTO indicators (key, label, unit, polarity, level, created_at)
			VALUES ('armut', 'Kinderarmut', '%', 'higherIsWorse', 'ortsteil', 1)`
		).run();
		const value = db.prepare(
			`INSERT INTO indicator_values (indicator_key, district_code, level, period, value)
			VALUES ('armut', 'N01', 'ortsteil', ?, ?)`
		);
		value.run('2018-12', 30);
		value.run('2020-12', 26);
	})();
	db.close();
}

test.describe.serial('controlling: start page, reports, due dates, pickers', () => {
	let server: RunningServer;
	let people: People;
	let admin: Page;
	let planner: Page;
	let sailId: string;
	let benchId: string;

	test.beforeAll(async ({ browser }) => {
		server = await startServer();
		people = new People(browser, server);
		mkdirSync(shots, { recursive: true });
	});
	test.afterAll(async () => {
		await people?.closeAll();
		await server?.stop();
	});

	test('a planner joins; the city has 300 areas, two called Neustadt', async () => {
		admin = await people.newPage();
		await open(admin, server.setupLink);
		await createAccount(admin, {
			name: 'Ada Admin',
			email: 'ada@controlling.example',
			password: 'sicheres-passwort-1'
		});
		planner = await inviteStaff(admin, people, 'Sozialplanung', {
			name: 'Paula Planung',
			email: 'paula@controlling.example',
			password: 'planen-und-steuern'
		});
		seedCity(server);
	});

	test('the picker by keyboard: type, arrows, Enter; chips with remove buttons; twins with parent', async () => {
		await open(planner, '/measures/new');
		await planner.getByLabel('Titel').fill('Sonnensegel am Spielplatz');
		await planner.getByLabel('Wer ist verantwortlich?').fill('Grünflächenamt');
		await planner.getByLabel('Fertig bis').fill(day(-5));
		const combo = planner.getByRole('combobox', { name: 'Sozialräume' });
		await combo.focus();
		await planner.keyboard.type('neustadt');
		const list = planner.getByRole('listbox', { name: 'Sozialräume' });
		await expect(list.getByRole('option')).toHaveText([/Neustadt \(Nord\)/, /Neustadt \(Süd\)/]);
		await expect(combo).toHaveAttribute('aria-expanded', 'true');
		await planner.keyboard.press('ArrowDown');
		await expect(combo).toHaveAttribute(
			'aria-activedescendant',
			(await list.getByRole('option').nth(1).getAttribute('id')) ?? ''
		);
		await planner.keyboard.press('Enter');
		await expect(list.getByRole('option', { name: /Neustadt \(Süd\)/ })).toHaveAttribute(
			'aria-selected',
			'true'
		);
		await planner.keyboard.press('ArrowUp');
		await planner.keyboard.press('Enter');
		const chips = planner.getByRole('list', { name: 'Gewählt: Sozialräume' });
		await expect(chips.getByRole('listitem')).toHaveText([/Neustadt \(Süd\)/, /Neustadt \(Nord\)/]);
		// Umlauts and ß typed plainly still find the area.
		await combo.fill('');
		await planner.keyboard.type('grosser');
		await expect(list.getByRole('option')).toHaveText([/Großer Garten/]);
		await planner.keyboard.press('Enter');
		await expectNoAxeViolations(planner, '/measures/new with the picker open');
		for (const size of sizes) {
			await planner.setViewportSize(size.viewport);
			await chips.scrollIntoViewIfNeeded();
			await planner.evaluate(() => window.scrollBy(0, 120));
			await expect(combo).toHaveAttribute('aria-expanded', 'true');
			await planner.screenshot({ path: `${shots}/picker-open-${size.name}.png` });
		}
		await planner.setViewportSize({ width: 1280, height: 900 });
		await planner.keyboard.press('Escape');
		await expect(combo).toHaveAttribute('aria-expanded', 'false');
		// Remove one by its button; Enter in the box never sends the form.
		await chips.getByRole('button', { name: 'Neustadt (Süd) entfernen' }).click();
		await expect(chips.getByRole('listitem')).toHaveText([/Neustadt \(Nord\)/, /Großer Garten/]);
		await expect(combo).toBeFocused();
		await expect(planner).toHaveURL(/\/measures\/new$/);

		await planner.getByRole('button', { name: 'Maßnahme anlegen' }).click();
		await expect(planner).toHaveURL(/\/measures\/(?!new)[a-z0-9]+$/);
		sailId = new URL(planner.url()).pathname.split('/').pop() ?? '';
		await expect(planner.getByText('Sozialräume: Neustadt (Nord), Großer Garten')).toBeVisible();
		await expect(planner.getByText(`Fertig bis: ${german(day(-5))}`)).toBeVisible();

		// The edit form starts from the stored choice.
		await expect(
			planner.getByRole('list', { name: 'Gewählt: Sozialräume' }).getByRole('listitem')
		).toHaveText([/Neustadt \(Nord\)/, /Großer Garten/]);
	});

	test('the start page lists overdue and soon-due measures with German dates', async () => {
		const created = await planner.request.post('/api/v1/measures', {
			data: { title: 'Bank an der Haltestelle', status: 'planned', dueOn: day(10) }
		});
		expect(created.status()).toBe(201);
		benchId = (await created.json()).measure.id;
		await planner.request.post('/api/v1/measures', {
			data: { title: 'Später', status: 'planned', dueOn: day(45) }
		});
		await planner.request.post('/api/v1/measures', {
			data: { title: 'Längst erledigt', status: 'done', dueOn: day(-30) }
		});

		await open(planner, '/workshops');
		const overview = planner.getByTestId('due-overview');
		await expect(overview.getByRole('heading', { name: 'Fristen im Blick' })).toBeVisible();
		await expect(planner.getByTestId('due-overdue').getByRole('listitem')).toHaveText([
			new RegExp(`Sonnensegel am Spielplatz.*${german(day(-5))} · seit 5 Tagen`)
		]);
		await expect(planner.getByTestId('due-soon').getByRole('listitem')).toHaveText([
			new RegExp(`Bank an der Haltestelle.*${german(day(10))} · in 10 Tagen`)
		]);
		await expectNoAxeViolations(planner, '/workshops with the due overview');
		for (const size of sizes) {
			await planner.setViewportSize(size.viewport);
			await planner.screenshot({ path: `${shots}/start-${size.name}.png`, fullPage: true });
		}
		await planner.setViewportSize({ width: 1280, height: 900 });
		await overview.getByRole('link', { name: 'Sonnensegel am Spielplatz' }).click();
		await expect(planner).toHaveURL(new RegExp(`/measures/${sailId}$`));
	});

	test('a report dated tomorrow is refused; a due-date move needs a reason and shows in the history', async () => {
		await open(planner, `/measures/${sailId}`);
		const date = planner.getByLabel('Datum', { exact: true });
		await expect(date).toHaveAttribute('max', day(0));
		// An old browser without the date picker's limit sends it anyway: the server refuses.
		await date.evaluate((input) => input.removeAttribute('max'));
		await date.fill(day(1));
		await planner.getByLabel('Status').first().selectOption({ label: 'geplant' });
		await planner.getByLabel('Fortschritt (%)').fill('30');
		await planner.getByRole('button', { name: 'Sachstand speichern' }).click();
		await expect(planner.locator('#report-problem')).toHaveText(
			'Datum: Eine Meldung kann nicht in der Zukunft liegen. Bitte wählen Sie heute oder einen Tag davor.'
		);
		await expect(date).toHaveAttribute('aria-invalid', 'true');
		await expect(planner.getByText('Noch keine Sachstandsmeldung.')).toBeVisible();
		await expect(planner.locator('#r-status')).toHaveValue('planned');

		await date.fill(day(0));
		await planner
			.getByRole('group', { name: /Neue Frist/ })
			.getByLabel('Fertig bis')
			.fill(day(60));
		await planner.getByRole('button', { name: 'Sachstand speichern' }).click();
		await expect(planner.locator('#report-problem')).toHaveText(
			'Grund für die neue Frist: Bitte schreiben Sie, warum sich die Frist ändert.'
		);
		const reason = planner.getByLabel('Grund für die neue Frist');
		await expect(reason).toHaveAttribute('aria-invalid', 'true');
		await expect(planner.getByText('Noch keine Sachstandsmeldung.')).toBeVisible();

		await reason.fill('Der Stoff wird erst im Herbst geliefert.');
		await planner.getByRole('button', { name: 'Sachstand speichern' }).click();
		await expect(planner.getByText('Der Sachstand ist gespeichert.')).toBeVisible();
		const timeline = planner.getByTestId('timeline');
		await expect(timeline).toContainText(
			`Frist verschoben von ${german(day(-5))} auf ${german(day(60))}. Grund: Der Stoff wird erst im Herbst geliefert.`
		);
		await expect(timeline.locator('time').first()).toHaveText(german(day(0)));
		await expect(timeline.getByRole('listitem').first()).toContainText(
			'Sachstand: geplant, 30 % fertig'
		);
		await expect(planner.getByText(`Fertig bis: ${german(day(60))}`)).toBeVisible();
		await expect(planner.getByText('Überfällig')).toHaveCount(0);

		// A late report for an earlier day goes into the history but does not decide.
		await date.fill(day(-20));
		await planner.getByLabel('Fortschritt (%)').fill('10');
		await planner.getByRole('button', { name: 'Sachstand speichern' }).click();
		await expect(timeline.getByRole('listitem')).toHaveCount(2);
		await expect(timeline.getByRole('listitem').last()).toContainText(german(day(-20)));
		await expect(planner.getByText('Fortschritt: 30 %')).toBeVisible();
		await expectNoAxeViolations(planner, '/measures/<id> after the reports');
		for (const size of sizes) {
			await planner.setViewportSize(size.viewport);
			await planner.screenshot({ path: `${shots}/measure-${size.name}.png`, fullPage: true });
		}
		await planner.setViewportSize({ width: 1280, height: 900 });

		await open(planner, '/workshops');
		await expect(planner.getByTestId('due-overdue')).toHaveCount(0);
		await expect(planner.getByText('Keine Maßnahme ist überfällig.')).toBeVisible();
		await expect(planner.getByTestId('due-soon').getByRole('listitem')).toHaveText([
			/Bank an der Haltestelle/
		]);
		await open(planner, '/measures');
		await expect(
			planner.getByTestId('register-row').filter({ hasText: 'Bank an der Haltestelle' })
		).toContainText(german(day(10)));
		expect(benchId).toBeTruthy();
	});

	test('a goal target shows baseline, current value, gap and direction', async () => {
		await open(planner, '/goals');
		await planner.getByLabel('Titel').fill('Weniger Kinderarmut in Neustadt');
		await planner.getByLabel('Ebene').selectOption({ label: 'Leitbild' });
		const combo = planner.getByRole('combobox', { name: 'Sozialräume' });
		await combo.focus();
		await planner.keyboard.type('neustadt nord');
		await planner.keyboard.press('Enter');
		await planner.getByLabel('Kennzahl').selectOption({ label: 'Kinderarmut (armut)' });
		await planner.getByLabel('Zielwert', { exact: true }).fill('20');
		await planner.getByLabel('Zieljahr').fill('2030');
		await planner.getByRole('button', { name: 'Ziel anlegen' }).click();
		await expect(planner.getByRole('status')).toHaveText('Das Ziel ist angelegt.');
		await planner.getByRole('link', { name: 'Weniger Kinderarmut in Neustadt' }).click();

		const target = planner.getByTestId('goal-target');
		await expect(target).toContainText('Kinderarmut: Ziel: 20 % bis 2030');
		await expect(target).toContainText('Der Wert soll sinken.');
		const table = target.getByRole('table', { name: /Zielwert, Ausgangswert/ });
		await expect(table.getByRole('columnheader')).toHaveText([
			'Gebiet',
			/Ausgangswert\s*12\/2018/,
			/Aktuell\s*12\/2020/,
			'Abstand zum Ziel',
			'Entwicklung'
		]);
		await expect(table.getByRole('row').nth(1)).toHaveText(
			/Neustadt \(Nord\)\s*30 %\s*26 %\s*6 %\s*↗ in Zielrichtung/
		);
		await expectNoAxeViolations(planner, '/goals/<id>');
		for (const size of sizes) {
			await planner.setViewportSize(size.viewport);
			await planner.screenshot({ path: `${shots}/goal-${size.name}.png`, fullPage: true });
		}
		await planner.setViewportSize({ width: 1280, height: 900 });
	});

	test('without JavaScript the form offers a native select and still sends', async ({
		browser
	}) => {
		const context = await browser.newContext({
			baseURL: server.baseURL,
			javaScriptEnabled: false,
			storageState: await planner.context().storageState()
		});
		const page = await context.newPage();
		await page.goto('/measures/new');
		await page.getByLabel('Titel').fill('Ohne Skript');
		const select = page.getByRole('listbox', { name: 'Sozialräume' });
		await expect(select.getByRole('option', { name: 'Neustadt (Süd)' })).toHaveCount(1);
		await select.selectOption([{ label: 'Neustadt (Süd)' }, { label: 'Gebiet 250' }]);
		await page.getByRole('button', { name: 'Maßnahme anlegen' }).click();
		await expect(page).toHaveURL(/\/measures\/(?!new)[a-z0-9]+$/);
		await expect(page.getByText('Sozialräume: Neustadt (Süd), Gebiet 250')).toBeVisible();
		await context.close();
	});

	test('the workshop links its districts with the same picker; the register shows German dates', async () => {
		const workshopId = await createWorkshop(admin, 'Stadtteilwerkstatt Neustadt');
		await open(admin, `/workshops/${workshopId}`);
		const combo = admin.getByRole('combobox', { name: 'Sozialräume' });
		await combo.focus();
		await admin.keyboard.type('neustadt süd');
		await expect(
			admin.getByRole('listbox', { name: 'Sozialräume' }).getByRole('option')
		).toHaveText([/Neustadt \(Süd\)/]);
		await admin.keyboard.press('Enter');
		await admin.keyboard.press('Escape');
		await admin.getByRole('button', { name: 'Verknüpfung speichern' }).click();
		await expect(admin.getByText('Die Verknüpfung ist gespeichert.')).toBeVisible();
		await open(admin, `/workshops/${workshopId}`);
		const chips = admin.getByRole('list', { name: 'Gewählt: Sozialräume' });
		await expect(chips.getByRole('listitem')).toHaveText([/Neustadt \(Süd\)/]);
		await expectNoAxeViolations(admin, '/workshops/<id> with the district picker');
		for (const size of sizes) {
			await admin.setViewportSize(size.viewport);
			await chips.scrollIntoViewIfNeeded();
			await admin.screenshot({ path: `${shots}/workshop-links-${size.name}.png` });
		}

		await open(planner, '/measures');
		await expectNoAxeViolations(planner, '/measures');
		for (const size of sizes) {
			await planner.setViewportSize(size.viewport);
			await planner.screenshot({ path: `${shots}/register-${size.name}.png`, fullPage: true });
		}
	});

	test('the register filters by one district with the same picker, and by a plain select without script', async ({
		browser
	}) => {
		await planner.setViewportSize({ width: 1366, height: 768 });
		await open(planner, '/measures');
		const rows = planner.getByTestId('register-row');
		await expect(rows.filter({ hasText: 'Ohne Skript' })).toHaveCount(1);
		const combo = planner.getByRole('combobox', { name: 'Sozialräume' });
		const pick = async (name: string) => {
			await combo.fill(name);
			await planner.getByRole('option', { name: new RegExp(`^\\W*${name}\\b`) }).click();
		};
		await pick('Gebiet 251');
		// One district at a time: a second pick replaces the first.
		await pick('Gebiet 250');
		const chips = planner.getByRole('list', { name: 'Gewählt: Sozialräume' });
		await expect(chips.getByRole('listitem')).toHaveText([/^Gebiet 250\b/]);
		await planner.getByRole('button', { name: 'Filtern' }).click();
		await expect(planner).toHaveURL(/district=/);
		await expect(rows).toHaveText([/Ohne Skript/]);
		await expect(chips.getByRole('listitem')).toHaveText([/^Gebiet 250\b/]);
		await expectNoAxeViolations(planner, '/measures filtered by a district');

		const context = await browser.newContext({
			baseURL: server.baseURL,
			javaScriptEnabled: false,
			storageState: await planner.context().storageState()
		});
		const page = await context.newPage();
		await page.goto('/measures');
		await page.getByLabel('Sozialräume', { exact: true }).selectOption({ label: 'Gebiet 250' });
		await page.getByRole('button', { name: 'Filtern' }).click();
		await expect(page.getByTestId('register-row')).toHaveText([/Ohne Skript/]);
		await page
			.getByLabel('Sozialräume', { exact: true })
			.selectOption({ label: 'alle Sozialräume' });
		await page.getByRole('button', { name: 'Filtern' }).click();
		await expect(page.getByTestId('register-row').filter({ hasText: 'Ohne Skript' })).toHaveCount(
			1
		);
		await context.close();
	});
});
