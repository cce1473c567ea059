import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { describeEachStore, type TestStore } from '../../../../tests/helpers/stores';
import { parseDistrictGeoJson } from '../../domain/planning/districts';
import type { IndicatorDefinition } from './indicators';
import { importDistricts } from './districts';
import { importIndicatorValues, listIndicators } from './indicators';
import { loadDistrictPage } from './district-page';
import { exportLevelGeoJson } from './geojson-export';
import { loadLevelMap } from './maps';
import { loadOverview } from './overview';
import { indicatorsOfLevel, resolveRule } from './rule';
import { deleteRule, listRules, saveRule, setDefaultRule } from './saved-rules';
import { createStaff, createTestWorkshop } from '../../../../tests/helpers/fixtures';
import { loadWorkshopDataBoard } from '../workshop-data-board';
import { setWorkshopLinks } from '../workshop-links';

const islandFile = readFileSync(
	new URL('../../../../tests/fixtures/dirty/stadtteile-mit-insel.geojson', import.meta.url),
	'utf8'
);

const indicator = (key: string, label: string): IndicatorDefinition => ({
	key,
	label,
	unit: '%',
	polarity: 'higherIsWorse',
	source: '',
	attribution: 'Statistikamt Nord'
});

/**
 * Nine Stadtteile and Neuwerk far off; A, B, C per area. Codes 100–108 and 199.
 * 106 is clearly worse on A and B; 107 lacks B and C while clearly worse on A ("nicht bewertbar");
 * Neuwerk (199) has no values at all ("keine Daten").
 */
async function seed(store: TestStore) {
	const parsed = parseDistrictGeoJson(islandFile, {
		idProperty: 'Stadtteil-Nr.',
		nameProperty: 'Stadtteil (Name)',
		level: 'Stadtteil'
	});
	if (!parsed.ok) throw new Error(parsed.errors[0].message);
	await importDistricts(store.db, parsed, { fileName: 'insel.geojson', createdBy: null });
	const rows: Record<string, [number | null, number | null, number | null]> = {
		'100': [1, 1, 1],
		'101': [2, 1, 2],
		'102': [1, 2, 1],
		'103': [2, 2, 2],
		'104': [1, 1, 2],
		'105': [2, 1, 1],
		'106': [9, 9, 1],
		'107': [9, null, null],
		'108': [1, 2, 1]
	};
	await importIndicatorValues(
		store.db,
		{
			level: 'Stadtteil',
			indicators: [
				indicator('A', 'Arbeitslose'),
				indicator('B', 'Bezug'),
				indicator('C', 'Kinder')
			],
			values: Object.entries(rows).flatMap(([code, values]) =>
				values.map((value, i) => ({
					indicatorKey: 'ABC'[i],
					districtCode: code,
					period: '2024',
					value
				}))
			)
		},
		{ fileName: 'werte.csv', createdBy: null }
	);
}

const rule = { name: 'Zwei von drei', keys: ['A', 'B', 'C'], minCount: '2', threshold: '1' };

