import {
	expect,
	test,
	type BrowserContext,
	type BrowserContextOptions,
	type Page
} from '@playwright/test';
import { readControl, setPlan, setVote } from '../../src/lib/collab/control';
import { documentName } from '../../src/lib/collab/documents';
import { addCard as writeCard, nextCardPosition, readCards } from '../../src/lib/collab/wall';
import { connectClient } from '../helpers/sync';
import { expectNoAxeViolations } from './axe';
import { startServer, type RunningServer } from './server';
import { People, addCard, createAccount, createWorkshop, liveTimeout, open, phone } from './steps';

/**
 * Inclusion (issue 14, points 3 and 6) on the participant's views: joining in two steps from the
 * projector's QR code or its short code; a full participant flow with the keyboard alone (join,
 * write a card, vote, "Ich bin fertig") with a visible focus at every stop; 200 % zoom and reflow
 * at 320 px without sideways scrolling; reduced motion; targets of at least 24 × 24 px; what others
 * add said in a polite live region. axe checks each view. The facilitator's moves (phase, vote)
 * are made by a real client on the control document with the facilitator's session.
 */
const shots = '/work/notes/shots/inclusion';
const sizes: { name: string; options: BrowserContextOptions }[] = [
	{ name: '1366', options: { viewport: { width: 1366, height: 768 } } },
	{ name: '1920', options: { viewport: { width: 1920, height: 1080 } } },
	{ name: '360', options: phone }
];
/** A 1280 px window zoomed to 200 %: 640 CSS px, each drawn with 2 device pixels. */
const zoomed: BrowserContextOptions = {
	viewport: { width: 640, height: 400 },
	deviceScaleFactor: 2
};
const narrow: BrowserContextOptions = { viewport: { width: 320, height: 640 } };

