import { describe, expect, test } from 'vitest';
import { checkEntryInput } from './entry';
import { mapInventoryHeader, parseInventoryCsv } from './csv-import';

const districts = [
	{ code: '01011101', name: 'Stülerstraße' },
	{ code: '01011102', name: 'Großer Tiergarten' },
	{ code: '08010117', name: 'Alt-Moabit' },
	{ code: '07030101', name: 'Schloßstraße', parentName: 'Steglitz' },
	{ code: '06030102', name: 'Schloßstraße', parentName: 'Charlottenburg' }
];

describe('an inventory entry', () => {
	test('without a name is refused, naming the name field', () => {
		expect(checkEntryInput({ name: '   ', provider: 'AWO' })).toEqual({
			ok: false,
			error: { field: 'name', key: 'inventory.error.nameMissing' }
		});
	});

	test('takes German decimal commas for its point and needs both coordinates', () => {
		const ok = checkEntryInput({
			name: 'Kiezcafé',
			lon: '13,4049',
			lat: '52,52',
			kind: 'informell'
		});
		expect(ok.ok && [ok.value.lon, ok.value.lat, ok.value.kind]).toEqual([
			13.4049,
			52.52,
			'informal'
		]);
		const half = checkEntryInput({ name: 'Kiezcafé', lon: '13,4' });
		expect(half.ok === false && half.error).toMatchObject({
			field: 'lat',
			key: 'inventory.error.coordinatePair'
		});
		const wrong = checkEntryInput({ name: 'Kiezcafé', lon: 'Osten', lat: '52' });
		expect(wrong.ok === false && wrong.error.field).toBe('lon');
	});
});

describe('CSV import of services', () => {
	test('reads long German headers, semicolons and district names instead of codes', () => {
		const csv = [
			'Name des Angebots (Pflicht);Träger / Anbieter;Zielgruppen (mit Komma getrennt);Adresse oder Gebiet;Ansprechperson und Telefon;Öffnungszeiten;Art (formell/informell);Sozialraum (Schlüssel oder Name);Längengrad;Breitengrad',
			'Familienzentrum Nord;Stadtteilverein e. V.;Familien, Kinder;Stülerstr. 3;Frau Demir 030 123;Mo–Fr 9–17;formell;Stülerstraße;13,35;52,51',
			'Nachbarschaftscafé;;Ältere Menschen;;;;informell;ALT MOABIT;;',
			'Jugendclub;Bezirksamt;Jugendliche;;;;;01011102;;'
		].join('\n');
		const parsed = parseInventoryCsv(csv, districts, null);
		expect(parsed.ok).toBe(true);
		if (!parsed.ok) return;
		expect(parsed.rows.map((r) => [r.line, r.districtCode, r.entry.name])).toEqual([
			[2, '01011101', 'Familienzentrum Nord'],
			[3, '08010117', 'Nachbarschaftscafé'],
			[4, '01011102', 'Jugendclub']
		]);
		expect(parsed.rows[0].entry).toMatchObject({
			provider: 'Stadtteilverein e. V.',
			targetGroups: 'Familien, Kinder',
			area: 'Stülerstr. 3',
			contact: 'Frau Demir 030 123',
			openingHours: 'Mo–Fr 9–17',
			kind: 'formal',
			lon: 13.35,
			lat: 52.51
		});
		expect(parsed.rows[1].entry.kind).toBe('informal');
	});

	test('maps comma-separated English-ish headers too, and leaves unknown columns out', () => {
		expect(mapInventoryHeader(['Angebot', 'Träger', 'Bemerkung', 'Bezirksregion'])).toEqual({
			name: 0,
			provider: 1,
			district: 3
		});
	});

	test('refuses the whole file when districts are unknown, naming each bad row', () => {
		const csv = [
			'Name,Sozialraum',
			'Kita Sonnenschein,Stülerstraße',
			'Spielplatz,Atlantis',
			'Beratung,Schloßstraße',
			'Tafel,99999999'
		].join('\n');
		const parsed = parseInventoryCsv(csv, districts, null);
		expect(parsed.ok).toBe(false);
		if (parsed.ok) return;
		expect(parsed.problems).toEqual([
			{
				line: 3,
				field: 'district',
				key: 'inventory.csv.districtUnknown',
				params: { district: 'Atlantis' }
			},
			{
				line: 4,
				field: 'district',
				key: 'inventory.csv.districtAmbiguous',
				params: { district: 'Schloßstraße' }
			},
			{
				line: 5,
				field: 'district',
				key: 'inventory.csv.districtUnknown',
				params: { district: '99999999' }
			}
		]);
	});

	test('refuses a row without a name, naming its line; empty district cells go to the page’s district', () => {
		const csv = 'Name;Träger;Sozialraum\nKita;AWO;\n;Caritas;Stülerstraße\n';
		const parsed = parseInventoryCsv(csv, districts, '01011102');
		expect(parsed).toEqual({
			ok: false,
			problems: [{ line: 3, field: 'name', key: 'inventory.error.nameMissing', params: undefined }]
		});
		const good = parseInventoryCsv('Name;Träger\nKita;AWO\n', districts, '01011102');
		expect(good.ok && good.rows[0].districtCode).toBe('01011102');
	});

	test('refuses a file without a name column, and one without rows', () => {
		const noName = parseInventoryCsv('Träger;Ort\nAWO;Moabit\n', districts, '01011101');
		expect(noName.ok === false && noName.problems[0].key).toBe('inventory.csv.noNameColumn');
		const empty = parseInventoryCsv('Name;Träger\n', districts, '01011101');
		expect(empty.ok === false && empty.problems[0].key).toBe('inventory.csv.noRows');
	});
});