describeEachStore('saved rules', (open) => {
	let store: TestStore;
	beforeEach(async () => {
		store = await open();
		await seed(store);
	});
	afterEach(() => store.dispose());

	test('the first saved rule becomes the default; another can take over; deleting hands it on', async () => {
		const first = await saveRule(store.db, rule, { createdBy: null });
		expect(first).toMatchObject({ ok: true, rule: { isDefault: true, minCount: 2, threshold: 1 } });
		const second = await saveRule(
			store.db,
			{ ...rule, name: 'Nur A', keys: ['A'], minCount: '1', threshold: '1,5' },
			{ createdBy: null }
		);
		if (!second.ok || !first.ok) throw new Error('not saved');
		expect(second.rule.isDefault).toBe(false);
		expect((await listRules(store.db)).map((r) => [r.name, r.isDefault])).toEqual([
			['Zwei von drei', true],
			['Nur A', false]
		]);
		await setDefaultRule(store.db, second.rule.id);
		expect((await listRules(store.db)).filter((r) => r.isDefault).map((r) => r.name)).toEqual([
			'Nur A'
		]);
		await deleteRule(store.db, second.rule.id);
		expect(await listRules(store.db)).toEqual([
			{ ...first.rule, isDefault: true, keys: ['A', 'B', 'C'] }
		]);
	});

	test('bad rules are refused by field and nothing is stored', async () => {
		await saveRule(store.db, rule, { createdBy: null });
		const attempts = [
			[{ ...rule, name: 'Zu streng', minCount: '4' }, 'minCount', /4 ist mehr als die 3/],
			[{ ...rule, name: 'Unbekannt', keys: ['A', 'S99'] }, 'indicators', /„S99“ gibt es nicht/],
			[{ ...rule, name: '' }, 'name', /Namen/],
			[{ ...rule, name: 'ZWEI VON DREI' }, 'name', /gibt es schon/]
		] as const;
		for (const [input, field, message] of attempts) {
			const refused = await saveRule(store.db, input, { createdBy: null, makeDefault: true });
			expect(refused).toMatchObject({ ok: false, field, message: expect.stringMatching(message) });
		}
		const stored = await listRules(store.db);
		expect(stored.map((r) => [r.name, r.isDefault])).toEqual([['Zwei von drei', true]]);
	});

	test('map, district page and export all use the saved default, and ?regel= picks another', async () => {
		const two = await saveRule(store.db, rule, { createdBy: null });
		const onlyA = await saveRule(
			store.db,
			{ ...rule, name: 'Nur A', keys: ['A'], minCount: '1' },
			{ createdBy: null }
		);
		if (!two.ok || !onlyA.ok) throw new Error('not saved');

		const overview = await loadOverview(store.db, new URLSearchParams());
		expect(overview?.ruleSettings.saved?.name).toBe('Zwei von drei');
		if (!overview?.rule.ok) throw new Error('no rule');
		expect(overview.rule.flagged).toEqual(['106']);
		expect(overview.rule.notJudgeable).toEqual(['107']);
		// Neuwerk has no value row: neither judged nor "nicht bewertbar", but "keine Daten".
		expect(overview.rule.judgedCodes).not.toContain('199');

		const page = await loadDistrictPage(store.db, '107', new URLSearchParams());
		if (!page.found || !page.page.rule.ok) throw new Error('no page');
		expect(page.page.ruleSettings.saved?.name).toBe('Zwei von drei');
		expect(page.page.rule.verdict).toMatchObject({ flagged: false, status: 'notJudgeable' });

		const params = new URLSearchParams({ regel: onlyA.rule.id });
		const withA = await loadDistrictPage(store.db, '107', params);
		if (!withA.found || !withA.page.rule.ok) throw new Error('no page');
		expect(withA.page.rule.verdict).toMatchObject({ flagged: true, status: 'flagged' });
		const chosen = await resolveRule(
			store.db,
			new URLSearchParams({ regel: 'gibtsnicht' }),
			indicatorsOfLevel(await listIndicators(store.db), 'Stadtteil')
		);
		expect(chosen.problems).toContain('unknownRule');
		expect(chosen.saved?.name).toBe('Zwei von drei');
	});

	test('the Datenlage board says "nicht bewertbar" for an area lacking data, as the district page does', async () => {
		await saveRule(store.db, rule, { createdBy: null });
		const facilitator = await createStaff(store.db, 'facilitator');
		const workshop = await createTestWorkshop(store.db, facilitator);
		const linked = await setWorkshopLinks(store.db, workshop.id, {
			districts: [
				{ level: 'Stadtteil', code: '106' },
				{ level: 'Stadtteil', code: '107' },
				{ level: 'Stadtteil', code: '100' }
			],
			goalIds: []
		});
		expect(linked.ok).toBe(true);
		const board = await loadWorkshopDataBoard(store.db, workshop.id);
		const statusOf = (code: string) => {
			const rule = board.find((d) => d.code === code)?.rule;
			return rule?.ok ? rule.status : undefined;
		};
		expect(statusOf('106')).toBe('flagged');
		expect(statusOf('107')).toBe('notJudgeable');
		expect(statusOf('100')).toBe('notFlagged');
	});

	test('the GeoJSON export carries code, name, the chosen values and the rule result per area', async () => {
		await saveRule(store.db, rule, { createdBy: null });
		const exported = await exportLevelGeoJson(store.db, 'Stadtteil', { indicatorKeys: ['A', 'C'] });
		if (!exported.ok) throw new Error(exported.message);
		const { collection } = exported;
		expect(collection.type).toBe('FeatureCollection');
		expect(collection.features).toHaveLength(10);
		expect(collection.rule).toMatchObject({ name: 'Zwei von drei', k: 2, t: 1, period: '2024' });
		const byCode = new Map(collection.features.map((f) => [f.properties.code, f]));
		expect(byCode.get('106')?.properties).toEqual({
			code: '106',
			name: 'Rothenburgsort',
			level: 'Stadtteil',
			parent_code: null,
			A: 9,
			C: 1,
			rule_status: 'flagged',
			rule_result: 'besonders belastet',
			rule_counted: 2,
			computed: null
		});
		expect(byCode.get('107')?.properties).toMatchObject({
			A: 9,
			C: null,
			rule_status: 'notJudgeable',
			rule_result: 'nicht bewertbar'
		});
		expect(byCode.get('199')?.properties).toMatchObject({
			name: 'Neuwerk',
			A: null,
			rule_status: 'noData',
			rule_result: 'keine Daten'
		});
		// RFC 7946: WGS84 positions, exterior rings counterclockwise (the file's were clockwise).
		const ring = (byCode.get('100')?.geometry.coordinates as number[][][])[0];
		let twiceArea = 0;
		for (let i = 0; i < ring.length - 1; i++)
			twiceArea += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
		expect(twiceArea).toBeGreaterThan(0);
		expect(byCode.get('199')?.geometry.type).toBe('MultiPolygon');
		expect(JSON.parse(JSON.stringify(collection))).toEqual(collection);
	});

	test('a GeoJSON export of a level without areas, or with an unknown indicator, is refused', async () => {
		expect(await exportLevelGeoJson(store.db, 'Bezirk', { indicatorKeys: null })).toMatchObject({
			ok: false,
			status: 404,
			field: 'level',
			message: expect.stringContaining('Auf der Ebene „Bezirk“ gibt es keine Gebiete')
		});
		expect(
			await exportLevelGeoJson(store.db, 'Stadtteil', { indicatorKeys: ['A', 'Z'] })
		).toMatchObject({ ok: false, status: 400, field: 'indicators' });
	});

	test('the map frames the mainland and keeps Neuwerk reachable outside it', async () => {
		const map = await loadLevelMap(store.db, 'Stadtteil');
		if (!map) throw new Error('no map');
		expect(map.outlying).toEqual([{ code: '199', name: 'Neuwerk' }]);
		expect(map.viewBox).not.toBe(map.fullViewBox);
		const [, , fullW, fullH] = (map.fullViewBox ?? '').split(' ').map(Number);
		// Everything is several times the mainland's frame in each direction.
		expect(fullW).toBeGreaterThan(map.width * 3);
		expect(fullH).toBeGreaterThan(map.height * 3);
		expect(map.areas).toHaveLength(10);
	});
});
