import { createSetupLinkIfNeeded } from './accounts';
import type { Db } from './db';

/**
 * On a store without accounts, prints a one-time link that lets the first admin sign up.
 * There is no default password; restarting makes a new link and voids the old one.
 */
export async function announceSetupLink(db: Db, origin: string): Promise<string | null> {
	const token = await createSetupLinkIfNeeded(db);
	if (!token) return null;
	const link = `${origin.replace(/\/$/, '')}/setup/${token}`;
	console.log(
		`\nQuartierswerkstatt ist noch nicht eingerichtet. Einmaliger Einrichtungslink (24 Stunden gültig):\n  ${link}\n`
	);
	return link;
}
