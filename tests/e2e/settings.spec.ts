import { mkdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { startServer, type RunningServer } from './server';
import {
	People,
	createAccount,
	createInviteLink,
	createWorkshop,
	desktop,
	inviteStaff,
	open,
	phone,
	type Person
} from './steps';

/**
 * The municipality's settings end to end: an admin sets its name, the privacy and imprint links
 * and a logo; a participant opening a join link (or a projector's code) reads in plain words what
 * joining stores, with those links and the logo, and nothing at all is stored before the join
 * button is pressed. A facilitator may not change the settings. Screenshots of both pages at three
 * sizes land in test-results/settings/.
 */

const admin: Person = {
	name: 'Ada Admin',
	email: 'ada@settings.example',
	password: 'kommune-2026-a'
};
const facilitator: Person = {
	name: 'Fritz Moderation',
	email: 'fritz@settings.example',
	password: 'moderation-2026-f'
};
const municipality = 'Stadt Musterstadt';
const privacyUrl = 'https://www.musterstadt.example/datenschutz';
const imprintUrl = 'https://www.musterstadt.example/impressum';
const shots = 'test-results/settings';
const sizes = [
	{ name: '1366x768', viewport: { width: 1366, height: 768 } },
	{ name: '1920x1080', viewport: { width: 1920, height: 1080 } },
	{ name: '360x740', viewport: { width: 360, height: 740 } }
];

/** Rows per table of the server's store, read beside the running server. */
function rowCounts(server: RunningServer): Record<string, number> {
	const db = new Database(server.databasePath, { readonly: true, fileMustExist: true });
	try {
		const tables = db
			.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
			.all() as { name: string }[];
		return Object.fromEntries(
			tables.map(({ name }) => [
				name,
				(db.prepare(`SELECT COUNT(*) AS n FROM "${name}"`).get() as { n: number }).n
			])
		);
	} finally {
		db.close();
	}
}

/** What the browser keeps for the site: cookies, Web Storage and IndexedDB databases. */
async function browserStorage(page: Page) {
	const inPage = await page.evaluate(async () => ({
		localStorage: Object.keys(localStorage),
		// SvelteKit keeps the tab's scroll positions in sessionStorage (gone with the tab); anything
		// else there would be ours.
		sessionStorage: Object.keys(sessionStorage).filter((key) => !key.startsWith('sveltekit:')),
		indexedDB: (await indexedDB.databases()).map((db) => db.name)
	}));
	return { cookies: (await page.context().cookies()).map((c) => c.name), ...inPage };
}

const nothingKept = { cookies: [], localStorage: [], sessionStorage: [], indexedDB: [] };

/** A logo as an admin would upload it: a real PNG, drawn by the browser's canvas. */
async function drawLogo(page: Page): Promise<Buffer> {
	const dataUrl = await page.evaluate(() => {
		const canvas = document.createElement('canvas');
		canvas.width = 360;
		canvas.height = 120;
		const g = canvas.getContext('2d')!;
		g.fillStyle = '#8a1c1c';
		g.beginPath();
		g.moveTo(20, 12);
		g.lineTo(100, 12);
		g.lineTo(100, 70);
		g.quadraticCurveTo(100, 100, 60, 112);
		g.quadraticCurveTo(20, 100, 20, 70);
		g.closePath();
		g.fill();
		g.fillStyle = '#f2c230';
		g.fillRect(40, 40, 40, 12);
		g.fillRect(54, 26, 12, 40);
		g.fillStyle = '#1b2a2f';
		g.font = 'bold 40px sans-serif';
		g.fillText('Muster', 118, 62);
		g.font = '28px sans-serif';
		g.fillText('stadt', 120, 96);
		return canvas.toDataURL('image/png');
	});
	return Buffer.from(dataUrl.split(',')[1], 'base64');
}

/** gzip size of every script the page loads from now on, each address counted once. */
function scriptBudget(page: Page) {
	const sizes = new Map<string, Promise<number>>();
	page.on('response', (response) => {
		if (response.request().resourceType() === 'script' && !sizes.has(response.url()))
			sizes.set(
				response.url(),
				response.body().then((body) => gzipSync(body).length)
			);
	});
	return async () => (await Promise.all(sizes.values())).reduce((a, b) => a + b, 0);
}

const settingsForm = (page: Page) => ({
	name: page.getByLabel('Name der Kommune'),
	privacy: page.getByLabel('Link zur Datenschutzerklärung'),
	imprint: page.getByLabel('Link zum Impressum'),
	contact: page.getByLabel('Kontakt für Barrierefreiheit'),
	logo: page.getByLabel('Neues Logo hochladen'),
	save: page.getByRole('button', { name: 'Speichern', exact: true })
});

test.describe.serial('municipality settings and the join page', () => {
	let server: RunningServer;
	let people: People;
	let adminPage: Page;
	let facilitatorPage: Page;
	let inviteLink: string;
	let code: string;

	test.beforeAll(async ({ browser }) => {
		mkdirSync(shots, { recursive: true });
		server = await startServer();
		people = new People(browser, server);
		adminPage = await people.newPage();
		await open(adminPage, server.setupLink);
		await createAccount(adminPage, admin);
		facilitatorPage = await inviteStaff(adminPage, people, 'Moderation', facilitator);
		const workshopId = await createWorkshop(facilitatorPage, 'Zukunftswerkstatt Nordstadt');
		inviteLink = await createInviteLink(facilitatorPage, workshopId);
		// A projector's join code, as the presentation view asks for one.
		const minted = await facilitatorPage.request.post(`/w/${workshopId}/present/code`, {
			headers: { origin: server.baseURL }
		});
		expect(minted.ok()).toBe(true);
		code = ((await minted.json()) as { code: string }).code;
		await open(facilitatorPage, '/workshops');
	});
	test.afterAll(async () => {
		await people?.closeAll();
		await server?.stop();
	});

	/**
	 * Every table but the sync engine's: those are written only over a live connection, which needs
	 * a session (counted here), and a room an earlier test opened may still be storing its presence.
	 */
	function appRowCounts(): Record<string, number> {
		return Object.fromEntries(
			Object.entries(rowCounts(server)).filter(([table]) => !table.startsWith('doc_'))
		);
	}

	/**
	 * Opens both ways in (invite link and join code) in a fresh browser and checks that nothing was
	 * stored: no row in any table, no cookie, nothing in the browser's storage. The code's guessing
	 * limit is kept in memory (src/lib/server/join-codes.ts), not in the store.
	 */
	async function openWithoutStoring(options = phone) {
		const before = appRowCounts();
		const guest = await people.newPage(options);
		const scripts = scriptBudget(guest);
		for (const url of [inviteLink, `/j/${code}`]) {
			const response = await open(guest, url);
			expect(response?.status(), url).toBe(200);
			expect(await response?.headerValue('set-cookie'), url).toBeNull();
			await expect(
				guest.getByRole('heading', { name: /Teilnehmen: Zukunftswerkstatt/ })
			).toBeVisible();
			expect(await browserStorage(guest), url).toEqual(nothingKept);
		}
		expect(appRowCounts()).toEqual(before);
		// The join page's JavaScript stays small (gzip), for phones on a slow connection.
		expect(await scripts()).toBeLessThan(150_000);
		return guest;
	}

	test('without settings the join page says what is stored, with a neutral sentence instead of links', async () => {
		const guest = await openWithoutStoring();
		const privacy = guest.getByTestId('join-privacy');
		await expect(privacy.getByRole('heading', { name: 'Was wird gespeichert?' })).toBeVisible();
		await expect(privacy).toContainText(
			'Gespeichert wird erst, wenn Sie auf „Los geht’s“ drücken.'
		);
		await expect(privacy).toContainText('Wenn Sie anonym teilnehmen: kein Name.');
		await expect(privacy).toContainText('Ihre Karten, Texte und Stimmen in dieser Werkstatt.');
		await expect(privacy).toContainText(
			'Wie lange? Ihr Name: bis 90 Tage nach dem Ende der Werkstatt. Ihre Karten, Texte und Stimmen: bis die Kommune die Dokumentation löscht.'
		);
		await expect(privacy).toContainText('Es endet spätestens 30 Tage nach Ihrem letzten Besuch.');
		await expect(privacy).toContainText('Kopie der Karten und Texte');
		await expect(privacy).toContainText('Fragen zum Datenschutz beantwortet Ihnen die Moderation');
		await expect(privacy.getByRole('link')).toHaveCount(0);
		// Without settings the footer holds the accessibility statement alone.
		await expect(guest.getByRole('contentinfo').getByRole('link')).toHaveText(['Barrierefreiheit']);
		await expect(guest.locator('header img')).toHaveCount(0);
		await expectNoAxeViolations(guest, 'join page without settings');
	});

	test('a facilitator may neither see nor change the settings; only admins get the link', async () => {
		await expect(facilitatorPage.getByRole('link', { name: 'Einstellungen' })).toHaveCount(0);
		const page = await facilitatorPage.request.get('/admin/settings');
		expect(page.status()).toBe(403);
		// Sent like the form (same origin, multipart), so SvelteKit's CSRF check lets it through
		// and the refusal is the permission check's.
		const post = (who: Page) =>
			who.request.post('/admin/settings?/save', {
				headers: { origin: server.baseURL, accept: 'text/html' },
				multipart: { municipalityName: 'Übernommen', privacyUrl: '', imprintUrl: '' }
			});
		const refused = await post(facilitatorPage);
		expect(refused.status()).toBe(403);
		expect(await refused.text()).toContain('Dafür fehlen Ihnen die Rechte.');
		const removal = await facilitatorPage.request.post('/admin/settings?/removeLogo', {
			headers: { origin: server.baseURL, accept: 'text/html' },
			multipart: {}
		});
		expect(removal.status()).toBe(403);
		expect(rowCounts(server).site_settings).toBe(0);
		// The same request from the admin goes through: the refusal above was about the person.
		const accepted = await post(adminPage);
		expect(accepted.status()).toBe(200);
		expect(rowCounts(server).site_settings).toBe(1);
		// Not signed in: to the login page.
		const anonymous = await people.newPage();
		await open(anonymous, '/admin/settings');
		await expect(anonymous).toHaveURL(/\/login\?redirectTo=%2Fadmin%2Fsettings$/);
	});

	test('the admin is told clearly what is wrong, keeps what was typed, and then saves', async () => {
		await open(adminPage, '/workshops');
		await adminPage.getByRole('link', { name: 'Einstellungen' }).click();
		await expect(adminPage).toHaveURL(/\/admin\/settings$/);
		await expect(adminPage.getByRole('heading', { name: 'Einstellungen', level: 1 })).toBeVisible();
		await expectNoAxeViolations(adminPage, '/admin/settings');
		const form = settingsForm(adminPage);
		await expect(form.name).toHaveValue('Übernommen');

		// A file the browser itself can tell is too large is not sent at all.
		await form.logo.setInputFiles({
			name: 'riesig.png',
			mimeType: 'image/png',
			buffer: Buffer.alloc(400 * 1024, 1)
		});
		await expect(adminPage.getByText('Das Logo darf höchstens 300 KB groß sein.')).toBeVisible();
		await expect(form.logo).toHaveAttribute('aria-invalid', 'true');

		// Hostile input: a script link, a relative link, an SVG dressed up as a PNG.
		await form.name.fill(municipality);
		await form.privacy.fill('javascript:alert(document.cookie)');
		await form.imprint.fill('www.musterstadt.example/impressum');
		await form.contact.fill('barrierefrei@musterstadt.example');
		await form.logo.setInputFiles({
			name: 'logo.png',
			mimeType: 'image/png',
			buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>')
		});
		await form.save.click();
		await expect(adminPage.getByRole('alert')).toHaveText(
			'Bitte prüfen Sie die markierten Felder. Es wurde nichts gespeichert.'
		);
		await expect(form.privacy).toHaveAttribute('aria-invalid', 'true');
		await expect(form.privacy).toHaveAccessibleDescription(
			/Der Link muss mit https:\/\/ oder http:\/\/ beginnen\./
		);
		await expect(form.imprint).toHaveAccessibleDescription(/Bitte geben Sie die volle Adresse ein/);
		await expect(form.logo).toHaveAccessibleDescription(/muss ein PNG-, JPEG- oder WebP-Bild sein/);
		await expect(form.name).not.toHaveAttribute('aria-invalid', 'true');
		// Nothing lost, nothing stored, and the first wrong field (in page order) has the focus.
		await expect(form.name).toHaveValue(municipality);
		await expect(form.privacy).toHaveValue('javascript:alert(document.cookie)');
		await expect(form.imprint).toHaveValue('www.musterstadt.example/impressum');
		await expect(form.contact).toHaveValue('barrierefrei@musterstadt.example');
		await expect(form.logo).toBeFocused();
		expect(rowCounts(server).site_settings).toBe(1);
		await expectNoAxeViolations(adminPage, '/admin/settings with errors');
		await adminPage.screenshot({ path: `${shots}/admin-settings-errors.png`, fullPage: true });

		await form.privacy.fill(privacyUrl);
		await form.imprint.fill(imprintUrl);
		await form.logo.setInputFiles({
			name: 'wappen.png',
			mimeType: 'image/png',
			buffer: await drawLogo(adminPage)
		});
		await expect(adminPage.getByTestId('logo-preview')).toBeVisible();
		await form.save.click();
		await expect(adminPage.getByRole('status')).toHaveText('Die Einstellungen sind gespeichert.');
		await expect(adminPage.getByTestId('logo-current')).toBeVisible();
		await expect(form.privacy).not.toHaveAttribute('aria-invalid', 'true');
		await expect(form.privacy).toHaveValue(privacyUrl);
		await expect(
			adminPage.locator('header').getByRole('img', { name: municipality })
		).toBeVisible();
		const footer = adminPage.getByRole('contentinfo');
		await expect(footer).toContainText(municipality);
		await expect(footer.getByRole('link', { name: /^Datenschutz/ })).toHaveAttribute(
			'href',
			privacyUrl
		);
		await expect(footer.getByRole('link', { name: /^Impressum/ })).toHaveAttribute(
			'href',
			imprintUrl
		);
		await expectNoAxeViolations(adminPage, '/admin/settings saved');
	});

	test('the logo is served with its checked type, nosniff and an ETag', async () => {
		const src = await adminPage.locator('header img').getAttribute('src');
		expect(src).toMatch(/^\/logo\?v=[0-9a-f]{32}$/);
		const versioned = await adminPage.request.get(src!);
		expect(versioned.status()).toBe(200);
		expect(versioned.headers()['content-type']).toBe('image/png');
		expect(versioned.headers()['x-content-type-options']).toBe('nosniff');
		expect(versioned.headers()['cache-control']).toContain('immutable');
		const plain = await adminPage.request.get('/logo');
		const etag = plain.headers()['etag'];
		expect(etag).toBe(`"${src!.split('=')[1]}"`);
		expect(plain.headers()['cache-control']).toBe('public, no-cache');
		const again = await adminPage.request.get('/logo', { headers: { 'if-none-match': etag } });
		expect(again.status()).toBe(304);
	});

	test('the participant reads what is stored, with both links and the logo, and nothing is stored before joining', async () => {
		const guest = await openWithoutStoring();
		await open(guest, inviteLink);
		const privacy = guest.getByTestId('join-privacy');
		for (const [name, href] of [
			[/^Datenschutzerklärung/, privacyUrl],
			[/^Impressum/, imprintUrl]
		] as const) {
			const link = privacy.getByRole('link', { name });
			await expect(link).toHaveAttribute('href', href);
			await expect(link).toHaveAttribute('target', '_blank');
			await expect(link).toHaveAttribute('rel', /noopener/);
			await expect(link).toHaveAccessibleName(/öffnet in neuem Tab/);
		}
		await expect(privacy).not.toContainText('beantwortet Ihnen die Moderation');
		const logo = guest.locator('header').getByRole('img', { name: municipality });
		await expect(logo).toBeVisible();
		expect(await logo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(360);
		await expect(guest.getByRole('contentinfo')).toContainText(municipality);
		// On a phone the join button is in view without scrolling.
		await expect(guest.getByRole('button', { name: 'Los geht’s' })).toBeInViewport();
		await expectNoAxeViolations(guest, 'join page with settings');

		// Pressing the button is what stores: one participant, one session, one cookie.
		const before = rowCounts(server);
		await guest.getByLabel('Ihr Name (optional)').fill('Mia Mobil');
		await guest.getByRole('button', { name: 'Los geht’s' }).click();
		await expect(guest).toHaveURL(/\/w\/[a-z0-9]+$/);
		const after = rowCounts(server);
		expect(after.participants).toBe(before.participants + 1);
		expect(after.sessions).toBe(before.sessions + 1);
		expect((await guest.context().cookies()).map((c) => c.name)).toEqual([
			expect.stringMatching(/qw_guest$/)
		]);
		// A participant is no staff: the settings stay closed to her too.
		expect((await guest.request.get('/admin/settings')).status()).toBe(403);
	});

	test('the join code page says the same; axe is clean on both ways in on a desktop', async () => {
		const guest = await openWithoutStoring(desktop);
		await expect(guest.getByTestId('join-privacy').getByRole('link')).toHaveCount(2);
		await expectNoAxeViolations(guest, '/j/<code> with settings');
	});

	test('screenshots of the settings and the join page at three sizes', async () => {
		for (const size of sizes) {
			await adminPage.setViewportSize(size.viewport);
			await open(adminPage, '/admin/settings');
			await adminPage.screenshot({
				path: `${shots}/admin-settings-${size.name}.png`,
				fullPage: true
			});
			const guest = await people.newPage({
				viewport: size.viewport,
				...(size.viewport.width < 500 ? { isMobile: true, hasTouch: true } : {})
			});
			await open(guest, inviteLink);
			await expect(guest.getByRole('button', { name: 'Los geht’s' })).toBeInViewport();
			await guest.screenshot({ path: `${shots}/join-${size.name}.png` });
			await guest.screenshot({ path: `${shots}/join-${size.name}-full.png`, fullPage: true });
		}
	});

	test('the live room on a laptop keeps filling the window, with the footer below it', async () => {
		const guest = await people.newPage({ viewport: { width: 1366, height: 768 } });
		await open(guest, inviteLink);
		await guest.getByRole('button', { name: 'Los geht’s' }).click();
		await expect(guest).toHaveURL(/\/w\/[a-z0-9]+$/);
		const footer = guest.getByRole('contentinfo');
		await expect(footer).toBeInViewport({ ratio: 1 });
		// The room's own rule: on laptops the page itself never scrolls.
		expect(
			await guest.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight)
		).toBe(true);
		await guest.screenshot({ path: `${shots}/live-room-1366x768.png` });
	});

	test('the admin removes the logo; the header shows the name without one', async () => {
		await adminPage.setViewportSize(desktop.viewport!);
		await open(adminPage, '/admin/settings');
		await adminPage.getByRole('button', { name: 'Logo entfernen' }).click();
		await expect(adminPage.getByRole('status')).toHaveText('Das Logo ist entfernt.');
		await expect(adminPage.getByText('Noch kein Logo.')).toBeVisible();
		await expect(adminPage.locator('header img')).toHaveCount(0);
		expect((await adminPage.request.get('/logo')).status()).toBe(404);
		// The other settings stay.
		await expect(settingsForm(adminPage).name).toHaveValue(municipality);
	});
});
