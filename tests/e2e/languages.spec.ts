import { mkdirSync } from 'node:fs';
import { expect, test, type BrowserContextOptions, type Page } from '@playwright/test';
import { readControl, setPlan } from '../../src/lib/collab/control';
import { documentName } from '../../src/lib/collab/documents';
import { loadAllLocales, locales, translate, type Locale } from '../../src/lib/i18n';
import { connectClient } from '../helpers/sync';
import { expectNoAxeViolations } from './axe';
import { startServer, type RunningServer } from './server';
import { People, createAccount, createWorkshop, liveTimeout, open, phone } from './steps';

/**
 * Languages (issue 14, point 1): a participant switches the join page to each of the six languages,
 * joins, and the live room's phase bar, board and card form speak that language; Arabic is right
 * to left and mirrored. Unknown language codes in a cookie, a link or the switch's form give
 * German, never an error; the switch works without JavaScript. axe checks every language.
 */
const shots = '/work/notes/shots/languages';
const desktop: BrowserContextOptions = { viewport: { width: 1366, height: 768 } };

/** One word per language written out by hand, so the test does not only compare the tables. */
const addCard: Record<Locale, string> = {
	de: 'Karte hinzufügen',
	en: 'Add card',
	tr: 'Kart ekle',
	ar: 'إضافة بطاقة',
	uk: 'Додати картку',
	ru: 'Добавить карточку'
};

