import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import * as Y from 'yjs';
import { minutesField } from '../../src/lib/boards/agenda/agenda-doc';
import { documentName } from '../../src/lib/collab/documents';
import { connectClient } from '../helpers/sync';
import { expectNoAxeViolations } from './axe';
import { startServer, type RunningServer } from './server';
import { connectionStatus, createAccount, desktop, liveTimeout, open, phone } from './steps';

/**
 * A Runder Tisch series of two meetings, as staff and a member run it: the member list, the first
 * meeting's agenda, minutes, a decision and an action item; the next meeting, which carries the
 * open action item and the unfinished agenda item over; the decisions register; the minutes
 * approved at the second meeting and then refusing edits; and what a member may not do.
 */

const admin = { name: 'Rita Runde', email: 'rita@quartier.example', password: 'runder-tisch-2026' };
const shots = '/work/notes/shots/runder-tisch';
const sizes = [
	{ width: 1366, height: 768 },
	{ width: 1920, height: 1080 },
	{ width: 360, height: 740 }
];

test.describe.serial('Runder Tisch, two meetings', () => {
	let server: RunningServer;
	const contexts: BrowserContext[] = [];
	let host: Page;
	let member: Page;
	let seriesUrl: string;
	let firstMeeting: string;
	let secondMeeting: string;

	async function newPage(browser: Browser, options = desktop) {
		const context = await browser.newContext({ ...options, baseURL: server.baseURL });
		contexts.push(context);
		return context.newPage();
	}

	async function screenshots(page: Page, name: string) {
		const original = page.viewportSize();
		for (const size of sizes) {
			await page.setViewportSize(size);
			await page.screenshot({
				path: `${shots}/${name}-${size.width}x${size.height}.png`,
				fullPage: true
			});
		}
		if (original) await page.setViewportSize(original);
	}

	const meetingRow = (page: Page, date: string) =>
		page.getByTestId('meetings').locator(`li[data-meeting="${date}"]`);
	const agendaItems = (page: Page) => page.getByTestId('agenda-item');

	async function inviteLink(meetsOn: string) {
		await meetingRow(host, meetsOn).getByRole('button', { name: 'Einladungslink' }).click();
		const link = host.getByTestId('invite-link');
		await expect(link).toHaveValue(/\/join\/\w+$/);
		return link.inputValue();
	}

	async function startMeeting(id: string) {
		await open(host, `/w/${id}`);
		await expect(connectionStatus(host)).toHaveText('gespeichert');
		await host.getByRole('button', { name: 'Werkstatt starten' }).click();
		await expect(host.getByTestId('agenda-board')).toBeVisible();
	}

	test.beforeAll(async () => {
		server = await startServer();
	});

	test.afterAll(async () => {
		for (const context of contexts) await context.close().catch(() => undefined);
		await server?.stop();
	});

	test('staff create a series with its members; a member without a name is refused', async ({
		browser
	}) => {
		host = await newPage(browser);
		await open(host, server.setupLink);
		await createAccount(host, admin);
		await open(host, '/runde-tische');
		await host.getByLabel('Titel').fill('Runder Tisch Schulweg');
		await host.getByLabel('Thema').fill('Sichere Wege zur Grundschule am Park');
		await host.getByRole('button', { name: 'Anlegen' }).click();
		await expect(host.getByRole('heading', { level: 1 })).toHaveText('Runder Tisch Schulweg');
		seriesUrl = new URL(host.url()).pathname;

		// Bad input: neither organisation nor person; the role typed is kept.
		await host.getByLabel('Rolle').fill('Mitglied');
		await host.getByRole('button', { name: 'Mitglied hinzufügen' }).click();
		await expect(host.getByRole('alert')).toContainText('Feld „Organisation“');
		await expect(host.getByLabel('Rolle')).toHaveValue('Mitglied');

		for (const [organisation, person, role] of [
			['Grundschule am Park', 'Frau Demir', 'Vorsitz'],
			['Kita Sonnenschein', '', 'Mitglied'],
			['Bezirksamt, Straßen- und Grünflächenamt', 'Herr Kaya', 'Verwaltung']
		]) {
			await host.getByLabel('Organisation').fill(organisation);
			await host.getByLabel('Person').fill(person);
			await host.getByLabel('Rolle').fill(role);
			await host.getByRole('button', { name: 'Mitglied hinzufügen' }).click();
			await expect(host.getByTestId('members')).toContainText(organisation);
		}
		await expect(host.getByTestId('members').getByRole('listitem')).toHaveCount(3);
	});

	test('the first meeting: agenda, minutes with a member, a decision and an action item', async ({
		browser
	}) => {
		await host.getByLabel('Datum der Sitzung').fill('2026-03-10');
		await host.getByRole('button', { name: 'Sitzung anlegen' }).click();
		await expect(meetingRow(host, '2026-03-10')).toBeVisible();
		firstMeeting = (await meetingRow(host, '2026-03-10')
			.getByRole('link', { name: 'Sitzung öffnen' })
			.getAttribute('href'))!
			.split('/')
			.pop()!;
		const link = await inviteLink('2026-03-10');

		await startMeeting(firstMeeting);
		const board = host.getByTestId('agenda-board');
		for (const [title, minutes] of [
			['Schulweg sicherer machen', '20'],
			['Sommerfest', ''],
			['Verschiedenes', '5']
		]) {
			await board.getByLabel('Neuer Tagesordnungspunkt').fill(title);
			await board.getByLabel('Minuten', { exact: true }).fill(minutes);
			await board.getByRole('button', { name: 'Punkt hinzufügen' }).click();
			await expect(
				agendaItems(host)
					.last()
					.getByLabel(/^Titel von Punkt/)
			).toHaveValue(title);
		}
		await expect(board.getByTestId('planned-minutes')).toHaveText('Geplant: 25 Minuten');
		// Reorder: "Verschiedenes" one place up, then back down.
		await host.getByRole('button', { name: 'Punkt 3 nach oben' }).click();
		await expect(
			agendaItems(host)
				.nth(1)
				.getByLabel(/^Titel von Punkt/)
		).toHaveValue('Verschiedenes');
		await host.getByRole('button', { name: 'Punkt 2 nach unten' }).click();
		await expect(
			agendaItems(host)
				.nth(2)
				.getByLabel(/^Titel von Punkt/)
		).toHaveValue('Verschiedenes');

		// A member joins by the meeting's link and sees the agenda live.
		member = await newPage(browser, phone);
		await open(member, link);
		await member.getByLabel('Ihr Name (optional)').fill('Frau Demir');
		await member.getByRole('button', { name: 'Los geht’s' }).click();
		await expect(member).toHaveURL(`${server.baseURL}/w/${firstMeeting}`);
		await expect(agendaItems(member)).toHaveCount(3, { timeout: liveTimeout });

		// Minutes of item 1, written by the member, arrive at the facilitator's screen.
		const memberMinutes = member.getByRole('textbox', {
			name: 'Protokoll zu Punkt 1: Schulweg sicherer machen'
		});
		await memberMinutes.click();
		await memberMinutes.pressSequentially('Elterntaxis blockieren die Einfahrt.');
		await expect(
			host.getByRole('textbox', { name: 'Protokoll zu Punkt 1: Schulweg sicherer machen' })
		).toContainText('Elterntaxis blockieren die Einfahrt.', { timeout: liveTimeout });

		// The Sommerfest is dealt with; the Schulweg is not.
		await host.getByLabel('Punkt 2 erledigt').check();
		await expect(member.getByLabel('Punkt 2 erledigt')).toBeChecked({ timeout: liveTimeout });

		// Who is here: recorded by the facilitator in the meeting.
		const attendance = board.getByTestId('attendance');
		await attendance.getByLabel(/Frau Demir, Grundschule am Park/).check();
		await attendance.getByLabel(/Herr Kaya/).check();
		await expect(board.getByText('2 von 3 anwesend')).toBeVisible();

		// Bad input: a decision without a date names the date field and keeps the text.
		const decisionText = 'Der Runde Tisch beantragt eine Schulstraße vor der Grundschule.';
		await board.getByLabel('Beschluss', { exact: true }).fill(decisionText);
		await board.getByLabel('Datum', { exact: true }).fill('');
		await board.getByLabel('Ja', { exact: true }).fill('17');
		await board.getByLabel('Nein', { exact: true }).fill('3');
		await board.getByLabel('Enthaltungen').fill('1');
		await board.getByRole('button', { name: 'Beschluss festhalten' }).click();
		await expect(board.getByRole('alert')).toContainText('Feld „Datum“');
		await expect(board.getByLabel('Beschluss', { exact: true })).toHaveValue(decisionText);
		await board.getByLabel('Datum', { exact: true }).fill('2026-03-10');
		await board.getByRole('button', { name: 'Beschluss festhalten' }).click();
		for (const page of [host, member]) {
			const decisions = page.getByTestId('decisions');
			await expect(decisions).toContainText('Nr. 1', { timeout: liveTimeout });
			await expect(decisions).toContainText('10.03.2026 · Ja 17, Nein 3, Enthaltungen 1');
		}

		// Bad input: an action item without an owner names the owner field and keeps the title.
		await member.getByLabel('Aufgabe', { exact: true }).fill('Verkehrszählung beantragen');
		await member.getByRole('button', { name: 'Aufgabe festhalten' }).click();
		await expect(member.getByRole('alert')).toContainText('Feld „Verantwortlich“');
		await expect(member.getByLabel('Aufgabe', { exact: true })).toHaveValue(
			'Verkehrszählung beantragen'
		);
		await member.getByLabel('Verantwortlich').fill('Herr Kaya, Bezirksamt');
		await member.getByLabel('Fällig bis').fill('2026-04-01');
		await member.getByRole('button', { name: 'Aufgabe festhalten' }).click();
		await expect(host.getByTestId('actions')).toContainText('Verkehrszählung beantragen', {
			timeout: liveTimeout
		});
		await expectNoAxeViolations(host, 'agenda board (facilitator)');
		await expectNoAxeViolations(member, 'agenda board (member, phone)');
		await screenshots(host, 'meeting-1-facilitator');
		await screenshots(member, 'meeting-1-member');

		// The projector shows the agenda and the decision, large and without any control.
		const projector = await host.context().newPage();
		await projector.setViewportSize({ width: 1920, height: 1080 });
		await open(projector, `/w/${firstMeeting}/present`);
		const shown = projector.getByTestId('present-agenda');
		await expect(shown).toContainText('Schulweg sicherer machen', { timeout: liveTimeout });
		await expect(shown.getByTestId('present-agenda-item')).toHaveCount(3);
		await expect(shown.getByTestId('present-decision')).toContainText(decisionText);
		await expect(shown.getByTestId('present-decision')).toContainText('Nr. 1');
		// The meeting is at the first item not done: item 2 is done, item 1 is not.
		await expect(shown.getByTestId('present-agenda-item').first()).toHaveAttribute(
			'aria-current',
			'step'
		);
		await expect(shown.getByTestId('present-agenda-item').first()).toContainText('jetzt');
		await expect(shown.getByTestId('present-agenda-item').first()).toContainText('20 Minuten');
		await expect(shown.locator('[aria-current]')).toHaveCount(1);
		await expect(shown.getByTestId('present-agenda-item').nth(1)).toContainText('Erledigt');
		await expect(shown.getByTestId('present-action')).toContainText('Verkehrszählung beantragen');
		await expect(shown.getByTestId('present-action')).toContainText('Herr Kaya, Bezirksamt');
		// Item 1 done on the facilitator's screen: the projector moves on to item 3 at once.
		await host.getByLabel('Punkt 1 erledigt').check();
		await expect(shown.getByTestId('present-agenda-item').nth(2)).toHaveAttribute(
			'aria-current',
			'step',
			{ timeout: liveTimeout }
		);
		await host.getByLabel('Punkt 1 erledigt').uncheck();
		await expect(shown.getByTestId('present-agenda-item').first()).toHaveAttribute(
			'aria-current',
			'step',
			{ timeout: liveTimeout }
		);
		await expect(shown.getByRole('button')).toHaveCount(0);
		await expectNoAxeViolations(projector, '/w/[id]/present agenda');
		await screenshots(projector, '../formats/present-agenda');
		await projector.close();
	});

	test('a meeting before the previous one is refused; the next carries over what is open', async () => {
		await open(host, seriesUrl);
		await meetingRow(host, '2026-03-10')
			.getByRole('button', { name: 'Protokoll verschicken' })
			.click();
		await expect(meetingRow(host, '2026-03-10')).toContainText('Protokoll: verschickt');
		// Approving is for the next meeting: there is none yet.
		await meetingRow(host, '2026-03-10')
			.getByRole('button', { name: 'Protokoll genehmigen' })
			.click();
		await expect(host.getByRole('alert')).toContainText('Legen Sie zuerst die nächste Sitzung an');

		await host.getByLabel('Datum der Sitzung').fill('2026-03-01');
		await host.getByRole('button', { name: 'Sitzung anlegen' }).click();
		await expect(host.getByRole('alert')).toContainText('vor der letzten Sitzung am 10.03.2026');
		await expect(host.getByRole('alert')).toContainText('Feld „Datum der Sitzung“');
		await expect(host.getByLabel('Datum der Sitzung')).toHaveValue('2026-03-01');
		await expect(host.getByTestId('meetings').getByRole('listitem')).toHaveCount(1);

		await host.getByLabel('Datum der Sitzung').fill('2026-04-14');
		await host.getByRole('button', { name: 'Sitzung anlegen' }).click();
		await expect(meetingRow(host, '2026-04-14')).toBeVisible();
		secondMeeting = (await meetingRow(host, '2026-04-14')
			.getByRole('link', { name: 'Sitzung öffnen' })
			.getAttribute('href'))!
			.split('/')
			.pop()!;

		await startMeeting(secondMeeting);
		const items = agendaItems(host);
		await expect(items).toHaveCount(3);
		await expect(items.nth(0).getByLabel(/^Titel von Punkt/)).toHaveValue('Offene Aufgaben prüfen');
		await expect(items.nth(1).getByLabel(/^Titel von Punkt/)).toHaveValue(
			'Schulweg sicherer machen'
		);
		await expect(items.nth(1)).toContainText('übernommen aus Sitzung vom 10.03.2026');
		await expect(items.nth(2).getByLabel(/^Titel von Punkt/)).toHaveValue('Verschiedenes');
		// Carrying over again changes nothing: every open item is here once.
		await host.getByRole('button', { name: 'Offene Punkte vom 10.03.2026 übernehmen' }).click();
		await expect(host.getByText('Gespeichert.')).toBeAttached();
		await expect(items).toHaveCount(3);
		const action = host.getByTestId('actions').getByRole('listitem');
		await expect(action).toHaveCount(1);
		await expect(action).toContainText('Verkehrszählung beantragen');
		await expect(action).toContainText('übernommen aus Sitzung vom 10.03.2026');
		// Done in this meeting.
		await action.getByRole('combobox').selectOption({ label: 'erledigt' });
		await expect(action).toHaveClass(/status-done/);
		await screenshots(host, 'meeting-2-facilitator');
	});

	test('the register lists decision 1 and all action items, filterable', async () => {
		await open(host, seriesUrl);
		await expect(meetingRow(host, '2026-03-10')).toContainText('2 von 3 anwesend');
		await expect(host.getByTestId('decision-register')).toContainText('Nr. 1');
		await expect(host.getByTestId('decision-register')).toContainText(
			'Ja 17, Nein 3, Enthaltungen 1'
		);
		const rows = host.getByTestId('action-register').locator('tbody tr');
		await expect(rows).toHaveCount(1);
		await expect(rows).toContainText('erledigt');
		await host.getByLabel('Stand').selectOption({ label: 'offen und in Arbeit' });
		await host.getByRole('button', { name: 'Filtern' }).click();
		await expect(host).toHaveURL(/status=open/);
		await expect(host.getByText('Keine Aufgaben.')).toBeVisible();
		await host.getByLabel('Stand').selectOption({ label: 'erledigt' });
		await host.getByRole('button', { name: 'Filtern' }).click();
		await expect(host.getByTestId('action-register').locator('tbody tr')).toHaveCount(1);
		// The action item becomes a measure in the register, with its origin.
		await rows.getByRole('button', { name: 'Als Maßnahme übernehmen' }).click();
		const measureLink = rows.getByRole('link', { name: 'Maßnahme im Register' });
		await expect(measureLink).toBeVisible();
		await expectNoAxeViolations(host, 'series page');
		await screenshots(host, 'series');
		await measureLink.click();
		await expect(host.getByRole('heading', { level: 1 })).toHaveText('Verkehrszählung beantragen');
		await expect(host.getByLabel('Wer ist verantwortlich?')).toHaveValue('Herr Kaya, Bezirksamt');
		await expect(host.locator('main')).toContainText(
			'Aufgabe aus der Sitzung vom 10.03.2026: Verkehrszählung beantragen'
		);
		await open(host, seriesUrl);
	});

	test('participants cannot approve minutes or change the member list', async () => {
		const headers = { origin: server.baseURL };
		const addMember = await member.request.post(`${seriesUrl}?/addMember`, {
			headers,
			form: { organisation: 'Eingeschmuggelt e. V.' }
		});
		expect(addMember.status()).toBe(403);
		const approve = await member.request.post(`${seriesUrl}?/minutes`, {
			headers,
			form: { meetingId: firstMeeting, status: 'approved' }
		});
		expect(approve.status()).toBe(403);
		const decide = await member.request.post(`/runde-tische/sitzung/${firstMeeting}`, {
			headers,
			data: { kind: 'decision', text: 'x', decidedOn: '2026-03-10', consensus: 'on' }
		});
		expect(decide.status()).toBe(403);
		const approveInRoom = await member.request.post(`/runde-tische/sitzung/${firstMeeting}`, {
			headers,
			data: { kind: 'approvePrevious' }
		});
		expect(approveInRoom.status()).toBe(403);
		await open(host, seriesUrl);
		await expect(host.getByTestId('members').getByRole('listitem')).toHaveCount(3);
		await expect(meetingRow(host, '2026-03-10')).toContainText('Protokoll: verschickt');
	});

	test('minutes approved at the next meeting refuse edits, in the page and at the server', async () => {
		// In the second meeting the facilitator approves the first meeting's minutes.
		await open(host, `/w/${secondMeeting}`);
		const bar = host.getByTestId('previous-minutes');
		await expect(bar).toContainText('Protokoll der Sitzung vom 10.03.2026: verschickt');
		await bar.getByRole('button', { name: 'Protokoll genehmigen' }).click();
		await expect(bar).toHaveCount(0);
		await open(host, seriesUrl);
		await expect(meetingRow(host, '2026-03-10')).toContainText('Protokoll: genehmigt');

		// The member's open page turns read-only.
		await expect(member.getByText('Das Protokoll dieser Sitzung ist genehmigt.')).toBeVisible({
			timeout: liveTimeout
		});
		const minutes = member.getByRole('textbox', {
			name: 'Protokoll zu Punkt 1: Schulweg sicherer machen'
		});
		await expect(minutes).toHaveAttribute('aria-readonly', 'true');
		await expect(minutes).toHaveAttribute('contenteditable', 'false');
		await expect(member.getByRole('button', { name: 'Aufgabe festhalten' })).toHaveCount(0);

		// A modified client ignoring that is refused by the sync server, and nothing is stored.
		server.expectErrors(/minutes approved/);
		const cookies = await member.context().cookies();
		const guest = cookies.find((c) => c.name === '__Host-qw_guest');
		const forger = connectClient(
			server.baseURL.replace('http', 'ws') + '/sync',
			documentName(firstMeeting, 'content'),
			`${guest!.name}=${guest!.value}`
		);
		try {
			await forger.synced();
			forger.doc
				.getXmlFragment(minutesField(await firstItemId(forger.doc)))
				.insert(0, [new Y.XmlText('Nachträglich geändert. ')]);
			await expect.poll(() => forger.closes, { timeout: liveTimeout }).toContain(4403);
		} finally {
			forger.destroy();
		}
		await open(member, `/w/${firstMeeting}`);
		await expect(minutes).toContainText('Elterntaxis blockieren die Einfahrt.');
		await expect(minutes).not.toContainText('Nachträglich geändert.');
		await screenshots(member, 'meeting-1-approved-member');
	});

	test('a closed meeting shows members its agenda with minutes, its decisions and its action items', async () => {
		await open(host, `/workshops/${firstMeeting}`);
		const ready = host.getByLabel('Ja, der Maßnahmenplan ist fertig.');
		if (await ready.count()) await ready.check();
		await host.getByRole('button', { name: 'Werkstatt abschließen' }).click();
		await expect(host.getByRole('status').first()).toBeVisible();

		await open(member, `/w/${firstMeeting}`);
		const results = member.getByTestId('result-agenda');
		await expect(results.getByRole('heading', { name: 'Tagesordnung' })).toBeVisible();
		const items = results.locator('ol.agenda > li');
		await expect(items).toHaveCount(3);
		await expect(items.nth(0)).toContainText('Schulweg sicherer machen');
		await expect(items.nth(0)).toContainText('20 Minuten');
		await expect(items.nth(0)).toContainText('Elterntaxis blockieren die Einfahrt.');
		await expect(items.nth(1)).toContainText('Sommerfest');
		await expect(items.nth(1)).toContainText('Erledigt');
		await expect(results.getByTestId('result-decisions')).toContainText('Nr. 1');
		await expect(results.getByTestId('result-decisions')).toContainText(
			'Der Runde Tisch beantragt eine Schulstraße vor der Grundschule.'
		);
		await expect(results.getByTestId('result-decisions')).toContainText(
			'Ja 17, Nein 3, Enthaltungen 1'
		);
		// The action item as it stands now: done at the second meeting.
		const action = results.getByTestId('result-actions').getByRole('listitem');
		await expect(action).toContainText('Verkehrszählung beantragen');
		await expect(action).toContainText('erledigt');
		await expect(action).toContainText('Verantwortlich: Herr Kaya, Bezirksamt');
		// Read-only: nothing to change, and nobody named as the writer of anything.
		await expect(member.getByTestId('closed-results').getByRole('button')).toHaveCount(0);
		await expect(member.getByTestId('closed-results').getByRole('textbox')).toHaveCount(0);
		await expect(member.getByTestId('closed-results')).not.toContainText('Rita Runde');
		await expectNoAxeViolations(member, 'closed meeting results (member, phone)');
		await screenshots(member, '../formats/closed-agenda');
	});

	test('choosing "Runder Tisch" on the new workshop page makes a series, not a lone workshop', async () => {
		await open(host, '/workshops/new');
		await host.getByLabel('Format').selectOption({ label: 'Runder Tisch' });
		await expect(host.getByTestId('new-round-table-note')).toContainText('Reihe von Sitzungen');
		await expect(host.getByLabel('Datum')).toHaveCount(0);
		await screenshots(host, '../formats/new-workshop-round-table');
		await host.getByLabel('Titel').fill('Runder Tisch Spielplätze');
		await host.getByLabel('Beschreibung').fill('Spielplätze im Kiez');
		await host.getByRole('button', { name: 'Neuen Runden Tisch anlegen' }).click();
		await expect(host.getByRole('heading', { level: 1 })).toHaveText('Runder Tisch Spielplätze');
		expect(new URL(host.url()).pathname).toMatch(/^\/runde-tische\/[\w-]+$/);
		await expect(host.getByText('Spielplätze im Kiez')).toBeVisible();
		await open(host, '/runde-tische');
		await expect(host.getByRole('main')).toContainText('Runder Tisch Spielplätze');
	});
});

/** The id of the agenda item titled "Schulweg sicherer machen" in a meeting's content. */
async function firstItemId(doc: Y.Doc): Promise<string> {
	for (const [id, entry] of doc.getMap<Y.Map<unknown>>('agenda'))
		if (entry.get('title') === 'Schulweg sicherer machen') return id;
	throw new Error('no such item');
}
