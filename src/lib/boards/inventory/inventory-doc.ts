import type * as Y from 'yjs';

/**
 * The Bestandsaufnahme's mark in `<workshop>/control`: a counter the server raises after every
 * change of the workshop's inventory or of a need's link (src/lib/server/inventory/live.ts).
 * Open boards reload when it moves. Only the server writes it (server/sync/inventory-rights.ts),
 * so a client cannot make everyone reload in a loop.
 */
export const inventoryMapName = 'inventory';

export function readInventoryVersion(doc: Y.Doc): number {
	const v = doc.getMap(inventoryMapName).get('version');
	return typeof v === 'number' ? v : 0;
}
