import { mkdirSync } from 'node:fs';
import { expect, test, type BrowserContextOptions, type Page } from '@playwright/test';
import { readControl, setPlan, setVote } from '../../src/lib/collab/control';
import { documentName } from '../../src/lib/collab/documents';
import { addCard as writeCard, nextCardPosition, readCards } from '../../src/lib/collab/wall';
import { connectClient } from '../helpers/sync';
import { expectNoAxeViolations } from './axe';
import { startServer, type RunningServer } from './server';
import {
	People,
	chooseView,
	createAccount,
	createWorkshop,
	liveTimeout,
	open,
	phone
} from './steps';

/**
 * Einfache Sprache (issue 14, points 2 and 6): a participant switches it on at the join page with
 * the keyboard; the choice survives a reload and reaches the live room, where the texts are the
 * simple ones, the main actions carry pictograms and a help box explains them. axe checks both
 * views in Einfache Sprache. A `?einfach=` link with garbage gives the default (off); the switch
 * works without JavaScript. The read-aloud buttons speak in the page's language and stop on a
 * second press, and are hidden where the browser cannot speak.
 */
const shots = '/work/notes/shots/simple';
const sizes: { name: string; options: BrowserContextOptions }[] = [
	{ name: '1366', options: { viewport: { width: 1366, height: 768 } } },
	{ name: '1920', options: { viewport: { width: 1920, height: 1080 } } },
	{ name: '360', options: phone }
];
const desktop = sizes[0].options;

