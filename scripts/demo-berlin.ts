/**
 * `npm run demo:berlin`: loads the Berlin demo data into the store named by DATABASE_URL (default
 * ./data/quartierswerkstatt.sqlite), creating the schema first. Safe to run again: each import
 * replaces its level or period. Where the data is: see berlin-data.ts (BERLIN_DATA).
 */
import { migrate, openDatabase } from '../src/lib/server/db';
import { importBerlinDemo } from '../src/lib/server/planning/berlin-demo';
import { berlinDataDir } from './berlin-data';

const dataDir = berlinDataDir();
const started = performance.now();
const db = openDatabase(process.env.DATABASE_URL);
try {
	await migrate(db);
	console.log(`Berlin-Demo: lade Daten aus ${dataDir} in ${db.kind} …`);
	const result = await importBerlinDemo(db, dataDir, ({ step, rows, ms }) =>
		console.log(`  ✓ ${step}: ${rows} in ${ms} ms`)
	);
	const ms = Math.round(performance.now() - started);
	console.log(
		`Fertig: ${result.districts} Gebiete und ${result.values} Werte in ${(ms / 1000).toFixed(2)} s.`
	);
	console.log(
		JSON.stringify({
			demo: 'berlin',
			store: db.kind,
			districts: result.districts,
			values: result.values,
			ms
		})
	);
} finally {
	await db.close();
}
