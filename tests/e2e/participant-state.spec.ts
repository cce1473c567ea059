import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { readControl, setPlan, setVote } from '../../src/lib/collab/control';
import { documentName } from '../../src/lib/collab/documents';
import { connectClient } from '../helpers/sync';
import { startServer, type RunningServer } from './server';
import { People, createAccount, createWorkshop, liveTimeout, open, phone } from './steps';

/**
 * Two details of a participant's live room (issue 14): "Ich bin fertig" stays said across a reload
 * (the server keeps it per vote round and person), and a long name in the presence list is cut
 * with "…" on screen while the whole name stays readable (text and tooltip).
 */
const shots = '/work/notes/shots/languages';
const longName = 'Maximiliane Wilhelmine von Hohenzollern';

test.describe.serial('a participant’s state in the live room', () => {
	let server: RunningServer;
	let people: People;
	let host: Page;
	let workshopId: string;
	let code: string;
	let control: ReturnType<typeof connectClient>;

	test.beforeAll(async ({ browser }) => {
		mkdirSync(shots, { recursive: true });
		server = await startServer();
		people = new People(browser, server);
	});

	test.afterAll(async () => {
		control?.destroy();
		await people?.closeAll();
		await server?.stop();
	});

	test('setup: a workshop in its critique phase with an open dot vote', async () => {
		host = await people.newPage();
		await open(host, server.setupLink);
		await createAccount(host, {
			name: 'Ida Zustand',
			email: 'ida@zustand.example',
			password: 'fertig-bleibt-fertig-2026'
		});
		workshopId = await createWorkshop(host, 'Werkstatt Zustand');
		await open(host, `/w/${workshopId}`);
		const cookie = (await host.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
		const ws = server.baseURL.replace(/^http/, 'ws') + '/sync';
		control = connectClient(ws, documentName(workshopId, 'control'), cookie);
		await control.synced();
		await expect.poll(() => readControl(control.doc).plan?.phases.length).toBeGreaterThan(2);
		setPlan(control.doc, { ...readControl(control.doc).plan!, currentPhaseId: 'kritik' });
		setVote(control.doc, 'kritik', {
			roundId: 'round-1',
			on: 'cards',
			items: ['card-a', 'card-b'],
			budgetPerPerson: 3,
			maxPerItem: 2,
			open: true,
			revealed: false
		});
		const reply = await host.request.post(`/w/${workshopId}/present/code`, {
			headers: { origin: server.baseURL }
		});
		expect(reply.ok()).toBe(true);
		code = ((await reply.json()) as { code: string }).code;
	});

	test('"Ich bin fertig" stays said after a reload, and only for this person', async () => {
		const page = await people.newPage(phone);
		await open(page, `/j/${code}`);
		await page.getByLabel('Ihr Name (optional)').fill(longName);
		await page.getByRole('button', { name: 'Los geht’s' }).click();
		await expect(page).toHaveURL(new RegExp(`/w/${workshopId}$`));
		const done = page.getByRole('button', { name: 'Ich bin fertig' });
		await expect(done).toBeVisible({ timeout: liveTimeout });
		await done.click();
		const thanks = page
			.getByRole('status')
			.filter({ hasText: 'Die Moderation sieht, dass Sie fertig sind' });
		await expect(done).toBeHidden();
		await expect(thanks).toBeVisible();
		await expect
			.poll(() => readControl(control.doc).voteDone.kritik)
			.toEqual({ roundId: 'round-1', done: 1 });

		await page.reload();
		await expect(page.getByRole('heading', { name: 'Abstimmung' })).toBeVisible({
			timeout: liveTimeout
		});
		await expect(thanks).toBeVisible({ timeout: liveTimeout });
		await expect(done).toBeHidden();

		// Another person on the same vote has not said it.
		const other = await people.newPage(phone);
		await open(other, `/j/${code}`);
		await other.getByRole('button', { name: 'Los geht’s' }).click();
		await expect(other.getByRole('button', { name: 'Ich bin fertig' })).toBeVisible({
			timeout: liveTimeout
		});

		// A new round starts fresh: "fertig" belonged to the old one.
		setVote(control.doc, 'kritik', {
			roundId: 'round-2',
			on: 'cards',
			items: ['card-a', 'card-b'],
			budgetPerPerson: 3,
			maxPerItem: 2,
			open: true,
			revealed: false
		});
		await expect(done).toBeVisible({ timeout: liveTimeout });
		await other.context().close();
		await page.context().close();
	});

	test('a long name in the presence list: cut with … on screen, whole in text and tooltip', async () => {
		for (const [viewport, size] of [
			[{ width: 360, height: 740 }, '360'],
			[{ width: 1366, height: 768 }, '1366'],
			[{ width: 1920, height: 1080 }, '1920']
		] as const) {
			const page = await people.newPage(
				size === '360' ? phone : { viewport: { width: viewport.width, height: viewport.height } }
			);
			await open(page, `/j/${code}`);
			await page.getByLabel('Ihr Name (optional)').fill(longName);
			await page.getByRole('button', { name: 'Los geht’s' }).click();
			const entry = page
				.getByTestId('presence')
				.getByRole('listitem')
				.filter({ hasText: longName });
			await expect(entry).toBeVisible({ timeout: liveTimeout });
			await expect(entry).toHaveAttribute('title', longName);
			await expect(entry).toContainText(longName);
			const shown = await entry.locator('.name').evaluate((name) => ({
				cut: name.scrollWidth > name.clientWidth,
				overflow: getComputedStyle(name).textOverflow,
				width: name.closest('li')!.getBoundingClientRect().width,
				fontSize: parseFloat(getComputedStyle(document.documentElement).fontSize)
			}));
			expect(shown.overflow).toBe('ellipsis');
			// At most 14rem wide (60 % of a phone): the name is cut, the list stays one line.
			expect(shown.width).toBeLessThanOrEqual(14 * shown.fontSize + 1);
			expect(shown.cut).toBe(true);
			const widths = await page.evaluate(() => ({
				scroll: document.documentElement.scrollWidth,
				client: document.documentElement.clientWidth
			}));
			expect(widths.scroll).toBeLessThanOrEqual(widths.client);
			await page.screenshot({ path: `${shots}/presence-long-name-${size}.png` });
			await page.context().close();
		}
	});
});
