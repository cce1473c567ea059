import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import {
	bezirke,
	dirtyFixture,
	ortsteile,
	ortsteileFile,
	squaresGeoJson
} from '../helpers/dirty-districts';
import { decodeUpload } from '../../src/lib/domain/planning/upload-text';
import { expectNoAxeViolations } from './axe';
import { startServer, type RunningServer } from './server';
import { createAccount, inviteStaff, open, People } from './steps';

/**
 * Issue 11, point 1 in a real browser: a planner imports a statistics office's table as it comes
 * (Windows-1252, long headers, names instead of codes, a total, a merged and a parent row, a
 * duplicate) through the mapping step, fixes what the preview shows, saves the mapping and gets it
 * back for next year's file; and the same step without JavaScript.
 */

const admin = { name: 'Ada Admin', email: 'ada@quartier.example', password: 'sicheres-passwort-1' };
const planner = {
	name: 'Paula Planung',
	email: 'paula@quartier.example',
	password: 'planen-ist-gut-2026'
};
const shots = '/work/notes/shots/import-mapping';
const sizes = [
	{ name: '1366x768', width: 1366, height: 768 },
	{ name: '1920x1080', width: 1920, height: 1080 },
	{ name: '360x740', width: 360, height: 740 }
];

async function screenshots(page: Page, name: string) {
	mkdirSync(shots, { recursive: true });
	const before = page.viewportSize();
	for (const size of sizes) {
		await page.setViewportSize({ width: size.width, height: size.height });
		await page.screenshot({ path: `${shots}/${name}-${size.name}.png`, fullPage: true });
	}
	// The phone page is long: also in pieces, to look at.
	await page.setViewportSize({ width: 360, height: 740 });
	const height = await page.evaluate(() => document.documentElement.scrollHeight);
	for (let y = 0, part = 1; y < height && part <= 8; y += 1400, part++) {
		await page.screenshot({
			path: `${shots}/${name}-360x740-part${part}.png`,
			fullPage: true,
			clip: { x: 0, y, width: 360, height: Math.min(1400, height - y) }
		});
	}
	if (before) await page.setViewportSize(before);
}

async function importSquares(page: Page, level: string, areas: { code: string; name: string }[]) {
	await open(page, '/districts/import');
	await page.getByLabel('GeoJSON-Datei').setInputFiles({
		name: `${level}.geojson`,
		mimeType: 'application/geo+json',
		buffer: Buffer.from(squaresGeoJson(areas))
	});
	await expect(page.getByLabel('Eigenschaft mit der Kennung')).toHaveValue('CODE');
	await page.getByLabel('Name der Ebene').fill(level);
	if (level === 'ortsteil') {
		await page.getByLabel('aus dem Anfang der Kennung').check();
		await page.getByLabel('Übergeordnete Ebene').selectOption('bezirk');
		await page.getByLabel('Wie viele Zeichen der Kennung?').fill('2');
	}
	await page.getByRole('button', { name: 'Gebiete importieren' }).click();
	await expect(page.getByTestId('import-result')).toContainText(`${areas.length} `);
}

async function uploadTable(page: Page, name: string, bytes: Uint8Array) {
	await open(page, '/districts/import/tabelle');
	await page.getByLabel('Tabelle (CSV').setInputFiles({
		name,
		mimeType: 'text/csv',
		buffer: Buffer.from(bytes)
	});
	await page.getByLabel('Die Zeilen gehören zu').selectOption('ortsteil');
	await page.getByRole('button', { name: 'Weiter zur Zuordnung' }).click();
	await expect(page).toHaveURL(/\/districts\/import\/tabelle\/[\w-]+$/);
	await expect(page.getByTestId('file-info')).toContainText(`${name}: 12 Zeilen, 10 Spalten`);
}

const decision = (page: Page, line: number) => page.getByLabel(`Entscheidung für Zeile ${line}`);
const answer = (page: Page) => page.getByTestId('mapping-answer');

