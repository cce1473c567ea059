import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { describeArchive } from './documentation';
import { hostileExport } from './hostile-export';
import { renderArchivePdf } from './pdf';
import { syntheticExport } from './synthetic-export';

/** poppler-utils: pdftotext, pdfinfo, pdffonts, pdftoppm (installed by .ci/run). */
const dir = mkdtempSync(join(tmpdir(), 'qw-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function save(name: string, bytes: Uint8Array) {
	const path = join(dir, name);
	writeFileSync(path, bytes);
	return path;
}
const run = (tool: string, ...args: string[]) =>
	execFileSync(tool, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** A 1×1 PNG, as the settings page would store it. */
const tinyPng = Uint8Array.from(
	Buffer.from(
		'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
		'base64'
	)
);

const settings = { municipalityName: 'Stadt Musterstadt', logo: null };

/** One page's text, with the layout kept. */
const pageText = (pdf: string, page: number) =>
	run('pdftotext', '-enc', 'UTF-8', '-layout', '-f', `${page}`, '-l', `${page}`, pdf, '-');

/**
 * The text inside a wall's picture only: the region between the wall's summary line ("… Karten,
 * davon …") and the caption under the picture, found by the words' boxes on the page.
 */
function pictureText(pdf: string, page: number): string {
	const words = run('pdftotext', '-bbox', '-f', `${page}`, '-l', `${page}`, pdf, '-');
	const box = (word: string) => {
		const match = new RegExp(`yMin="([\\d.]+)" xMax="[\\d.]+" yMax="([\\d.]+)">${word}<`).exec(
			words
		);
		if (!match) throw new Error(`no "${word}" on page ${page}`);
		return { top: Number(match[1]), bottom: Number(match[2]) };
	};
	const top = box('davon').bottom + 2;
	const bottom = box('Abschluss,').top - 2;
	expect(bottom - top).toBeGreaterThan(100);
	return run(
		'pdftotext',
		'-enc',
		'UTF-8',
		'-f',
		`${page}`,
		'-l',
		`${page}`,
		'-x',
		'0',
		'-y',
		`${Math.floor(top)}`,
		'-W',
		'596',
		'-H',
		`${Math.floor(bottom - top)}`,
		pdf,
		'-'
	);
}

interface Raster {
	width: number;
	height: number;
	channels: number;
	pixels: Uint8Array;
}

/** A page as pixels at 50 dpi (pdftoppm writes PGM or PPM: a short text header, then bytes). */
function renderPage(pdf: string, page: number, mode: 'gray' | 'colour'): Raster {
	const out = join(dir, `raster-${page}-${mode}`);
	run(
		'pdftoppm',
		...(mode === 'gray' ? ['-gray'] : []),
		'-r',
		'50',
		'-f',
		`${page}`,
		'-l',
		`${page}`,
		'-singlefile',
		pdf,
		out
	);
	const bytes = readFileSync(`${out}.${mode === 'gray' ? 'pgm' : 'ppm'}`);
	const header = /^(P[56])\s+(\d+)\s+(\d+)\s+255\s/.exec(bytes.subarray(0, 40).toString('latin1'));
	if (!header) throw new Error('not a PGM/PPM file');
	const width = Number(header[2]);
	const height = Number(header[3]);
	const channels = header[1] === 'P5' ? 1 : 3;
	const pixels = new Uint8Array(bytes.subarray(header[0].length));
	expect(pixels.length).toBe(width * height * channels);
	return { width, height, channels, pixels };
}

/** Pixels within a few steps of a colour (anti-aliased edges left out). */
function countColour(raster: Raster, [r, g, b]: number[]): number {
	let n = 0;
	const p = raster.pixels;
	for (let i = 0; i < p.length; i += 3)
		if (Math.abs(p[i] - r) < 6 && Math.abs(p[i + 1] - g) < 6 && Math.abs(p[i + 2] - b) < 6) n++;
	return n;
}

describe('the documentation PDF', async () => {
	const exported = syntheticExport({ cards: 500, groups: 10, walls: 3, measures: 20 });
	const path = save(
		'long.pdf',
		await renderArchivePdf(exported, {
			municipalityName: 'Stadt Musterstadt',
			logo: { type: 'image/png', bytes: tinyPng }
		})
	);

	test('carries the cards, the vision text and the measures as real text with umlauts intact', () => {
		const text = run('pdftotext', '-enc', 'UTF-8', path, '-');
		for (const expected of [
			'Stadt Musterstadt',
			'Zukunftswerkstatt Südstadt: Straße und Grünfläche',
			'Inhalt',
			'Karte 1: Straße',
			'Karte 500:',
			'Unsere Vision für 2030',
			'Die Straße ist ein Ort der Begegnung. Jede Grünfläche wird gepflegt',
			'Maßnahmenplan',
			'Maßnahme 20:',
			'Von der Karte zur Maßnahme',
			'Entstanden aus diesen Karten:',
			'Ergebnis der Abstimmung',
			'Seite 2 von'
		])
			expect(text, expected).toContain(expected);
	});

	test('is tagged, in German, and has many pages for a long export', () => {
		const info = run('pdfinfo', path);
		expect(info).toMatch(/^Tagged:\s+yes$/m);
		expect(Number(/^Pages:\s+(\d+)$/m.exec(info)?.[1])).toBeGreaterThanOrEqual(2);
		expect(info).toMatch(/^Title:\s+Dokumentation: Zukunftswerkstatt Südstadt/m);
		const raw = readFileSync(path, 'latin1');
		expect(raw).toContain('/Lang (de-DE)');
		expect(raw).toContain('/DisplayDocTitle true');
		expect(raw).toContain('pdfuaid:part');
		for (const tag of [
			'/H1',
			'/H2',
			'/H3',
			'/H4',
			'/TOC',
			'/TOCI',
			'/Table',
			'/TH',
			'/TD',
			'/L',
			'/LI',
			'/LBody',
			'/Figure'
		])
			expect(raw, tag).toContain(`/S ${tag}\n`);
		expect(raw).toMatch(/\/S \/Figure\n\/Alt \(/);
	});

	test('embeds every font it uses', () => {
		const fonts = run('pdffonts', path).trim().split('\n').slice(2);
		expect(fonts.length).toBeGreaterThan(0);
		for (const line of fonts) expect(line, line).toMatch(/\s+yes\s+yes\s+yes\s+\d+\s+\d+$/);
	});

	test('renders its first page', () => {
		run('pdftoppm', '-png', '-r', '50', '-f', '1', '-l', '1', path, join(dir, 'page'));
		const png = join(dir, 'page-01.png');
		expect(statSync(png).size).toBeGreaterThan(1000);
		// The same page in grey: A4 at 50 dpi, the accent bar across the top, text on white.
		const page = renderPage(path, 1, 'gray');
		expect(Math.abs(page.width - (595.28 * 50) / 72)).toBeLessThan(1);
		expect(Math.abs(page.height - (841.89 * 50) / 72)).toBeLessThan(1);
		const row = (y: number) => page.pixels.subarray(y * page.width, (y + 1) * page.width);
		// (The last column is mostly past the page's edge of 595.28 pt.)
		expect(Math.max(...row(3).subarray(0, -1))).toBeLessThan(128);
		expect(Math.min(...row(30))).toBe(255);
		const dark = page.pixels.filter((v) => v < 128).length / page.pixels.length;
		expect(dark).toBeGreaterThan(0.005);
		expect(dark).toBeLessThan(0.2);
	});

	test('draws each wall as it lay: frames, cards in their colours, texts and dots', () => {
		const pages = Number(/^Pages:\s+(\d+)$/m.exec(run('pdfinfo', path))?.[1]);
		const withPicture: number[] = [];
		for (let p = 1; p <= pages; p++)
			if (pageText(path, p).includes('Die Wand beim Abschluss, verkleinert.')) withPicture.push(p);
		// One picture per wall, on the wall's first page.
		expect(withPicture).toHaveLength(3);
		const figure = pictureText(path, withPicture[0]);
		for (const expected of ['Gruppe 1: Straße', 'Karte 1: Straße', 'Grünfläche', 'Fußweg'])
			expect(figure, expected).toContain(expected);
		// The cards' colours (yellow and blue paper) fill part of the page, as on the wall.
		const page = renderPage(path, withPicture[0], 'colour');
		expect(countColour(page, [0xff, 0xe9, 0xa8])).toBeGreaterThan(500);
		expect(countColour(page, [0xcf, 0xe3, 0xf7])).toBeGreaterThan(500);
	});

	test('shows hostile card texts as text and survives empty walls and no measures', async () => {
		const hostile = save(
			'hostile.pdf',
			await renderArchivePdf(hostileExport(), { municipalityName: null, logo: null })
		);
		const text = run('pdftotext', '-enc', 'UTF-8', hostile, '-');
		expect(text).toContain('<script>alert(1)</script>');
		expect(text).toContain('=HYPERLINK');
		expect(text).toContain('Auf dieser Wand gibt es keine Karten.');
		expect(text).toContain('Aus dieser Werkstatt sind keine Maßnahmen hervorgegangen.');
		expect(run('pdfinfo', hostile)).toMatch(/^Tagged:\s+yes$/m);
	});

	test('draws an overview for an archive made before positions were kept', async () => {
		const exported = syntheticExport({
			cards: 30,
			groups: 3,
			walls: 1,
			measures: 1,
			withoutCanvas: true
		});
		expect(describeArchive(exported, settings).phases[0].wall?.canvas).toBeNull();
		const older = save('older.pdf', await renderArchivePdf(exported, settings));
		const text = run('pdftotext', '-enc', 'UTF-8', older, '-');
		expect(text).not.toContain('Die Wand beim Abschluss');
		expect(text).toContain('Gruppe 1: Straße');
		expect(run('pdfinfo', older)).toMatch(/^Tagged:\s+yes$/m);
	});

	test('draws only what a tampered canvas says about this wall’s own cards', () => {
		const exported = syntheticExport({ cards: 6, groups: 1, walls: 1, measures: 0 });
		const canvas = exported.phases[0].canvas!;
		canvas.cards[0].x = Number.NaN;
		canvas.cards[1].width = 1e9;
		canvas.cards[2].id = 'fremd';
		canvas.cards.push({ ...canvas.cards[3] });
		canvas.frames.push({ id: 'fremd', x: 0, y: 0, width: 10, height: 10 });
		const drawn = describeArchive(exported, settings).phases[0].wall!.canvas!;
		expect(drawn.cards.map((c) => c.id)).toEqual(['c3', 'c4', 'c5']);
		expect(drawn.frames).toHaveLength(1);
		// Nothing of this wall left on the canvas: the overview instead.
		exported.phases[0].canvas!.cards = [{ ...canvas.cards[0], id: 'fremd' }];
		expect(describeArchive(exported, settings).phases[0].wall!.canvas).toBeNull();
	});

	test('sums a wall up in the singular where it is one card or one group', () => {
		const summary = (cards: number, groups: number) =>
			describeArchive(syntheticExport({ cards, groups, walls: 1, measures: 0 }), settings).phases[0]
				.wall?.summary;
		expect(summary(6, 1)).toBe('6 Karten, davon 6 in einer Gruppe.');
		expect(summary(20, 3)).toBe('20 Karten, davon 18 in 3 Gruppen.');
		expect(summary(1, 1)).toBe('Eine Karte, in einer Gruppe.');
	});

	test('leaves out a logo it cannot show and still makes the PDF', async () => {
		const bytes = await renderArchivePdf(
			syntheticExport({ cards: 5, groups: 1, walls: 1, measures: 1 }),
			{
				municipalityName: 'Gemeinde Übach',
				logo: { type: 'image/webp', bytes: new Uint8Array([1, 2, 3]) }
			}
		);
		expect(run('pdftotext', save('webp.pdf', bytes), '-')).toContain('Gemeinde Übach');
	});
});