test.describe.serial('Einfache Sprache: simple texts, pictograms, read aloud', () => {
	let server: RunningServer;
	let people: People;
	let workshopId: string;
	let code: string;
	let phases: number;
	let control: ReturnType<typeof connectClient>;
	let content: ReturnType<typeof connectClient>;

	test.beforeAll(async ({ browser }) => {
		mkdirSync(shots, { recursive: true });
		server = await startServer();
		people = new People(browser, server);
	});

	test.afterAll(async () => {
		control?.destroy();
		content?.destroy();
		await people?.closeAll();
		await server?.stop();
	});

	test('setup: a facilitator runs a workshop in its critique phase, with a card', async () => {
		const host = await people.newPage();
		await open(host, server.setupLink);
		await createAccount(host, {
			name: 'Emil Einfach',
			email: 'emil@einfach.example',
			password: 'einfache-sprache-2026'
		});
		workshopId = await createWorkshop(host, 'Werkstatt Einfach');
		await open(host, `/w/${workshopId}`);
		const cookie = (await host.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
		const ws = server.baseURL.replace(/^http/, 'ws') + '/sync';
		control = connectClient(ws, documentName(workshopId, 'control'), cookie);
		content = connectClient(ws, documentName(workshopId, 'content'), cookie);
		await Promise.all([control.synced(), content.synced()]);
		await expect.poll(() => readControl(control.doc).plan?.phases.length).toBeGreaterThan(2);
		const plan = readControl(control.doc).plan!;
		phases = plan.phases.length;
		setPlan(control.doc, { ...plan, currentPhaseId: 'kritik' });
		writeCard(content.doc, {
			text: 'Der Spielplatz braucht Schatten',
			colour: 'yellow',
			board: 'kritik',
			...nextCardPosition(1)
		});
		const reply = await host.request.post(`/w/${workshopId}/present/code`, {
			headers: { origin: server.baseURL }
		});
		expect(reply.ok()).toBe(true);
		code = ((await reply.json()) as { code: string }).code;
	});

	test('switched on at the join page by keyboard, kept on reload, carried into the live room', async () => {
		const page = await people.newPage(desktop);
		await open(page, `/j/${code}`);
		const main = page.getByRole('main');
		const toggle = main.getByRole('button', { name: 'Einfache Sprache' });
		await expect(toggle).toHaveAttribute('aria-pressed', 'false');
		await expect(main.getByRole('button', { name: 'Los geht’s' })).toBeVisible();

		// Keyboard: focus the toggle and press Space; the page stays and so does the focus.
		await toggle.focus();
		await page.keyboard.press('Space');
		await expect(toggle).toHaveAttribute('aria-pressed', 'true');
		await expect(toggle).toBeFocused();
		await expect(main.getByRole('button', { name: 'Mitmachen', exact: true })).toBeVisible();
		await expect(main.getByLabel('Ihr Name (freiwillig)')).toBeVisible();
		await expect(main).toContainText('Sie können einen Namen eingeben.');
		// The choices are on the page once: the header does not repeat them here.
		await expect(page.getByRole('button', { name: 'Einfache Sprache' })).toHaveCount(1);
		await expect(page.getByLabel('Sprache wechseln')).toHaveCount(1);

		await page.reload();
		await expect(toggle).toHaveAttribute('aria-pressed', 'true');
		await expect(main.getByRole('button', { name: 'Mitmachen', exact: true })).toBeVisible();
		await expectNoAxeViolations(page, '/j/<code> in Einfache Sprache');

		await main.getByRole('button', { name: 'Mitmachen', exact: true }).click();
		await expect(page).toHaveURL(new RegExp(`/w/${workshopId}$`));
		await expectSimpleLiveRoom(page);
		const help = page.getByTestId('simple-help');
		await help.getByText('Hilfe', { exact: true }).click();
		await expect(help).toContainText(
			'Schreiben Sie Ihre Idee auf eine Karte. Drücken Sie dann auf „Karte hinzufügen“.'
		);
		await expect(help.getByRole('button', { name: 'Hilfe vorlesen' })).toBeVisible();
		await expectNoAxeViolations(page, 'live room in Einfache Sprache');
		await page.screenshot({ path: `${shots}/live-help-1366.png` });

		// Switched off in the live room: the usual texts at once, the live connection stays.
		const headerToggle = page.getByRole('banner').getByRole('button', { name: 'Einfache Sprache' });
		await headerToggle.click();
		await expect(headerToggle).toHaveAttribute('aria-pressed', 'false');
		await expect(page.getByRole('region', { name: 'Ablauf der Werkstatt' })).toContainText(
			`Phase 2 von ${phases}`
		);
		await expect(page.getByTestId('simple-help')).toHaveCount(0);
		await expect(page.locator('[data-pictogram]')).toHaveCount(0);
		await expect(page.getByTestId('connection-status')).toHaveText('gespeichert');
		await page.context().close();
	});

	/** The live room of a participant in Einfache Sprache. */
	async function expectSimpleLiveRoom(page: Page) {
		await expect(page.getByLabel('Neue Karte')).toBeEditable({ timeout: liveTimeout });
		await expect(
			page.getByRole('banner').getByRole('button', { name: 'Einfache Sprache' })
		).toHaveAttribute('aria-pressed', 'true');
		await expect(page.getByRole('region', { name: 'Ablauf der Werkstatt' })).toContainText(
			`Schritt 2 von ${phases}`
		);
		// The main action with its pictogram; the words stay visible next to it.
		const add = page.getByRole('button', { name: 'Karte hinzufügen', exact: true });
		await expect(add.locator('svg[data-pictogram="write"]')).toHaveAttribute('aria-hidden', 'true');
		await expect(page.getByTestId('simple-help')).toBeVisible();
		await expect(page.getByTestId('connection-status')).toHaveText('gespeichert', {
			timeout: liveTimeout
		});
	}

	test('voting in Einfache Sprache: "Punkt geben" and "Ich bin fertig" with pictograms', async () => {
		const page = await people.newPage(desktop);
		await open(page, `/j/${code}?einfach=1`);
		await page.getByRole('main').getByRole('button', { name: 'Mitmachen', exact: true }).click();
		await expectSimpleLiveRoom(page);
		const items = readCards(content.doc)
			.filter((c) => c.board === 'kritik')
			.map((c) => c.id);
		setVote(control.doc, 'kritik', {
			roundId: 'r1',
			on: 'cards',
			budgetPerPerson: 3,
			maxPerItem: 2,
			items,
			open: true,
			revealed: false
		});
		const give = page.getByRole('button', { name: 'Punkt geben: Der Spielplatz braucht Schatten' });
		await expect(give).toHaveText('Punkt geben', { timeout: liveTimeout });
		await expect(give.locator('svg[data-pictogram="vote"]')).toBeVisible();
		await expect(
			page.getByText('Sie können höchstens 2 Punkte für einen Vorschlag geben.')
		).toBeVisible();
		await give.click();
		await expect(page.getByTestId('vote-remaining')).toContainText('Sie haben noch 2 von 3');
		const done = page.getByRole('button', { name: 'Ich bin fertig' });
		await expect(done.locator('svg[data-pictogram="done"]')).toBeVisible();
		await expectNoAxeViolations(page, 'vote in Einfache Sprache');
		for (const size of sizes) {
			await page.setViewportSize(size.options.viewport!);
			await page.screenshot({ path: `${shots}/live-vote-${size.name}.png` });
		}
		await done.click();
		await expect(page.getByText('Danke! Die Moderation sieht: Sie sind fertig.')).toBeVisible();
		setVote(control.doc, 'kritik', {
			roundId: 'r1',
			on: 'cards',
			budgetPerPerson: 3,
			maxPerItem: 2,
			items,
			open: false,
			revealed: false
		});
		await page.context().close();
	});

	test('read aloud: by the prompt and each card, in the page language; a second press stops', async () => {
		const page = await people.newPage(desktop);
		// Records what the page hands to the browser's speech synthesis instead of speaking.
		await page.addInitScript(() => {
			const log: string[] = [];
			Object.assign(window, { speechLog: log });
			speechSynthesis.speak = (utterance) => {
				log.push(`speak ${utterance.lang} ${utterance.text}`);
			};
			speechSynthesis.cancel = () => void log.push('cancel');
		});
		await open(page, `/j/${code}?einfach=1`);
		await page.getByRole('main').getByRole('button', { name: 'Mitmachen', exact: true }).click();
		await expectSimpleLiveRoom(page);
		await chooseView(page, 'Liste');
		const log = () => page.evaluate(() => (window as unknown as { speechLog: string[] }).speechLog);

		const prompt = page.getByRole('button', { name: 'Frage vorlesen' });
		// In Einfache Sprache the button says what it does in words, next to its icon.
		await expect(prompt).toHaveText('Frage vorlesen');
		await prompt.click();
		await expect(page.getByRole('button', { name: 'Vorlesen beenden' })).toHaveAttribute(
			'aria-pressed',
			'true'
		);
		await page.getByRole('button', { name: 'Vorlesen beenden' }).click();
		await expect(prompt).toHaveAttribute('aria-pressed', 'false');
		await page
			.locator('[data-card-id]')
			.filter({ hasText: 'Der Spielplatz braucht Schatten' })
			.getByRole('button', { name: 'Karte vorlesen' })
			.click();
		await expect
			.poll(log)
			.toEqual([
				'cancel',
				'speak de-DE Was stört, was fehlt?',
				'cancel',
				'cancel',
				'speak de-DE Der Spielplatz braucht Schatten'
			]);
		for (const size of sizes) {
			await page.setViewportSize(size.options.viewport!);
			await page.screenshot({ path: `${shots}/live-list-${size.name}.png` });
		}
		await page.context().close();

		// A browser that cannot speak shows no read-aloud buttons at all.
		const mute = await people.newPage(desktop);
		await mute.addInitScript(() => {
			delete (window as { SpeechSynthesisUtterance?: unknown }).SpeechSynthesisUtterance;
		});
		await open(mute, `/j/${code}`);
		await mute.getByRole('main').getByRole('button', { name: 'Los geht’s' }).click();
		await expect(mute.getByLabel('Neue Karte')).toBeEditable({ timeout: liveTimeout });
		await chooseView(mute, 'Liste');
		await expect(mute.locator('[data-card-id]').first()).toBeVisible();
		await expect(mute.getByRole('button', { name: /vorlesen/ })).toHaveCount(0);
		await mute.context().close();
	});

	test('screenshots: join page and live room in Einfache Sprache; no sideways scrolling', async () => {
		for (const size of sizes) {
			const page = await people.newPage(size.options);
			await open(page, `/j/${code}?einfach=1`);
			await expect(
				page.getByRole('main').getByRole('button', { name: 'Mitmachen', exact: true })
			).toBeVisible();
			await expectNoSidewaysScroll(page, `join page at ${size.name}`);
			await page.screenshot({ path: `${shots}/join-${size.name}.png`, fullPage: true });
			if (size.name === '360') await expectNoAxeViolations(page, '/j/<code> at 360 px');
			await page.getByRole('main').getByRole('button', { name: 'Mitmachen', exact: true }).click();
			await expectSimpleLiveRoom(page);
			await expectNoSidewaysScroll(page, `live room at ${size.name}`);
			await page.screenshot({ path: `${shots}/live-${size.name}.png` });
			if (size.name === '360') await expectNoAxeViolations(page, 'live room at 360 px');
			await page.context().close();
		}
	});

	async function expectNoSidewaysScroll(page: Page, what: string) {
		const widths = await page.evaluate(() => ({
			scroll: document.documentElement.scrollWidth,
			client: document.documentElement.clientWidth
		}));
		expect(widths.scroll, `${what} scrolls sideways`).toBeLessThanOrEqual(widths.client);
	}

	test('bad input: ?einfach=garbage gives the default; a link or the form switches it', async ({
		playwright
	}) => {
		const request = await playwright.request.newContext({ baseURL: server.baseURL });
		const get = async (path: string, cookie?: string) => {
			const response = await request.get(path, { headers: cookie ? { cookie } : {} });
			expect(response.status(), path).toBe(200);
			return { html: await response.text(), setCookie: response.headers()['set-cookie'] ?? '' };
		};
		const simple = (html: string) => html.includes('Ihr Name (freiwillig)');
		const garbage = await get(`/j/${code}?einfach=%3Cscript%3Ealert(1)%3C/script%3E`, 'einfach=1');
		expect(simple(garbage.html)).toBe(false);
		expect(garbage.html).toContain('Los geht’s');
		expect(garbage.html).not.toContain('<script>alert(1)');
		expect(garbage.setCookie).toMatch(/einfach=0;/);
		const linked = await get(`/j/${code}?einfach=1`);
		expect(simple(linked.html)).toBe(true);
		expect(linked.setCookie).toMatch(/einfach=1;/);
		expect(simple((await get(`/j/${code}`, 'einfach=1')).html)).toBe(true);
		expect(simple((await get(`/j/${code}`, 'einfach=yes')).html)).toBe(false);
		// English has plain versions of the join texts: the switch stays on in English.
		const english = (await get(`/j/${code}?lang=en`, 'einfach=1')).html;
		expect(english).toContain('Simple language');
		expect(english).toContain('Your name (you do not have to give one)');

		const post = (einfach: string, redirectTo: string) =>
			request.post('/einfach', {
				form: { einfach, redirectTo },
				headers: { origin: server.baseURL },
				maxRedirects: 0
			});
		const on = await post('1', `/j/${code}`);
		expect(on.status()).toBe(303);
		expect(on.headers()['location']).toBe(`/j/${code}`);
		expect(on.headers()['set-cookie']).toMatch(/^einfach=1;/);
		const odd = await post('vielleicht', '//evil.example/');
		expect(odd.headers()['location']).toBe('/');
		expect(odd.headers()['set-cookie']).toMatch(/^einfach=0;/);
		await request.dispose();
	});

	test('switched off after a ?einfach=1 link: the link no longer overrides the choice', async () => {
		const page = await people.newPage(desktop);
		await open(page, `/j/${code}?einfach=1`);
		const toggle = page.getByRole('main').getByRole('button', { name: 'Einfache Sprache' });
		await expect(toggle).toHaveAttribute('aria-pressed', 'true');
		await toggle.click();
		await expect(toggle).toHaveAttribute('aria-pressed', 'false');
		await expect(page).toHaveURL(new RegExp(`/j/${code}$`));
		await expect(page.getByRole('main').getByRole('button', { name: 'Los geht’s' })).toBeVisible();
		await page.reload();
		await expect(toggle).toHaveAttribute('aria-pressed', 'false');
		await page.context().close();
	});

	test('without JavaScript the switch is a plain form and still works', async () => {
		const page = await people.newPage({ ...desktop, javaScriptEnabled: false });
		await page.goto(`/j/${code}`);
		await page.getByRole('main').getByRole('button', { name: 'Einfache Sprache' }).click();
		await expect(page).toHaveURL(new RegExp(`/j/${code}$`));
		await expect(
			page.getByRole('main').getByRole('button', { name: 'Mitmachen', exact: true })
		).toBeVisible();
		await expect(
			page.getByRole('main').getByRole('button', { name: 'Einfache Sprache' })
		).toHaveAttribute('aria-pressed', 'true');
		await page.context().close();
	});
});
