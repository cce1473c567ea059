import { expect, type BrowserContextOptions, type Page } from '@playwright/test';

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

/** The facilitator starts the workshop and moves on until `phase` is the current phase. */
export async function moveToPhase(page: Page, phase: string, start = false) {
	if (start) await page.getByRole('button', { name: 'Werkstatt starten' }).click();
	for (let step = 0; step < 6; step++) {
		const heading = page.getByTestId('phase-bar').getByRole('heading', { level: 2 });
		if ((await heading.textContent())?.trim() === phase) return;
		await page.getByRole('button', { name: 'Nächste Phase' }).click();
		await page.waitForTimeout(200);
	}
	await expect(page.getByTestId('phase-bar').getByRole('heading', { level: 2 })).toHaveText(phase);
}
