import { districtKey } from '../domain/measures';
import type { Db } from './db';
import { listGoals } from './goals';
import { listDistricts } from './planning/districts';

/**
 * Goals and districts for pickers and for showing names instead of ids. Each district brings its
 * parent's name, so the picker can tell apart areas of the same name.
 */
export async function registerOptions(db: Db) {
	const goals = (await listGoals(db)).map((g) => ({ id: g.id, title: g.title, level: g.level }));
	const all = await listDistricts(db);
	const names = new Map(all.map((d) => [districtKey(d), d.name]));
	const districts = all.map((d) => ({
		key: districtKey(d),
		name: d.name,
		level: d.level,
		parent:
			d.parentLevel && d.parentCode
				? (names.get(districtKey({ level: d.parentLevel, code: d.parentCode })) ?? null)
				: null
	}));
	return { goals, districts };
}
