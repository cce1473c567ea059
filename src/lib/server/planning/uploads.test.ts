import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { describeEachStore, type TestStore } from '../../../../tests/helpers/stores';
import { createStaff } from '../../../../tests/helpers/fixtures';
import {
	bzrFile,
	indexFile,
	parseBerlinBzr,
	plrFile,
	readBerlinFile
} from '../../../../tests/helpers/berlin';
import type { ImportOutcome } from '../../domain/planning/import-events';
import { maxImportBytes } from '../../domain/planning/import-size';
import type { User } from '../accounts';
import { importDistricts, listDistricts } from './districts';
import { listImports } from './import-log';
import {
	checkUploadLength,
	readUpload,
	readUploadedFile,
	runDistrictUpload,
	runIndicatorUpload,
	type UploadedFile
} from './uploads';

const plrText = readBerlinFile(plrFile);
const indexText = readBerlinFile(indexFile);

const formOf = (fields: Record<string, string | string[]>) => {
	const form = new FormData();
	for (const [name, value] of Object.entries(fields)) {
		for (const v of Array.isArray(value) ? value : [value]) form.append(name, v);
	}
	return form;
};
const fileOf = (text: string, name = 'upload'): UploadedFile => ({
	name,
	bytes: new TextEncoder().encode(text)
});

const plrForm = {
	idProperty: 'PLR_ID',
	nameProperty: 'PLR_NAME',
	level: 'planungsraum',
	parentMode: 'prefix',
	parentLevel: 'bezirksregion',
	parentPrefix: '6'
};

const csvForm = (columns: string[], extra: Record<string, string> = {}) => ({
	level: 'planungsraum',
	idColumn: 'PLR_ID',
	periodColumn: 'ZEIT',
	numberFormat: 'auto',
	delimiter: 'auto',
	validityColumn: 'KOM',
	validValue: 'gültig',
	invalidMarkers: '-9999',
	attribution: 'Monitoring Soziale Stadtentwicklung 2021',
	columns,
	...Object.fromEntries(columns.flatMap((c) => [[`polarity:${c}`, 'higherIsWorse']])),
	...extra
});

const messages = (outcome: ImportOutcome) =>
	outcome.ok ? [] : outcome.errors.map((e) => e.message);

describe('reading the upload', () => {
	test('a file over 50 MB is refused with its size, before and after reading the body', async () => {
		const request = new Request('http://x/districts/import', {
			method: 'POST',
			headers: { 'content-length': String(60 * 1024 * 1024) }
		});
		expect(checkUploadLength(request)?.errors[0].message).toBe(
			'Die Datei ist größer als 50 MB. Erlaubt sind höchstens 50 MB.'
		);
		const small = new Request('http://x', { method: 'POST', headers: { 'content-length': '10' } });
		expect(checkUploadLength(small)).toBeNull();

		const big = new File([new Uint8Array(maxImportBytes + 1)], 'gross.geojson');
		const read = await readUploadedFile(formOf({}));
		expect(read).toEqual({ ok: false, errors: [{ message: 'Bitte wählen Sie eine Datei.' }] });
		const form = new FormData();
		form.append('file', big);
		expect(await readUploadedFile(form)).toEqual({
			ok: false,
			errors: [{ message: 'Die Datei ist 50,1 MB groß. Erlaubt sind höchstens 50 MB.' }]
		});
	});

	test('a request is read off the event loop into its fields and the file as bytes', async () => {
		const form = formOf({ level: 'planungsraum', columns: ['S1', 'S3'] });
		form.append('file', new File([new Uint8Array([0x53, 0x74, 0xfc, 0x6c])], 'excel.csv'));
		const read = await readUpload(new Request('http://x', { method: 'POST', body: form }));
		expect(read.ok && read.file).toEqual({
			name: 'excel.csv',
			bytes: new Uint8Array([0x53, 0x74, 0xfc, 0x6c])
		});
		expect(read.ok && [...read.form]).toEqual([
			['level', 'planungsraum'],
			['columns', 'S1'],
			['columns', 'S3']
		]);
		const empty = await readUpload(new Request('http://x', { method: 'POST', body: formOf({}) }));
		expect(empty).toEqual({ ok: false, errors: [{ message: 'Bitte wählen Sie eine Datei.' }] });
		const broken = await readUpload(
			new Request('http://x', {
				method: 'POST',
				headers: { 'content-type': 'multipart/form-data; boundary=x' },
				body: '--x\r\nnot a part'
			})
		);
		expect(broken.ok ? [] : broken.errors[0].message).toMatch(/unvollständig oder beschädigt/);
	});
});

