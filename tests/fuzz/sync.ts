/**
 * `npm run fuzz:sync`: attacks a real sync server for a time budget and ends with one JSON line,
 * e.g. {"bench":"fuzz","messages":123456,"crashes":0,"corruptRooms":0,…}. Exits non-zero when the
 * process crashed or an honest room was corrupted.
 *
 * FUZZ_SECONDS (attack time, default 120), FUZZ_MESSAGES (stop after this many), FUZZ_SEED (repeat a
 * run's attacks), FUZZ_CONCURRENCY, FUZZ_STORED_ROUNDS, FUZZ_TRACE_SECONDS (time for tracing
 * crashes to their bytes), FUZZ_SERVER (another entry point, e.g. an older checkout's
 * server/sync-only.ts).
 */
import { defaultOptions, runFuzz, type FuzzResult } from './engine';

const number = (name: string, fallback: number) => {
	const value = process.env[name];
	return value === undefined || value === '' ? fallback : Number(value);
};

function printCrashes(result: FuzzResult): void {
	for (const report of result.crashReports) {
		console.log(`\n${report.kind} crash ×${report.count}: ${report.cause}`);
		console.log(`  error:  ${report.error}`);
		if (report.target) console.log(`  where:  ${report.target}`);
		if (report.bytes) console.log(`  bytes:  ${report.bytes}`);
		console.log(`  repro:  ${report.repro}`);
	}
	for (const line of result.corruption) console.log(`\ncorrupt: ${line}`);
	for (const line of result.unloadable) console.log(`refused to load (process survived): ${line}`);
	const refused = Object.entries(result.refusedAfter).sort((a, b) => b[1] - a[1]);
	if (refused.length) console.log('\nconnections refused, by what they sent last:');
	for (const [what, n] of refused.slice(0, 12)) console.log(`  ×${n} ${what}`);
	const logged = Object.entries(result.logged).sort((a, b) => b[1] - a[1]);
	if (logged.length) console.log('\nerrors the server logged and survived:');
	for (const [line, n] of logged.slice(0, 20)) console.log(`  ×${n} ${line}`);
	if (result.suppressed.length)
		console.log(`\nswitched off after crashing: ${result.suppressed.join(', ')}`);
}

const result = await runFuzz({
	seconds: number('FUZZ_SECONDS', defaultOptions.seconds),
	maxMessages: number('FUZZ_MESSAGES', Infinity),
	seed: number('FUZZ_SEED', defaultOptions.seed),
	concurrency: number('FUZZ_CONCURRENCY', defaultOptions.concurrency),
	storedRounds: number('FUZZ_STORED_ROUNDS', defaultOptions.storedRounds),
	minimizeSeconds: number('FUZZ_TRACE_SECONDS', defaultOptions.minimizeSeconds),
	serverScript: process.env.FUZZ_SERVER || undefined,
	log: (line) => console.log(`[fuzz] ${line}`)
});
printCrashes(result);
const { bench, seed, seconds, messages, sessions, crashes, corruptRooms, stalls, maxLatencyMs } =
	result;
console.log(
	JSON.stringify({
		bench,
		messages,
		crashes,
		corruptRooms,
		distinctCrashes: result.crashReports.length,
		sessions,
		seconds,
		seed,
		stalls,
		maxLatencyMs,
		honestEdits: result.honestEdits
	})
);
process.exit(crashes > 0 || corruptRooms > 0 ? 1 : 0);
