import { closeCodes } from '../../src/lib/collab/documents';
import { inventoryMapName } from '../../src/lib/boards/inventory/inventory-doc';
import { RejectedMessage } from './inspect';
import type { ReadyInspection } from './room';

/**
 * The Bestandsaufnahme's counter in `<workshop>/control` (issue 13) is the server's: it raises it
 * after storing a checked change of the inventory (src/lib/server/inventory/live.ts). Entries
 * themselves never travel through a shared document, so a participant's right to change only
 * their own is decided by the server's endpoint. A client writing the counter (even a
 * facilitator's) is refused before applying, so nobody can make every board reload in a loop.
 */
export function refuseClientInventoryWrites(inspection: ReadyInspection): void {
	for (const { parent } of [...inspection.items, ...inspection.deletes])
		if (parent[0] === inventoryMapName)
			throw new RejectedMessage(
				'only the server writes the inventory counter',
				closeCodes.forbidden
			);
}
