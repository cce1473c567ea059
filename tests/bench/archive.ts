/**
 * `npm run bench:archive`: how long the documentation of a large closed workshop takes to make.
 *
 * A made-up archive export with 500 cards in 10 groups over 3 walls, a vision text and 20
 * measures goes through the same generator as the archive page (PDF, DOCX, XLSX, two CSV files,
 * the export as JSON, the ZIP with its manifest). The first run includes loading the libraries
 * and parsing the font; the figures are the median and the slowest of the later runs, per file
 * and all together (goal: all files together under 10 s). Prints the figures and a final JSON
 * line. A script, not a test: it never fails on timing.
 */
import { generateArchiveDocuments } from '../../src/lib/server/archive/documents';
import { syntheticExport } from '../../src/lib/server/archive/documents/synthetic-export';

const runs = process.argv.includes('--quick') ? 3 : 7;
const size = { cards: 500, groups: 10, walls: 3, measures: 20 };
const exported = syntheticExport(size);
const settings = { municipalityName: 'Stadt Musterstadt', logo: null };

const round = (ms: number) => Math.round(ms);
const median = (values: number[]) =>
	[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function timedRun() {
	const start = performance.now();
	let last = start;
	const perFile: Record<string, number> = {};
	const made = await generateArchiveDocuments(exported, settings, ({ name }) => {
		const now = performance.now();
		perFile[name] = now - last;
		last = now;
	});
	return { total: performance.now() - start, perFile, made };
}

const first = await timedRun();
const later: Awaited<ReturnType<typeof timedRun>>[] = [];
for (let i = 0; i < runs; i++) later.push(await timedRun());

const sizes = Object.fromEntries(first.made.files.map((f) => [f.name, f.bytes.length]));
sizes.zip = first.made.zip.length;
console.log(
	`archive of ${size.cards} cards in ${size.groups} groups over ${size.walls} walls, ${size.measures} measures`
);
console.log(`first run (cold): ${round(first.total)} ms`);
console.log('file                          median ms   max ms   bytes');
for (const name of Object.keys(first.perFile)) {
	const times = later.map((r) => r.perFile[name]);
	console.log(
		`${name.padEnd(28)} ${String(round(median(times))).padStart(9)} ${String(round(Math.max(...times))).padStart(8)} ${String(sizes[name] ?? '').padStart(8)}`
	);
}
const totals = later.map((r) => r.total);
console.log(
	`all files together: median ${round(median(totals))} ms, max ${round(Math.max(...totals))} ms over ${runs} runs (goal < 10000 ms)`
);
console.log(
	JSON.stringify({
		bench: 'archive',
		cards: size.cards,
		groups: size.groups,
		walls: size.walls,
		measures: size.measures,
		coldMs: round(first.total),
		medianMs: round(median(totals)),
		maxMs: round(Math.max(...totals)),
		pdfMedianMs: round(median(later.map((r) => r.perFile['dokumentation.pdf']))),
		docxMedianMs: round(median(later.map((r) => r.perFile['dokumentation.docx']))),
		xlsxMedianMs: round(median(later.map((r) => r.perFile['massnahmen-und-karten.xlsx']))),
		pdfBytes: sizes['dokumentation.pdf'],
		zipBytes: sizes.zip,
		runs
	})
);
