import Database from 'better-sqlite3';
import fc from 'fast-check';
import {
	expect,
	test,
	type Browser,
	type BrowserContext,
	type BrowserContextOptions,
	type Page
} from '@playwright/test';
import { documentName } from '../../src/lib/collab/documents';
import { readCards } from '../../src/lib/collab/wall';
import { cardAuthors, connectClient } from '../helpers/sync';
import { expectNoAxeViolations } from './axe';
import { startServer, type RunningServer } from './server';
import {
	addCard,
	chooseView,
	connectionStatus,
	createAccount,
	desktop,
	liveTimeout,
	moveToPhase,
	open,
	phone,
	presence
} from './steps';

/**
 * A whole Zukunftswerkstatt, as a facilitator runs it with three participants: preparing the
 * phases, private writing and the reveal, a locked board, clustering in the list and on the
 * canvas, dot voting with the budget held by the server, the fantasy phase in anonymous mode with
 * the co-written vision text, and the draft measures. One server, one story, in order.
 */

const admin = { name: 'Ada Moderation', email: 'ada@quartier.example', password: 'werkstatt-2026' };
const participants = { paula: 'Paula Platz', ben: 'Ben Bus', mia: 'Mia Mobil' };
const critique = {
	benches: 'Zu wenig Bänke am Platz',
	bus: 'Der Bus fährt zu selten',
	meeting: 'Kein Treffpunkt für Jugendliche'
};
const utopia = {
	shade: 'Ein Platz mit Bänken im Schatten',
	bus: 'Busse fahren alle zehn Minuten'
};
const prompt = 'Was stört Sie am Marktplatz? Was fehlt?';

