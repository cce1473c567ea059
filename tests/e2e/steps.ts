import {
	expect,
	type Browser,
	type BrowserContext,
	type BrowserContextOptions,
	type Page
} from '@playwright/test';
import type { RunningServer } from './server';

/** Small steps and settings shared by the browser stories. */

export interface Person {
	name: string;
	email: string;
	password: string;
}

/** Live changes must arrive "within a second"; shared CI machines get some slack. */
export const liveTimeout = 5_000;
export const desktop: BrowserContextOptions = { viewport: { width: 1280, height: 900 } };
export const phone: BrowserContextOptions = {
	viewport: { width: 360, height: 740 },
	isMobile: true,
	hasTouch: true
};

/**
 * Opens a page by URL and waits until SvelteKit has hydrated it (the network is idle by then), so
 * forms are enhanced before the test uses them. (Typing during hydration is covered in forms.spec.ts.)
 */
export async function open(page: Page, url: string) {
	return page.goto(url, { waitUntil: 'networkidle' });
}

export async function createAccount(page: Page, person: Person) {
	await page.getByLabel('Name').fill(person.name);
	await page.getByLabel('E-Mail').fill(person.email);
	await page.getByLabel('Passwort').fill(person.password);
	await page.getByRole('button', { name: 'Konto anlegen' }).click();
	await expect(page).toHaveURL(/\/workshops$/);
}

export const connectionStatus = (page: Page) => page.getByTestId('connection-status');
export const presence = (page: Page) => page.getByTestId('presence');

export async function addCard(page: Page, cardText: string) {
	await page.getByLabel('Neue Karte').fill(cardText);
	await page.getByRole('button', { name: 'Karte hinzufügen' }).click();
}

export async function chooseView(page: Page, view: 'Wand' | 'Liste') {
	const button = page.getByRole('group', { name: 'Ansicht' }).getByRole('button', { name: view });
	await button.click();
	await expect(button).toHaveAttribute('aria-pressed', 'true');
}

/**
 * The facilitator starts the workshop and moves on until `phase` is the current phase: one click at
 * a time, each followed by waiting until the heading shows the next phase, so that no click is lost
 * to a page that is not ready and none skips past the phase.
 */
export async function moveToPhase(page: Page, phase: string, start = false) {
	const heading = page.getByTestId('phase-bar').getByRole('heading', { level: 2 });
	if (start) await page.getByRole('button', { name: 'Werkstatt starten' }).click();
	// A Zukunftswerkstatt has five phases; a facilitator may have added a few.
	for (let step = 0; step < 12; step++) {
		await expect(heading).toBeVisible();
		const current = ((await heading.textContent()) ?? '').trim();
		if (current === phase) return;
		await page.getByRole('button', { name: 'Nächste Phase' }).click();
		await expect(heading).not.toHaveText(current);
	}
	throw new Error(`the phase "${phase}" did not come`);
}

/**
 * Waits until the page has handled the input it was given and drawn the result: input events
 * are handled before the next frame, and Svelte updates the page before that frame is drawn. A
 * barrier for "that click changed nothing", instead of a pause.
 */
export async function handledAndDrawn(page: Page) {
	await page.evaluate(
		() =>
			new Promise<void>((resolve) =>
				requestAnimationFrame(() => requestAnimationFrame(() => resolve()))
			)
	);
}

export class People {
	readonly contexts: BrowserContext[] = [];
	constructor(
		readonly browser: Browser,
		readonly server: RunningServer
	) {}

	async newPage(options: BrowserContextOptions = desktop): Promise<Page> {
		const context = await this.browser.newContext({ ...options, baseURL: this.server.baseURL });
		this.contexts.push(context);
		return context.newPage();
	}

	async closeAll() {
		for (const context of this.contexts) await context.close().catch(() => undefined);
	}
}

/** The admin makes a staff invite link; a fresh browser context takes it. */
export async function inviteStaff(
	adminPage: Page,
	people: People,
	roleLabel: 'Moderation' | 'Sozialplanung',
	person: Person
): Promise<Page> {
	await open(adminPage, '/admin/staff');
	await adminPage.getByLabel('Rolle').selectOption({ label: roleLabel });
	await adminPage.getByRole('button', { name: 'Einladungslink erstellen' }).click();
	const link = (await adminPage.getByTestId('staff-invite-link').textContent()) ?? '';
	const page = await people.newPage();
	await open(page, link);
	await createAccount(page, person);
	return page;
}

/** Creates a workshop on the facilitator's page and returns its id. */
export async function createWorkshop(page: Page, title: string): Promise<string> {
	await open(page, '/workshops/new');
	await page.getByLabel('Titel').fill(title);
	await page.getByLabel('Datum').fill('2026-03-14');
	await page.getByRole('button', { name: 'Werkstatt anlegen' }).click();
	await expect(page).toHaveURL(/\/workshops\/(?!new$)[a-z0-9]+$/);
	return new URL(page.url()).pathname.split('/').pop() ?? '';
}

export async function createInviteLink(page: Page, workshopId: string): Promise<string> {
	await open(page, `/workshops/${workshopId}`);
	await page.getByRole('button', { name: 'Link erstellen' }).click();
	const link = page.getByTestId('invite-link');
	await expect(link).toHaveText(/\/join\/\w+$/);
	return (await link.textContent()) ?? '';
}

export async function join(page: Page, inviteLink: string, displayName: string) {
	await open(page, inviteLink);
	await page.getByLabel('Ihr Name (optional)').fill(displayName);
	await page.getByRole('button', { name: 'Los geht’s' }).click();
	await expect(page).toHaveURL(/\/w\/[a-z0-9]+$/);
}
