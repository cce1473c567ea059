import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { startServer, type RunningServer } from './server';
import {
	addCard,
	connectionStatus,
	createAccount,
	createInviteLink,
	createWorkshop,
	join,
	liveTimeout,
	moveToPhase,
	open,
	People,
	phone
} from './steps';

/**
 * The live room, board first: the facilitator's dock beside the wall on a laptop (the wall keeps
 * at least 70 % of the window, every control reachable without scrolling the page), a participant
 * on a phone who sees phase, prompt, timer and input at once, the dock as a drawer on a phone, the
 * timer that stays in its phase, and the results after closing.
 */

const laptop = { viewport: { width: 1366, height: 768 } };
const admin = { name: 'Ada Moderation', email: 'ada@quartier.example', password: 'werkstatt-2026' };
const prompt = 'Was stört, was fehlt?';
const cardText = 'Zu wenig Bänke am Marktplatz';
const shots = '/tmp/dock-shots';

const dock = (page: Page) => page.getByTestId('facilitator-dock');
const phaseTimer = (page: Page) => page.getByTestId('phase-timer');

async function openSection(page: Page, section: string) {
	if (section === 'phases') return dock(page).locator('[data-section="phases"]');
	const details = dock(page).locator(`details[data-section="${section}"]`);
	if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
	await expect(details).toHaveAttribute('open', '');
	return details;
}

async function pageScroll(page: Page) {
	return page.evaluate(() => ({
		y: window.scrollY,
		x: window.scrollX,
		scrollHeight: document.documentElement.scrollHeight,
		innerHeight: window.innerHeight
	}));
}

