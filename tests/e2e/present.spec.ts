import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import * as Y from 'yjs';
import { readControl, setPlan, setTimer, setVote } from '../../src/lib/collab/control';
import { documentName } from '../../src/lib/collab/documents';
import { clustersOf, readCards } from '../../src/lib/collab/wall';
import { startTimer } from '../../src/lib/domain/facilitation/timer';
import { visionField } from '../../src/lib/domain/vision';
import { connectClient } from '../helpers/sync';
import { expectNoAxeViolations } from './axe';
import { startServer, type RunningServer } from './server';
import {
	People,
	addCard,
	createAccount,
	createInviteLink,
	createWorkshop,
	liveTimeout,
	open,
	phone
} from './steps';

/**
 * The projector: a facilitator opens the presentation view beside the live room, people join with
 * the short code it shows, and it follows the workshop (cards, timer, vote results, the vision
 * text) without a control or an error on it. The facilitator's moves are made by a real client on
 * the control document with the facilitator's session, so this story does not depend on where the
 * controls sit on the live page.
 */
const fullHd = { viewport: { width: 1920, height: 1080 } };
const hd = { viewport: { width: 1280, height: 720 } };
const errorText = /Fehler|Rechte|fehlen|nicht gefunden|Error/;

test.describe.serial('presentation view and join codes', () => {
	let server: RunningServer;
	let people: People;
	let host: Page;
	let projector: Page;
	let guest: Page;
	let workshopId: string;
	let code: string;
	let control: ReturnType<typeof connectClient>;
	let content: ReturnType<typeof connectClient>;

	/** The facilitator's session as a cookie header, for the real clients below. */
	async function sessionCookie(context: BrowserContext) {
		const cookies = await context.cookies();
		return cookies.map((c) => `${c.name}=${c.value}`).join('; ');
	}

	function goToPhase(phaseId: string) {
		const plan = readControl(control.doc).plan!;
		setPlan(control.doc, { ...plan, currentPhaseId: phaseId });
	}

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

	test('the facilitator opens the projector view: phase, prompt and a join code, nothing else', async () => {
		host = await people.newPage({ viewport: { width: 1366, height: 768 } });
		await open(host, server.setupLink);
		await createAccount(host, {
			name: 'Bea Beamer',
			email: 'bea@present.example',
			password: 'leinwand-2026-x'
		});
		workshopId = await createWorkshop(host, 'Zukunftswerkstatt Marktplatz');
		await createInviteLink(host, workshopId);
		await expect(host.getByRole('link', { name: 'Beamer-Ansicht öffnen' })).toBeVisible();
		// The live page sets up the phases on the facilitator's first visit.
		await open(host, `/w/${workshopId}`);
		const cookie = await sessionCookie(host.context());
		const ws = server.baseURL.replace(/^http/, 'ws') + '/sync';
		control = connectClient(ws, documentName(workshopId, 'control'), cookie);
		content = connectClient(ws, documentName(workshopId, 'content'), cookie);
		await Promise.all([control.synced(), content.synced()]);
		await expect.poll(() => readControl(control.doc).plan?.phases.length).toBeGreaterThan(2);
		goToPhase('kritik');

		projector = await host.context().newPage();
		await projector.setViewportSize(fullHd.viewport);
		await open(projector, `/w/${workshopId}/present`);
		await expect(projector.getByTestId('present-phase')).toHaveText('Kritikphase');
		await expect(projector.getByTestId('present-prompt')).not.toBeEmpty();
		await expect(projector.getByTestId('present-code')).toHaveText(/^[A-HJ-NP-Z2-9]{6}$/);
		await expect(projector.getByRole('img', { name: /QR-Code/ })).toBeVisible();
		await expect(projector.getByTestId('present-wall')).toHaveCount(0);
		await expect(projector.getByText('Noch keine Karten')).toBeVisible();
		code = (await projector.getByTestId('present-code').textContent()) ?? '';
		// No controls and no site navigation on the projector.
		await expect(projector.getByRole('button')).toHaveCount(0);
		await expect(projector.getByRole('navigation')).toHaveCount(0);
		await expectNoAxeViolations(projector, 'projector view');
	});

	test('a participant on a phone types the code, writes a card, and the projector shows it', async () => {
		guest = await people.newPage(phone);
		await open(guest, '/j');
		await expectNoAxeViolations(guest, '/j');
		await guest.getByLabel('Code (6 Zeichen)').fill('k7m2q0');
		await guest.getByRole('button', { name: 'Weiter' }).click();
		await expect(guest.getByRole('alert')).toContainText('kein O, I, 0 oder 1');
		await guest
			.getByLabel('Code (6 Zeichen)')
			.fill(`${code.slice(0, 3)}-${code.slice(3).toLowerCase()}`);
		await guest.getByRole('button', { name: 'Weiter' }).click();
		await expect(guest).toHaveURL(new RegExp(`/j/${code}$`));
		await guest.getByLabel('Ihr Name (optional)').fill('Pia Phone');
		await guest.getByRole('button', { name: 'Los geht’s' }).click();
		await expect(guest).toHaveURL(new RegExp(`/w/${workshopId}$`));
		await addCard(guest, 'Zu wenig Schatten am Brunnen');
		await expect(projector.getByTestId('present-wall')).toContainText(
			'Zu wenig Schatten am Brunnen',
			{
				timeout: liveTimeout
			}
		);
	});

	test('30 cards in groups fit the screen at 1920×1080 and 1280×720, readable from afar', async () => {
		const words = ['Bänke', 'Bus', 'Licht', 'Müll', 'Spielplatz', 'Markt'];
		content.doc.transact(() => {
			const groups = ['Aufenthalt', 'Verkehr', 'Sauberkeit'].map((name, index) => {
				const id = `g${index}`;
				const fields = new Y.Map<unknown>();
				clustersOf(content.doc).set(id, fields);
				for (const [key, value] of Object.entries({
					name,
					board: 'kritik',
					x: index * 400,
					y: 0,
					createdAt: index
				}))
					fields.set(key, value);
				return id;
			});
			for (let i = 0; i < 29; i++) {
				const card = new Y.Map<unknown>();
				content.doc.getMap('cards').set(`c${i}`, card);
				const fields = {
					text: `${words[i % words.length]}: Anregung Nummer ${i + 1} aus dem Quartier`,
					x: 0,
					y: 0,
					colour: 'yellow',
					createdAt: 1000 + i,
					board: 'kritik',
					cluster: i % 4 === 3 ? '' : groups[i % 3]
				};
				for (const [key, value] of Object.entries(fields)) card.set(key, value);
			}
		});
		await expect.poll(() => readCards(content.doc).length).toBe(30);
		const wall = projector.getByTestId('present-wall');
		await expect(wall.getByRole('listitem')).toHaveCount(30, { timeout: liveTimeout });
		for (const size of [fullHd, hd]) {
			await projector.setViewportSize(size.viewport);
			await expect(wall.getByRole('heading', { name: 'Verkehr' })).toBeVisible();
			// Everything inside the screen, no scrolling, and type large enough for the back row.
			const fit = await wall.evaluate((element) => ({
				scroll: element.scrollHeight - element.clientHeight,
				font: parseFloat(getComputedStyle(element.querySelector('li')!).fontSize),
				bottom: element.getBoundingClientRect().bottom
			}));
			expect(fit.scroll).toBeLessThanOrEqual(1);
			expect(fit.bottom).toBeLessThanOrEqual(size.viewport.height);
			expect(fit.font).toBeGreaterThanOrEqual(size === fullHd ? 20 : 14);
			await projector.screenshot({ path: `test-results/present-wall-${size.viewport.width}.png` });
		}
		await projector.setViewportSize(fullHd.viewport);
	});

	test('the timer runs large on the projector; after the reveal the vote results show', async () => {
		setTimer(control.doc, (startTimer(5 * 60_000, Date.now()) as { ok: true; value: never }).value);
		await expect(projector.getByTestId('present-timer')).toHaveText(/0[45]:\d\d$/, {
			timeout: liveTimeout
		});
		const vote = {
			roundId: 'r1',
			on: 'cards' as const,
			budgetPerPerson: 3,
			maxPerItem: 2,
			items: ['c1', 'c2'],
			open: true,
			revealed: false
		};
		setVote(control.doc, 'kritik', vote);
		await expect
			.poll(async () =>
				(await guest.request.get(`/w/${workshopId}/api/vote?board=kritik`)).status()
			)
			.toBe(200);
		for (const [itemId, dots] of [
			['c1', 2],
			['c2', 1]
		] as const)
			for (let i = 0; i < dots; i++) {
				const cast = await guest.request.post(`/w/${workshopId}/api/vote`, {
					data: { board: 'kritik', itemId, delta: 1 }
				});
				expect(cast.status()).toBe(200);
			}
		await expect(projector.getByTestId('present-results')).toHaveCount(0);
		const reveal = await host.request.post(`/w/${workshopId}/api/vote/reveal`, {
			data: { board: 'kritik' }
		});
		expect(reveal.ok()).toBe(true);
		const results = projector.getByTestId('present-results');
		await expect(results.getByRole('listitem').first()).toContainText('Anregung Nummer 2', {
			timeout: liveTimeout
		});
		await expect(results.getByRole('listitem').first()).toContainText('2 Punkte');
		await projector.screenshot({ path: 'test-results/present-results-1920.png' });
	});

	test('in the text phase the projector shows the vision text as it is written', async () => {
		goToPhase('phantasie');
		await expect(projector.getByTestId('present-phase')).toHaveText('Phantasiephase', {
			timeout: liveTimeout
		});
		// The fantasy phase has a wall and a text: the text joins the wall once it has begun.
		await expect(projector.getByText('Noch keine Karten')).toBeVisible();
		await expect(projector.getByTestId('present-text')).toHaveCount(0);
		const fragment = content.doc.getXmlFragment(visionField('phantasie'));
		content.doc.transact(() => {
			const heading = new Y.XmlElement('heading');
			const paragraph = new Y.XmlElement('paragraph');
			fragment.insert(0, [heading, paragraph]);
			heading.insert(0, [new Y.XmlText('Unser Marktplatz 2030')]);
			paragraph.insert(0, [
				new Y.XmlText('Schatten, Wasser und Platz für alle. <script>x</script>')
			]);
		});
		const text = projector.getByTestId('present-text');
		await expect(text.getByRole('heading', { name: 'Unser Marktplatz 2030' })).toBeVisible({
			timeout: liveTimeout
		});
		await expect(text).toContainText('<script>x</script>');
		await projector.screenshot({ path: 'test-results/present-text-1920.png' });
		await expectNoAxeViolations(projector, 'projector view, text phase');
	});

	test('an observer link opens the projector view, never an error, and cannot write', async () => {
		await open(host, `/workshops/${workshopId}`);
		await host.getByLabel('Rechte').selectOption({ label: 'Zuschauen' });
		await host.getByRole('button', { name: 'Link erstellen' }).click();
		const link = (await host.getByTestId('invite-link').textContent()) ?? '';
		const beamer = await people.newPage(hd);
		await open(beamer, link);
		await beamer.getByRole('button', { name: 'Los geht’s' }).click();
		await expect(beamer).toHaveURL(new RegExp(`/w/${workshopId}/present$`));
		await expect(beamer.getByTestId('present-phase')).toHaveText('Phantasiephase');
		await expect(beamer.getByTestId('present-code')).toHaveText(/^[A-HJ-NP-Z2-9]{6}$/);
		await expect(beamer.locator('body')).not.toContainText(errorText);
		// The live page sends an observer to the projector view too.
		await open(beamer, `/w/${workshopId}`);
		await expect(beamer).toHaveURL(new RegExp(`/present$`));
		// Writing with the projector's session is refused by the server: nothing is stored.
		const vote = await beamer.request.post(`/w/${workshopId}/api/vote`, {
			data: { board: 'kritik', itemId: 'c1', delta: 1 }
		});
		expect(vote.status()).toBe(403);
		const ws = server.baseURL.replace(/^http/, 'ws') + '/sync';
		const writer = connectClient(
			ws,
			documentName(workshopId, 'content'),
			await sessionCookie(beamer.context())
		);
		try {
			await writer.synced();
			writer.doc.getMap('cards').set('forged', new Y.Map());
			await expect.poll(() => writer.closes.length, { timeout: liveTimeout }).toBeGreaterThan(0);
			expect(content.doc.getMap('cards').has('forged')).toBe(false);
		} finally {
			writer.destroy();
		}
		await beamer.screenshot({ path: 'test-results/present-observer-1280.png' });
	});

	test('guessing codes is stopped after ten wrong ones with 429 and a plain message', async () => {
		const statuses: number[] = [];
		for (let i = 0; i < 11; i++)
			statuses.push((await guest.request.get(`/j/ZZZZZ${'ABCDEFGHJKL'[i]}`)).status());
		expect(statuses.slice(0, 10).every((status) => status === 200)).toBe(true);
		expect(statuses[10]).toBe(429);
		await open(guest, '/j/ZZZZZZ');
		await expect(guest.locator('body')).toContainText('Zu viele falsche Codes');
	});
});