test.describe.serial('inclusion: joining, keyboard, zoom, motion, targets, announcements', () => {
	let server: RunningServer;
	let people: People;
	let host: Page;
	let workshopId: string;
	let code: string;
	let control: ReturnType<typeof connectClient>;
	let content: ReturnType<typeof connectClient>;
	/** A participant who joined, for the views after the join page. */
	let guestContext: BrowserContext;

	test.beforeAll(async ({ browser }) => {
		server = await startServer();
		people = new People(browser, server);
	});

	test.afterAll(async () => {
		control?.destroy();
		content?.destroy();
		await people?.closeAll();
		await server?.stop();
	});

	async function sessionCookie(context: BrowserContext) {
		const cookies = await context.cookies();
		return cookies.map((c) => `${c.name}=${c.value}`).join('; ');
	}

	/** A fresh join code, as the projector view asks for one. */
	async function mintCode(): Promise<string> {
		const reply = await host.request.post(`/w/${workshopId}/present/code`, {
			headers: { origin: server.baseURL }
		});
		expect(reply.ok()).toBe(true);
		const minted = (await reply.json()) as { code: string };
		return minted.code;
	}

	/** Presses Tab until `target` has the focus; fails after `limit` presses. Keyboard only. */
	async function tabTo(page: Page, target: ReturnType<Page['locator']>, limit = 80) {
		const element = await target.elementHandle();
		for (let presses = 0; presses < limit; presses++) {
			if (await page.evaluate((el) => el === document.activeElement, element)) return;
			await page.keyboard.press('Tab');
		}
		throw new Error(`Tab did not reach ${target.toString()} in ${limit} presses`);
	}

	/** The focused element shows a ring: it matches :focus-visible and has an outline or shadow. */
	async function expectVisibleFocus(page: Page, what: string) {
		const ring = await page.evaluate(() => {
			const element = document.activeElement;
			if (!(element instanceof HTMLElement) || element === document.body) return null;
			const style = getComputedStyle(element);
			const box = element.getBoundingClientRect();
			// The ring against what it is drawn on: the nearest background that is not transparent.
			const rgb = (colour: string) => (colour.match(/[\d.]+/g) ?? []).map(Number);
			let behind = element.parentElement;
			while (behind && (rgb(getComputedStyle(behind).backgroundColor)[3] ?? 1) === 0)
				behind = behind.parentElement;
			const luminance = (colour: string) => {
				const [r, g, b] = rgb(colour).map((value) => {
					const c = value / 255;
					return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
				});
				return 0.2126 * r + 0.7152 * g + 0.0722 * b;
			};
			const [light, dark] = [
				luminance(style.outlineColor),
				luminance(behind ? getComputedStyle(behind).backgroundColor : 'rgb(255, 255, 255)')
			].sort((a, b) => b - a);
			return {
				contrast: (light + 0.05) / (dark + 0.05),
				focusVisible: element.matches(':focus-visible'),
				outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
				shadow: style.boxShadow !== 'none',
				onScreen: box.width > 0 && box.height > 0
			};
		});
		expect(ring, `nothing focused at ${what}`).not.toBeNull();
		expect(ring?.focusVisible && (ring.outline || ring.shadow) && ring.onScreen, what).toBe(true);
		// WCAG 1.4.11: the ring needs 3:1 against its surroundings to be seen.
		if (ring?.outline)
			expect(ring.contrast, `focus ring contrast at ${what}`).toBeGreaterThanOrEqual(3);
	}

	/** No sideways scrolling: the page is no wider than the window. */
	async function expectNoSidewaysScroll(page: Page, what: string) {
		const widths = await page.evaluate(() => ({
			scroll: document.documentElement.scrollWidth,
			client: document.documentElement.clientWidth
		}));
		expect(widths.scroll, `${what} scrolls sideways`).toBeLessThanOrEqual(widths.client);
	}

	/** Participant controls on screen smaller than 24 × 24 CSS px (WCAG 2.5.8). */
	async function smallTargets(page: Page): Promise<string[]> {
		return page.evaluate(() => {
			const found: string[] = [];
			const controls = document.querySelectorAll<HTMLElement>(
				'main button, main input, main select, main textarea, main summary, main a:not(p a):not(li > p a)'
			);
			for (const control of controls) {
				if (control.closest('.sr-only') || control.getAttribute('type') === 'hidden') continue;
				// A box inside its label: the label is the target (clicking its words ticks it).
				const input = control as HTMLInputElement;
				const target =
					(input.type === 'checkbox' || input.type === 'radio') && control.closest('label')
						? (control.closest('label') as HTMLElement)
						: control;
				const box = target.getBoundingClientRect();
				if (box.width === 0 && box.height === 0) continue;
				if (box.width < 23.5 || box.height < 23.5)
					found.push(
						`${control.tagName.toLowerCase()} "${(control.getAttribute('aria-label') ?? control.textContent ?? (control as HTMLInputElement).name ?? '').trim().slice(0, 40)}" ${Math.round(box.width)}×${Math.round(box.height)}`
					);
			}
			return found;
		});
	}

	/** CSS animations and transitions longer than 0.01 s on any element. */
	async function movingElements(page: Page): Promise<string[]> {
		return page.evaluate(() => {
			const longest = (list: string) =>
				Math.max(
					...list.split(',').map((part) => {
						const value = parseFloat(part);
						return part.trim().endsWith('ms') ? value / 1000 : value;
					})
				);
			const found: string[] = [];
			for (const element of document.querySelectorAll<HTMLElement>('body *')) {
				const style = getComputedStyle(element);
				const animated = style.animationName !== 'none' && longest(style.animationDuration) > 0.01;
				const transitions = longest(style.transitionDuration) > 0.01;
				if (animated || transitions)
					found.push(
						`${element.tagName.toLowerCase()}.${element.className} animation ${style.animationDuration} transition ${style.transitionDuration}`
					);
			}
			return found;
		});
	}

	test('setup: a facilitator runs a workshop in its critique phase', async () => {
		host = await people.newPage();
		await open(host, server.setupLink);
		await createAccount(host, {
			name: 'Ines Inklusion',
			email: 'ines@inklusion.example',
			password: 'barrierefrei-2026'
		});
		workshopId = await createWorkshop(host, 'Werkstatt Brunnenplatz');
		// The live page sets up the phases on the facilitator's first visit.
		await open(host, `/w/${workshopId}`);
		const cookie = await sessionCookie(host.context());
		const ws = server.baseURL.replace(/^http/, 'ws') + '/sync';
		control = connectClient(ws, documentName(workshopId, 'control'), cookie);
		content = connectClient(ws, documentName(workshopId, 'content'), cookie);
		await Promise.all([control.synced(), content.synced()]);
		await expect.poll(() => readControl(control.doc).plan?.phases.length).toBeGreaterThan(2);
		const plan = readControl(control.doc).plan!;
		setPlan(control.doc, { ...plan, currentPhaseId: 'kritik' });
		code = await mintCode();
		expect(code).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
	});

	test('joining takes at most two steps from the QR code and from the short code', async () => {
		// The QR code holds the code's link: step 1 opens it, step 2 is "Los geht’s". No name needed.
		const fromQr = await people.newPage(phone);
		let steps = 0;
		await open(fromQr, `/j/${code}`);
		steps++;
		// Language and Einfache Sprache once, first in the page: the header does not repeat them.
		await expectReaderChoicesOnce(fromQr);
		await fromQr.getByRole('button', { name: 'Los geht’s' }).click();
		steps++;
		await expect(fromQr).toHaveURL(new RegExp(`/w/${workshopId}$`));
		await expect(fromQr.getByLabel('Neue Karte')).toBeEditable({ timeout: liveTimeout });
		expect(steps).toBeLessThanOrEqual(2);

		// Typed: the code page is where people type what the projector shows (step 1 sends the code),
		// then the same join page (step 2). The address itself is no step: the projector shows it.
		const typed = await people.newPage(phone);
		steps = 0;
		await open(typed, '/j');
		await expectReaderChoicesOnce(typed);
		await typed.getByLabel('Code (6 Zeichen)').fill(code.toLowerCase());
		await typed.getByLabel('Code (6 Zeichen)').press('Enter');
		steps++;
		await expect(typed).toHaveURL(new RegExp(`/j/${code}$`));
		await typed.getByRole('button', { name: 'Los geht’s' }).click();
		steps++;
		await expect(typed).toHaveURL(new RegExp(`/w/${workshopId}$`));
		await expect(typed.getByLabel('Neue Karte')).toBeEditable({ timeout: liveTimeout });
		expect(steps).toBeLessThanOrEqual(2);
		await fromQr.context().close();
		await typed.context().close();

		// A slow phone may press before the script has arrived: the plain form joins all the same.
		const noScript = await people.newPage({ ...phone, javaScriptEnabled: false });
		await noScript.goto(`/j/${code}`);
		await noScript.getByRole('button', { name: 'Los geht’s' }).click();
		await expect(noScript).toHaveURL(new RegExp(`/w/${workshopId}$`));
		await noScript.context().close();
	});

	test('a refused join is said at once, in a live region that was there before', async () => {
		const page = await people.newPage(phone);
		await open(page, `/j/${code}`);
		// Empty but present: screen readers say what is put into a live region they already know.
		const problem = page.getByTestId('join-problem');
		await expect(problem).toHaveAttribute('role', 'alert');
		await expect(problem).toHaveText('');
		// Longer than the server allows; the browser's maxlength is lifted for the test.
		await page.locator('#displayName').evaluate((input) => input.removeAttribute('maxlength'));
		await page.locator('#displayName').fill('N'.repeat(80));
		await page.getByRole('button', { name: 'Los geht’s' }).click();
		await expect(problem).toHaveText('Der Name darf höchstens 40 Zeichen haben.');
		await expect(page).toHaveURL(new RegExp(`/j/${code}$`));
		await expect(page.locator('#displayName')).toHaveValue('N'.repeat(80));
		// The reader's choice changes after the refusal: the message stays, said in the new way.
		await page.getByRole('main').getByRole('button', { name: 'Einfache Sprache' }).click();
		await expect(
			page.getByRole('main').getByRole('button', { name: 'Mitmachen', exact: true })
		).toBeVisible();
		await expect(problem).toHaveText('Der Name darf höchstens 40 Zeichen haben.');
		await page.context().close();
	});

	test('a participant joins, writes, votes and says "fertig" with the keyboard alone', async () => {
		const page = await people.newPage({ viewport: { width: 1366, height: 768 } });
		guestContext = page.context();
		await open(page, `/j/${code}`);
		await expectNoAxeViolations(page, '/j/<code>');

		await tabTo(page, page.getByLabel('Ihr Name (optional)'));
		await expectVisibleFocus(page, 'name field');
		await page.keyboard.type('Kim Tastatur');
		await tabTo(page, page.getByRole('button', { name: 'Los geht’s' }));
		await expectVisibleFocus(page, 'join button');
		await page.keyboard.press('Enter');
		await expect(page).toHaveURL(new RegExp(`/w/${workshopId}$`));

		// The list view, chosen with the keyboard (Space on the toggle).
		const list = page
			.getByRole('group', { name: 'Ansicht' })
			.getByRole('button', { name: 'Liste' });
		await expect(list).toBeVisible({ timeout: liveTimeout });
		await tabTo(page, list);
		await expectVisibleFocus(page, 'view toggle');
		await page.keyboard.press('Space');
		await expect(list).toHaveAttribute('aria-pressed', 'true');

		const field = page.getByLabel('Neue Karte');
		await tabTo(page, field);
		await expectVisibleFocus(page, 'card field');
		await page.keyboard.type('Der Brunnen braucht eine Rampe');
		await tabTo(page, page.getByRole('button', { name: 'Karte hinzufügen' }));
		await expectVisibleFocus(page, 'add button');
		await page.keyboard.press('Enter');
		await expect(page.getByTestId('board-area')).toContainText('Der Brunnen braucht eine Rampe', {
			timeout: liveTimeout
		});

		// The facilitator opens a dot vote on the cards of this wall.
		await expect
			.poll(() => readCards(content.doc).filter((c) => c.board === 'kritik').length)
			.toBeGreaterThan(0);
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
		const give = page.getByRole('button', { name: 'Punkt geben: Der Brunnen braucht eine Rampe' });
		await expect(give).toBeVisible({ timeout: liveTimeout });
		await tabTo(page, give);
		await expectVisibleFocus(page, 'vote button');
		await page.keyboard.press('Space');
		await expect(page.getByTestId('vote-remaining')).toContainText('Sie haben noch 2 von 3');
		await expectNoAxeViolations(page, '/w/<id> voting, list view');

		const done = page.getByRole('button', { name: 'Ich bin fertig' });
		await tabTo(page, done);
		await expectVisibleFocus(page, '"Ich bin fertig"');
		await page.keyboard.press('Enter');
		await expect(page.getByRole('status').filter({ hasText: 'Danke!' })).toBeVisible();
		await page.screenshot({ path: `${shots}/keyboard-voted-1366.png` });
	});

	test('what others add is said in a polite live region; own cards are not', async () => {
		const page = await guestContext.newPage();
		await open(page, `/w/${workshopId}`);
		const region = page.getByTestId('wall-announcer');
		await expect(region).toHaveAttribute('aria-live', 'polite');
		await expect(page.getByLabel('Neue Karte')).toBeEditable({ timeout: liveTimeout });
		await addCard(page, 'Meine eigene Karte');
		await expect(page.getByTestId('board-area')).toContainText('Meine eigene Karte');
		// Another person's card (through the facilitator's real client).
		writeCard(content.doc, {
			text: 'Mehr Bänke im Schatten',
			colour: 'yellow',
			board: 'kritik',
			...nextCardPosition(5)
		});
		await expect(region).toHaveText('Neue Karte: Mehr Bänke im Schatten', {
			timeout: liveTimeout
		});
		await expect(region).not.toContainText('Meine eigene Karte');
		// Several at once are said as one sentence.
		content.doc.transact(() => {
			for (const [index, text] of ['Licht am Abend', 'Trinkbrunnen'].entries())
				writeCard(content.doc, {
					text,
					colour: 'blue',
					board: 'kritik',
					...nextCardPosition(6 + index)
				});
		});
		await expect(region).toHaveText('2 neue Karten', { timeout: liveTimeout });
		await page.close();
	});

	test('participant controls are at least 24 × 24 px; no motion with reduced motion', async ({
		browser
	}) => {
		const context = await browser.newContext({
			baseURL: server.baseURL,
			viewport: { width: 360, height: 740 },
			isMobile: true,
			hasTouch: true,
			reducedMotion: 'reduce'
		});
		try {
			// A fresh person for the join page (one who joined goes straight to the room).
			const join = await context.newPage();
			await open(join, `/j/${code}`);
			expect(await smallTargets(join), 'small targets on /j/<code>').toEqual([]);
			expect(await movingElements(join), 'motion on /j/<code>').toEqual([]);
			await join.close();

			const room = await guestContext.newPage();
			await room.emulateMedia({ reducedMotion: 'reduce' });
			await room.setViewportSize({ width: 360, height: 740 });
			await open(room, `/w/${workshopId}`);
			await expect(room.getByTestId('vote-remaining')).toBeVisible({ timeout: liveTimeout });
			expect(await smallTargets(room), 'small targets in the live room').toEqual([]);
			expect(await movingElements(room), 'motion in the live room').toEqual([]);
			await expectNoAxeViolations(room, '/w/<id> reduced motion, phone');
			await room.close();
		} finally {
			await context.close();
		}
	});

	test('join page and live room reflow at 320 px and at 200 % zoom; screenshots', async ({
		browser
	}) => {
		for (const { name, options } of [
			...sizes,
			{ name: '320', options: narrow },
			{ name: 'zoom200', options: zoomed }
		]) {
			const fresh = await browser.newContext({ ...options, baseURL: server.baseURL });
			try {
				const join = await fresh.newPage();
				await open(join, `/j/${code}`);
				await expectNoSidewaysScroll(join, `/j/<code> at ${name}`);
				await join.screenshot({ path: `${shots}/join-${name}.png`, fullPage: true });
				// The same page in Arabic (right to left) and in Einfache Sprache.
				// Both are remembered, so each link sets both; the last one goes back to German.
				for (const [variant, query] of [
					['ar', 'lang=ar&einfach=0'],
					['einfach', 'lang=de&einfach=1']
				]) {
					await open(join, `/j/${code}?${query}`);
					await expectNoSidewaysScroll(join, `/j/<code>?${query} at ${name}`);
					await join.screenshot({ path: `${shots}/join-${variant}-${name}.png`, fullPage: true });
				}
				await open(join, `/j/${code}?einfach=0`);
				if (name === '320' || name === 'zoom200')
					await expectNoAxeViolations(join, `/j at ${name}`);
			} finally {
				await fresh.close();
			}
			const room = await guestContext.newPage();
			if (options.viewport) await room.setViewportSize(options.viewport);
			await open(room, `/w/${workshopId}`);
			await expect(room.getByLabel('Neue Karte')).toBeEditable({ timeout: liveTimeout });
			await expectNoSidewaysScroll(room, `live room at ${name}`);
			await room.screenshot({ path: `${shots}/room-${name}.png`, fullPage: name !== '1366' });
			if (name === '320' || name === 'zoom200')
				await expectNoAxeViolations(room, `/w/<id> at ${name}`);
			await room.close();
		}
	});

	test('the results page reflows at 320 px and at 200 % zoom', async () => {
		await open(host, `/workshops/${workshopId}`);
		await host.getByLabel('Ja, der Maßnahmenplan ist fertig.').check();
		await host.getByRole('button', { name: 'Werkstatt abschließen' }).click();
		await expect(host.getByRole('status')).toContainText('Die Werkstatt ist abgeschlossen.');
		for (const { name, size } of [
			{ name: '320', size: { width: 320, height: 640 } },
			{ name: 'zoom200', size: { width: 640, height: 400 } },
			{ name: '360', size: { width: 360, height: 740 } },
			{ name: '1366', size: { width: 1366, height: 768 } }
		]) {
			const page = await guestContext.newPage();
			await page.setViewportSize(size);
			await open(page, `/w/${workshopId}`);
			const results = page.getByTestId('closed-results');
			await expect(results).toContainText('Der Brunnen braucht eine Rampe');
			await expectNoSidewaysScroll(page, `results at ${name}`);
			await page.screenshot({ path: `${shots}/results-${name}.png`, fullPage: true });
			if (name === '320') await expectNoAxeViolations(page, '/w/<id> closed at 320 px');
			await page.close();
		}
	});
});

/** Language and Einfache Sprache appear once on a join page, in the page, not in the header. */
async function expectReaderChoicesOnce(page: Page) {
	const main = page.getByRole('main');
	await expect(main.getByLabel('Sprache wechseln')).toBeVisible();
	await expect(main.getByRole('button', { name: 'Einfache Sprache' })).toBeVisible();
	await expect(page.getByLabel('Sprache wechseln')).toHaveCount(1);
	await expect(page.getByRole('button', { name: 'Einfache Sprache' })).toHaveCount(1);
}
