import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join as joinPath } from 'node:path';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { readControl } from '../../src/lib/collab/control';
import { closeCodes, documentName } from '../../src/lib/collab/documents';
import { addCard, addCluster, readCards } from '../../src/lib/collab/wall';
import { connectClient, rawSocket } from '../helpers/sync';
import { expectNoAxeViolations } from './axe';
import { startServer, type RunningServer } from './server';
import {
	People,
	createAccount,
	createInviteLink,
	createWorkshop,
	join,
	liveTimeout,
	moveToPhase,
	open
} from './steps';

/**
 * The archive's Dokumentation after a real close: every document refuses writes from then on
 * (real clients, the stored state checked), the PDF draws the wall as it lay on the canvas, and
 * the archive page shows progress while the files are made, with and without JavaScript.
 */
const shots = '/work/notes/shots/docs-helper';
const sizes = [
	[1366, 768],
	[1920, 1080],
	[360, 740]
] as const;
/** How the server refuses a connection to a closed workshop: no access, or closed. */
const refusals: number[] = [closeCodes.forbidden, closeCodes.workshopClosed];
const run = (tool: string, ...args: string[]) =>
	execFileSync(tool, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** A session as a cookie header, for the real sync clients. */
async function sessionCookie(context: BrowserContext) {
	return (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
}

/** A Yjs update as the stock client sends it over the socket. */
function updateMessage(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, 0);
	syncProtocol.writeUpdate(encoder, update);
	return encoding.toUint8Array(encoder);
}

/** A document's state as the server stored it (snapshot and later updates in its SQLite file). */
function storedDocument(databasePath: string, name: string): Y.Doc {
	const db = new Database(databasePath, { readonly: true, fileMustExist: true });
	try {
		const doc = new Y.Doc();
		const snapshot = db.prepare('SELECT data FROM doc_snapshots WHERE doc = ?').get(name) as
			{ data: Buffer } | undefined;
		if (snapshot) Y.applyUpdate(doc, new Uint8Array(snapshot.data));
		const updates = db
			.prepare('SELECT data FROM doc_updates WHERE doc = ? ORDER BY id')
			.all(name) as { data: Buffer }[];
		for (const update of updates) Y.applyUpdate(doc, new Uint8Array(update.data));
		return doc;
	} finally {
		db.close();
	}
}

test.describe.serial('the Dokumentation of a closed workshop', () => {
	let server: RunningServer;
	let people: People;
	let host: Page;
	let guest: Page;
	let workshopId: string;
	let ws: string;

	test.beforeAll(async ({ browser }) => {
		mkdirSync(shots, { recursive: true });
		server = await startServer();
		people = new People(browser, server);
		ws = server.baseURL.replace(/^http/, 'ws') + '/sync';
	});
	test.afterAll(async () => {
		await people?.closeAll();
		await server?.stop();
	});

	test('Closing makes every document read-only (a real client’s write refused)', async () => {
		host = await people.newPage({ viewport: { width: 1366, height: 768 } });
		await open(host, server.setupLink);
		await createAccount(host, {
			name: 'Fiona Moderation',
			email: 'fiona@archiv.example',
			password: 'dokumentation-2026'
		});
		workshopId = await createWorkshop(host, 'Quartier Nordstadt');
		const link = await createInviteLink(host, workshopId);
		await open(host, `/w/${workshopId}`);
		await moveToPhase(host, 'Kritikphase', true);
		guest = await people.newPage();
		await join(guest, link, 'Gül');

		const staff = await sessionCookie(host.context());
		const participant = await sessionCookie(guest.context());
		const content = connectClient(ws, documentName(workshopId, 'content'), staff, { ack: true });
		const control = connectClient(ws, documentName(workshopId, 'control'), staff);
		const guestContent = connectClient(ws, documentName(workshopId, 'content'), participant);
		const clients = [content, control, guestContent];
		try {
			await Promise.all(clients.map((c) => c.synced()));
			const board = readControl(control.doc).plan?.currentPhaseId ?? '';
			expect(board).not.toBe('');
			// The facilitator's client lays out the wall: a group with two cards, one loose card.
			const group = addCluster(content.doc, { name: 'Straßenraum', board, x: 40, y: 40 });
			const cards: [string, string, number, number][] = [
				['Grünfläche am Bahnhof für Ältere', 'green', 60, 96],
				['Überweg an der Schulstraße fehlt', 'yellow', 256, 96],
				['Mehr Sitzbänke im Süden', 'blue', 560, 300]
			];
			for (const [text, colour, x, y] of cards)
				addCard(content.doc, {
					text,
					x,
					y,
					colour: colour as 'green',
					board,
					cluster: text.startsWith('Mehr') ? '' : group
				});
			await expect.poll(() => content.storedClock()).toBeGreaterThanOrEqual(content.ownClock());
			await expect.poll(() => readCards(guestContent.doc).length, { timeout: liveTimeout }).toBe(3);

			await open(host, `/workshops/${workshopId}`);
			await host.getByLabel('Ja, der Maßnahmenplan ist fertig.').check();
			await host.getByRole('button', { name: 'Werkstatt abschließen' }).click();
			await expect(host.getByRole('status')).toContainText('Die Werkstatt ist abgeschlossen.');

			// Every open connection is closed with "workshop closed" (the stock client stays away).
			for (const client of clients)
				await expect
					.poll(() => client.closes, { timeout: liveTimeout })
					.toContain(closeCodes.workshopClosed);
		} finally {
			for (const client of clients) client.destroy();
		}

		// Writing afterwards, to each document with the sessions that could write before: refused.
		const forged = new Y.Doc();
		addCard(forged, { text: 'Nachträglich eingeschmuggelt', x: 0, y: 0, colour: 'pink' });
		const forgedControl = new Y.Doc();
		forgedControl.getMap('control').set('locked', true);
		for (const [kind, cookie, update] of [
			['content', staff, Y.encodeStateAsUpdate(forged)],
			['control', staff, Y.encodeStateAsUpdate(forgedControl)],
			['content', participant, Y.encodeStateAsUpdate(forged)]
		] as const) {
			const socket = rawSocket(`${ws}/${documentName(workshopId, kind)}`, cookie);
			socket.opened.then(
				() => socket.socket.send(updateMessage(update)),
				() => undefined
			);
			// The server no longer opens the documents of a closed workshop for writing (4403).
			expect(refusals, `${kind} write`).toContain(await socket.closed);
		}
		// What the server stored holds the three cards and nothing written after the close.
		const stored = storedDocument(server.databasePath, documentName(workshopId, 'content'));
		expect(
			readCards(stored)
				.map((c) => c.text)
				.sort()
		).toEqual([
			'Grünfläche am Bahnhof für Ältere',
			'Mehr Sitzbänke im Süden',
			'Überweg an der Schulstraße fehlt'
		]);
		const storedControl = storedDocument(server.databasePath, documentName(workshopId, 'control'));
		expect(storedControl.getMap('control').get('locked')).not.toBe(true);
		await open(guest, `/w/${workshopId}`);
		const results = guest.getByTestId('closed-results');
		await expect(results).toContainText('Überweg an der Schulstraße fehlt');
		await expect(results).not.toContainText('Nachträglich eingeschmuggelt');
	});

	test('the archive page shows progress while the files are made, then offers them', async () => {
		const page = await host.context().newPage();
		await page.setViewportSize({ width: 1366, height: 768 });
		await open(page, `/workshops/${workshopId}/archiv`);
		// The page shows the wall as the PDF does: one image, named by its groups, cards on it.
		const picture = page.getByRole('img', {
			name: /^Bild der Wand „Kritikphase“, wie sie beim Abschluss aussah: 3 Karten, 1 Gruppe als Rahmen \(Straßenraum, 2 Karten\)/
		});
		await expect(picture).toBeVisible();
		await expect(picture).toContainText('Überweg an der Schulstraße fehlt');
		await picture.screenshot({ path: `${shots}/archive-wall-1366.png` });
		const downloads = page.locator('#downloads');
		// Hold the stream back until the busy state is seen, then let the real answer through.
		let release = () => {};
		const held = new Promise<void>((done) => (release = done));
		await page.route('**/archiv/erstellen', async (route) => {
			await held;
			await route.fulfill({ response: await route.fetch() });
		});
		await downloads.getByRole('button', { name: 'Dokumentation erstellen' }).click();
		const busy = downloads.getByRole('button', { name: 'Wird erstellt …' });
		await expect(busy).toBeDisabled();
		await expect(busy).toHaveAttribute('aria-busy', 'true');
		await expect(page.getByTestId('archive-progress')).toHaveAttribute('max', '7');
		await expect(page.getByTestId('archive-progress-status')).toHaveText('0 von 7 Dateien fertig');
		await expect(downloads.getByText('wartet')).toHaveCount(7);
		await downloads.scrollIntoViewIfNeeded();
		await page.screenshot({ path: `${shots}/archive-busy-1366.png` });
		release();
		await expect(page.getByTestId('archive-progress-status')).toHaveText(
			'Die Dokumentation ist fertig: 7 Dateien. Sie können sie jetzt herunterladen.'
		);
		await expect(page.getByTestId('file-size')).toHaveCount(7);
		await expect(downloads.getByRole('button', { name: 'Dokumentation erstellen' })).toBeEnabled();
		await expectNoAxeViolations(page, '/workshops/[id]/archiv after making');
		for (const [width, height] of sizes) {
			await page.setViewportSize({ width, height });
			await downloads.scrollIntoViewIfNeeded();
			await page.screenshot({ path: `${shots}/archive-${width}.png` });
			await picture.scrollIntoViewIfNeeded();
			await page.screenshot({ path: `${shots}/archive-wall-page-${width}.png` });
		}
		await page.setViewportSize({ width: 1366, height: 768 });
		await page.screenshot({ path: `${shots}/archive-top-1366.png`, fullPage: true });

		// The stream itself: one line per file as it is done, then the list with sizes.
		const stream = await page.request.post(`/workshops/${workshopId}/archiv/erstellen`);
		expect(stream.headers()['content-type']).toContain('application/x-ndjson');
		const lines = (await stream.text())
			.trim()
			.split('\n')
			.map((line) => JSON.parse(line));
		expect(lines.map((l) => l.type)).toEqual([...Array(7).fill('progress'), 'done']);
		expect(lines.slice(0, 7).map((l) => l.done)).toEqual([1, 2, 3, 4, 5, 6, 7]);
		expect(lines[6].name).toBe('archiv.zip');
		// A participant gets no stream.
		expect((await guest.request.post(`/workshops/${workshopId}/archiv/erstellen`)).status()).toBe(
			403
		);
	});

	test('the PDF draws the wall as it lay and is the file the manifest names', async () => {
		const page = await host.context().newPage();
		await open(page, `/workshops/${workshopId}/archiv`);
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('link', { name: 'PDF (barrierefrei, zum Veröffentlichen)' }).click()
		]);
		const path = joinPath(shots, 'dokumentation.pdf');
		await download.saveAs(path);
		const bytes = readFileSync(path);
		const manifest = await (
			await page.request.get(`/workshops/${workshopId}/archiv/archiv.zip`)
		)
			.body()
			.then(async (zip) => {
				const { unzipSync } = await import('fflate');
				return JSON.parse(
					new TextDecoder().decode(unzipSync(new Uint8Array(zip))['manifest.json'])
				);
			});
		const entry = manifest.files.find((f: { name: string }) => f.name === 'dokumentation.pdf');
		expect(createHash('sha256').update(bytes).digest('hex')).toBe(entry.sha256);

		expect(run('pdfinfo', path)).toMatch(/^Tagged:\s+yes$/m);
		const fonts = run('pdffonts', path).trim().split('\n').slice(2);
		for (const line of fonts) expect(line, line).toMatch(/\s+yes\s+yes\s+yes\s+\d+\s+\d+$/);
		const pages = Number(/^Pages:\s+(\d+)$/m.exec(run('pdfinfo', path))?.[1]);
		let wallPage = 0;
		for (let p = 1; p <= pages && !wallPage; p++)
			if (
				run('pdftotext', '-f', `${p}`, '-l', `${p}`, path, '-').includes('Die Wand beim Abschluss')
			)
				wallPage = p;
		expect(wallPage).toBeGreaterThan(0);
		const text = run(
			'pdftotext',
			'-enc',
			'UTF-8',
			'-f',
			`${wallPage}`,
			'-l',
			`${wallPage}`,
			path,
			'-'
		);
		for (const expected of ['Straßenraum', 'Grünfläche am Bahnhof für Ältere', 'Überweg an der'])
			expect(text, expected).toContain(expected);
		// Page 1 and the wall's page as pictures, to look at; page 1 is a real page, not blank.
		run(
			'pdftoppm',
			'-png',
			'-r',
			'60',
			'-f',
			'1',
			'-l',
			'1',
			'-singlefile',
			path,
			`${shots}/pdf-page-1`
		);
		run(
			'pdftoppm',
			'-png',
			'-r',
			'110',
			'-f',
			`${wallPage}`,
			'-l',
			`${wallPage}`,
			'-singlefile',
			path,
			`${shots}/pdf-wall`
		);
		expect(readFileSync(`${shots}/pdf-page-1.png`).length).toBeGreaterThan(5000);
		expect(readFileSync(`${shots}/pdf-wall.png`).length).toBeGreaterThan(20000);
	});

	test('without JavaScript the step and the downloads still work', async ({ browser }) => {
		const context = await browser.newContext({
			baseURL: server.baseURL,
			javaScriptEnabled: false,
			viewport: { width: 360, height: 740 },
			storageState: await host.context().storageState()
		});
		try {
			const page = await context.newPage();
			await page.goto(`/workshops/${workshopId}/archiv`);
			await page.getByRole('button', { name: 'Dokumentation erstellen' }).click();
			await expect(page.getByTestId('archive-progress-status')).toHaveText(
				'Die Dokumentation ist fertig: 7 Dateien. Sie können sie jetzt herunterladen.'
			);
			await expect(page.getByTestId('file-size')).toHaveCount(7);
			await page.locator('#downloads').scrollIntoViewIfNeeded();
			await page.screenshot({ path: `${shots}/archive-nojs-360.png` });
			const [download] = await Promise.all([
				page.waitForEvent('download'),
				page.getByRole('link', { name: 'CSV: Karten mit Punkten' }).click()
			]);
			expect(download.suggestedFilename()).toBe('karten.csv');
			const csv = readFileSync(await download.path());
			expect(csv.toString('utf8')).toContain('Überweg an der Schulstraße fehlt');
		} finally {
			await context.close();
		}
	});
});
