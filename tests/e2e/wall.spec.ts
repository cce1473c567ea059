import {
	expect,
	test,
	type Browser,
	type BrowserContext,
	type BrowserContextOptions,
	type Locator,
	type Page
} from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { startServer, type RunningServer } from './server';
import {
	chooseView,
	connectionStatus,
	createAccount,
	liveTimeout,
	moveToPhase,
	open,
	phone
} from './steps';

/**
 * A tidy wall: "Alles zeigen" shows all of 60 cards readably on a laptop, new cards land in free
 * space inside the view, group frames never overlap, "Ordnen" lays groups out in columns, and a
 * phone shows the wall's whole width. A facilitator and two participants (one on a phone).
 */

const admin = { name: 'Ada Moderation', email: 'ada@quartier.example', password: 'werkstatt-2026' };
const laptop: BrowserContextOptions = { viewport: { width: 1366, height: 768 } };
const cardW = 180;
const cardH = 110;

interface Drawn {
	text: string;
	x: number;
	y: number;
	cluster: string;
}
interface Box {
	x: number;
	y: number;
	width: number;
	height: number;
}
const overlap = (a: Box, b: Box) =>
	a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** What the canvas draws, in wall units, and its view (from its data attributes). */
async function wallState(canvas: Locator) {
	const [view, cards, frames, font] = await Promise.all([
		canvas.getAttribute('data-view'),
		canvas.getAttribute('data-cards'),
		canvas.getAttribute('data-frames'),
		canvas.getAttribute('data-font-size')
	]);
	const box = (await canvas.boundingBox())!;
	const v = JSON.parse(view!) as { x: number; y: number; scale: number };
	return {
		box,
		view: v,
		fontSize: Number(font),
		cards: JSON.parse(cards!) as Drawn[],
		frames: JSON.parse(frames!) as (Box & { name: string })[],
		/** A wall rectangle on the screen, relative to the canvas. */
		onScreen: (r: Box): Box => ({
			x: v.x + r.x * v.scale,
			y: v.y + r.y * v.scale,
			width: r.width * v.scale,
			height: r.height * v.scale
		})
	};
}
const cardBox = (c: Drawn): Box => ({ x: c.x, y: c.y, width: cardW, height: cardH });
const within = (r: Box, box: { width: number; height: number }) =>
	r.x >= -1 && r.y >= -1 && r.x + r.width <= box.width + 1 && r.y + r.height <= box.height + 1;

