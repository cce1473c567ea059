/**
 * `npm run bench:planning`: the table import of issue 11 at a city's scale. A made-up statistics
 * table of 1,000 districts × 100 columns, as an office writes it (long German headers, names instead
 * of codes spelled differently from the boundaries — upper case, ss for ß, spaces for dashes —,
 * `1 229` with no-break and thin spaces, `- 23`, `12,5 %`, no-data marks, a total row), goes through
 * the mapping step as the page uses it: the upload kept as a draft, the proposal with the join
 * preview, and the all-or-nothing import by name join into the store. Runs on SQLite, and on
 * PostgreSQL when TEST_DATABASE_URL is set. Goal: the import under 5 s.
 *
 * Then the page figures of issue 11 next to it: the production server (build/, so the script
 * builds first) with the Berlin demo data, `/districts` for the 542 Planungsräume fetched as a
 * browser does (how many bytes travel compressed, how many the HTML has) and opened in Chromium
 * (navigation start → all 542 areas drawn, median of 5; goal under 1 s). `--no-page` skips that.
 * Prints the figures and a final JSON line; a script, not a test: it never fails on timing.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { migrate, openDatabase, type Db } from '../../src/lib/server/db';
import { parseDistrictGeoJson } from '../../src/lib/domain/planning/districts';
import { importDistricts } from '../../src/lib/server/planning/districts';
import {
	createTableDraft,
	getTableDraft,
	runTableImport,
	viewTableDraft
} from '../../src/lib/server/planning/table-import';
import { importBerlinDemo } from '../../src/lib/server/planning/berlin-demo';
import { berlinDataDir } from '../../scripts/berlin-data';
import { squaresGeoJson } from '../helpers/dirty-districts';
import { startServer } from '../e2e/server';
import { launchChromium, median, signedInContext, signInFirstAdmin } from './browser';

const districtCount = 1000;
const valueColumns = 100;
const words = [
	'Schloßstraße',
	'Alt-Moabit',
	'Müllerviertel',
	'Groß-Ziethen',
	'Süd-Ost',
	'Weißensee'
];

const districts = Array.from({ length: districtCount }, (_, i) => ({
	code: `S${String(i + 1).padStart(4, '0')}`,
	name: `${words[i % words.length]} ${Math.floor(i / words.length) + 1}`
}));

/** How the office spells the name: upper case, ß as ss, dashes as spaces, in turn. */
function officeSpelling(name: string, i: number): string {
	if (i % 3 === 0) return name.toLocaleUpperCase('de-DE');
	if (i % 3 === 1) return name.replace(/ß/g, 'ss');
	return name.replace(/-/g, ' ');
}

function cell(row: number, column: number): string {
	const pick = (row * 31 + column * 17) % 50;
	if (pick === 0) return '–';
	if (pick === 1) return '.';
	if (column % 4 === 0)
		return `${Math.floor(1000 + ((row * 97 + column) % 9000))}`.replace(/^(\d)(\d{3})$/, '$1 $2');
	if (column % 4 === 1) return `${(row % 40) + 0.5},${column % 10} %`.replace('.5,', ',');
	if (column % 4 === 2) return `${pick % 2 === 0 ? '- ' : ''}${(row + column) % 300}`;
	return `${(row * column) % 100},${row % 10}`;
}

function makeTable(): string {
	const header = [
		'Stadtteil',
		...Array.from(
			{ length: valueColumns },
			(_, c) =>
				`Anteil der Empfänger/-innen von Leistungen nach SGB II an der Bevölkerung (Merkmal ${c + 1}) in % (Stand 31.12.2024)`
		)
	];
	const lines = [header.join(';')];
	districts.forEach((d, r) => {
		const cells = [officeSpelling(d.name, r)];
		for (let c = 0; c < valueColumns; c++) cells.push(cell(r, c));
		lines.push(cells.join(';'));
	});
	lines.push(['Stadt insgesamt', ...Array.from({ length: valueColumns }, () => '1')].join(';'));
	// Thousands with no-break and thin spaces, as some exports write them.
	return lines
		.join('\r\n')
		.replace(/(\d) (\d{3})(?=;|$)/gm, (_, a, b, offset) =>
			offset % 2 === 0 ? `${a}\u00a0${b}` : `${a}\u202f${b}`
		);
}

const round = (ms: number) => Math.round(ms);

async function benchStore(db: Db, label: string) {
	await migrate(db);
	await db.run(
		"INSERT INTO users (id, email, name, role, password_hash, created_at) VALUES ('bench', 'bench@example.org', 'Bench', 'planner', '-', 0)"
	);
	const parsed = parseDistrictGeoJson(squaresGeoJson(districts), {
		idProperty: 'CODE',
		nameProperty: 'NAME',
		level: 'stadtteil'
	});
	if (!parsed.ok) throw new Error(parsed.errors[0].message);
	await importDistricts(db, parsed, { fileName: 'stadtteile.geojson', createdBy: 'bench' });

	const bytes = new TextEncoder().encode(makeTable());
	const t0 = performance.now();
	const created = await createTableDraft(db, {
		file: { name: 'statistik.csv', bytes },
		level: 'stadtteil',
		createdBy: 'bench'
	});
	if (!created.ok) throw new Error(created.errors[0].message);
	const draft = (await getTableDraft(db, created.id, 'bench'))!;
	const t1 = performance.now();
	const view = await viewTableDraft(db, draft);
	const t2 = performance.now();
	if (!view.ok) throw new Error(view.message);
	const outcome = await runTableImport(
		db,
		draft,
		{ ...view.mapping, period: '2024' },
		{ createdBy: 'bench' }
	);
	const t3 = performance.now();
	if (!outcome.ok) throw new Error(outcome.errors.map((e) => e.message).join('\n'));
	if (outcome.kind !== 'indicators') throw new Error('unexpected outcome');
	const figures = {
		store: label,
		bytes: bytes.length,
		matched: view.counts.matched,
		skipped: view.attention.length,
		usedColumns: view.mapping.columns.filter((c) => c.use).length,
		values: outcome.values,
		noData: outcome.nullValues,
		uploadMs: round(t1 - t0),
		previewMs: round(t2 - t1),
		importMs: round(t3 - t2),
		totalMs: round(t3 - t0)
	};
	console.log(
		`${label}: ${(bytes.length / 1024).toFixed(0)} KB, ${figures.matched} rows matched by name, ` +
			`${figures.usedColumns} columns, ${figures.values} values (${figures.noData} no data); ` +
			`upload ${figures.uploadMs} ms, mapping page ${figures.previewMs} ms, ` +
			`import ${figures.importMs} ms, together ${figures.totalMs} ms (goal: import < 5000 ms)`
	);
	return figures;
}