test.describe.serial('Zukunftswerkstatt, played through', () => {
	let server: RunningServer;
	const contexts: BrowserContext[] = [];
	let host: Page;
	let paula: Page;
	let ben: Page;
	let mia: Page;
	let workshopId: string;
	let inviteLink: string;

	async function newPage(browser: Browser, options: BrowserContextOptions = desktop) {
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

	/** A phase's own button: "Überspringen: Vorbereitung" (screen readers hear the phase too). */
	const phaseButton = (page: Page, action: string, phase: string) =>
		page.getByRole('button', { name: new RegExp(`^${action}\\s*:\\s*${phase}$`) });
	const phaseHeading = (page: Page) =>
		page.getByTestId('phase-bar').getByRole('heading', { level: 2 });
	const main = (page: Page) => page.locator('main');
	const everyone = () => [host, paula, ben, mia];
	const participantPages = () => [paula, ben, mia];
	const cardItem = (page: Page, text: string) =>
		page.locator('[data-card-id]').filter({ hasText: text });

	/** Opens one section of the facilitator's dock (one is open at a time) and returns it. */
	async function dockSection(page: Page, name: string) {
		const details = page.getByTestId('facilitator-dock').locator(`details[data-section="${name}"]`);
		if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
		await expect(details).toHaveAttribute('open', '');
		return details;
	}

	/** The participant's own view of the vote: item rows in the vote panel. */
	const voteRow = (page: Page, text: string) =>
		page.getByRole('region', { name: 'Abstimmung mit Punkten' }).getByRole('listitem').filter({
			hasText: text
		});

	test.beforeAll(async () => {
		server = await startServer();
	});

	test.afterAll(async () => {
		for (const context of contexts) await context.close().catch(() => undefined);
		await server?.stop();
	});

	test('the facilitator prepares the phases: prompt, skip, add, reorder, remove, start', async ({
		browser
	}) => {
		host = await newPage(browser);
		await open(host, server.setupLink);
		await createAccount(host, admin);
		await host.getByRole('link', { name: 'Neue Werkstatt' }).click();
		await host.getByLabel('Titel').fill('Zukunftswerkstatt Marktplatz');
		await host.getByRole('button', { name: 'Werkstatt anlegen' }).click();
		await expect(host).toHaveURL(/\/workshops\/(?!new$)[a-z0-9]+$/);
		workshopId = new URL(host.url()).pathname.split('/').pop() ?? '';
		await host.getByRole('button', { name: 'Link erstellen' }).click();
		inviteLink = (await host.getByTestId('invite-link').textContent()) ?? '';

		await host.getByRole('link', { name: 'Zur Live-Werkstatt' }).click();
		await expect(connectionStatus(host)).toHaveText('gespeichert');
		// The phase plan is edited in a dialog opened from the dock.
		await host.getByRole('button', { name: 'Ablauf bearbeiten …' }).click();
		const phases = host.getByTestId('plan-phase');
		await expect(phases).toHaveCount(5);
		await expect(phases.first()).toContainText('Vorbereitung');
		await expect(phaseHeading(host)).toHaveCount(0);
		await expect(host.getByTestId('phase-bar')).toContainText(
			'Die Werkstatt hat noch nicht begonnen.'
		);

		// The critique prompt in the group's own words.
		const critiquePhase = phases.filter({ hasText: 'Kritikphase' });
		await critiquePhase.getByText('Bearbeiten').click();
		await critiquePhase.getByLabel('Aufgabe für alle', { exact: true }).fill(prompt);
		await critiquePhase.getByRole('button', { name: 'Aufgabe speichern' }).click();
		// The preparation happened beforehand: skip it.
		await phaseButton(host, 'Überspringen', 'Vorbereitung').click();
		await expect(phases.first()).toContainText('Wird übersprungen');

		// A break is added, moved up one place and removed again.
		const addForm = host.locator('details.add');
		await addForm.locator('summary').click();
		await addForm.getByLabel('Name der Phase').fill('Kaffeepause');
		await addForm.getByRole('button', { name: 'Phase hinzufügen' }).click();
		await expect(phases).toHaveCount(6);
		await expect(phases.last()).toContainText('Kaffeepause');
		await phaseButton(host, 'Nach oben', 'Kaffeepause').click();
		await expect(phases.nth(4)).toContainText('Kaffeepause');
		await phaseButton(host, 'Entfernen', 'Kaffeepause').click();
		await phaseButton(host, 'Wirklich entfernen\\?', 'Kaffeepause').click();
		await expect(phases).toHaveCount(5);

		await host.getByRole('dialog').getByRole('button', { name: 'Schließen' }).click();
		await host.getByRole('button', { name: 'Werkstatt starten' }).click();
		await expect(phaseHeading(host)).toHaveText('Kritikphase');
		await expect(host.getByTestId('phase-bar')).toContainText('Phase 1 von 4');
		await expect(host.getByTestId('phase-bar')).toContainText(prompt);
		await expectNoAxeViolations(host, 'facilitator, critique phase');
		// The facilitator's panel works on a phone too: nothing needs sideways scrolling.
		await host.setViewportSize({ width: 360, height: 740 });
		expect(await host.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			360
		);
		await host.setViewportSize({ width: 1280, height: 900 });
	});

	test('three participants join and follow the phase, its prompt and the timer', async ({
		browser
	}) => {
		paula = await newPage(browser);
		ben = await newPage(browser);
		mia = await newPage(browser, phone);
		await join(paula, participants.paula);
		await join(ben, participants.ben);
		await join(mia, participants.mia);
		for (const page of participantPages()) {
			await expect(phaseHeading(page)).toHaveText('Kritikphase');
			await expect(page.getByTestId('phase-bar')).toContainText(prompt);
			await expect(page.getByTestId('facilitator-dock')).toHaveCount(0);
		}
		expect(await mia.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

		await dockSection(host, 'timer');
		await host.getByLabel('Minuten').fill('2');
		await host.getByRole('button', { name: 'Start', exact: true }).click();
		for (const page of participantPages()) {
			const timer = page.getByTestId('phase-timer');
			await expect(timer).toHaveAttribute('data-status', 'running');
			await expect(timer).toContainText(/0[12]:[0-5]\d/);
		}
		await host.getByRole('button', { name: 'Pause' }).click();
		await expect(mia.getByTestId('phase-timer')).toHaveAttribute('data-status', 'paused');
		await host.getByRole('button', { name: /^\+1 Min/ }).click();
		await expect(mia.getByTestId('phase-timer')).toContainText(/02:5\d|03:00/);
		await expectNoAxeViolations(mia, 'participant on a phone, critique phase');
	});

	test('private writing: cards stay on their author’s screen until the reveal', async () => {
		// The list shows cards as text (the canvas draws them); the canvas has its own test below.
		for (const page of [host, paula, ben]) await chooseView(page, 'Liste');
		await dockSection(host, 'board');
		await host.getByTestId('toggle-private').check();
		for (const page of participantPages())
			await expect(page.getByTestId('writing-mode')).toContainText('Verdeckt schreiben');

		await addCard(paula, critique.benches);
		await addCard(ben, critique.bus);
		await expect(paula.getByText('Ihre Karten, noch nicht sichtbar (1)')).toBeVisible();
		await expect(cardItem(paula, critique.benches)).toBeVisible();
		await expect(host.getByTestId('reveal-drafts')).toContainText('(2 warten)');
		for (const page of [host, mia, ben])
			await expect(main(page)).not.toContainText(critique.benches);
		await expect(main(paula)).not.toContainText(critique.bus);

		await host.getByTestId('reveal-drafts').click();
		await expect(host.getByText('2 Karten veröffentlicht')).toBeVisible();
		for (const page of everyone()) {
			await expect(cardItem(page, critique.benches)).toBeVisible({ timeout: liveTimeout });
			await expect(cardItem(page, critique.bus)).toBeVisible({ timeout: liveTimeout });
		}
		await expect(paula.getByText(/Ihre Karten, noch nicht sichtbar/)).toHaveCount(0);

		// Private writing has ended with the reveal: the next card goes up at once.
		await expect(mia.getByTestId('writing-mode')).toHaveCount(0);
		await addCard(mia, 'x'.repeat(10_000));
		await expect(mia.getByRole('alert')).toHaveText(
			'Die Karte ist zu lang: höchstens 500 Zeichen.'
		);
		await addCard(mia, critique.meeting);
		for (const page of everyone()) await expect(cardItem(page, critique.meeting)).toBeVisible();
	});

	test('a locked board lets participants read but not write', async () => {
		await dockSection(host, 'board');
		await host.getByTestId('toggle-lock').check();
		for (const page of participantPages()) {
			await expect(page.getByTestId('board-locked')).toBeVisible();
			await expect(page.getByLabel('Neue Karte')).toHaveCount(0);
		}
		await host.getByTestId('toggle-lock').uncheck();
		for (const page of participantPages())
			await expect(page.getByLabel('Neue Karte')).toBeVisible();
	});

	test('cards are grouped from the list view and by dragging on the canvas', async () => {
		await paula.getByText(/^Gruppen \(0\)/).click();
		await paula.getByLabel('Name der neuen Gruppe').fill('Verkehr und Wege');
		await paula.getByRole('button', { name: 'Gruppe anlegen' }).click();
		await paula
			.getByRole('combobox', { name: `Gruppe: ${critique.bus}` })
			.selectOption({ label: 'Verkehr und Wege' });
		const group = (page: Page) => page.getByRole('region', { name: /^Verkehr und Wege/ });
		await expect(group(ben).locator('[data-card-id]')).toHaveText([new RegExp(critique.bus)]);

		// The facilitator drags the meeting-place card into the same frame on the canvas. Where
		// cards and frames are drawn, the canvas tells in data attributes (wall units, and its view).
		await chooseView(host, 'Wand');
		const canvas = host.getByRole('region', { name: /Kartenwand als Zeichenfläche/ });
		await expect(canvas).toHaveAttribute('data-frame-count', '1');
		await canvas.scrollIntoViewIfNeeded();
		const box = (await canvas.boundingBox())!;
		const view = JSON.parse((await canvas.getAttribute('data-view'))!);
		const drawn: { text: string; x: number; y: number }[] = JSON.parse(
			(await canvas.getAttribute('data-cards'))!
		);
		const [frame] = JSON.parse((await canvas.getAttribute('data-frames'))!);
		const meeting = drawn.find((c) => c.text === critique.meeting)!;
		const screen = (x: number, y: number) => ({
			x: box.x + view.x + x * view.scale,
			y: box.y + view.y + y * view.scale
		});
		const from = screen(meeting.x + 90, meeting.y + 55);
		const to = screen(frame.x + frame.width - 100, frame.y + frame.height - 40);
		await host.mouse.move(from.x, from.y);
		await host.mouse.down();
		await host.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 12 });
		await host.mouse.move(to.x, to.y, { steps: 12 });
		await host.mouse.up();
		await expect(group(ben).locator('[data-card-id]')).toHaveCount(2, { timeout: liveTimeout });
		await expect(group(ben)).toContainText(critique.meeting);
		await expectNoAxeViolations(host, 'facilitator canvas view with a group');

		// Follow me: everyone's wall shows the facilitator's part; each person may look around.
		await dockSection(host, 'board');
		await host.getByTestId('toggle-follow').check();
		await expect(ben.getByText('Sie sehen gerade, was die Moderation zeigt.')).toBeVisible();
		await ben.getByRole('button', { name: 'Selbst umsehen' }).click();
		await expect(ben.getByText('Sie schauen sich selbst um.')).toBeVisible();
		await host.getByTestId('toggle-follow').uncheck();
		await expect(ben.getByRole('button', { name: 'Wieder der Moderation folgen' })).toHaveCount(0);
		await chooseView(host, 'Liste');
		await expectNoAxeViolations(ben, 'participant list view with a group');
	});

	test('dot voting: the server holds the budget, totals stay hidden until the reveal', async () => {
		const controls = await dockSection(host, 'vote');
		await controls.getByLabel('Punkte pro Person').fill('3');
		await controls.getByLabel(/Höchstens so viele Punkte/).fill('2');
		await host.getByTestId('open-vote').click();

		for (const page of participantPages())
			await expect(page.getByTestId('vote-remaining')).toContainText(
				'Sie haben noch 3 von 3 Punkten.'
			);
		await voteRow(paula, critique.bus)
			.getByRole('button', { name: /^Punkt geben/ })
			.click();
		await voteRow(paula, critique.bus)
			.getByRole('button', { name: /^Punkt geben/ })
			.click();
		await expect(
			voteRow(paula, critique.bus).getByRole('button', { name: /^Punkt geben/ })
		).toBeDisabled();
		await voteRow(paula, critique.benches)
			.getByRole('button', { name: /^Punkt geben/ })
			.click();
		await expect(paula.getByTestId('vote-remaining')).toContainText('noch 0 von 3');

		// A modified client asking for a fourth dot is refused by the server.
		const state = await (await paula.request.get(`/w/${workshopId}/api/vote?board=kritik`)).json();
		const overBudget = await paula.request.post(`/w/${workshopId}/api/vote`, {
			data: { board: 'kritik', itemId: state.vote.items[0], delta: 1 }
		});
		expect(overBudget.status()).toBe(409);
		expect((await overBudget.json()).message).toBe('Sie haben keine Punkte mehr.');
		expect(state.results).toBeNull();
		// Random bodies (no "-1", which would rightly take a dot back): always a clear refusal
		// (400/409 with a message; 415 for a bare string, sent as text), never a server error, and
		// never a dot more or less.
		await fc.assert(
			fc.asyncProperty(
				fc.oneof(
					fc.jsonValue(),
					fc.record({
						board: fc.oneof(fc.constant('kritik'), fc.string()),
						itemId: fc.oneof(fc.constantFrom(...state.vote.items), fc.string(), fc.integer()),
						delta: fc.oneof(fc.constantFrom(1, 0, 2), fc.double(), fc.string())
					})
				),
				async (body) => {
					const reply = await paula.request.post(`/w/${workshopId}/api/vote`, { data: body });
					expect([400, 409, 415]).toContain(reply.status());
					expect(typeof (await reply.json()).message).toBe('string');
				}
			),
			{ numRuns: 60 }
		);
		const after = await (await paula.request.get(`/w/${workshopId}/api/vote?board=kritik`)).json();
		expect(after.own).toEqual(state.own);

		for (let i = 0; i < 2; i++)
			await voteRow(ben, critique.benches)
				.getByRole('button', { name: /^Punkt geben/ })
				.click();
		await expect(ben.getByTestId('vote-remaining')).toContainText('noch 1 von 3');
		await voteRow(mia, critique.meeting)
			.getByRole('button', { name: /^Punkt geben/ })
			.click();
		for (const page of participantPages())
			await page.getByRole('button', { name: 'Ich bin fertig' }).click();
		await dockSection(host, 'vote');
		await expect(host.getByTestId('vote-done')).toContainText('3 Personen sind fertig');
		await host.getByTestId('vote-running-totals').locator('summary').click();
		await expect(host.getByTestId('vote-running-totals')).toContainText(critique.benches);
		for (const page of participantPages()) await expect(main(page)).not.toContainText('Platz 1');

		// Participants may not close or reveal: the server says no.
		for (const path of ['vote/reveal', 'reveal']) {
			const forged = await ben.request.post(`/w/${workshopId}/api/${path}`, {
				data: { board: 'kritik' }
			});
			expect(forged.status()).toBe(403);
		}

		await host.getByTestId('close-vote').click();
		await expect(
			paula.getByText('Die Abstimmung ist beendet. Das Ergebnis kommt gleich.')
		).toBeVisible();
		const late = await paula.request.post(`/w/${workshopId}/api/vote`, {
			data: { board: 'kritik', itemId: state.vote.items[0], delta: -1 }
		});
		expect(late.status()).toBe(409);
		expect((await late.json()).message).toBe('Die Abstimmung ist geschlossen.');

		await host.getByTestId('reveal-vote').click();
		for (const page of everyone()) {
			const results = page.getByTestId('vote-results').getByRole('listitem');
			await expect(results.first()).toHaveText(
				`Platz 1 ${critique.benches} 3 Punkte von 2 Personen`,
				{ timeout: liveTimeout }
			);
			await expect(results.nth(1)).toHaveText(`Platz 2 ${critique.bus} 2 Punkte von 1 Person`);
		}
		await expectNoAxeViolations(mia, 'participant with vote results');
	});

	test('fantasy phase: top critiques as prompts, anonymous cards leave no trace of their authors', async () => {
		await moveToPhase(host, 'Phantasiephase');
		for (const page of everyone()) {
			await expect(phaseHeading(page)).toHaveText('Phantasiephase');
			const prompts = page.getByRole('region', { name: /Das war der Gruppe am wichtigsten/ });
			await expect(prompts.getByRole('listitem').first()).toHaveText(critique.benches);
		}

		await dockSection(host, 'board');
		await host.getByTestId('toggle-anonymous').click();
		await host.getByRole('button', { name: 'Ja, anonym einschalten' }).click();
		await expect(presence(host).getByRole('listitem').filter({ hasText: 'Anonym' })).toHaveCount(3);
		for (const name of Object.values(participants))
			await expect(presence(host)).not.toContainText(name);

		await addCard(mia, utopia.shade);
		await addCard(paula, utopia.bus);
		// The server puts anonymous cards up together after a random 3–8 s, so the moment a card
		// appears does not point at who just wrote it; then the drafts leave the authors' devices.
		const batchTimeout = 15_000;
		for (const page of [mia, paula])
			await expect(page.getByText(/Ihre Karten, noch nicht sichtbar/)).toHaveCount(0, {
				timeout: batchTimeout
			});
		for (const page of everyone()) {
			await expect(cardItem(page, utopia.shade)).toBeVisible({ timeout: batchTimeout });
			await expect(cardItem(page, utopia.bus)).toBeVisible({ timeout: batchTimeout });
		}

		// Mia may still fix her own anonymous card: her device holds its key, the server checks it
		// and makes the change. Paula sees no edit button on it, nor Mia on Paula's.
		const editButton = (page: Page, text: string) =>
			cardItem(page, text).getByRole('button', { name: /^Bearbeiten/ });
		await expect(editButton(paula, utopia.shade)).toHaveCount(0);
		await expect(editButton(mia, utopia.bus)).toHaveCount(0);
		await expect(editButton(paula, utopia.bus)).toHaveCount(1);
		const fixed = `${utopia.shade} – mit Trinkbrunnen`;
		for (const [from, to] of [
			[utopia.shade, fixed],
			[fixed, utopia.shade]
		]) {
			await editButton(mia, from).click();
			await mia.getByLabel('Karte bearbeiten').fill(to);
			await mia.getByRole('button', { name: 'Speichern' }).click();
			for (const page of everyone())
				await expect(
					page.locator('[data-card-id] .text').getByText(to, { exact: true })
				).toBeVisible({ timeout: liveTimeout });
		}
		await expect(cardItem(host, fixed)).toHaveCount(0);

		// What a curious facilitator's own client can see: the live document and everyone's presence.
		const cookies = await host.context().cookies();
		const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
		const observer = connectClient(
			`${server.baseURL.replace('http', 'ws')}/sync`,
			documentName(workshopId, 'content'),
			cookie
		);
		try {
			await observer.synced();
			await expect
				.poll(() => observer.provider.awareness.getStates().size)
				.toBeGreaterThanOrEqual(4);
			const states = [...observer.provider.awareness.getStates()];
			const participantClients = states
				.filter(([, state]) => (state as { user?: { name?: string } }).user?.name !== admin.name)
				.map(([clientId]) => clientId);
			expect(participantClients.length).toBeGreaterThanOrEqual(3);
			const presenceText = JSON.stringify(states.map(([, state]) => state));
			for (const name of Object.values(participants)) expect(presenceText).not.toContain(name);

			const anonymous = readCards(observer.doc).filter((c) => c.board === 'phantasie');
			expect(anonymous.map((c) => c.text).sort()).toEqual([utopia.bus, utopia.shade]);
			for (const card of anonymous) {
				for (const author of cardAuthors(observer.doc, card.id))
					expect(participantClients).not.toContain(author);
			}
		} finally {
			observer.destroy();
		}

		// What the store keeps: no participant's id or name anywhere in the shared documents.
		const store = new Database(server.databasePath, { readonly: true });
		try {
			const people = store.prepare('SELECT id, display_name FROM participants').all() as {
				id: string;
				display_name: string | null;
			}[];
			const rows = store
				.prepare(
					`SELECT data FROM doc_updates WHERE doc IN (?, ?)
					 UNION ALL SELECT data FROM doc_snapshots WHERE doc IN (?, ?)`
				)
				.all(
					...Array(2)
						.fill([`${workshopId}/content`, `${workshopId}/control`])
						.flat()
				) as {
				data: Buffer;
			}[];
			const stored = Buffer.concat(rows.map((r) => r.data)).toString('utf8');
			expect(stored).toContain(utopia.shade);
			for (const person of people) {
				expect(stored).not.toContain(person.id);
				if (person.display_name) expect(stored).not.toContain(person.display_name);
			}
		} finally {
			store.close();
		}
	});

	test('two people co-write the vision text at once; pasted scripts and images are cleaned', async () => {
		await dockSection(host, 'board');
		await host.getByTestId('toggle-anonymous').uncheck();
		const editor = (page: Page) =>
			page.getByRole('textbox', { name: 'Gemeinsamer Text: Phantasiephase' });
		await expect(editor(paula)).toBeVisible();
		await editor(paula).click();
		await editor(ben).click();
		await Promise.all([
			paula.keyboard.type('Unser Marktplatz ist grün. ', { delay: 15 }),
			ben.keyboard.type('Alle treffen sich dort gern. ', { delay: 15 })
		]);
		for (const page of [paula, ben, mia, host]) {
			await expect(editor(page)).toContainText('Unser Marktplatz ist grün.', {
				timeout: liveTimeout
			});
			await expect(editor(page)).toContainText('Alle treffen sich dort gern.');
		}
		// The shared text itself, without the other people's carets drawn into it.
		const texts = await Promise.all(
			[paula, ben].map((page) =>
				editor(page).evaluate((node) => {
					const copy = node.cloneNode(true) as HTMLElement;
					copy.querySelectorAll('.collaboration-carets__caret').forEach((c) => c.remove());
					return copy.textContent;
				})
			)
		);
		expect(texts[0]).toBe(texts[1]);
		// Live carets name the other writer.
		await expect(
			paula.locator('.collaboration-carets__label', { hasText: participants.ben })
		).toBeVisible();

		// Bold from the toolbar.
		await paula.keyboard.press('End');
		await paula.getByRole('button', { name: 'Fett' }).click();
		await paula.keyboard.type('Mit Schatten!');
		await expect(ben.locator('.ProseMirror strong')).toHaveText('Mit Schatten!');

		// A paste with a script and a huge image: the text arrives, the rest does not.
		await editor(paula).focus();
		await paula.evaluate(() => {
			const data = new DataTransfer();
			const image = `data:image/png;base64,${'A'.repeat(2_000_000)}`;
			data.setData(
				'text/html',
				`<p>Eingefügt<script>window.pwned = 1</script><img src="${image}" onerror="window.pwned = 2"></p>`
			);
			data.setData('text/plain', 'Eingefügt');
			document
				.querySelector('.ProseMirror')
				?.dispatchEvent(
					new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true })
				);
		});
		await expect(editor(ben)).toContainText('Eingefügt');
		await expect(paula.getByText('Bilder können hier nicht eingefügt werden.')).toBeVisible();
		// Far too much text at once: refused whole, with a message, and the text so far kept.
		const before = await editor(paula).textContent();
		await paula.evaluate(() => {
			const data = new DataTransfer();
			data.setData('text/plain', 'Zu viel. '.repeat(5_000));
			document
				.querySelector('.ProseMirror')
				?.dispatchEvent(
					new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true })
				);
		});
		await expect(paula.getByText(/Das ist zu viel Text/)).toBeVisible();
		expect(await editor(paula).textContent()).toBe(before);
		for (const page of [paula, ben]) {
			expect(await page.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined();
			await expect(
				page.locator('.ProseMirror img:not(.ProseMirror-separator), .ProseMirror script')
			).toHaveCount(0);
		}
		await expectNoAxeViolations(paula, 'participant, fantasy phase with the vision text');
	});

	test('implementation phase: the top visions become draft measures, linked to their cards', async () => {
		// A quick vote on the utopias first (the defaults: 5 dots, at most 3 on one card).
		await dockSection(host, 'vote');
		await host.getByTestId('open-vote').click();
		for (let i = 0; i < 2; i++)
			await voteRow(paula, utopia.shade)
				.getByRole('button', { name: /^Punkt geben/ })
				.click();
		await voteRow(ben, utopia.bus)
			.getByRole('button', { name: /^Punkt geben/ })
			.click();
		await expect(paula.getByTestId('vote-remaining')).toContainText('noch 3 von 5');
		await host.getByTestId('close-vote').click();
		await host.getByTestId('reveal-vote').click();
		await expect(mia.getByTestId('vote-results').getByRole('listitem').first()).toContainText(
			utopia.shade
		);

		await moveToPhase(host, 'Verwirklichungsphase');
		const ideas = (page: Page) =>
			page.getByRole('region', { name: /Die wichtigsten Ideen der Gruppe/ });
		for (const page of everyone()) {
			await expect(phaseHeading(page)).toHaveText('Verwirklichungsphase');
			await expect(ideas(page).getByRole('listitem').first()).toContainText(utopia.shade);
		}
		await ideas(paula)
			.getByRole('button', { name: `Als Maßnahme übernehmen: ${utopia.shade}` })
			.click();
		const row = (page: Page) => page.getByTestId('measure-row').first();
		const cell = (page: Page, label: string) => row(page).getByLabel(label, { exact: true });
		for (const page of [ben, mia, host])
			await expect(cell(page, 'Titel')).toHaveValue(utopia.shade, { timeout: liveTimeout });
		await expect(ideas(paula)).toContainText('steht im Maßnahmenplan');

		await cell(ben, 'Wer ist verantwortlich?').fill('Grünflächenamt');
		await cell(ben, 'Fertig bis').fill('2027-06-30');
		await expect(cell(paula, 'Wer ist verantwortlich?')).toHaveValue('Grünflächenamt', {
			timeout: liveTimeout
		});
		await expect(cell(mia, 'Fertig bis')).toHaveValue('2027-06-30', { timeout: liveTimeout });
		// The link back to the card it came from.
		await row(ben).getByText(`Weitere Angaben: ${utopia.shade}`).click();
		await expect(row(ben).getByRole('checkbox', { name: utopia.shade })).toBeChecked();
		await expectNoAxeViolations(mia, 'participant on a phone, implementation phase');
		await expectNoAxeViolations(host, 'facilitator, implementation phase');
	});
});