describeEachStore('import uploads', (open) => {
	let store: TestStore;
	let planner: User;
	beforeEach(async () => {
		store = await open();
		planner = await createStaff(store.db, 'planner');
		await importDistricts(store.db, parseBerlinBzr(), {
			fileName: bzrFile,
			createdBy: planner.id,
			parentLevel: 'bezirk'
		});
	});
	afterEach(() => store.dispose());

	const uploadDistricts = (text: string, fields: Record<string, string> = plrForm) =>
		runDistrictUpload(store.db, formOf(fields), fileOf(text, plrFile), planner.id);
	const uploadValues = (text: string, fields: ReturnType<typeof csvForm>) =>
		runIndicatorUpload(store.db, formOf(fields), fileOf(text, indexFile), planner.id);
	const storedValues = async () =>
		Number((await store.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM indicator_values'))!.n);

	test('imports the Planungsräume with progress, warning about the two Schloßstraße', async () => {
		const progress: string[] = [];
		const outcome = await runDistrictUpload(
			store.db,
			formOf(plrForm),
			fileOf(plrText, plrFile),
			planner.id,
			(event) => {
				progress.push(`${event.phase} ${event.done}/${event.total}`);
			}
		);
		expect(outcome).toMatchObject({ ok: true, level: 'planungsraum', total: 542, added: 542 });
		expect(outcome.ok && outcome.warnings.join(' ')).toMatch(/„Schloßstraße“ kommt 2-mal vor/);
		expect(progress).toEqual([
			'check 0/1',
			'check 1/1',
			'districts 200/542',
			'districts 400/542',
			'districts 542/542'
		]);
	});

	test('broken GeoJSON, a duplicate id and a missing id are named and nothing is stored', async () => {
		expect(messages(await uploadDistricts('{"type": "FeatureCollection", '))).toEqual([
			'Die Datei lässt sich nicht als JSON lesen. Ist es eine GeoJSON-Datei?'
		]);
		const json = JSON.parse(plrText) as { features: { properties: Record<string, unknown> }[] };
		json.features[5].properties.PLR_ID = json.features[2].properties.PLR_ID;
		delete json.features[9].properties.PLR_ID;
		const doubled = String(json.features[2].properties.PLR_ID);
		const outcome = await uploadDistricts(JSON.stringify(json));
		expect(outcome.ok).toBe(false);
		expect(outcome.ok ? [] : outcome.errors).toEqual([
			expect.objectContaining({
				feature: 6,
				field: 'PLR_ID',
				message: `Objekt 6: Die Kennung „${doubled}“ kommt doppelt vor (schon bei Objekt 3).`
			}),
			expect.objectContaining({ feature: 10, message: expect.stringMatching(/Kennung .* fehlt/) })
		]);
		expect(await listDistricts(store.db, { level: 'planungsraum' })).toEqual([]);
		expect((await listImports(store.db)).map((e) => e.kind)).toEqual(['districts']);
	});

	test('the wrong property and a parent level that is not there are refused in plain words', async () => {
		expect(messages(await uploadDistricts(plrText, { ...plrForm, idProperty: 'PLR' }))[0]).toMatch(
			/^Objekt 1 \(„.+“\): Die Kennung \(„PLR“\) fehlt\.$/
		);
		expect(
			messages(await uploadDistricts(plrText, { ...plrForm, parentLevel: 'ortsteil' }))
		).toEqual(['Die übergeordnete Ebene „ortsteil“ ist noch nicht importiert.']);
		expect(messages(await uploadDistricts(plrText, { ...plrForm, level: 'a/b' }))[0]).toMatch(
			/Ebene an/
		);
	});

	describe('indicator tables', () => {
		beforeEach(async () => {
			expect((await uploadDistricts(plrText)).ok).toBe(true);
		});

		test('joins on the id, so swapped and differently spelt names do not matter; invalid rows become no data', async () => {
			const outcome = await uploadValues(indexText, csvForm(['S1', 'S3', 'S4', 'EW']));
			expect(outcome).toMatchObject({
				ok: true,
				indicators: ['S1', 'S3', 'S4', 'EW'],
				periods: ['202012'],
				rows: 542,
				values: 4 * 542,
				nullValues: 4 * 6
			});
			expect(outcome.ok && outcome.kind === 'indicators' && outcome.invalidRows).toHaveLength(6);
			// "Wittenau Süd" and "Wittenau Mitte" are swapped between the CSV (12500926 Wittenau Mitte)
			// and the boundaries (12500926 Wittenau Süd): the area keeps the boundary file's name, and
			// gets the value of the CSV row with its id, never the row with its name.
			const stored = await store.db.all<{ code: string; name: string; value: number }>(
				`SELECT d.code, d.name, v.value FROM districts d JOIN indicator_values v
				ON v.level = d.level AND v.district_code = d.code AND v.indicator_key = 'S1'
				WHERE d.code IN ('12500926', '12500930') ORDER BY d.code`
			);
			expect(stored).toEqual([
				{ code: '12500926', name: 'Wittenau Süd', value: 6.3992 },
				{ code: '12500930', name: 'Wittenau Mitte', value: 4.90287 }
			]);
		});

		test('a BOM in front of the header does not break the first column', async () => {
			const outcome = await uploadValues(`\uFEFF${indexText}`, csvForm(['S1']));
			expect(outcome).toMatchObject({ ok: true, values: 542 });
		});

		test('a Windows-1252 export is read as such, with a warning', async () => {
			const excel = { name: indexFile, bytes: new Uint8Array(Buffer.from(indexText, 'latin1')) };
			const outcome = await runIndicatorUpload(
				store.db,
				formOf(csvForm(['S1'])),
				excel,
				planner.id
			);
			expect(outcome).toMatchObject({ ok: true, values: 542, nullValues: 6 });
			expect(outcome.ok && outcome.warnings[0]).toMatch(/Windows-1252/);
		});

		test('rows without a district, a missing id, a duplicate id and a text value are each named; nothing is stored', async () => {
			const lines = indexText.trimEnd().split('\n');
			lines[1] = lines[1].replace('"01100101"', '"99999999"');
			lines[2] = lines[2].replace('"01100102"', '""');
			lines[4] = lines[4].replace('"01100104"', '"01100103"');
			const cells = lines[5].split(',');
			cells[5] = 'viel';
			lines[5] = cells.join(',');
			const outcome = await uploadValues(lines.join('\n'), csvForm(['S1', 'S3']));
			expect(messages(outcome)).toEqual([
				'Zeile 2: Zur Kennung „99999999“ gibt es kein Gebiet.',
				'Zeile 3: Die Kennung in Spalte „PLR_ID“ fehlt.',
				'Zeile 5: Die Kennung „01100103“ kommt für den Zeitraum „202012“ doppelt vor (schon in Zeile 4).',
				'Zeile 6, Spalte „S1“: „viel“ ist keine Zahl.'
			]);
			expect(outcome.ok ? [] : outcome.errors.map((e) => e.line)).toEqual([2, 3, 5, 6]);
			expect(await storedValues()).toBe(0);
		});

		test('an id that lost its leading zero gets a hint', async () => {
			const text = indexText.replace('"01100101"', '1100101');
			expect(messages(await uploadValues(text, csvForm(['S1'])))[0]).toMatch(
				/„1100101“ gibt es kein Gebiet\. Meinten Sie „01100101“\?/
			);
		});

		test('a wrong delimiter is explained, whether detected or chosen', async () => {
			const piped = indexText.replace(/,/g, '|');
			expect(messages(await uploadValues(piped, csvForm(['S1'])))[0]).toMatch(
				/nur eine Spalte .* anderen Zeichen als Komma, Semikolon oder Tabulator/
			);
			expect(
				messages(await uploadValues(indexText, csvForm(['S1'], { delimiter: ';' })))[0]
			).toMatch(/nur eine Spalte/);
			expect(await storedValues()).toBe(0);
		});

		test('German numbers are read with a decimal comma; a missing column and missing settings are named', async () => {
			const german = 'PLR_ID;Quote\n"01100101";4,5\n"01100102";12,25\n';
			const outcome = await uploadValues(german, {
				...csvForm(['Quote'], { periodColumn: '', period: '2022', validityColumn: '' })
			});
			expect(outcome).toMatchObject({ ok: true, values: 2, numberFormats: { Quote: 'de' } });
			expect(messages(await uploadValues(indexText, csvForm(['S9'])))[0]).toMatch(
				/Die Spalte „S9“ fehlt/
			);
			expect(
				messages(await uploadValues(indexText, { ...csvForm([]), periodColumn: '', idColumn: '' }))
			).toEqual([
				'Bitte wählen Sie die Spalte mit der Kennung.',
				'Bitte geben Sie den Zeitraum an (z. B. 2020-12) oder wählen Sie eine Spalte.',
				'Bitte wählen Sie mindestens eine Spalte mit Werten.'
			]);
		});
	});
});
