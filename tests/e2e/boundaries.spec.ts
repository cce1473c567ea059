import { mkdirSync } from 'node:fs';
import Database from 'better-sqlite3';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { startServer, type RunningServer } from './server';
import { createAccount, open } from './steps';

/**
 * Boundaries as they come and the roll-up, in the browser: a city's Stadtbezirke and Stadtteile in
 * ETRS89 / UTM 32N with the crs member (EPSG suggested from it), Stadtteile finding their Stadtbezirk
 * through a property, a re-import that drops a district a measure links to (asked first, listed,
 * imported only after the yes), and the roll-up setting computing the Stadtbezirk population.
 */

const shots = '/work/notes/shots/boundaries';
const admin = { name: 'Ada Admin', email: 'ada@quartier.example', password: 'sicheres-passwort-1' };

const square = (x: number, y: number, size: number) => [
	[
		[x, y],
		[x + size, y],
		[x + size, y + size],
		[x, y + size],
		[x, y]
	]
];
const file = (name: string, features: [Record<string, unknown>, number, number, number][]) => ({
	name,
	mimeType: 'application/geo+json',
	buffer: Buffer.from(
		JSON.stringify({
			type: 'FeatureCollection',
			crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::25832' } },
			features: features.map(([properties, x, y, size]) => ({
				type: 'Feature',
				properties,
				geometry: { type: 'Polygon', coordinates: square(x, y, size) }
			}))
		})
	)
});
const bezirke = file('stadtbezirke.geojson', [
	[{ NR: '1', NAME: 'Innenstadt' }, 550000, 5800000, 4000],
	[{ NR: '2', NAME: 'Rheinufer-Süd' }, 550000, 5796000, 4000]
]);
const teile: [Record<string, unknown>, number, number, number][] = [
	[{ STT_NR: '101', STT_NAME: 'Altstadt', STB_NR: '1' }, 550500, 5800500, 1000],
	[{ STT_NR: '102', STT_NAME: 'Neustadt-Nord', STB_NR: '1' }, 552000, 5800500, 1000],
	[{ STT_NR: '201', STT_NAME: 'Südstadt', STB_NR: '2' }, 550500, 5796500, 1000],
	[{ STT_NR: '202', STT_NAME: 'Hafen', STB_NR: '2' }, 552000, 5796500, 1000]
];
const teilLevel = 'Lebensweltlich orientierter Stadtteil';

