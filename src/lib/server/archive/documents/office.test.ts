import { inflateSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import { renderArchiveDocx } from './docx';
import { hostileExport } from './hostile-export';
import { syntheticExport } from './synthetic-export';
import { renderArchiveXlsx } from './xlsx';

const settings = { municipalityName: 'Stadt Musterstadt', logo: null };

/** An 8-bit RGB PNG without interlacing, as wall-image.ts writes it (filter 0 on every row). */
function decodePng(bytes: Uint8Array) {
	const data = Buffer.from(bytes);
	expect(data.subarray(1, 4).toString('latin1')).toBe('PNG');
	const width = data.readUInt32BE(16);
	const height = data.readUInt32BE(20);
	expect([...data.subarray(24, 29)]).toEqual([8, 2, 0, 0, 0]);
	const idat: Buffer[] = [];
	for (let at = 8; at < data.length;) {
		const length = data.readUInt32BE(at);
		if (data.toString('latin1', at + 4, at + 8) === 'IDAT')
			idat.push(data.subarray(at + 8, at + 8 + length));
		at += length + 12;
	}
	const rows = inflateSync(Buffer.concat(idat));
	expect(rows.length).toBe((width * 3 + 1) * height);
	const pixels = new Uint8Array(width * height * 3);
	for (let y = 0; y < height; y++) {
		expect(rows[y * (width * 3 + 1)]).toBe(0);
		pixels.set(rows.subarray(y * (width * 3 + 1) + 1, (y + 1) * (width * 3 + 1)), y * width * 3);
	}
	return { width, height, pixels };
}

async function readWorkbook(bytes: Uint8Array) {
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
	return workbook;
}

describe('the documentation as DOCX', () => {
	test('holds the headings, cards, vision text and measure table, in German', async () => {
		const bytes = await renderArchiveDocx(
			syntheticExport({ cards: 40, groups: 4, walls: 2, measures: 3 }),
			settings
		);
		const parts = unzipSync(bytes);
		const xml = strFromU8(parts['word/document.xml']);
		for (const expected of [
			'Zukunftswerkstatt Südstadt: Straße und Grünfläche',
			'Karte 1: Straße',
			'Unsere Vision für 2030',
			'Maßnahmenplan',
			'Maßnahme 3:',
			'Von der Karte zur Maßnahme',
			'w:tblHeader'
		])
			expect(xml, expected).toContain(expected);
		expect(xml).toContain('w:pStyle w:val="Heading1"');
		expect(strFromU8(parts['word/styles.xml'])).toContain('w:lang w:val="de-DE"');
	});

	test('shows each wall as a picture: SVG with the cards’ texts, a PNG for older programs', async () => {
		const parts = unzipSync(
			await renderArchiveDocx(
				syntheticExport({ cards: 40, groups: 4, walls: 2, measures: 3 }),
				settings
			)
		);
		const media = Object.keys(parts).filter((name) => name.startsWith('word/media/'));
		const svgs = media.filter((name) => name.endsWith('.svg'));
		const pngs = media.filter((name) => name.endsWith('.png'));
		expect([svgs.length, pngs.length]).toEqual([2, 2]);
		const svg = svgs.map((name) => strFromU8(parts[name])).find((x) => x.includes('Karte 1:'))!;
		for (const expected of ['Gruppe 1: Straße', 'Karte 1: Straße', 'Grünfläche', '#ffe9a8'])
			expect(svg, expected).toContain(expected);
		// The PNG is a real picture: the wall's background with cards in their colours on it.
		const png = decodePng(parts[pngs[0]]);
		expect(png.width).toBeGreaterThan(300);
		expect(png.height).toBeGreaterThan(100);
		const colours = new Set<string>();
		for (let i = 0; i < png.pixels.length; i += 3)
			colours.add(Buffer.from(png.pixels.subarray(i, i + 3)).toString('hex'));
		for (const fill of ['f3f6fa', 'ffe9a8', 'cfe3f7', 'cdebd3'])
			expect(colours, fill).toContain(fill);
		const xml = strFromU8(parts['word/document.xml']);
		expect(xml).toContain(
			'descr="Bild der Wand „Kritikphase“, wie sie beim Abschluss aussah: 20 Karten'
		);
		expect(xml).toContain('Die Wand beim Abschluss, verkleinert.');
	});

	test('has no picture for an archive made before positions were kept', async () => {
		const parts = unzipSync(
			await renderArchiveDocx(
				syntheticExport({ cards: 10, groups: 2, walls: 1, measures: 1, withoutCanvas: true }),
				settings
			)
		);
		expect(Object.keys(parts).filter((name) => name.startsWith('word/media/'))).toEqual([]);
		expect(strFromU8(parts['word/document.xml'])).toContain('Karte 1: Straße');
	});

	test('writes hostile texts as escaped text and still opens', async () => {
		const parts = unzipSync(
			await renderArchiveDocx(hostileExport(), { municipalityName: null, logo: null })
		);
		const xml = strFromU8(parts['word/document.xml']);
		expect(xml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
		expect(xml).not.toContain('<script>');
		expect(xml).toContain('שלום לכולם');
		expect(xml).toContain('🌳');
		// Control characters and bidi overrides would make Word refuse the file or turn text around.
		expect([...xml].filter((c) => ['\u0000', '\u0007', '\u202E'].includes(c))).toEqual([]);
		expect(xml).toContain('Aus dieser Werkstatt sind keine Maßnahmen hervorgegangen.');
	});
});

describe('the measures and cards as XLSX', () => {
	test('has the sheets "Maßnahmen" and "Karten" with votes as numbers', async () => {
		const workbook = await readWorkbook(
			await renderArchiveXlsx(
				syntheticExport({ cards: 500, groups: 10, walls: 3, measures: 20 }),
				settings
			)
		);
		const measures = workbook.getWorksheet('Maßnahmen');
		const cards = workbook.getWorksheet('Karten');
		expect(measures?.rowCount).toBe(21);
		expect(cards?.rowCount).toBe(501);
		expect(measures?.getRow(1).getCell(2).value).toBe('Maßnahme');
		expect(String(measures?.getRow(2).getCell(2).value)).toMatch(/^Maßnahme 1: /);
		const first = cards?.getRow(2);
		expect(first?.getCell(1).value).toBe('Kritikphase');
		expect(String(first?.getCell(4).value)).toMatch(/^Karte 1: Straße/);
		expect(typeof first?.getCell(5).value).toBe('number');
	});

	test('keeps a formula-like card as text', async () => {
		const workbook = await readWorkbook(await renderArchiveXlsx(hostileExport(), settings));
		const texts = workbook.getWorksheet('Karten')?.getColumn(4).values ?? [];
		expect(texts).toContain('=HYPERLINK("http://evil.example","klick")');
		const cell = workbook.getWorksheet('Karten')?.getRow(3).getCell(4);
		expect(cell?.type).toBe(ExcelJS.ValueType.String);
		expect(workbook.getWorksheet('Maßnahmen')?.rowCount).toBe(1);
	});
});