test.describe.serial('a tidy wall', () => {
	let server: RunningServer;
	const contexts: BrowserContext[] = [];
	let host: Page;
	let paula: Page;
	let ben: Page;
	let inviteLink: string;
	let workshopId: string;
	const canvasOf = (page: Page) =>
		page.getByRole('region', { name: /Kartenwand als Zeichenfläche/ });

	async function newPage(browser: Browser, options: BrowserContextOptions) {
		const context = await browser.newContext({ ...options, baseURL: server.baseURL });
		contexts.push(context);
		return context.newPage();
	}

	async function join(page: Page, name: string) {
		await open(page, inviteLink);
		await page.getByLabel('Ihr Name (optional)').fill(name);
		await page.getByRole('button', { name: 'Los geht’s' }).click();
		await expect(page).toHaveURL(`${server.baseURL}/w/${workshopId}`);
		await expect(connectionStatus(page)).toHaveText('gespeichert');
	}

	test.beforeAll(async () => {
		server = await startServer();
	});
	test.afterAll(async () => {
		for (const context of contexts) await context.close().catch(() => undefined);
		await server?.stop();
	});

	test('60 cards and four groups: all shown, readable, frames apart', async ({ browser }) => {
		test.setTimeout(180_000);
		host = await newPage(browser, laptop);
		await open(host, server.setupLink);
		await createAccount(host, admin);
		await host.getByRole('link', { name: 'Neue Werkstatt' }).click();
		await host.getByLabel('Titel').fill('Wand am Marktplatz');
		await host.getByRole('button', { name: 'Werkstatt anlegen' }).click();
		await expect(host).toHaveURL(/\/workshops\/(?!new$)[a-z0-9]+$/);
		workshopId = new URL(host.url()).pathname.split('/').pop() ?? '';
		await host.getByRole('button', { name: 'Link erstellen' }).click();
		inviteLink = (await host.getByTestId('invite-link').textContent()) ?? '';
		await host.getByRole('link', { name: 'Zur Live-Werkstatt' }).click();
		await expect(connectionStatus(host)).toHaveText('gespeichert');
		await moveToPhase(host, 'Kritikphase', true);
		await chooseView(host, 'Wand');
		const canvas = canvasOf(host);

		for (let i = 1; i <= 60; i++) {
			await host
				.getByLabel('Neue Karte')
				.fill(`Karte ${i}: ${'Bänke, Schatten, Wege. '.repeat(i % 3)}`);
			await host.getByRole('button', { name: 'Karte hinzufügen' }).click();
			await expect(canvas).toHaveAttribute('data-card-count', String(i));
		}
		// New cards never land on each other.
		let state = await wallState(canvas);
		const rects = state.cards.map(cardBox);
		for (let i = 0; i < rects.length; i++)
			for (let j = i + 1; j < rects.length; j++) expect(overlap(rects[i], rects[j])).toBe(false);

		await host.getByText(/^Gruppen \(0\)/).click();
		for (const name of ['Verkehr', 'Grün', 'Treffpunkte', 'Sicherheit']) {
			await host.getByLabel('Name der neuen Gruppe').fill(name);
			await host.getByRole('button', { name: 'Gruppe anlegen' }).click();
		}
		await expect(canvas).toHaveAttribute('data-frame-count', '4');
		state = await wallState(canvas);
		// New groups are placed in free space too: no frame on a card or another frame.
		for (const f of state.frames) {
			for (const c of state.cards) expect(overlap(f, cardBox(c))).toBe(false);
			for (const g of state.frames) if (g !== f) expect(overlap(f, g)).toBe(false);
		}

		// Cards join groups from the list view (the accessible way); the frames grow with them.
		await chooseView(host, 'Liste');
		const groups = ['Verkehr', 'Grün', 'Treffpunkte', 'Sicherheit'];
		for (let i = 1; i <= 24; i++) {
			await host
				.getByRole('combobox', { name: new RegExp(`^Gruppe: Karte ${i}:`) })
				.selectOption({ label: groups[i % 4] });
		}
		await chooseView(host, 'Wand');
		await expect(canvas).toHaveAttribute('data-frame-count', '4');
		state = await wallState(canvas);
		for (const f of state.frames)
			for (const g of state.frames) if (g !== f) expect(overlap(f, g)).toBe(false);
		for (const c of state.cards.filter((c) => c.cluster)) {
			const frame = state.frames[groups.indexOf(groups[Number(/\d+/.exec(c.text)![0]) % 4])];
			expect(overlap(frame, cardBox(c))).toBe(true);
		}

		// "Alles zeigen": every card and frame is on the screen.
		await host.getByRole('button', { name: 'Vergrößern' }).click();
		await host.getByRole('button', { name: 'Alles zeigen' }).click();
		state = await wallState(canvas);
		for (const c of state.cards) expect(within(state.onScreen(cardBox(c)), state.box)).toBe(true);
		for (const f of state.frames) expect(within(state.onScreen(f), state.box)).toBe(true);
		await host.screenshot({ path: '/tmp/wall-shots/1366-before-ordnen.png' });
		await expectNoAxeViolations(host, 'facilitator canvas with 60 cards');
	});

	test('"Ordnen" lays groups out in columns, readable at "Alles zeigen", undoable', async () => {
		const canvas = canvasOf(host);
		const before = (await wallState(canvas)).cards;
		await host.getByRole('button', { name: 'Ordnen', exact: true }).click();
		await expect(host.getByText('Die Wand ist geordnet.')).toBeVisible();
		await expect
			.poll(async () => JSON.stringify((await wallState(canvas)).cards))
			.not.toBe(JSON.stringify(before));
		const state = await wallState(canvas);
		const frames = [...state.frames].sort((a, b) => a.x - b.x);
		expect(frames.map((f) => f.name)).toEqual(['Verkehr', 'Grün', 'Treffpunkte', 'Sicherheit']);
		for (let i = 1; i < frames.length; i++)
			expect(frames[i].x).toBeGreaterThanOrEqual(frames[i - 1].x + frames[i - 1].width);
		const lastFrame = frames[3];
		for (const c of state.cards.filter((c) => !c.cluster))
			expect(c.x).toBeGreaterThan(lastFrame.x + lastFrame.width);
		for (const f of frames) expect(f.y).toBe(frames[0].y);
		// Readable: the cards' type is at least 11 screen pixels at the zoom "Alles zeigen" picked.
		expect(state.fontSize * state.view.scale).toBeGreaterThanOrEqual(11);
		for (const c of state.cards) expect(within(state.onScreen(cardBox(c)), state.box)).toBe(true);
		await canvas.scrollIntoViewIfNeeded();
		await host.screenshot({ path: '/tmp/wall-shots/1366x768.png' });
		await host.setViewportSize({ width: 1920, height: 1080 });
		await expect.poll(async () => (await wallState(canvas)).box.height).toBeGreaterThan(600);
		await host.getByRole('button', { name: 'Alles zeigen' }).click();
		await host.screenshot({ path: '/tmp/wall-shots/1920x1080.png' });
		await host.setViewportSize({ width: 1366, height: 768 });

		// Undo puts every card back where it was; redo by tidying again.
		await host.getByRole('button', { name: 'Ordnen rückgängig machen' }).click();
		await expect
			.poll(async () => JSON.stringify((await wallState(canvas)).cards))
			.toBe(JSON.stringify(before));
		await host.getByRole('button', { name: 'Ordnen', exact: true }).click();
		await expect(host.getByText('Die Wand ist geordnet.')).toBeVisible();
	});

	test('a participant’s new card lands inside their view, on free space', async ({ browser }) => {
		paula = await newPage(browser, laptop);
		await join(paula, 'Paula Platz');
		await chooseView(paula, 'Wand');
		const canvas = canvasOf(paula);
		await expect(canvas).toHaveAttribute('data-card-count', '60');
		await paula.getByRole('button', { name: 'Vergrößern' }).click();
		await paula.getByRole('button', { name: 'Vergrößern' }).click();
		const text = 'Mehr Licht im Durchgang';
		await paula.getByLabel('Neue Karte').fill(text);
		await paula.getByRole('button', { name: 'Karte hinzufügen' }).click();
		await expect(canvas).toHaveAttribute('data-card-count', '61');
		const state = await wallState(canvas);
		const added = state.cards.find((c) => c.text === text)!;
		expect(within(state.onScreen(cardBox(added)), state.box)).toBe(true);
		for (const c of state.cards)
			if (c !== added) expect(overlap(cardBox(c), cardBox(added))).toBe(false);
		for (const f of state.frames) expect(overlap(f, cardBox(added))).toBe(false);
		await expect(canvasOf(host)).toHaveAttribute('data-card-count', '61', {
			timeout: liveTimeout
		});
	});

	test('on a phone the wall fits its width', async ({ browser }) => {
		ben = await newPage(browser, phone);
		await join(ben, 'Ben Bus');
		await chooseView(ben, 'Wand');
		const canvas = canvasOf(ben);
		await expect(canvas).toHaveAttribute('data-card-count', '61');
		const state = await wallState(canvas);
		expect(state.box.width).toBeLessThanOrEqual(360);
		const xs = [...state.cards.map(cardBox), ...state.frames].map(state.onScreen);
		expect(Math.min(...xs.map((r) => r.x))).toBeGreaterThanOrEqual(-1);
		expect(Math.max(...xs.map((r) => r.x + r.width))).toBeLessThanOrEqual(state.box.width + 1);
		expect(await ben.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
		await canvas.scrollIntoViewIfNeeded();
		await ben.screenshot({ path: '/tmp/wall-shots/360x740.png' });
		await expectNoAxeViolations(ben, 'participant phone canvas');
	});
});