test.describe.serial('languages: six languages for participants, Arabic right to left', () => {
	let server: RunningServer;
	let people: People;
	let workshopId: string;
	let code: string;
	let control: ReturnType<typeof connectClient>;
	let host: Page;

	test.beforeAll(async ({ browser }) => {
		await loadAllLocales();
		mkdirSync(shots, { recursive: true });
		server = await startServer();
		people = new People(browser, server);
	});

	test.afterAll(async () => {
		control?.destroy();
		await people?.closeAll();
		await server?.stop();
	});

	test('setup: a facilitator runs a workshop in its critique phase', async () => {
		host = await people.newPage();
		await open(host, server.setupLink);
		await createAccount(host, {
			name: 'Lale Sprachen',
			email: 'lale@sprachen.example',
			password: 'sechs-sprachen-2026'
		});
		workshopId = await createWorkshop(host, 'Werkstatt Sprachen');
		await open(host, `/w/${workshopId}`);
		const cookie = (await host.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
		const ws = server.baseURL.replace(/^http/, 'ws') + '/sync';
		control = connectClient(ws, documentName(workshopId, 'control'), cookie);
		await control.synced();
		await expect.poll(() => readControl(control.doc).plan?.phases.length).toBeGreaterThan(2);
		const plan = readControl(control.doc).plan!;
		setPlan(control.doc, { ...plan, currentPhaseId: 'kritik' });
		const reply = await host.request.post(`/w/${workshopId}/present/code`, {
			headers: { origin: server.baseURL }
		});
		expect(reply.ok()).toBe(true);
		code = ((await reply.json()) as { code: string }).code;
	});

	/** The live room of a participant speaks `locale`: phase bar, board, card form, presence. */
	async function expectLiveRoomIn(page: Page, locale: Locale) {
		const say = (key: string, params?: Record<string, string | number>) =>
			translate(locale, key, params);
		await expect(page.getByLabel(say('wall.newCardLabel'))).toBeEditable({ timeout: liveTimeout });
		await expect(page.getByRole('button', { name: addCard[locale], exact: true })).toBeVisible();
		const total = readControl(control.doc).plan!.phases.length;
		const bar = page.getByRole('region', { name: say('facilitation.bar.label') });
		await expect(bar).toContainText(say('facilitation.bar.position', { number: 2, total }));
		await expect(
			page.getByRole('region', { name: say('live.board.wall'), exact: true })
		).toBeVisible();
		// The facilitator is in the room too: the count is theirs and the participant's.
		const presence = page.locator('#presence-heading');
		await expect(presence).toContainText(say('presence.count', { n: 2 }), {
			timeout: liveTimeout
		});
		await expect(presence).toContainText(say('presence.title'));
		await expect(page.getByTestId('connection-status')).toContainText(say('status.saved'), {
			timeout: liveTimeout
		});
	}

	/** The page's direction and whether the header is mirrored (brand on the right). */
	async function layoutDirection(page: Page) {
		return page.evaluate(() => {
			const brand = document.querySelector('.brand')!.getBoundingClientRect();
			return {
				dir: document.documentElement.dir,
				direction: getComputedStyle(document.querySelector('main')!).direction,
				brandOnRight: brand.left > window.innerWidth / 2
			};
		});
	}

	for (const locale of locales) {
		test(`a participant switches the join page to ${locale}, joins and works in it`, async () => {
			const page = await people.newPage(desktop);
			await open(page, `/j/${code}`);
			// Everyone starts in German; the switch on the join page names each language in itself.
			await expect(page.locator('html')).toHaveAttribute('lang', 'de');
			const select = page.getByRole('main').getByLabel('Sprache wechseln');
			for (const [value, name] of [
				['tr', 'Türkçe'],
				['ar', 'العربية'],
				['uk', 'Українська'],
				['ru', 'Русский']
			])
				await expect(select.locator(`option[value="${value}"]`)).toHaveText(name);
			await expect(select.locator('option[value="ar"]')).toHaveAttribute('lang', 'ar');
			await select.selectOption(locale);
			await page.getByRole('main').getByRole('button', { name: 'Wechseln' }).click();
			await expect(page.locator('html')).toHaveAttribute('lang', locale);
			await expect(page).toHaveURL(new RegExp(`/j/${code}$`));
			const join = page.getByRole('button', { name: translate(locale, 'join.submit') });
			await expect(join).toBeVisible();
			await expect(page.getByLabel(translate(locale, 'join.name'))).toBeVisible();
			await expectNoAxeViolations(page, `/j/<code> in ${locale}`);
			if (locale === 'ar' || locale === 'tr')
				await page.screenshot({ path: `${shots}/join-${locale}-1366.png`, fullPage: true });

			await join.click();
			await expect(page).toHaveURL(new RegExp(`/w/${workshopId}$`));
			await expectLiveRoomIn(page, locale);
			// Remembered: a reload keeps the language (the cookie).
			await page.reload();
			await expectLiveRoomIn(page, locale);
			await expectNoAxeViolations(page, `live room in ${locale}`);

			const layout = await layoutDirection(page);
			if (locale === 'ar')
				expect(layout).toEqual({ dir: 'rtl', direction: 'rtl', brandOnRight: true });
			else expect(layout).toEqual({ dir: 'ltr', direction: 'ltr', brandOnRight: false });
			if (locale === 'ar' || locale === 'tr')
				await page.screenshot({ path: `${shots}/live-${locale}-1366.png` });
			await page.context().close();
		});
	}

	// This once timed out: the skip link, parked at left: -9999px, made right-to-left pages about
	// 10,000 px wide, so a phone zoomed out and every tap hit <html>. The width check below guards it.
	test('on a phone: a ?lang= link opens the join page in Arabic and Turkish', async () => {
		const expectNoSidewaysScroll = async (page: Page, what: string) => {
			const widths = await page.evaluate(() => ({
				scroll: document.documentElement.scrollWidth,
				client: document.documentElement.clientWidth
			}));
			expect(widths.scroll, `${what}: no sideways scrolling`).toBeLessThanOrEqual(widths.client);
		};
		for (const locale of ['ar', 'tr'] as const) {
			const page = await people.newPage(phone);
			await open(page, `/j/${code}?lang=${locale}`);
			await expect(page.locator('html')).toHaveAttribute('lang', locale);
			await expect(page.locator('html')).toHaveAttribute('dir', locale === 'ar' ? 'rtl' : 'ltr');
			await page.screenshot({ path: `${shots}/join-${locale}-360.png`, fullPage: true });
			await expectNoSidewaysScroll(page, `join page in ${locale}`);
			await page.getByRole('button', { name: translate(locale, 'join.submit') }).click();
			await expect(page).toHaveURL(new RegExp(`/w/${workshopId}$`));
			await expectLiveRoomIn(page, locale);
			await expectNoAxeViolations(page, `live room on a phone in ${locale}`);
			await expectNoSidewaysScroll(page, `live room in ${locale}`);
			await page.screenshot({ path: `${shots}/live-${locale}-360.png` });
			await page.context().close();
		}
	});

	test('a facilitator translates a phase; each participant reads it in their language, as text', async () => {
		await host.getByRole('button', { name: 'Ablauf bearbeiten …' }).click();
		const dialog = host.getByRole('dialog', { name: 'Ablauf' });
		const kritik = dialog.getByTestId('plan-phase').filter({ hasText: 'Kritikphase' });
		const variants = kritik.getByTestId('phase-variants');
		await variants.locator('summary').click();
		const language = variants.getByLabel('Sprache', { exact: true });
		const save = variants.getByRole('button', { name: 'Übersetzung speichern' });
		const saved = variants.getByRole('status');
		const problem = variants.getByRole('alert');
		const stored = () =>
			readControl(control.doc).plan!.phases.find((phase) => phase.id === 'kritik')!.variants;

		// Markup is text like any other: stored as written, shown as written.
		const marked = '<b>Ne eksik?</b> <img src=x onerror="document.title=\'xss\'">';
		await language.selectOption('tr');
		await variants.getByLabel('Name der Phase (Türkçe)').fill('Eleştiri aşaması');
		await variants.getByLabel('Aufgabe für alle (Türkçe)').fill(marked);
		await save.click();
		await expect(saved).toHaveText('✓ Übersetzung gespeichert: Türkçe.');
		await expect.poll(stored).toEqual({ tr: { title: 'Eleştiri aşaması', prompt: marked } });

		// Too long: refused with a message naming the field; nothing is stored.
		await language.selectOption('ar');
		const arabicTitle = variants.getByLabel('Name der Phase (العربية)');
		await expect(arabicTitle).toHaveAttribute('dir', 'rtl');
		await arabicTitle.fill('ن'.repeat(81));
		await save.click();
		await expect(problem).toHaveText(
			'Der Name ist zu lang. Erlaubt sind höchstens 80 Zeichen (Feld „Name der Phase (العربية)“).'
		);
		await expect(arabicTitle).toHaveAttribute('aria-invalid', 'true');
		expect(stored()).not.toHaveProperty('ar');
		await arabicTitle.fill('');
		await variants.getByLabel('Aufgabe für alle (العربية)').fill('ما الذي يزعجك؟');
		await save.click();
		await expect(saved).toHaveText('✓ Übersetzung gespeichert: العربية.');

		// Choosing a language shows its saved version.
		await language.selectOption('tr');
		await expect(variants.getByLabel('Name der Phase (Türkçe)')).toHaveValue('Eleştiri aşaması');
		await expect(variants.getByLabel('Aufgabe für alle (Türkçe)')).toHaveValue(marked);

		// An unknown language code (a changed form) is refused with a clear message.
		await language.evaluate((select: HTMLSelectElement) => {
			select.add(new Option('Klingon', 'tlh'));
			select.value = 'tlh';
			select.dispatchEvent(new Event('change', { bubbles: true }));
		});
		await save.click();
		await expect(problem).toContainText('Diese Sprache gibt es hier nicht');
		await expect.poll(() => Object.keys(stored() ?? {}).sort()).toEqual(['ar', 'tr']);

		await language.selectOption('einfach');
		await variants
			.getByLabel('Aufgabe für alle (Einfache Sprache)')
			.fill('Was ist nicht gut? Schreiben Sie es auf.');
		await save.click();
		await expect(saved).toHaveText('✓ Übersetzung gespeichert: Einfache Sprache.');
		await expect(variants.locator('summary')).toContainText('Übersetzungen (3)');
		await expectNoAxeViolations(host, 'phase editor with its translations open');
		// Closed and opened again, the fields show what the plan holds.
		await variants.locator('summary').click();
		await variants.locator('summary').click();
		await expect(variants.getByLabel('Aufgabe für alle (Einfache Sprache)')).toHaveValue(
			'Was ist nicht gut? Schreiben Sie es auf.'
		);
		for (const [width, height] of [
			[1366, 768],
			[1920, 1080],
			[360, 740]
		] as const) {
			await host.setViewportSize({ width, height });
			await variants.locator('summary').scrollIntoViewIfNeeded();
			await host.screenshot({ path: `${shots}/phase-variants-${width}.png` });
		}
		await host.setViewportSize({ width: 1280, height: 900 });
		await dialog.getByRole('button', { name: 'Schließen' }).click();
		// The facilitator's own room (German) keeps the original.
		await expect(host.getByTestId('phase-prompt')).toHaveText('Was stört, was fehlt?');

		const readers: { locale: Locale; simple?: true; title: string; prompt: string }[] = [
			{ locale: 'tr', title: 'Eleştiri aşaması', prompt: marked },
			{ locale: 'ar', title: 'Kritikphase', prompt: 'ما الذي يزعجك؟' },
			{ locale: 'uk', title: 'Kritikphase', prompt: 'Was stört, was fehlt?' },
			{
				locale: 'de',
				simple: true,
				title: 'Kritikphase',
				prompt: 'Was ist nicht gut? Schreiben Sie es auf.'
			}
		];
		for (const { locale, simple, title, prompt } of readers) {
			const page = await people.newPage(desktop);
			await open(page, `/j/${code}?${simple ? 'einfach=1' : `lang=${locale}`}`);
			await page
				.getByRole('button', { name: translate(locale, 'join.submit', {}, simple) })
				.click();
			await expect(page).toHaveURL(new RegExp(`/w/${workshopId}$`));
			const bar = page.getByTestId('phase-bar');
			await expect(bar.getByRole('heading', { level: 2 })).toHaveText(title, {
				timeout: liveTimeout
			});
			await expect(page.getByTestId('phase-prompt')).toHaveText(prompt);
			await expect(page.getByTestId('phase-prompt').locator('b, img')).toHaveCount(0);
			expect(await page.title()).toContain(title);
			if (locale === 'tr') await page.screenshot({ path: `${shots}/phase-variant-tr-1366.png` });
			await page.context().close();
		}

		// The projector shows the version for the language it is opened in.
		const projector = await people.newPage({ viewport: { width: 1920, height: 1080 } });
		await projector.context().addCookies(await host.context().cookies());
		await open(projector, `/w/${workshopId}/present?lang=tr`);
		await expect(projector.getByTestId('present-phase')).toHaveText('Eleştiri aşaması', {
			timeout: liveTimeout
		});
		await expect(projector.getByTestId('present-prompt')).toHaveText(marked);
		await projector.screenshot({ path: `${shots}/present-tr-1920.png` });
		await projector.context().close();
	});

	test('without JavaScript the switch still works (a plain form POST) and is remembered', async () => {
		const page = await people.newPage({ ...desktop, javaScriptEnabled: false });
		await page.goto(`/j/${code}`);
		await page.getByRole('main').getByLabel('Sprache wechseln').selectOption('uk');
		await page.getByRole('main').getByRole('button', { name: 'Wechseln' }).click();
		await expect(page.locator('html')).toHaveAttribute('lang', 'uk');
		await expect(page.getByRole('button', { name: 'Почнімо' })).toBeVisible();
		await page.goto('/barrierefreiheit');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Заява про доступність');
		// Staff pages fall back to English for the extra languages.
		await page.goto('/login');
		await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
		await page.context().close();
	});

	test('unknown language codes in a cookie, a link or the form give German, never an error', async ({
		playwright
	}) => {
		const request = await playwright.request.newContext({ baseURL: server.baseURL });
		const htmlOf = async (path: string, cookie?: string) => {
			const response = await request.get(path, { headers: cookie ? { cookie } : {} });
			expect(response.status(), path).toBe(200);
			return /<html lang="([^"]*)" dir="([^"]*)">/.exec(await response.text())?.slice(1);
		};
		expect(await htmlOf(`/j/${code}`, 'lang=xx')).toEqual(['de', 'ltr']);
		expect(await htmlOf(`/j/${code}`, 'lang=%3Cscript%3E')).toEqual(['de', 'ltr']);
		expect(await htmlOf(`/j/${code}`, 'lang=ar')).toEqual(['ar', 'rtl']);
		expect(await htmlOf(`/j/${code}?lang=klingon`, 'lang=ar')).toEqual(['de', 'ltr']);
		expect(await htmlOf('/j?lang=%22%3E%3Cb%3E')).toEqual(['de', 'ltr']);
		expect(await htmlOf('/barrierefreiheit?lang=ru')).toEqual(['ru', 'ltr']);

		const post = (locale: string) =>
			request.post('/lang', {
				form: { locale, redirectTo: `/j/${code}` },
				headers: { origin: server.baseURL },
				maxRedirects: 0
			});
		const unknown = await post('../../etc/passwd');
		expect(unknown.status()).toBe(303);
		expect(unknown.headers()['location']).toBe(`/j/${code}`);
		expect(unknown.headers()['set-cookie']).toMatch(/^lang=de;/);
		const turkish = await post('tr');
		expect(turkish.headers()['set-cookie']).toMatch(/^lang=tr;/);
		await request.dispose();
	});
});
