import { describe, expect, test } from 'vitest';
import { cardsCsv, csvCell, measuresCsv } from './csv';
import { hostileExport } from './hostile-export';
import { syntheticExport } from './synthetic-export';

const settings = { municipalityName: null, logo: null };
const decode = (bytes: Uint8Array) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);

describe('the CSV files', () => {
	test('start with a byte order mark, use semicolons and CRLF, and keep umlauts', () => {
		const text = decode(
			measuresCsv(syntheticExport({ cards: 10, groups: 2, walls: 1, measures: 2 }), settings)
		);
		expect(text.startsWith('\uFEFFNr.;Maßnahme;Beschreibung;Status;')).toBe(true);
		const lines = text.split('\r\n');
		expect(lines).toHaveLength(4);
		expect(lines[1]).toMatch(/^M1;Maßnahme 1: .*;Idee;Amt für Straßen und Grünflächen;/);
	});

	test('list each card with its group and dots, one row per card', () => {
		const text = decode(
			cardsCsv(syntheticExport({ cards: 500, groups: 10, walls: 3, measures: 0 }), settings)
		);
		const lines = text.trimEnd().split('\r\n');
		expect(lines).toHaveLength(501);
		expect(lines[0]).toBe('\uFEFFPhase;Gruppe;Punkte der Gruppe;Karte;Punkte;Kennung der Karte');
		expect(lines[1]).toMatch(/^Kritikphase;Gruppe 1: Straße;\d+;Karte 1: Straße.*;0;c0$/);
	});

	test('guard cells that a spreadsheet would run as a formula', () => {
		for (const start of ['=', '+', '-', '@', '\t', '\r'])
			expect(csvCell(`${start}1+1`)).toMatch(/^"?'/);
		expect(csvCell('Straße')).toBe('Straße');
		expect(csvCell(-3)).toBe('-3');
		expect(csvCell(null)).toBe('');
		expect(csvCell('a;b "c"\nd')).toBe('"a;b ""c""\nd"');
	});

	test('write hostile cards as guarded, quoted text', () => {
		const text = decode(cardsCsv(hostileExport(), settings));
		expect(text).toContain(`;"'=HYPERLINK(""http://evil.example"",""klick"")";`);
		expect(text).toContain(";'+49 170 1234567;");
		expect(text).toContain(";'-1+1;");
		expect(text).toContain(";'@SUM(A1:A2);");
		expect(text).toContain(';<script>alert(1)</script>;');
		expect(text).toContain('"Semikolon; ""Anführung"" und Zeilenumbruch"');
		expect([...text].filter((c) => ['\u0000', '\u0007', '\u202E'].includes(c))).toEqual([]);
		expect(decode(measuresCsv(hostileExport(), settings)).trimEnd().split('\r\n')).toHaveLength(1);
	});
});
