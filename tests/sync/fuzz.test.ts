import { expect, test } from 'vitest';
import { runFuzz } from '../fuzz/engine';

/**
 * The fuzz suite's short run (`npm run fuzz:sync` is the long one, tests/fuzz/sync.ts): a few
 * seconds of random and mutated messages from every role on a real sync process, garbage in the
 * store and a restart, while honest clients edit rooms nobody attacks. FUZZ_SEED repeats a run's
 * attacks, FUZZ_SECONDS makes it longer.
 */
const seconds = Number(process.env.FUZZ_SECONDS || 6);
const seed = Number(process.env.FUZZ_SEED || Date.now() % 2 ** 31);

test(
	'no message or stored row crashes the sync process, and rooms nobody attacks converge and are stored intact',
	async () => {
		const log: string[] = [];
		const result = await runFuzz({
			seconds,
			seed,
			storedRounds: 1,
			concurrency: 12,
			minimizeSeconds: 60,
			log: (line) => log.push(line)
		});
		const { crashReports, corruption } = result;
		const details = JSON.stringify({ seed, crashReports, corruption }, null, 2);
		expect(result.messages).toBeGreaterThan(500 * seconds);
		expect(result.crashes, details).toBe(0);
		expect(result.corruptRooms, details).toBe(0);
	},
	180_000 + seconds * 1000
);
