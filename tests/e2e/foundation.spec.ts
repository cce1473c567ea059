import {
	expect,
	test,
	type Browser,
	type BrowserContext,
	type BrowserContextOptions,
	type Page
} from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { startServer, type RunningServer } from './server';
import {
	addCard,
	chooseView,
	connectionStatus,
	createAccount,
	desktop,
	liveTimeout,
	moveToPhase,
	open,
	phone,
	presence,
	type Person
} from './steps';

/**
 * The foundation end to end: first admin, staff invitation, a workshop with an invite link, guests
 * joining on a phone and a desktop, and the live critique wall between them. One production server
 * with a fresh store serves the whole file; the tests build on each other and run in order.
 */

const admin: Person = {
	name: 'Ada Admin',
	email: 'ada@quartier.example',
	password: 'sicheres-passwort-1'
};
const facilitator: Person = {
	name: 'Fritz Moderation',
	email: 'fritz@quartier.example',
	password: 'moderieren-2026'
};
const workshop = {
	title: 'Zukunftswerkstatt Nordstadt',
	date: '2026-03-14',
	description: 'Wie soll der Platz am Markt in fünf Jahren aussehen?'
};
const mobileName = 'Mia Mobil';
const desktopName = 'Dirk Desktop';
const text = {
	shade: 'Der Spielplatz braucht mehr Schatten.',
	shadeEdited: 'Der Spielplatz braucht Bäume und Schatten.',
	bench: 'An der Haltestelle fehlt eine Bank.',
	light: 'Mehr Licht im Park am Abend.',
	offline: 'Ein Treffpunkt für Jugendliche fehlt.',
	closedOffline: 'Der Weg zur Schule ist nachts zu dunkel.'
};

/** Card geometry from src/lib/domain/cards.ts. */
const card = { width: 180, height: 110 };

// ---------------------------------------------------------------------------------------------
// Locators and small steps
// ---------------------------------------------------------------------------------------------

const cardList = (page: Page) => page.getByRole('list', { name: /^\d+ Karten?$/ });
const cardItems = (page: Page) => cardList(page).getByRole('listitem');
const cardItem = (page: Page, cardText: string) => cardItems(page).filter({ hasText: cardText });
const wallCanvas = (page: Page) =>
	page.getByRole('region', { name: /Kartenwand als Zeichenfläche/ });
const cardEditor = (page: Page) => page.getByRole('dialog', { name: 'Karte bearbeiten' });

/** Milliseconds from `since` until `cardText` is shown (or gone) in the page's main content. */
async function timeUntil(page: Page, cardText: string, shown: boolean, since: number) {
	await page.waitForFunction(
		([wanted, present]) =>
			(document.querySelector('main')?.innerText.includes(wanted) ?? false) === present,
		[cardText, shown] as const,
		{ polling: 'raf', timeout: liveTimeout }
	);
	return Date.now() - since;
}

const latencies: string[] = [];

/**
 * Runs `action` on one page and measures how long it takes until every other page shows the
 * result. The watch starts before the action, so the numbers are an upper bound.
 */
async function expectLive(
	what: string,
	action: () => Promise<void>,
	watchers: { who: string; page: Page }[],
	cardText: string,
	shown = true
) {
	const since = Date.now();
	const arrivals = watchers.map(({ page }) => timeUntil(page, cardText, shown, since));
	await action();
	const times = await Promise.all(arrivals);
	const line = `${what}: ${watchers.map(({ who }, i) => `${who} ${times[i]} ms`).join(', ')}`;
	latencies.push(line);
	console.log(`[live] ${line}`);
}

/**
 * Where the canvas draws things: its view (place and zoom) and the cards' places in wall units,
 * which it tells in data attributes. `toScreen` turns a wall point into a point on the page.
 */
async function canvasView(page: Page) {
	const canvas = wallCanvas(page);
	await canvas.scrollIntoViewIfNeeded();
	const box = await canvas.boundingBox();
	if (!box) throw new Error('the wall canvas is not visible');
	const view = JSON.parse((await canvas.getAttribute('data-view'))!) as {
		x: number;
		y: number;
		scale: number;
	};
	const cards = JSON.parse((await canvas.getAttribute('data-cards'))!) as {
		text: string;
		x: number;
		y: number;
	}[];
	const viewport = page.viewportSize();
	return {
		cards,
		at: (cardText: string) => {
			const found = cards.find((c) => c.text === cardText.slice(0, 60));
			if (!found) throw new Error(`no card "${cardText}" on the canvas`);
			return { x: found.x, y: found.y };
		},
		toScreen(world: { x: number; y: number }) {
			const point = {
				x: box.x + view.x + world.x * view.scale,
				y: box.y + view.y + world.y * view.scale
			};
			expect(point.y, 'the point must lie inside the viewport').toBeLessThan(viewport?.height ?? 0);
			return point;
		}
	};
}

