import { afterEach, beforeEach, expect, test } from 'vitest';
import { describeEachStore, type TestStore } from '../../../../tests/helpers/stores';
import { createStaff } from '../../../../tests/helpers/fixtures';
import type { User } from '../accounts';
import { bzrFile, parseBerlinBzr, parseBerlinPlr, plrFile } from '../../../../tests/helpers/berlin';
import {
	districtGeometries,
	getDistrict,
	importDistricts,
	listDistricts,
	listLevels,
	type ParsedDistricts
} from './districts';
import { listImports } from './import-log';

const bzr = parseBerlinBzr();
const plr = parseBerlinPlr(new Set(bzr.districts.map((d) => d.code)));

describeEachStore('planning districts', (open) => {
	let store: TestStore;
	let planner: User;
	beforeEach(async () => {
		store = await open();
		planner = await createStaff(store.db, 'planner');
	});
	afterEach(() => store.dispose());

	const importBzr = (parsed: ParsedDistricts = bzr) =>
		importDistricts(store.db, parsed, {
			fileName: bzrFile,
			createdBy: planner.id,
			parentLevel: 'bezirk'
		});
	const importPlr = (parsed: ParsedDistricts = plr, onProgress?: () => void) =>
		importDistricts(
			store.db,
			parsed,
			{ fileName: plrFile, createdBy: planner.id, parentLevel: 'bezirksregion' },
			onProgress
		);
	const names = async () =>
		(await listDistricts(store.db, { level: 'planungsraum' })).map((d) => `${d.code} ${d.name}`);

	test('imports the 143 Bezirksregionen, then the 542 Planungsräume with their Bezirksregion as parent', async () => {
		expect(await importBzr()).toMatchObject({
			level: 'bezirksregion',
			total: 143,
			added: 143,
			updated: 0,
			removed: 0
		});
		expect(await importPlr()).toMatchObject({ level: 'planungsraum', total: 542, added: 542 });
		expect(await listLevels(store.db)).toEqual([
			{ level: 'bezirksregion', districts: 143, parentLevel: 'bezirk' },
			{ level: 'planungsraum', districts: 542, parentLevel: 'bezirksregion' }
		]);

		const stueler = await getDistrict(store.db, 'planungsraum', '01100101');
		expect(stueler).toMatchObject({
			code: '01100101',
			name: 'Stülerstraße',
			parentCode: '011001',
			parentLevel: 'bezirksregion',
			parent: { code: '011001', level: 'bezirksregion' },
			children: []
		});
		const parsed = plr.districts.find((d) => d.code === '01100101')!;
		expect(stueler!.geometry).toEqual(parsed.geometry);
		expect(stueler!.bbox).toEqual(parsed.bbox);

		const region = await getDistrict(store.db, 'bezirksregion', '011001');
		const expectedChildren = plr.districts.filter((d) => d.parentCode === '011001');
		expect(region!.children.map((c) => c.code)).toEqual(expectedChildren.map((d) => d.code).sort());
		// Bezirke were never imported: the code is kept, the parent itself is not there.
		expect(region).toMatchObject({ parentCode: '01', parentLevel: 'bezirk', parent: null });
		expect(await getDistrict(store.db, 'planungsraum', '99999999')).toBeNull();
	});

	test('lists leave out the geometry; the map query brings every outline of a level', async () => {
		await importBzr();
		await importPlr();
		const list = await listDistricts(store.db, { level: 'planungsraum' });
		expect(list).toHaveLength(542);
		expect(list[0]).not.toHaveProperty('geometry');
		expect(list.map((d) => d.code)).toEqual(plr.districts.map((d) => d.code).sort());
		expect(await listDistricts(store.db)).toHaveLength(143 + 542);

		const shapes = await districtGeometries(store.db, 'planungsraum');
		expect(shapes).toHaveLength(542);
		const byCode = new Map(plr.districts.map((d) => [d.code, d]));
		for (const shape of shapes) expect(shape.geometry).toEqual(byCode.get(shape.code)!.geometry);
		expect(await districtGeometries(store.db, 'sozialraum')).toEqual([]);
	});

	test('every import is logged with file, person, row count and summary', async () => {
		await importBzr();
		const counts = await importPlr();
		const log = await listImports(store.db);
		expect(log.map((e) => [e.kind, e.fileName, e.rows, e.createdBy])).toEqual([
			['districts', plrFile, 542, planner.id],
			['districts', bzrFile, 143, planner.id]
		]);
		expect(log[0].id).toBe(counts.importId);
		// Berlin has two Planungsräume called "Schloßstraße"; the parser's warning is kept.
		expect(log[0].summary).toMatchObject({ level: 'planungsraum', added: 542 });
		expect(String(log[0].summary.warnings)).toContain('Schloßstraße');
	});

	test('re-importing a level updates known codes in place, keeps their ids and removes missing codes', async () => {
		await importBzr();
		await importPlr();
		const idsBefore = new Map(
			(await listDistricts(store.db, { level: 'planungsraum' })).map((d) => [d.code, d.id])
		);
		const changed: ParsedDistricts = {
			...plr,
			districts: plr.districts
				.filter((d) => d.code !== '01100102')
				.map((d) => (d.code === '01100101' ? { ...d, name: 'Stülerstraße (neu)' } : d))
		};
		expect(await importPlr(changed)).toMatchObject({
			total: 541,
			added: 0,
			updated: 541,
			removed: 1
		});
		const after = await listDistricts(store.db, { level: 'planungsraum' });
		expect(after).toHaveLength(541);
		expect(after.every((d) => d.id === idsBefore.get(d.code))).toBe(true);
		expect((await getDistrict(store.db, 'planungsraum', '01100101'))!.name).toBe(
			'Stülerstraße (neu)'
		);
		expect(await getDistrict(store.db, 'planungsraum', '01100102')).toBeNull();
		// Another level is never touched by a level's import.
		expect(await listDistricts(store.db, { level: 'bezirksregion' })).toHaveLength(143);
	});

	test('removing a Bezirksregion reports the Planungsräume left without their parent', async () => {
		await importBzr();
		await importPlr();
		const withoutRegion: ParsedDistricts = {
			...bzr,
			districts: bzr.districts.filter((d) => d.code !== '011001')
		};
		const children = plr.districts.filter((d) => d.parentCode === '011001').length;
		expect(children).toBeGreaterThan(0);
		expect(await importBzr(withoutRegion)).toMatchObject({
			removed: 1,
			orphanedChildren: children
		});
		expect((await getDistrict(store.db, 'planungsraum', '01100101'))!.parent).toBeNull();
	});

	test('an import that fails halfway leaves the previous districts exactly as they were', async () => {
		await importBzr();
		await importPlr();
		const before = await names();
		const renamed: ParsedDistricts = {
			...plr,
			districts: plr.districts.slice(0, 400).map((d) => ({ ...d, name: `${d.name} (kaputt)` }))
		};
		let batches = 0;
		await expect(
			importPlr(renamed, () => {
				// The first batch of 200 is written by now; the failure must take it back too.
				if (++batches === 2) throw new Error('Verbindung abgebrochen');
			})
		).rejects.toThrow('Verbindung abgebrochen');
		expect(batches).toBe(2);
		expect(await names()).toEqual(before);
		expect(await listImports(store.db)).toHaveLength(2);
	});

	test('two imports of the same level at once end as one file or the other, never a mix', async () => {
		await importBzr();
		const first: ParsedDistricts = { ...plr, districts: plr.districts.slice(0, 300) };
		const second: ParsedDistricts = { ...plr, districts: plr.districts.slice(242) };
		const codesOf = (parsed: ParsedDistricts) => parsed.districts.map((d) => d.code).sort();
		for (let round = 0; round < 5; round++) {
			await Promise.all([importPlr(first), importPlr(second)]);
			const stored = (await listDistricts(store.db, { level: 'planungsraum' })).map((d) => d.code);
			expect([codesOf(first), codesOf(second)]).toContainEqual(stored);
		}
	});

	test('parent codes without a parent level are refused before anything is written', async () => {
		await expect(
			importDistricts(store.db, plr, { fileName: plrFile, createdBy: planner.id })
		).rejects.toThrow(/parentLevel/);
		expect(await listDistricts(store.db)).toEqual([]);
		expect(await listImports(store.db)).toEqual([]);
	});
});
