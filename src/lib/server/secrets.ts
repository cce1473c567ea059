import { newSecret } from '../ids';
import type { Db } from './db';

/**
 * A named random secret shared by every process on the same store: made by whichever process
 * asks first, read by all others. 32 random bytes, hex.
 */
export async function serverSecret(db: Db, name: string): Promise<string> {
	const fresh = newSecret();
	await db.run(
		'INSERT INTO server_secrets (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING',
		[name, fresh]
	);
	const row = await db.get<{ value: string }>('SELECT value FROM server_secrets WHERE name = ?', [
		name
	]);
	if (!row) throw new Error(`secret ${name} could not be stored`);
	return row.value;
}