const centreOf = (at: { x: number; y: number }) => ({
	x: at.x + card.width / 2,
	y: at.y + card.height / 2
});

// ---------------------------------------------------------------------------------------------
// The story
// ---------------------------------------------------------------------------------------------

test.describe.serial('Quartierswerkstatt foundation', () => {
	let server: RunningServer;
	const contexts: BrowserContext[] = [];
	let adminPage: Page;
	let facilitatorPage: Page;
	let mobilePage: Page;
	let desktopPage: Page;
	let anonymousPage: Page;
	let workshopId: string;
	let inviteLink: string;

	async function newPage(browser: Browser, options: BrowserContextOptions = desktop) {
		const context = await browser.newContext({ ...options, baseURL: server.baseURL });
		contexts.push(context);
		return context.newPage();
	}

	async function join(page: Page, displayName: string | null) {
		await open(page, inviteLink);
		await expect(
			page.getByRole('heading', { name: `Teilnehmen: ${workshop.title}` })
		).toBeVisible();
		if (displayName === null) {
			await page.getByLabel('Anonym teilnehmen').check();
			await expect(page.getByLabel('Ihr Name (optional)')).toBeDisabled();
		} else {
			await page.getByLabel('Ihr Name (optional)').fill(displayName);
		}
		await page.getByRole('button', { name: 'Los geht’s' }).click();
		await expect(page).toHaveURL(`${server.baseURL}/w/${workshopId}`);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(workshop.title);
		await expect(connectionStatus(page)).toHaveText('gespeichert');
	}

	test.beforeAll(async () => {
		server = await startServer();
	});

	test.afterAll(async () => {
		for (const context of contexts) await context.close().catch(() => undefined);
		await server?.stop();
		if (latencies.length)
			console.log(`Observed live-update latencies:\n  ${latencies.join('\n  ')}`);
	});

	test('the setup link lets the first admin create an account, and works only once', async ({
		browser
	}) => {
		adminPage = await newPage(browser);
		await open(adminPage, server.setupLink);
		await expect(
			adminPage.getByRole('heading', { name: 'Quartierswerkstatt einrichten' })
		).toBeVisible();
		await createAccount(adminPage, admin);

		await expect(adminPage).toHaveURL(`${server.baseURL}/workshops`);
		await expect(adminPage.getByRole('heading', { name: 'Werkstätten' })).toBeVisible();
		await expect(adminPage.getByRole('link', { name: 'Team' })).toBeVisible();
		await expect(adminPage.getByRole('button', { name: 'Abmelden' })).toBeVisible();

		const again = await adminPage.goto(server.setupLink);
		expect(again?.status()).toBe(410);
		await expect(adminPage.getByRole('alert')).toHaveText(
			'Dieser Link ist ungültig, abgelaufen oder wurde schon benutzt.'
		);
		await expect(adminPage.getByLabel('Passwort')).toHaveCount(0);
	});

	test('a wrong password on the login page is refused and nobody is logged in', async ({
		browser
	}) => {
		const page = await newPage(browser);
		await open(page, '/login');
		await page.getByLabel('E-Mail').fill(admin.email);
		await page.getByLabel('Passwort').fill('falsches-passwort');
		await page.getByRole('button', { name: 'Anmelden' }).click();

		await expect(page.getByRole('alert')).toHaveText('E-Mail oder Passwort stimmt nicht.');
		await expect(page).toHaveURL(/\/login$/);
		await expect(page.getByRole('button', { name: 'Abmelden' })).toHaveCount(0);
		await page.goto('/workshops');
		await expect(page).toHaveURL(/\/login\?redirectTo=%2Fworkshops$/);
		await page.context().close();
	});

	test('the admin invites a facilitator, who creates an account through the link', async ({
		browser
	}) => {
		await open(adminPage, '/admin/staff');
		await adminPage.getByLabel('Rolle').selectOption({ label: 'Moderation' });
		await adminPage.getByRole('button', { name: 'Einladungslink erstellen' }).click();
		await expect(adminPage.getByRole('status')).toContainText('Einladungslink für Moderation.');
		const staffLink = (await adminPage.getByTestId('staff-invite-link').textContent()) ?? '';
		expect(staffLink).toMatch(new RegExp(`^${server.baseURL}/setup/\\w+$`));

		facilitatorPage = await newPage(browser);
		await open(facilitatorPage, staffLink);
		await expect(
			facilitatorPage.getByRole('heading', { name: 'Willkommen im Team' })
		).toBeVisible();
		await expect(facilitatorPage.getByText('Ihre Rolle: Moderation.')).toBeVisible();
		await createAccount(facilitatorPage, facilitator);

		await expect(facilitatorPage).toHaveURL(`${server.baseURL}/workshops`);
		await expect(facilitatorPage.getByRole('button', { name: 'Abmelden' })).toBeVisible();
		await expect(facilitatorPage.getByRole('link', { name: 'Neue Werkstatt' })).toBeVisible();
		// Moderation may not manage the team.
		await expect(facilitatorPage.getByRole('link', { name: 'Team' })).toHaveCount(0);

		await adminPage.reload();
		await expect(adminPage.getByRole('row').filter({ hasText: facilitator.email })).toContainText(
			facilitator.name
		);
		await expect(adminPage.getByTitle(`Rolle von ${facilitator.name}`)).toHaveValue('facilitator');
	});

	test('the facilitator creates a workshop and an invite link with a QR code', async () => {
		await facilitatorPage.getByRole('link', { name: 'Neue Werkstatt' }).click();
		await facilitatorPage.getByLabel('Titel').fill(workshop.title);
		await facilitatorPage.getByLabel('Datum').fill(workshop.date);
		await facilitatorPage.getByLabel('Beschreibung').fill(workshop.description);
		await facilitatorPage.getByRole('button', { name: 'Werkstatt anlegen' }).click();

		await expect(facilitatorPage).toHaveURL(/\/workshops\/(?!new$)[a-z0-9]+$/);
		workshopId = new URL(facilitatorPage.url()).pathname.split('/').pop() ?? '';
		await expect(facilitatorPage.getByRole('heading', { level: 1 })).toHaveText(workshop.title);
		await expect(facilitatorPage.getByText(workshop.description)).toBeVisible();
		await expect(facilitatorPage.getByText('Noch keine Einladung.')).toBeVisible();

		await facilitatorPage.getByRole('button', { name: 'Link erstellen' }).click();
		const link = facilitatorPage.getByTestId('invite-link');
		await expect(link).toHaveText(new RegExp(`^${server.baseURL}/join/\\w+$`));
		inviteLink = (await link.textContent()) ?? '';
		const qr = facilitatorPage.getByRole('img', { name: 'QR-Code zum Einladungslink' });
		await expect(qr).toBeVisible();
		await expect(qr).toHaveAttribute('src', /^data:image\/svg\+xml;base64,/);
		await expect
			.poll(() => qr.evaluate((image: HTMLImageElement) => image.naturalWidth))
			.toBeGreaterThan(0);
		await expect(facilitatorPage.getByText('0 beigetreten')).toBeVisible();
	});

	test('participants join through the link on a phone, on a desktop and anonymously', async ({
		browser
	}) => {
		// The facilitator opens the live workshop and starts it at the critique phase.
		await facilitatorPage.getByRole('link', { name: 'Zur Live-Werkstatt' }).click();
		await expect(facilitatorPage).toHaveURL(`${server.baseURL}/w/${workshopId}`);
		await expect(connectionStatus(facilitatorPage)).toHaveText('gespeichert');
		await moveToPhase(facilitatorPage, 'Kritikphase', true);

		mobilePage = await newPage(browser, phone);
		await join(mobilePage, mobileName);
		// Narrow screens start with the list.
		await expect(mobilePage.getByRole('button', { name: 'Liste' })).toHaveAttribute(
			'aria-pressed',
			'true'
		);
		await expect(mobilePage.getByText('Noch keine Karten. Schreiben Sie die erste!')).toBeVisible();
		// 360 px wide: everything reflows, nothing needs sideways scrolling (WCAG 1.4.10).
		expect(
			await mobilePage.evaluate(() => document.documentElement.scrollWidth)
		).toBeLessThanOrEqual(360);

		desktopPage = await newPage(browser);
		await join(desktopPage, desktopName);
		await expect(desktopPage.getByRole('button', { name: 'Wand' })).toHaveAttribute(
			'aria-pressed',
			'true'
		);

		anonymousPage = await newPage(browser);
		await join(anonymousPage, null);
		await expect(presence(anonymousPage).getByRole('listitem').first()).toHaveText('Anonym (Sie)');
	});

	test('cards, edits, deletes and undo reach everyone live, and presence shows who is there', async () => {
		await chooseView(facilitatorPage, 'Liste');
		await chooseView(desktopPage, 'Liste');

		const people = presence(facilitatorPage).getByRole('listitem');
		await expect(people).toHaveCount(4);
		await expect(people.filter({ hasText: facilitator.name })).toContainText('(Sie)');
		await expect(people.filter({ hasText: mobileName })).toBeVisible();
		await expect(people.filter({ hasText: desktopName })).toBeVisible();
		await expect(people.filter({ hasText: 'Anonym' })).toBeVisible();

		await expectLive(
			'facilitator adds a card',
			() => addCard(facilitatorPage, text.shade),
			[
				{ who: 'phone', page: mobilePage },
				{ who: 'desktop', page: desktopPage }
			],
			text.shade
		);
		for (const page of [facilitatorPage, mobilePage, desktopPage])
			await expect(cardItem(page, text.shade)).toBeVisible();
		await expect(facilitatorPage.getByLabel('Neue Karte')).toHaveValue('');

		await expectLive(
			'phone participant adds a card',
			() => addCard(mobilePage, text.bench),
			[
				{ who: 'facilitator', page: facilitatorPage },
				{ who: 'desktop', page: desktopPage }
			],
			text.bench
		);
		for (const page of [facilitatorPage, mobilePage, desktopPage]) {
			await expect(cardItems(page)).toHaveCount(2);
			await expect(cardItem(page, text.bench)).toBeVisible();
		}

		await expectLive(
			'facilitator edits a card',
			async () => {
				await cardItem(facilitatorPage, text.shade)
					.getByRole('button', { name: 'Bearbeiten' })
					.click();
				await facilitatorPage.getByLabel('Karte bearbeiten').fill(text.shadeEdited);
				await facilitatorPage.getByRole('button', { name: 'Speichern' }).click();
			},
			[
				{ who: 'phone', page: mobilePage },
				{ who: 'desktop', page: desktopPage }
			],
			text.shadeEdited
		);
		for (const page of [facilitatorPage, mobilePage, desktopPage]) {
			await expect(cardItem(page, text.shadeEdited)).toBeVisible();
			await expect(cardItem(page, text.shade)).toHaveCount(0);
		}

		// A participant changes and bins only her own cards: the other's card has no such buttons.
		await expect(
			cardItem(desktopPage, text.bench).getByRole('button', { name: /^Löschen/ })
		).toHaveCount(0);
		await expect(
			cardItem(desktopPage, text.bench).getByRole('button', { name: /^Bearbeiten/ })
		).toHaveCount(0);

		await expectLive(
			'phone participant deletes her card',
			() => cardItem(mobilePage, text.bench).getByRole('button', { name: 'Löschen' }).click(),
			[
				{ who: 'facilitator', page: facilitatorPage },
				{ who: 'desktop', page: desktopPage }
			],
			text.bench,
			false
		);
		for (const page of [facilitatorPage, mobilePage, desktopPage]) {
			await expect(cardItems(page)).toHaveCount(1);
			await expect(cardItem(page, text.bench)).toHaveCount(0);
		}
		await expect(mobilePage.getByText('Karte gelöscht.')).toBeVisible();

		await expectLive(
			'phone participant undoes the delete',
			() => mobilePage.getByRole('button', { name: 'Rückgängig' }).click(),
			[
				{ who: 'facilitator', page: facilitatorPage },
				{ who: 'desktop', page: desktopPage }
			],
			text.bench
		);
		for (const page of [facilitatorPage, mobilePage, desktopPage]) {
			await expect(cardItems(page)).toHaveCount(2);
			await expect(cardItem(page, text.bench)).toBeVisible();
		}
		await expect(mobilePage.getByRole('button', { name: 'Rückgängig' })).toHaveCount(0);
	});

	test('a card dragged on the canvas shows up at its new place on another screen', async () => {
		await chooseView(facilitatorPage, 'Wand');
		await expect(wallCanvas(facilitatorPage)).toHaveAttribute('data-card-count', '2');
		const before = await canvasView(facilitatorPage);
		const formerAt = before.at(text.shadeEdited);
		// To the right of every card: free space, and the place it leaves stays empty.
		const movedTo = {
			x: Math.max(...before.cards.map((c) => c.x)) + card.width + 60,
			y: formerAt.y
		};
		const from = before.toScreen(centreOf(formerAt));
		const to = before.toScreen(centreOf(movedTo));
		await facilitatorPage.mouse.move(from.x, from.y);
		await facilitatorPage.mouse.down();
		await facilitatorPage.mouse.move(from.x + 10, from.y + 5, { steps: 3 });
		await facilitatorPage.mouse.move(to.x, to.y, { steps: 15 });
		await facilitatorPage.mouse.up();
		await expect
			.poll(async () => (await canvasView(facilitatorPage)).at(text.shadeEdited).x)
			.toBeGreaterThan(formerAt.x + card.width);

		// A fresh page of the facilitator (the card is theirs, so it opens for editing).
		const viewer = await facilitatorPage.context().newPage();
		await viewer.goto(`/w/${workshopId}`);
		await expect(connectionStatus(viewer)).toHaveText('gespeichert');
		await chooseView(viewer, 'Wand');
		await expect(wallCanvas(viewer)).toHaveAttribute('data-card-count', '2');

		// The fresh page draws the card at its new place (the canvas tells where, in wall units).
		await expect.poll(async () => (await canvasView(viewer)).at(text.shadeEdited)).toEqual(movedTo);
		await viewer.close();
	});

	test('reloading a participant page keeps every card', async () => {
		await mobilePage.reload();
		await expect(connectionStatus(mobilePage)).toHaveText('gespeichert');
		await expect(cardItems(mobilePage)).toHaveCount(2);
		await expect(cardItem(mobilePage, text.shadeEdited)).toBeVisible();
		await expect(cardItem(mobilePage, text.bench)).toBeVisible();
		await expect(mobilePage.getByText(text.shade)).toHaveCount(0);
	});

	test('empty and over-long cards are refused and reach nobody', async () => {
		await mobilePage.getByRole('button', { name: 'Karte hinzufügen' }).click();
		await expect(mobilePage.getByRole('alert')).toHaveText(
			'Die Karte ist leer. Bitte schreiben Sie etwas.'
		);

		await mobilePage.getByLabel('Neue Karte').fill('x'.repeat(10_000));
		await expect(mobilePage.getByText('10000 von 500 Zeichen')).toBeVisible();
		await mobilePage.getByRole('button', { name: 'Karte hinzufügen' }).click();
		await expect(mobilePage.getByRole('alert')).toHaveText(
			'Die Karte ist zu lang: höchstens 500 Zeichen.'
		);
		await expect(mobilePage.getByLabel('Neue Karte')).toHaveAttribute('aria-invalid', 'true');
		await expect(cardItems(mobilePage)).toHaveCount(2);

		// A valid card afterwards: updates arrive in order, so once it is there, a refused card
		// would have arrived before it.
		await addCard(mobilePage, text.light);
		await expect(mobilePage.getByRole('alert')).toHaveCount(0);
		for (const page of [mobilePage, facilitatorPage, desktopPage]) {
			await expect(page.getByText('3 Karten', { exact: true })).toBeVisible({
				timeout: liveTimeout
			});
		}
		for (const page of [mobilePage, desktopPage]) {
			await expect(cardItems(page)).toHaveCount(3);
			await expect(cardItem(page, 'xxxxxxxxxx')).toHaveCount(0);
		}
	});

	test('pages pass the axe WCAG 2.1 AA checks', async ({ browser }) => {
		const visitor = await newPage(browser);
		await open(visitor, inviteLink);
		await expect(visitor.getByLabel('Ihr Name (optional)')).toBeVisible();
		await expectNoAxeViolations(visitor, 'the join page');

		await open(visitor, '/login');
		await expect(visitor.getByRole('heading', { name: 'Anmelden' })).toBeVisible();
		await expectNoAxeViolations(visitor, 'the login page');
		await visitor.context().close();

		await expect(cardItems(desktopPage)).toHaveCount(3);
		await expectNoAxeViolations(desktopPage, 'the wall in list view');
		await expect(cardItems(mobilePage)).toHaveCount(3);
		await expectNoAxeViolations(mobilePage, 'the wall in list view on a phone');

		await expect(wallCanvas(facilitatorPage)).toHaveAttribute('data-card-count', '3');
		await expectNoAxeViolations(facilitatorPage, 'the wall in canvas view');
		const shown = await canvasView(facilitatorPage);
		const moved = shown.toScreen(centreOf(shown.at(text.shadeEdited)));
		await facilitatorPage.mouse.dblclick(moved.x, moved.y);
		await expect(cardEditor(facilitatorPage)).toBeVisible();
		await expectNoAxeViolations(facilitatorPage, 'the wall with the card editor open');
		await cardEditor(facilitatorPage).getByRole('button', { name: 'Abbrechen' }).click();

		await open(facilitatorPage, `/workshops/${workshopId}`);
		await facilitatorPage.getByLabel('Bezeichnung').fill('Beamer');
		await facilitatorPage.getByRole('button', { name: 'Link erstellen' }).click();
		await expect(facilitatorPage.getByTestId('invite-link')).toBeVisible();
		await expectNoAxeViolations(facilitatorPage, 'the workshop page');
	});

	test('a participant cannot open the facilitator page of the workshop', async () => {
		const response = await desktopPage.goto(`/workshops/${workshopId}`);
		expect(response?.status()).toBe(403);
		await expect(desktopPage.getByRole('alert')).toHaveText(
			'Diese Seite ist nur für das Team der Werkstatt.'
		);
		await expect(desktopPage.getByRole('button', { name: 'Link erstellen' })).toHaveCount(0);
		await desktopPage.goto(`/w/${workshopId}`);
		await expect(connectionStatus(desktopPage)).toHaveText('gespeichert');
	});

	test('an unknown invite link is explained', async ({ browser }) => {
		const page = await newPage(browser);
		await page.goto('/join/xxxx');
		await expect(page.getByRole('alert')).toContainText('Diesen Einladungslink gibt es nicht.');
		await expect(page.getByRole('button', { name: 'Los geht’s' })).toHaveCount(0);
		await page.context().close();
	});

	test('a revoked invite link lets nobody in and ends the guests’ access', async ({ browser }) => {
		await open(facilitatorPage, `/workshops/${workshopId}`);
		const invite = facilitatorPage
			.getByRole('listitem')
			.filter({ hasText: 'Teilnahme' })
			.filter({ hasText: '3 beigetreten' });
		await expect(invite).toHaveCount(1);
		await invite.getByRole('button', { name: 'Zurückziehen' }).click();
		await expect(invite).toContainText('zurückgezogen');
		await expect(invite.getByRole('button', { name: 'Zurückziehen' })).toHaveCount(0);

		// Guests who joined through the link and still have the wall open lose it at once.
		for (const guest of [desktopPage, anonymousPage])
			await expect(connectionStatus(guest)).toHaveText(
				'Kein Zugang mehr. Bitte laden Sie die Seite neu oder melden Sie sich an.'
			);

		const latecomer = await newPage(browser);
		await latecomer.goto(inviteLink);
		await expect(latecomer.getByRole('alert')).toContainText(
			'Dieser Einladungslink wurde zurückgezogen.'
		);
		await expect(latecomer.getByLabel('Ihr Name (optional)')).toHaveCount(0);

		// The guest session belonged to the invite: on reload the wall sends the guest to the login.
		await mobilePage.reload();
		await expect(mobilePage).toHaveURL(
			`${server.baseURL}/login?redirectTo=${encodeURIComponent(`/w/${workshopId}`)}`
		);
		await expect(mobilePage.getByRole('heading', { name: 'Anmelden' })).toBeVisible();
		for (const cardText of Object.values(text))
			await expect(mobilePage.getByText(cardText)).toHaveCount(0);
		await mobilePage.goto(`/w/${workshopId}`);
		await expect(mobilePage).toHaveURL(/\/login\?redirectTo=/);
		await expect(cardList(mobilePage)).toHaveCount(0);
	});

	test('edits made while the server is down survive, even when the tab is closed meanwhile', async () => {
		await facilitatorPage.goto(`/w/${workshopId}`);
		await expect(connectionStatus(facilitatorPage)).toHaveText('gespeichert');
		await chooseView(facilitatorPage, 'Liste');
		await expect(cardItems(facilitatorPage)).toHaveCount(3);

		await server.shutdown();
		await expect(connectionStatus(facilitatorPage)).toHaveText(
			'offline – Änderungen bleiben auf diesem Gerät'
		);
		await addCard(facilitatorPage, text.offline);
		await expect(cardItems(facilitatorPage)).toHaveCount(4);
		// Closing a tab whose edits the server has not confirmed asks first; here the person stays.
		const stay = facilitatorPage.waitForEvent('dialog');
		await facilitatorPage.close({ runBeforeUnload: true });
		const firstWarning = await stay;
		expect(firstWarning.type()).toBe('beforeunload');
		await firstWarning.dismiss();
		await addCard(facilitatorPage, text.closedOffline);
		await expect(cardItems(facilitatorPage)).toHaveCount(5);
		// …and then leaves anyway: the edits wait in this browser's IndexedDB.
		const leave = facilitatorPage.waitForEvent('dialog');
		await facilitatorPage.close({ runBeforeUnload: true });
		await (await leave).accept();

		await server.startAgain();
		// A new tab in the same browser brings both cards back from IndexedDB and sends them; the
		// status says "gespeichert" once the server has confirmed.
		facilitatorPage = await facilitatorPage.context().newPage();
		await facilitatorPage.goto(`/w/${workshopId}`);
		await chooseView(facilitatorPage, 'Liste');
		await expect(cardItems(facilitatorPage)).toHaveCount(5);
		await expect(connectionStatus(facilitatorPage)).toHaveText('gespeichert', { timeout: 15_000 });

		// Another person's browser gets all of it from the server.
		await adminPage.goto(`/w/${workshopId}`);
		await chooseView(adminPage, 'Liste');
		await expect(cardItems(adminPage)).toHaveCount(5, { timeout: liveTimeout });
		for (const cardText of [
			text.shadeEdited,
			text.bench,
			text.light,
			text.offline,
			text.closedOffline
		])
			await expect(cardItem(adminPage, cardText)).toBeVisible();
	});

	test('the language switch in the header changes between German and English', async ({
		browser
	}) => {
		const page = await newPage(browser);
		await open(page, '/login');
		await expect(page.locator('html')).toHaveAttribute('lang', 'de');
		await expect(page.getByRole('heading', { name: 'Anmelden' })).toBeVisible();

		await page.getByLabel('Sprache wechseln').selectOption('en');
		await page.getByRole('button', { name: 'Wechseln' }).click();
		await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		await expect(page.getByLabel('Password')).toBeVisible();
		await expect(page).toHaveURL(/\/login$/);

		await page.getByLabel('Change language').selectOption('de');
		await page.getByRole('button', { name: 'Switch' }).click();
		await expect(page.getByRole('heading', { name: 'Anmelden' })).toBeVisible();
		await expect(page.locator('html')).toHaveAttribute('lang', 'de');
	});

	test('an unknown workshop is explained, not a blank page', async () => {
		const response = await adminPage.goto('/w/gibtesnicht');
		expect(response?.status()).toBe(404);
		await expect(adminPage.getByRole('alert')).toHaveText('Diese Werkstatt gibt es nicht.');
	});

	// Last on purpose: it locks the admin's e-mail address for 15 minutes.
	test('repeated wrong passwords lock the login for a while, even for the right password', async ({
		browser
	}) => {
		const page = await newPage(browser);
		await open(page, '/login');
		// Five wrong passwords (the earlier test made one already, so the last may meet the lock).
		for (let attempt = 0; attempt < 5; attempt++) {
			await page.getByLabel('E-Mail').fill(admin.email);
			await page.getByLabel('Passwort').fill(`falsch-${attempt}`);
			await page.getByRole('button', { name: 'Anmelden' }).click();
			await expect(page.getByRole('alert')).toHaveText(
				/E-Mail oder Passwort stimmt nicht\.|Zu viele Versuche/
			);
			await expect(page.getByRole('button', { name: 'Anmelden' })).toBeEnabled();
		}
		await page.getByLabel('E-Mail').fill(admin.email);
		await page.getByLabel('Passwort').fill(admin.password);
		await page.getByRole('button', { name: 'Anmelden' }).click();
		await expect(page.getByRole('alert')).toHaveText(
			'Zu viele Versuche. Bitte warten Sie 15 Minuten.'
		);
		await expect(page.getByRole('button', { name: 'Abmelden' })).toHaveCount(0);
		await page.context().close();
	});
});
