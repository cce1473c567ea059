import type { DistrictKey } from '../../domain/measures';
import type { Db } from '../db';
import { listInventory, listSupplyGaps, type InventoryEntry, type SupplyGap } from './store';

/** What the district page shows of the Bestandsaufnahme: the services and the gaps (issue 13). */
export interface DistrictInventory {
	code: string;
	level: string;
	entries: Pick<InventoryEntry, 'id' | 'name' | 'provider' | 'targetGroups' | 'kind'>[];
	gaps: SupplyGap[];
}

export async function loadDistrictInventory(
	db: Db,
	code: string,
	level: string
): Promise<DistrictInventory> {
	const district: DistrictKey = { code, level };
	const [entries, gaps] = await Promise.all([
		listInventory(db, [district]),
		listSupplyGaps(db, district)
	]);
	return {
		code,
		level,
		entries: entries.map(({ id, name, provider, targetGroups, kind }) => ({
			id,
			name,
			provider,
			targetGroups,
			kind
		})),
		gaps
	};
}