test.describe.serial('the live room', () => {
	let server: RunningServer;
	let people: People;
	let host: Page;
	let phonePerson: Page;
	let workshopId: string;
	let inviteLink: string;

	test.beforeAll(async ({ browser }) => {
		server = await startServer();
		people = new People(browser, server);
	});

	test.afterAll(async () => {
		await people?.closeAll();
		await server?.stop();
	});

	test('the facilitator at 1366×768: the board takes ≥ 70 %, every dock control is reachable', async () => {
		host = await people.newPage(laptop);
		await open(host, server.setupLink);
		await createAccount(host, admin);
		workshopId = await createWorkshop(host, 'Zukunftswerkstatt Marktplatz');
		inviteLink = await createInviteLink(host, workshopId);
		await open(host, `/w/${workshopId}`);
		await expect(connectionStatus(host)).toHaveText('gespeichert');
		await expect(dock(host)).toBeVisible();
		await moveToPhase(host, 'Kritikphase', true);
		await addCard(host, cardText);
		await expect(host.getByText('1 Karte', { exact: true })).toBeVisible();

		const viewport = host.viewportSize()!;
		const board = await host.getByTestId('board-area').boundingBox();
		expect(board).not.toBeNull();
		const share = (board!.width * board!.height) / (viewport.width * viewport.height);
		console.log(`board share of the viewport with the dock open: ${(share * 100).toFixed(1)} %`);
		expect(share).toBeGreaterThanOrEqual(0.7);
		// The page itself does not scroll: everything fits the window.
		const before = await pageScroll(host);
		expect(before.scrollHeight).toBeLessThanOrEqual(before.innerHeight);

		// Every control of every section: inside the window, the page unscrolled. Controls further
		// down a section are reached by scrolling the dock's own area (counted and printed).
		let inDockScroll = 0;
		let total = 0;
		for (const section of ['phases', 'timer', 'board', 'vote']) {
			const details = await openSection(host, section);
			const controls = details.locator(':is(button, input, select, textarea, summary):visible');
			const count = await controls.count();
			expect(count, `controls in ${section}`).toBeGreaterThan(0);
			for (let i = 0; i < count; i++) {
				const control = controls.nth(i);
				const scrolled = await control.evaluate((element) => {
					const area = element.closest('[data-testid="dock-scroll"]');
					const top = area?.scrollTop ?? 0;
					element.scrollIntoView({ block: 'nearest' });
					return (area?.scrollTop ?? 0) !== top;
				});
				if (scrolled) inDockScroll++;
				total++;
				const box = await control.boundingBox();
				expect(box, `${section} #${i}`).not.toBeNull();
				expect(box!.y).toBeGreaterThanOrEqual(0);
				expect(box!.y + box!.height).toBeLessThanOrEqual(viewport.height);
				expect(box!.x + box!.width).toBeLessThanOrEqual(viewport.width);
				const after = await pageScroll(host);
				expect(after.y, 'the page never scrolls').toBe(0);
				expect(after.x).toBe(0);
			}
		}
		console.log(
			`dock controls: ${total}, in the window at once: ${total - inDockScroll}, ` +
				`reached by scrolling the dock's own area: ${inDockScroll}`
		);

		// The phase plan is edited in a dialog, not inline.
		await host.getByRole('button', { name: 'Ablauf bearbeiten …' }).click();
		const dialog = host.getByRole('dialog', { name: 'Ablauf' });
		await expect(dialog.getByTestId('plan-phase')).toHaveCount(5);
		await dialog.getByRole('button', { name: 'Schließen' }).click();
		await expect(dialog).toBeHidden();

		await host.screenshot({ path: `${shots}/facilitator-1366-dock-open.png` });
		await dock(host).getByRole('button', { name: 'Moderation ausblenden' }).click();
		await expect(dock(host)).toBeHidden();
		// Focus goes back to the button that brings the dock back.
		await expect(host.getByTestId('dock-toggle')).toBeFocused();
		await host.screenshot({ path: `${shots}/facilitator-1366-dock-closed.png` });
		await host.getByTestId('dock-toggle').click();
		await expect(dock(host)).toBeVisible();
		await expectNoAxeViolations(host, '/w/[id] facilitator');
		// A projector-sized screen: the same layout, more board.
		await host.setViewportSize({ width: 1920, height: 1080 });
		const big = await host.getByTestId('board-area').boundingBox();
		expect((big!.width * big!.height) / (1920 * 1080)).toBeGreaterThanOrEqual(0.75);
		await host.screenshot({ path: `${shots}/facilitator-1920-dock-open.png` });
		await host.setViewportSize(laptop.viewport);
	});

	test('a participant at 360×740 sees phase, prompt, timer and input without scrolling', async () => {
		const timerSection = await openSection(host, 'timer');
		await timerSection.getByLabel('Minuten').fill('3');
		await timerSection.getByRole('button', { name: 'Start' }).click();
		await expect(phaseTimer(host)).toHaveAttribute('data-status', 'running');

		phonePerson = await people.newPage(phone);
		await join(phonePerson, inviteLink, 'Paula Platz');
		await expect(connectionStatus(phonePerson)).toHaveText('gespeichert');
		const viewport = phonePerson.viewportSize()!;
		const visible = [
			phonePerson.getByTestId('phase-bar').getByRole('heading', { name: 'Kritikphase' }),
			phonePerson.getByTestId('phase-bar').getByText(prompt),
			phaseTimer(phonePerson),
			phonePerson.getByLabel('Neue Karte')
		];
		for (const locator of visible) {
			await expect(locator).toBeVisible({ timeout: liveTimeout });
			const box = await locator.boundingBox();
			expect(box!.y + box!.height).toBeLessThanOrEqual(viewport.height);
		}
		expect((await pageScroll(phonePerson)).y).toBe(0);
		await expect(phonePerson.getByTestId('facilitator-dock')).toHaveCount(0);
		await phonePerson.screenshot({ path: `${shots}/participant-360.png` });
		const desk = await people.newPage(laptop);
		await desk.context().addCookies(await phonePerson.context().cookies());
		await open(desk, `/w/${workshopId}`);
		await expect(phaseTimer(desk)).toBeVisible();
		await desk.screenshot({ path: `${shots}/participant-1366.png` });
		await desk.setViewportSize({ width: 1920, height: 1080 });
		await desk.screenshot({ path: `${shots}/participant-1920.png` });
		await desk.context().close();
		await expectNoAxeViolations(phonePerson, '/w/[id] participant');
	});

	test('a facilitator on a phone opens the dock as a drawer', async () => {
		const hostPhone = await people.newPage(phone);
		await hostPhone.context().addCookies(await host.context().cookies());
		await open(hostPhone, `/w/${workshopId}`);
		await expect(connectionStatus(hostPhone)).toHaveText('gespeichert');
		await expect(dock(hostPhone)).toBeHidden();
		await hostPhone.getByTestId('dock-toggle').click();
		await expect(dock(hostPhone)).toBeVisible();
		const box = await dock(hostPhone).boundingBox();
		const viewport = hostPhone.viewportSize()!;
		expect(box!.y).toBeGreaterThanOrEqual(0);
		expect(box!.y + box!.height).toBeLessThanOrEqual(viewport.height + 1);
		await expect(dock(hostPhone).getByRole('button', { name: /Nächste Phase/ })).toBeInViewport();
		await hostPhone.screenshot({ path: `${shots}/facilitator-360-drawer.png` });
		await dock(hostPhone).getByRole('button', { name: 'Moderation ausblenden' }).click();
		await expect(dock(hostPhone)).toBeHidden();
		await hostPhone.context().close();
	});

	test('the timer stays in its phase', async () => {
		await expect(phaseTimer(phonePerson)).toHaveAttribute('data-status', 'running');
		await moveToPhase(host, 'Phantasiephase');
		await expect(
			phonePerson.getByTestId('phase-bar').getByRole('heading', { name: 'Phantasiephase' })
		).toBeVisible({ timeout: liveTimeout });
		await expect(phaseTimer(phonePerson)).toHaveCount(0);
		await expect(phaseTimer(host)).toHaveCount(0);
		await expect((await openSection(host, 'timer')).getByTestId('timer-state')).toHaveText(
			'Es läuft keine Zeit.'
		);
		// Back in the phase it was set for, it is there again.
		await dock(host).getByRole('button', { name: 'Zurück', exact: true }).click();
		await expect(phaseTimer(phonePerson)).toHaveAttribute('data-status', 'running', {
			timeout: liveTimeout
		});
	});

	test('closing reaches every open page at once; an edit that missed it is reported as lost', async () => {
		// Lea's connection stops sending (a bad network in the last second): her card stays unsaved.
		const late = await people.newPage();
		await join(late, inviteLink, 'Lea Letzte');
		await expect(connectionStatus(late)).toHaveText('gespeichert');
		// Both documents synced (the board shows only then), before her sending stops.
		await expect(late.getByLabel('Neue Karte')).toBeVisible();
		await late.evaluate(() => {
			WebSocket.prototype.send = () => undefined;
		});
		await addCard(late, 'Noch schnell eine Karte');
		await expect(connectionStatus(late)).toHaveText('wird gespeichert …');

		await open(host, `/workshops/${workshopId}`);
		await host.getByLabel('Ja, der Maßnahmenplan ist fertig.').check();
		await host.getByRole('button', { name: 'Werkstatt abschließen' }).click();
		await expect(host.getByRole('status')).toContainText('Die Werkstatt ist abgeschlossen.');

		// No reload: the server pushes the close through the control document to every open page.
		const lost = late.getByTestId('lost-edits');
		await expect(lost).toHaveText(/Ihre letzte Änderung ist nicht mehr gespeichert worden/, {
			timeout: liveTimeout
		});
		await expect(late.getByTestId('closed-results')).not.toContainText('Noch schnell eine Karte');
		await expect(late.getByText('wird gespeichert …')).toHaveCount(0);
		await expect(late.getByLabel('Neue Karte')).toHaveCount(0);
		await expectNoAxeViolations(late, '/w/[id] closed with lost edits');
		const results = phonePerson.getByTestId('closed-results');
		await expect(results).toBeVisible({ timeout: liveTimeout });
		await expect(phonePerson.getByTestId('lost-edits')).toHaveCount(0);
		await expect(results).toBeVisible();
		await expect(results.getByRole('heading', { name: 'Kritikphase' })).toBeVisible();
		await expect(results).toContainText(cardText);
		await expect(phonePerson.getByLabel('Neue Karte')).toHaveCount(0);
		await phonePerson.screenshot({ path: `${shots}/closed-360.png`, fullPage: true });

		await open(host, `/w/${workshopId}`);
		await expect(host.getByTestId('closed-results')).toContainText(cardText);
		await expect(dock(host)).toHaveCount(0);
		await host.screenshot({ path: `${shots}/closed-1366.png` });
		await expectNoAxeViolations(host, '/w/[id] closed');
	});
});