console.log(`table import: ${districtCount} rows × ${valueColumns} value columns, joined by name`);
const results = [];
const dir = mkdtempSync(join(tmpdir(), 'qw-bench-planning-'));
try {
	const sqlite = openDatabase(join(dir, 'bench.sqlite'));
	results.push(await benchStore(sqlite, 'sqlite'));
	await sqlite.close();
} finally {
	rmSync(dir, { recursive: true, force: true });
}
const url = process.env.TEST_DATABASE_URL;
if (url) {
	const schema = `qw_bench_${Date.now().toString(36)}`;
	const admin = postgres(url, { onnotice: () => undefined });
	await admin.unsafe(`CREATE SCHEMA ${schema}`);
	try {
		const withSchema = new URL(url);
		withSchema.searchParams.set('search_path', schema);
		const pg = openDatabase(withSchema.toString());
		results.push(await benchStore(pg, 'postgres'));
		await pg.close();
	} finally {
		await admin.unsafe(`DROP SCHEMA ${schema} CASCADE`);
		await admin.end();
	}
} else {
	console.log('postgres: skipped (set TEST_DATABASE_URL to include it)');
}
// The page ---------------------------------------------------------------------------------------

const pageAreas = 542;
const pageRuns = 5;

/** The bytes as they travel: the raw response of a GET that accepts br and gzip. */
function fetchCompressed(
	url: string,
	cookie: string
): Promise<{ encoding: string | null; body: Buffer; status: number }> {
	return new Promise((resolve, reject) => {
		const req = request(
			url,
			{ headers: { cookie, accept: 'text/html', 'accept-encoding': 'br, gzip' } },
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (chunk: Buffer) => chunks.push(chunk));
				res.on('end', () =>
					resolve({
						encoding: (res.headers['content-encoding'] as string | undefined) ?? null,
						body: Buffer.concat(chunks),
						status: res.statusCode ?? 0
					})
				);
				res.on('error', reject);
			}
		);
		req.on('error', reject);
		req.end();
	});
}

async function benchPage() {
	const server = await startServer();
	try {
		const { session, cookie } = await signInFirstAdmin(server);
		const db = openDatabase(server.databasePath);
		try {
			await importBerlinDemo(db, berlinDataDir());
		} finally {
			await db.close();
		}
		const url = `${server.baseURL}/districts`;
		const fetched = await fetchCompressed(url, cookie);
		if (fetched.status !== 200) throw new Error(`/districts answered ${fetched.status}`);
		const html =
			fetched.encoding === 'br'
				? brotliDecompressSync(fetched.body)
				: fetched.encoding === 'gzip'
					? gunzipSync(fetched.body)
					: fetched.body;

		const browser = await launchChromium();
		const drawn: number[] = [];
		try {
			const context = await signedInContext(browser, server.baseURL, session);
			for (let run = 0; run < pageRuns; run++) {
				const page = await context.newPage();
				await page.goto(url, { waitUntil: 'commit' });
				// Passed as text: tsx would wrap the inner functions in a helper the page does not have.
				drawn.push(
					(await page.evaluate(`new Promise((resolve) => {
						const look = () =>
							document.querySelectorAll('[data-testid="district-map"] a[data-code] path').length >= ${pageAreas}
								? resolve(performance.now())
								: requestAnimationFrame(look);
						look();
					})`)) as number
				);
				await page.close();
			}
		} finally {
			await browser.close();
		}
		const figures = {
			areas: pageAreas,
			encoding: fetched.encoding,
			htmlBytes: html.length,
			compressedBytes: fetched.body.length,
			mapDrawnMs: round(median(drawn)),
			mapDrawnRunsMs: drawn.map(round)
		};
		console.log(
			`/districts with ${pageAreas} Planungsräume: HTML ${(figures.htmlBytes / 1024).toFixed(0)} KB, ` +
				`served ${figures.encoding ?? 'uncompressed'} ${(figures.compressedBytes / 1024).toFixed(0)} KB; ` +
				`map drawn ${figures.mapDrawnMs} ms after navigation start (median of ${pageRuns}; goal < 1000 ms)`
		);
		return figures;
	} finally {
		await server.stop();
	}
}

let page: Awaited<ReturnType<typeof benchPage>> | null = null;
if (process.argv.includes('--no-page')) {
	console.log('/districts: skipped (--no-page)');
} else if (!existsSync(new URL('../../build/handler.js', import.meta.url))) {
	console.log('/districts: skipped (build/ is missing: run `npx vite build` first)');
} else {
	page = await benchPage();
}

console.log(
	JSON.stringify({
		bench: 'planning',
		rows: districtCount,
		columns: valueColumns,
		join: 'name',
		results,
		importMsMax: Math.max(...results.map((r) => r.importMs)),
		page
	})
);