test.describe.serial('import any statistics table with a mapping', () => {
	let server: RunningServer;
	let people: People;
	let page: Page;

	test.beforeAll(async ({ browser }) => {
		server = await startServer();
		people = new People(browser, server);
	});
	test.afterAll(async () => {
		await people?.closeAll();
		await server?.stop();
	});

	test('the planner brings the Bezirke and Ortsteile', async () => {
		const adminPage = await people.newPage();
		await open(adminPage, server.setupLink);
		await createAccount(adminPage, admin);
		page = await inviteStaff(adminPage, people, 'Sozialplanung', planner);
		await importSquares(page, 'bezirk', bezirke);
		await importSquares(page, 'ortsteil', ortsteile);
	});

	test('the Windows-1252 table is read, every column mapped and every row explained', async () => {
		await open(page, '/districts/import');
		await screenshots(page, 'import-page');
		await page
			.getByRole('link', { name: 'Beliebige Statistik-Tabelle mit Zuordnung importieren' })
			.click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(
			'Statistik-Tabelle importieren'
		);
		await page.waitForLoadState('networkidle');
		await expectNoAxeViolations(page, 'table upload');
		await screenshots(page, 'upload');
		await uploadTable(page, ortsteileFile, dirtyFixture(ortsteileFile));
		await expect(page.getByText('als Windows-1252 (Excel) gelesen')).toBeVisible();

		// Keys generated, the long header kept as the label, cautious defaults.
		await expect(page.getByLabel('Schlüssel für Spalte 4')).toHaveValue(
			'anteil_der_arbeitslosen_nach_sgb_ii_und'
		);
		await expect(page.getByLabel('Bezeichnung für Spalte 4')).toHaveValue(
			/^Anteil der Arbeitslosen nach SGB II und SGB III .* \(Stand 31\.12\.2022\)$/
		);
		await expect(page.getByLabel('Was ist schlechter? für Spalte 4')).toHaveValue('higherIsWorse');
		await expect(page.getByLabel('Was ist schlechter? für Spalte 3')).toHaveValue('unknown');
		await expect(page.getByLabel('Einheit für Spalte 7')).toHaveValue('je 1.000');
		await expect(page.getByLabel(/^Spalte 1 übernehmen/)).not.toBeChecked();
		await expect(page.getByLabel(/^Spalte 8 übernehmen/)).not.toBeChecked();
		await expect(page.getByLabel(/^Spalte 5 übernehmen/)).toBeChecked();
		await expect(page.getByLabel('Spalte für die Verknüpfung')).toHaveValue('0');
		await expect(page.getByLabel('Name (Groß-/Kleinschreibung')).toBeChecked();

		// The preview: names with ß/ss, case and dashes match; the rest is named by line.
		await expect(page.getByTestId('count-matched')).toHaveText('7');
		await expect(page.getByTestId('count-unmatched')).toHaveText('4');
		await expect(page.getByTestId('count-duplicate')).toHaveText('1');
		const attention = page.getByTestId('attention');
		await expect(attention.locator('tr[data-line="8"]')).toContainText(
			'Wittenau Süd (Reinickendorf, 1202) steht in den Zeilen 8, 9.'
		);
		await expect(attention.locator('tr[data-line="10"]')).toContainText(
			'fasst mehrere Gebiete zusammen'
		);
		await expect(attention.locator('tr[data-line="13"]')).toContainText('Summenzeile');
		await expect(decision(page, 13)).toHaveValue('skip');
		await expect(decision(page, 11)).toHaveValue('skip');
		await expectNoAxeViolations(page, 'mapping step');
		await screenshots(page, 'mapping');
	});

	test('undecided rows and a doubled key are refused in plain German, and nothing is imported', async () => {
		await page.getByLabel('Zeitraum (z. B. 2022)').fill('2022');
		await page.getByRole('button', { name: 'Werte importieren' }).click();
		const errors = page.getByTestId('import-errors');
		await expect(errors).toContainText('Nichts wurde importiert.');
		await expect(errors).toContainText(
			'Zeile 9: Wittenau Süd (Reinickendorf, 1202) kommt doppelt vor (schon in Zeile 8).'
		);
		await expect(errors).toContainText('Zeile 12: Ein Gebiet „Hansaviertel“ gibt es nicht.');
		await expect(answer(page)).toBeFocused();

		await page.getByLabel('Schlüssel für Spalte 5').fill('einwohnerinnen_und_einwohner_insgesamt');
		await page.getByRole('button', { name: 'Werte importieren' }).click();
		await expect(errors).toContainText(
			'Spalte „Empfänger/-innen von Leistungen nach SGB II (Anzahl)“: Der Schlüssel ' +
				'„einwohnerinnen_und_einwohner_insgesamt“ ist schon für Spalte „Einwohnerinnen und ' +
				'Einwohner insgesamt (Hauptwohnsitz, 31.12.2022)“ vergeben.'
		);
		await expect(page.getByTestId('mapping-problems')).toContainText('ist schon für Spalte');
		await screenshots(page, 'mapping-refused');
	});

	test('after deciding each row the table imports, and the mapping is saved for next year', async () => {
		await expect(page.getByLabel('Schlüssel für Spalte 5')).toHaveValue(
			'einwohnerinnen_und_einwohner_insgesamt'
		);
		await page.getByLabel('Schlüssel für Spalte 5').fill('sgb2_empfaenger');
		await page.getByLabel('Schlüssel für Spalte 3').fill('ew');
		await page.getByLabel('Was ist schlechter? für Spalte 3').selectOption('unknown');
		await decision(page, 9).selectOption('skip');
		await decision(page, 10).selectOption('skip');
		await decision(page, 12).selectOption({ label: 'Tiergarten (0104)' });
		await page.getByRole('button', { name: 'Vorschau aktualisieren' }).first().click();
		await expect(page.getByTestId('mapping-problems')).toHaveCount(0);
		await expect(decision(page, 12)).toHaveValue('0104');

		await page.getByLabel('Zuordnung speichern unter').fill('Sozialdaten Ortsteile');
		await page.getByRole('button', { name: 'Werte importieren' }).click();
		const result = page.getByTestId('import-result');
		await expect(result).toContainText(
			'Werte für 7 Indikatoren aus ortsteile-sozialdaten-2022.cp1252.csv importiert.'
		);
		await expect(result).toContainText('Übersprungene Zeilen: 9, 10, 11, 13.');
		await expect(answer(page)).toContainText(
			'Die Zuordnung ist als „Sozialdaten Ortsteile“ gespeichert.'
		);
		await screenshots(page, 'mapping-done');

		// The profile shows the values as the office meant them: `1 229`, `- 23`, no data never 0.
		await open(page, '/districts/0101?ebene=ortsteil');
		const recipients = page.getByRole('row').filter({
			has: page.getByRole('rowheader', {
				name: 'Empfänger/-innen von Leistungen nach SGB II (Anzahl)'
			})
		});
		await expect(recipients).toContainText('1.229');
	});

	test('next year’s file gets the saved mapping by its headers', async () => {
		const text = decodeUpload(dirtyFixture(ortsteileFile))
			.text.replaceAll('31.12.2022', '31.12.2023')
			.replace('12 345', '12 400');
		await uploadTable(page, 'ortsteile-2023.csv', new TextEncoder().encode(text));
		await expect(page.getByTestId('applied-saved')).toContainText(
			'Die gespeicherte Zuordnung „Sozialdaten Ortsteile“ passt zu dieser Datei und wurde übernommen.'
		);
		await expect(page.getByLabel('Schlüssel für Spalte 5')).toHaveValue('sgb2_empfaenger');
		await expect(page.getByLabel('Schlüssel für Spalte 3')).toHaveValue('ew');
		await expect(decision(page, 12)).toHaveValue('0104');
		await expect(decision(page, 10)).toHaveValue('skip');
		await page.getByLabel('Zeitraum (z. B. 2022)').fill('2023');
		await decision(page, 9).selectOption('skip');
		await page.getByRole('button', { name: 'Werte importieren' }).click();
		await expect(page.getByTestId('import-result')).toContainText(
			'Werte für 7 Indikatoren aus ortsteile-2023.csv importiert.'
		);
	});

	test('without JavaScript: upload, preview and import by plain form posts', async () => {
		const context = await people.browser.newContext({
			baseURL: server.baseURL,
			javaScriptEnabled: false,
			viewport: { width: 360, height: 740 },
			storageState: await page.context().storageState()
		});
		people.contexts.push(context);
		const plain = await context.newPage();
		await plain.goto('/districts/import/tabelle');
		await plain.getByLabel('Tabelle (CSV').setInputFiles({
			name: 'ohne-js.csv',
			mimeType: 'text/csv',
			buffer: Buffer.from(dirtyFixture(ortsteileFile))
		});
		await plain.getByLabel('Die Zeilen gehören zu').selectOption('ortsteil');
		await plain.getByRole('button', { name: 'Weiter zur Zuordnung' }).click();
		await expect(plain.getByTestId('file-info')).toContainText('ohne-js.csv: 12 Zeilen');
		// The saved mapping is applied here too; line 9 still needs a decision.
		await expect(plain.getByTestId('applied-saved')).toBeVisible();
		await decision(plain, 9).selectOption('skip');
		await plain.getByLabel('Zeitraum (z. B. 2022)').fill('2021');
		await plain.getByRole('button', { name: 'Vorschau aktualisieren' }).first().click();
		await expect(decision(plain, 9)).toHaveValue('skip');
		await expect(plain.getByLabel('Zeitraum (z. B. 2022)')).toHaveValue('2021');
		await plain.getByRole('button', { name: 'Werte importieren' }).click();
		await expect(plain.getByTestId('import-result')).toContainText(
			'Werte für 7 Indikatoren aus ohne-js.csv'
		);
	});

	test('keyboard: the column fields are reached with Tab and a decision is changed without a mouse; axe at 360 px', async () => {
		await uploadTable(page, 'tastatur.csv', dirtyFixture(ortsteileFile));
		await page.getByLabel(/^Spalte 3 übernehmen/).focus();
		await page.keyboard.press('Tab');
		await expect(page.getByLabel('Schlüssel für Spalte 3')).toBeFocused();
		await page.keyboard.press('Tab');
		await expect(page.getByLabel('Bezeichnung für Spalte 3')).toBeFocused();
		await decision(page, 9).focus();
		await page.keyboard.press('ArrowDown');
		await expect(decision(page, 9)).toHaveValue('skip');
		await page.setViewportSize({ width: 360, height: 740 });
		await expectNoAxeViolations(page, 'mapping step at 360 px');
	});
});
