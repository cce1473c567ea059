import { afterEach, beforeEach, expect, test } from 'vitest';
import { describeEachStore, type TestStore } from '../../../../tests/helpers/stores';
import { createStaff } from '../../../../tests/helpers/fixtures';
import { bzrFile, parseBerlinBzr } from '../../../../tests/helpers/berlin';
import { mergeChildAreas } from '../../domain/planning/aggregate';
import { checkGoal, checkMeasure } from '../../domain/measures';
import type { User } from '../accounts';
import { createGoal } from '../goals';
import { createMeasure, listMeasures } from '../measures';
import { measuresForDistrict } from '../planning-links';
import { berlinBezirke } from './berlin-demo';
import { importDistricts } from './districts';
import { areaWithDescendants, goalWithDescendants } from './hierarchy';

const bzr = parseBerlinBzr();
const bezirke = mergeChildAreas(bzr.districts, {
	prefixLength: 2,
	level: 'bezirk',
	names: berlinBezirke
});
const [mitteBzr] = bzr.districts.filter((d) => d.code.startsWith('01'));
const [spandauBzr] = bzr.districts.filter((d) => d.code.startsWith('05'));

describeEachStore('measures of child areas and sub-goals', (open) => {
	let store: TestStore;
	let planner: User;
	beforeEach(async () => {
		store = await open();
		planner = await createStaff(store.db, 'planner');
		const options = { fileName: bzrFile, createdBy: planner.id };
		await importDistricts(
			store.db,
			{ ok: true, districts: bezirke, warnings: [] },
			{ ...options, parentLevel: null }
		);
		await importDistricts(store.db, bzr, { ...options, parentLevel: 'bezirk' });
	});
	afterEach(() => store.dispose());

	const goal = async (raw: Record<string, unknown>) => {
		const checked = checkGoal(raw);
		if (!checked.ok) throw new Error(JSON.stringify(checked.error));
		const created = await createGoal(store.db, checked.value, planner.id);
		if (!created.ok) throw new Error(JSON.stringify(created.error));
		return created.value;
	};
	const measure = async (raw: Record<string, unknown>) => {
		const checked = checkMeasure({ responsible: 'Jugendamt', status: 'planned', ...raw });
		if (!checked.ok) throw new Error(JSON.stringify(checked.error));
		const created = await createMeasure(store.db, checked.value, planner.id);
		if (!created.ok) throw new Error(JSON.stringify(created.error));
		return created.value;
	};

	test('a Bezirk lists its own measures and those of its Bezirksregionen, marked with the area', async () => {
		const below = await areaWithDescendants(store.db, { level: 'bezirk', code: '01' });
		expect(below[0]).toMatchObject({ level: 'bezirk', code: '01', depth: 0 });
		expect(below.filter((a) => a.depth === 1).every((a) => a.code.startsWith('01'))).toBe(true);
		expect(below.length).toBe(1 + bzr.districts.filter((d) => d.code.startsWith('01')).length);

		await measure({ title: 'Bezirk selbst', districts: ['bezirk:01'] });
		await measure({ title: 'In Mitte', districts: [`bezirksregion:${mitteBzr.code}`] });
		await measure({ title: 'In Spandau', districts: [`bezirksregion:${spandauBzr.code}`] });
		const titles = async (code: string, level: string) =>
			(await listMeasures(store.db, { district: { level, code } })).map((m) => m.title).sort();
		expect(await titles('01', 'bezirk')).toEqual(['Bezirk selbst', 'In Mitte']);
		expect(await titles(mitteBzr.code, 'bezirksregion')).toEqual(['In Mitte']);
		expect(await titles('05', 'bezirk')).toEqual(['In Spandau']);

		const onPage = await measuresForDistrict(store.db, '01', 'bezirk');
		expect(onPage.map((m) => [m.title, m.via.map((a) => a.name)]).sort()).toEqual([
			['Bezirk selbst', []],
			['In Mitte', [mitteBzr.name]]
		]);
		expect(await measuresForDistrict(store.db, spandauBzr.code, 'bezirksregion')).toMatchObject([
			{ title: 'In Spandau', via: [] }
		]);
	});

	test('filtering by a goal includes the measures of its sub-goals at any depth', async () => {
		const leitbild = await goal({ title: 'Gutes Aufwachsen', level: 'leitbild', citywide: 'on' });
		const strategic = await goal({
			title: 'Mehr Grün',
			level: 'strategic',
			parentId: leitbild.id,
			citywide: 'on'
		});
		const operative = await goal({
			title: 'Schatten',
			level: 'operative',
			parentId: strategic.id,
			citywide: 'on'
		});
		const other = await goal({ title: 'Anderes', level: 'leitbild', citywide: 'on' });
		await measure({ title: 'Bäume', goalIds: [operative.id] });
		await measure({ title: 'Park', goalIds: [strategic.id] });
		await measure({ title: 'Sonst', goalIds: [other.id] });
		expect((await goalWithDescendants(store.db, leitbild.id)).sort()).toEqual(
			[leitbild.id, strategic.id, operative.id].sort()
		);
		const titles = async (goalId: string) =>
			(await listMeasures(store.db, { goalId })).map((m) => m.title).sort();
		expect(await titles(leitbild.id)).toEqual(['Bäume', 'Park']);
		expect(await titles(strategic.id)).toEqual(['Bäume', 'Park']);
		expect(await titles(operative.id)).toEqual(['Bäume']);
		expect(await titles('unbekannt')).toEqual([]);
	});
});