test.describe.serial('boundaries as they come and the roll-up', () => {
	let server: RunningServer;
	let context: BrowserContext;
	let page: Page;

	test.beforeAll(async ({ browser }) => {
		mkdirSync(shots, { recursive: true });
		server = await startServer();
		context = await browser.newContext({
			baseURL: server.baseURL,
			viewport: { width: 1366, height: 768 }
		});
		page = await context.newPage();
		await open(page, server.setupLink);
		await createAccount(page, admin);
		await expect(page).toHaveURL(`${server.baseURL}/workshops`);
	});
	test.afterAll(async () => {
		await context?.close().catch(() => undefined);
		await server?.stop();
	});

	async function importGeo(
		upload: ReturnType<typeof file>,
		level: string,
		parent?: { property: string; level: string }
	) {
		await page.getByLabel('GeoJSON-Datei').setInputFiles(upload);
		await expect(page.getByTestId('crs-found')).toHaveText(
			'Die Datei nennt ihr Koordinatensystem: urn:ogc:def:crs:EPSG::25832. Vorschlag: EPSG:25832.'
		);
		await expect(page.getByLabel('Koordinatensystem (EPSG-Nummer)')).toHaveValue('25832');
		await page.getByLabel('Name der Ebene').fill(level);
		if (parent) {
			await page.getByLabel('aus einer Eigenschaft (z. B. Bezirksnummer)').check();
			await page.getByLabel('Übergeordnete Ebene').selectOption(parent.level);
			await page
				.getByLabel('Eigenschaft mit der Kennung des übergeordneten Gebiets')
				.selectOption(parent.property);
		}
	}

	test('Stadtbezirke and Stadtteile in UTM with the crs member, parents from a property', async () => {
		await open(page, '/districts/import');
		await importGeo(bezirke, 'Stadtbezirk');
		await page.getByRole('button', { name: 'Gebiete importieren' }).click();
		await expect(page.getByTestId('import-result')).toContainText('2 Stadtbezirk');
		await expect(page.getByTestId('import-result')).toContainText(
			'ETRS89 / UTM Zone 32N, EPSG:25832'
		);

		await open(page, '/districts/import');
		await importGeo(file('stadtteile.geojson', teile), teilLevel, {
			property: 'STB_NR',
			level: 'Stadtbezirk'
		});
		await page.screenshot({ path: `${shots}/import-form-1366.png`, fullPage: true });
		await page.getByRole('button', { name: 'Gebiete importieren' }).click();
		await expect(page.getByTestId('import-result')).toContainText(`4 ${teilLevel}`);
		await expectNoAxeViolations(page, '/districts/import (Stadtteile)');
	});

	test('a re-import dropping a linked Stadtteil asks first, lists it, and goes on only after the yes', async () => {
		// A measure for the Hafen, as the register would hold it.
		const db = new Database(server.databasePath);
		const now = Date.now();
		db.prepare(
			"INSERT INTO measures (id, title, status, created_at, updated_at) VALUES ('m1', 'Hafenfest', 'idea', ?, ?)"
		).run(now, now);
		db.prepare(
			"INSERT INTO measure_districts (measure_id, district_level, district_code) VALUES ('m1', ?, '202')"
		).run(teilLevel);
		db.close();

		await open(page, '/districts/import');
		await importGeo(file('stadtteile-2025.geojson', teile.slice(0, 3)), teilLevel, {
			property: 'STB_NR',
			level: 'Stadtbezirk'
		});
		await page.getByRole('button', { name: 'Gebiete importieren' }).click();
		const linked = page.getByTestId('linked-removals');
		await expect(linked).toBeVisible();
		await expect(linked.getByRole('row', { name: /Hafen \(202\)/ })).toHaveText(
			/Hafen \(202\)\s*1\s*0\s*0/
		);
		await expect(page.getByTestId('import-errors')).toContainText('Es wurde noch nichts geändert.');
		const again = page.getByRole('button', { name: 'Import mit Bestätigung starten' });
		await expect(again).toBeDisabled();
		await expectNoAxeViolations(page, '/districts/import (re-import warning)');
		for (const [width, height] of [
			[1366, 768],
			[1920, 1080],
			[360, 740]
		]) {
			await page.setViewportSize({ width, height });
			await linked.scrollIntoViewIfNeeded();
			await page.screenshot({ path: `${shots}/reimport-warning-${width}.png` });
		}
		await page.setViewportSize({ width: 1366, height: 768 });

		await page.getByLabel('Ja, diese Gebiete sollen wegfallen.', { exact: false }).check();
		await again.click();
		await expect(page.getByTestId('import-result')).toContainText(
			'0 neu, 3 aktualisiert, 1 entfernt'
		);
		await expect(page.getByTestId('linked-removals')).toHaveCount(0);
	});

	test('the roll-up setting computes the Stadtbezirk population from the Stadtteile', async () => {
		await open(page, '/districts/import');
		await page.getByLabel('CSV-Datei').setInputFiles({
			name: 'einwohner.csv',
			mimeType: 'text/csv',
			buffer: Buffer.from('Stadtteil;Jahr;EW\n101;2024;1000\n102;2024;3000\n201;2024;2000\n')
		});
		await page.getByLabel('Die Werte gehören zu').selectOption(teilLevel);
		await page.getByLabel('Spalte mit der Kennung').selectOption('Stadtteil');
		await page.getByLabel('Spalte mit dem Zeitraum').selectOption('Jahr');
		await page.getByRole('checkbox', { name: 'EW', exact: true }).check();
		await page.getByLabel('Was ist schlechter?').selectOption('higherIsBetter');
		await page.getByRole('button', { name: 'Werte importieren' }).click();
		await expect(page.getByTestId('import-result')).toContainText('einwohner.csv');

		await page.getByRole('link', { name: 'Werte für übergeordnete Ebenen berechnen' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(
			'Werte für übergeordnete Ebenen'
		);
		await page.getByLabel('Berechnung').first().selectOption('weightedMean');
		await page.getByRole('button', { name: 'Speichern und berechnen' }).click();
		await expect(page.getByTestId('rollup-errors')).toContainText('womit gewichtet wird');
		await page.getByLabel('Berechnung').first().selectOption('sum');
		await page.getByRole('button', { name: 'Speichern und berechnen' }).click();
		await expect(page.getByTestId('rollup-saved')).toHaveText(
			'Gespeichert. 2 Werte wurden berechnet.'
		);
		await expectNoAxeViolations(page, '/districts/import/hochrechnung');
		for (const [width, height] of [
			[1366, 768],
			[1920, 1080],
			[360, 740]
		]) {
			await page.setViewportSize({ width, height });
			await page.screenshot({ path: `${shots}/rollup-${width}.png`, fullPage: true });
		}

		const db = new Database(server.databasePath, { readonly: true });
		const rows = db
			.prepare(
				"SELECT district_code, value, computed FROM indicator_values WHERE level = 'Stadtbezirk' ORDER BY district_code"
			)
			.all();
		db.close();
		expect(rows).toEqual([
			{ district_code: '1', value: 4000, computed: 1 },
			{ district_code: '2', value: 2000, computed: 1 }
		]);
	});
	test('the Stadtbezirk says "berechnet", and lists the measures of its Stadtteile and its goal target', async () => {
		const planningShots = '/work/notes/shots/planning';
		mkdirSync(planningShots, { recursive: true });
		const db = new Database(server.databasePath);
		const now = Date.now();
		db.prepare(
			"INSERT INTO measures (id, title, status, created_at, updated_at) VALUES ('m2', 'Altstadtfest', 'planned', ?, ?)"
		).run(now, now);
		db.prepare(
			"INSERT INTO measure_districts (measure_id, district_level, district_code) VALUES ('m2', ?, '101')"
		).run(teilLevel);
		db.prepare(
			`INSERT INTO goals (id, title, level, status, target_indicator_key, target_value, target_year,
			created_at, updated_at) VALUES ('g1', 'Mehr Menschen in der Innenstadt', 'leitbild', 'active',
			'EW', 5000, 2030, ?, ?)`
		).run(now, now);
		db.prepare(
			"INSERT INTO goal_districts (goal_id, district_level, district_code) VALUES ('g1', 'Stadtbezirk', '1')"
		).run();
		// A sub-goal the Altstadtfest serves: the goal above lists it too.
		db.prepare(
			`INSERT INTO goals (id, title, parent_id, level, status, citywide, created_at, updated_at)
			VALUES ('g2', 'Feste in der Altstadt', 'g1', 'strategic', 'active', 1, ?, ?)`
		).run(now, now);
		db.prepare("INSERT INTO measure_goals (measure_id, goal_id) VALUES ('m2', 'g2')").run();
		db.close();

		await page.setViewportSize({ width: 1366, height: 768 });
		await open(page, '/districts/1?ebene=Stadtbezirk');
		const mark = page.getByRole('row', { name: /EW/ }).getByTestId('computed-mark');
		await expect(mark).toHaveText(
			'berechnet aus den Werten der Ebene „Lebensweltlich orientierter Stadtteil“ (Summe)'
		);
		await expect(page.getByTestId('measure-via')).toHaveText(`über Altstadt (${teilLevel})`);
		await expectNoAxeViolations(page, '/districts/1 (berechnet, Maßnahmen der Stadtteile)');
		for (const [width, height] of [
			[1366, 768],
			[1920, 1080],
			[360, 740]
		]) {
			await page.setViewportSize({ width, height });
			await page.screenshot({
				path: `${planningShots}/bezirk-profile-${width}.png`,
				fullPage: true
			});
		}

		await page.setViewportSize({ width: 1366, height: 768 });
		await open(page, '/measures?district=Stadtbezirk:1');
		await expect(page.getByTestId('register-row')).toHaveCount(1);
		await expect(page.getByTestId('via-child-area')).toHaveText(
			`über das Teilgebiet Altstadt (${teilLevel})`
		);
		await expectNoAxeViolations(page, '/measures?district=Stadtbezirk:1');
		for (const [width, height] of [
			[1366, 768],
			[1920, 1080],
			[360, 740]
		]) {
			await page.setViewportSize({ width, height });
			await page.screenshot({
				path: `${planningShots}/register-child-${width}.png`,
				fullPage: true
			});
		}

		await page.setViewportSize({ width: 1366, height: 768 });
		await open(page, '/districts?ebene=Stadtbezirk&karte=EW');
		await expect(page.getByTestId('computed-note')).toHaveText(
			'Die Werte dieser Ebene sind berechnet aus den Werten der Ebene „Lebensweltlich orientierter Stadtteil“ (Summe).'
		);
		for (const [width, height] of [
			[1366, 768],
			[1920, 1080],
			[360, 740]
		]) {
			await page.setViewportSize({ width, height });
			await page.screenshot({ path: `${planningShots}/bezirk-map-${width}.png`, fullPage: true });
		}

		// The goal on the Stadtbezirk reads the computed population: 4000 now, 1000 to go.
		await page.setViewportSize({ width: 1366, height: 768 });
		await open(page, '/goals/g1');
		const target = page.getByTestId('goal-target');
		await expect(target.getByRole('row', { name: /Innenstadt/ })).toContainText('4.000');
		await expect(target.getByRole('row', { name: /Innenstadt/ })).toContainText('1.000');
		await expect(target.getByTestId('target-computed')).toBeVisible();
		await expect(page.getByTestId('via-sub-goal')).toHaveText(
			'· über das Teilziel Feste in der Altstadt'
		);
		await expectNoAxeViolations(page, '/goals/g1 (berechneter Zielwert)');
		for (const [width, height] of [
			[1366, 768],
			[1920, 1080],
			[360, 740]
		]) {
			await page.setViewportSize({ width, height });
			await page.screenshot({ path: `${planningShots}/goal-target-${width}.png`, fullPage: true });
		}
	});
});
