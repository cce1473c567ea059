import { districtKey } from '../domain/measures';
import type { Db } from './db';
import { listGoals } from './goals';
import { listDistricts } from './planning/districts';

/** Goals and districts for pickers and for showing names instead of ids. */
export async function registerOptions(db: Db) {
	const goals = (await listGoals(db)).map((g) => ({ id: g.id, title: g.title, level: g.level }));
	const districts = (await listDistricts(db)).map((d) => ({
		key: districtKey(d),
		name: d.name,
		level: d.level
	}));
	return { goals, districts };
}
