import { mkdirSync, readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import * as Y from 'yjs';
import { DocPersistence } from '../../server/sync/persistence';
import { openDatabase, type Db } from '../../src/lib/server/db/adapter';
import { transferVersion } from '../../src/lib/server/archive/transfer';
import { expectNoAxeViolations } from './axe';
import { startServer, type RunningServer } from './server';
import {
	People,
	addCard,
	chooseView,
	createAccount,
	createWorkshop,
	inviteStaff,
	moveToPhase,
	open
} from './steps';

/**
 * Moving a workshop between two installations (archive issue, point 6): a facilitator runs and
 * closes a workshop on one server and exports it; the admin of a second, empty server imports the
 * file through the page, after a tampered copy was refused; the documentation, the results page and
 * the register there show the same, and the stored Yjs documents are the same.
 */
const shots = '/work/notes/shots/transfer';
const sizes = [
	{ width: 1366, height: 768 },
	{ width: 1920, height: 1080 },
	{ width: 360, height: 740 }
];
const title = 'Quartiersrunde Nordstadt – Übergabe';
const cards = ['Zu wenig Bänke am Marktplatz', 'Die Straßenbahn fährt abends selten'];
const measureTitle = 'Bänke am Marktplatz aufstellen';

/** The stored state of a document, as the sync engine would load it, read from the server's file. */
async function storedDoc(db: Db, name: string): Promise<Y.Doc> {
	const stored = await new DocPersistence(db).load(name);
	const doc = new Y.Doc();
	if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
	for (const update of stored.updates) Y.applyUpdate(doc, update.data);
	return doc;
}

test.describe.serial('a closed workshop moves to another installation', () => {
	let from: RunningServer;
	let to: RunningServer;
	let sourcePeople: People;
	let targetPeople: People;
	let facilitator: Page;
	let admin: Page;
	let workshopId: string;
	let file: Buffer;
	let fileName: string;
	let documentation: string;
	let results: string;

	test.beforeAll(async ({ browser }) => {
		mkdirSync(shots, { recursive: true });
		[from, to] = await Promise.all([startServer(), startServer()]);
		sourcePeople = new People(browser, from);
		targetPeople = new People(browser, to);
	});
	test.afterAll(async () => {
		await sourcePeople?.closeAll();
		await targetPeople?.closeAll();
		await from?.stop();
		await to?.stop();
	});

	test('a facilitator closes a workshop and exports it from its archive page', async () => {
		facilitator = await sourcePeople.newPage({ viewport: { width: 1366, height: 768 } });
		await open(facilitator, from.setupLink);
		await createAccount(facilitator, {
			name: 'Fiona Moderation',
			email: 'fiona@nord.example',
			password: 'uebergabe-2026'
		});
		workshopId = await createWorkshop(facilitator, title);
		await open(facilitator, `/w/${workshopId}`);
		await moveToPhase(facilitator, 'Kritikphase', true);
		await chooseView(facilitator, 'Liste');
		for (const text of cards) await addCard(facilitator, text);
		for (const text of cards) await expect(facilitator.getByText(text)).toBeVisible();
		await open(facilitator, `/w/${workshopId}/massnahmen`);
		await facilitator.getByRole('button', { name: 'Maßnahme hinzufügen' }).click();
		await facilitator.keyboard.type(measureTitle);
		await expect(facilitator.getByTestId('connection-status')).toHaveText('gespeichert');

		// A live workshop is not exported yet.
		const live = await facilitator.request.get(`/workshops/${workshopId}/transfer`);
		expect(live.status()).toBe(409);
		expect(await live.text()).toContain('Nur abgeschlossene Werkstätten');

		await open(facilitator, `/workshops/${workshopId}`);
		await facilitator.getByLabel('Ja, der Maßnahmenplan ist fertig.').check();
		await facilitator.getByRole('button', { name: 'Werkstatt abschließen' }).click();
		await expect(facilitator.getByRole('status')).toContainText('Die Werkstatt ist abgeschlossen.');

		await open(facilitator, `/workshops/${workshopId}/archiv`);
		documentation = (await facilitator.locator('article').innerText()).replace(
			/Erstellt am .*/,
			''
		);
		expect(documentation).toContain(cards[0]);
		expect(documentation).toContain(measureTitle);
		const downloads = facilitator.locator('#downloads');
		for (const size of sizes) {
			await facilitator.setViewportSize(size);
			await downloads.screenshot({ path: `${shots}/archive-export-link-${size.width}.png` });
		}
		await facilitator.setViewportSize(sizes[0]);
		const downloading = facilitator.waitForEvent('download');
		await facilitator.getByRole('link', { name: /^Exportieren/ }).click();
		const download = await downloading;
		fileName = download.suggestedFilename();
		expect(fileName).toBe('werkstatt-quartiersrunde-nordstadt-uebergabe.qwtransfer.json');
		file = readFileSync((await download.path())!);
		expect(JSON.parse(file.toString('utf8'))).toMatchObject({
			format: 'quartierswerkstatt.transfer',
			version: transferVersion,
			workshop: { id: workshopId, title }
		});

		await open(facilitator, `/w/${workshopId}`);
		results = await facilitator.getByTestId('closed-results').innerText();
		expect(results).toContain(cards[1]);
	});

	test('only those who run workshops export, only admins import', async () => {
		const planner = await inviteStaff(facilitator, sourcePeople, 'Sozialplanung', {
			name: 'Paula Planung',
			email: 'paula@nord.example',
			password: 'uebergabe-2026'
		});
		expect((await planner.request.get(`/workshops/${workshopId}/transfer`)).status()).toBe(403);
		expect((await planner.request.get('/admin/transfer')).status()).toBe(403);
		await open(planner, `/workshops/${workshopId}/archiv`);
		await expect(planner.getByRole('link', { name: /^Exportieren/ })).toHaveCount(0);
		// A form sent from another site is refused before it is read (SvelteKit's Origin check).
		const foreign = await facilitator.request.post('/admin/transfer?/import', {
			headers: { origin: 'https://evil.example' },
			multipart: { file: { name: fileName, mimeType: 'application/json', buffer: file } }
		});
		expect(foreign.status()).toBe(403);
	});

	test('the admin of an empty install imports it; a tampered copy is refused first', async () => {
		admin = await targetPeople.newPage({ viewport: sizes[0] });
		await open(admin, to.setupLink);
		await createAccount(admin, {
			name: 'Anton Admin',
			email: 'anton@sued.example',
			password: 'uebergabe-2026'
		});
		await admin.getByRole('link', { name: 'Werkstatt einspielen' }).click();
		await expect(admin.getByRole('heading', { level: 1 })).toHaveText('Werkstatt einspielen');
		await expectNoAxeViolations(admin, '/admin/transfer');
		for (const size of sizes) {
			await admin.setViewportSize(size);
			await admin.screenshot({ path: `${shots}/import-empty-${size.width}.png`, fullPage: true });
		}
		await admin.setViewportSize(sizes[0]);

		// A measure renamed in the file without its checksum: refused, nothing saved.
		const tampered = Buffer.from(
			file.toString('utf8').replace(measureTitle, 'Bänke wieder abbauen'),
			'utf8'
		);
		await admin.getByLabel(/^Exportdatei/).setInputFiles({
			name: fileName,
			mimeType: 'application/json',
			buffer: tampered
		});
		await admin.getByRole('button', { name: 'Prüfen und einspielen' }).click();
		const answer = admin.getByTestId('transfer-result');
		await expect(answer).toContainText('Die Prüfsummen stimmen nicht: register.json');
		await expect(answer).toContainText('Es wurde nichts gespeichert.');
		await expect(answer).toBeFocused();
		await expectNoAxeViolations(admin, '/admin/transfer refused');
		for (const size of sizes) {
			await admin.setViewportSize(size);
			await admin.screenshot({ path: `${shots}/import-refused-${size.width}.png`, fullPage: true });
		}
		await admin.setViewportSize(sizes[0]);
		const check = await targetPeople.newPage();
		await check.context().addCookies(await admin.context().cookies());
		await open(check, '/workshops');
		await expect(check.getByText(title)).toHaveCount(0);

		await admin.getByLabel(/^Exportdatei/).setInputFiles({
			name: fileName,
			mimeType: 'application/json',
			buffer: file
		});
		await admin.getByRole('button', { name: 'Prüfen und einspielen' }).click();
		await expect(answer).toContainText(`Die Werkstatt „${title}“ ist eingespielt.`);
		await expect(answer).toContainText('Maßnahmen im Register: 1. Dokumente: 2.');
		await expectNoAxeViolations(admin, '/admin/transfer done');
		for (const size of sizes) {
			await admin.setViewportSize(size);
			await admin.screenshot({ path: `${shots}/import-done-${size.width}.png`, fullPage: true });
		}
		await admin.setViewportSize(sizes[0]);

		// The same file again: the workshop is there already.
		await admin.getByLabel(/^Exportdatei/).setInputFiles({
			name: fileName,
			mimeType: 'application/json',
			buffer: file
		});
		await admin.getByRole('button', { name: 'Prüfen und einspielen' }).click();
		await expect(answer).toContainText(
			`Die Werkstatt „${title}“ gibt es in dieser Installation schon.`
		);
	});

	test('the imported workshop reads the same: documentation, results page, register, documents', async () => {
		await open(admin, '/admin/transfer');
		await open(admin, `/workshops/${workshopId}/archiv`);
		await expect(admin.getByRole('heading', { level: 1 })).toHaveText(title);
		expect((await admin.locator('article').innerText()).replace(/Erstellt am .*/, '')).toBe(
			documentation
		);
		// The live page shows the closed workshop's results, read-only.
		await open(admin, `/w/${workshopId}`);
		await expect(admin.getByTestId('closed-results')).toBeVisible();
		expect(await admin.getByTestId('closed-results').innerText()).toBe(results);
		await expect(admin.getByLabel('Neue Karte')).toHaveCount(0);
		await open(admin, `/workshops/${workshopId}`);
		await expect(admin.getByRole('heading', { level: 1 })).toHaveText(title);
		await expect(admin.getByText('Diese Werkstatt ist abgeschlossen.')).toBeVisible();
		await open(admin, '/measures');
		await expect(admin.getByText(measureTitle)).toBeVisible();

		const source = openDatabase(from.databasePath);
		const target = openDatabase(to.databasePath);
		try {
			for (const kind of ['content', 'control']) {
				const before = await storedDoc(source, `${workshopId}/${kind}`);
				const after = await storedDoc(target, `${workshopId}/${kind}`);
				expect(Y.encodeStateVector(after)).toEqual(Y.encodeStateVector(before));
				expect(Y.encodeStateAsUpdate(after)).toEqual(Y.encodeStateAsUpdate(before));
				expect(JSON.stringify(after.getMap('cards').toJSON())).toBe(
					JSON.stringify(before.getMap('cards').toJSON())
				);
			}
			const register = (db: Db) =>
				db.all(
					`SELECT id, title, status, origin_workshop_id, origin_measure_id, origin_phase,
						origin_cards, created_at FROM measures ORDER BY id`
				);
			expect(await register(target)).toEqual(await register(source));
			const archive = (db: Db) =>
				db.all('SELECT doc, state FROM archive_documents WHERE workshop_id = ? ORDER BY doc', [
					workshopId
				]);
			expect(await archive(target)).toEqual(await archive(source));
			// Nothing about who wrote what came along.
			expect(await target.all('SELECT * FROM doc_clients')).toEqual([]);
		} finally {
			await source.close();
			await target.close();
		}
	});
});
