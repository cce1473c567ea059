/**
 * Where the Berlin data lives (see ../shared/data/PROVENANCE.md): the folder BERLIN_DATA names
 * (relative to the working directory), or else the shared data folder beside the repository. The
 * one answer for the demo script, the tests and the benchmarks, so they cannot drift apart.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const besideRepository = resolve(import.meta.dirname, '../../shared/data/berlin');

export function berlinDataDir(): string {
	const dir = process.env.BERLIN_DATA ? resolve(process.env.BERLIN_DATA) : besideRepository;
	if (!existsSync(dir))
		throw new Error(
			`Die Berlin-Daten fehlen unter ${dir}. BERLIN_DATA kann auf einen anderen Ordner zeigen.`
		);
	return dir;
}

/** One file of the Berlin data, e.g. `berlinDataFile('mss_2021_indizes.csv')`. */
export const berlinDataFile = (name: string): string => resolve(berlinDataDir(), name);
