import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';

/**
 * Anonymous authors keep the right to fix their own card (issue "Live room", point 4) without
 * anyone learning who they are. A card the server published carries no author; instead, the
 * author's device made a random key when the draft was written, keeps it in this browser only,
 * and the draft (and then the card) carries the key's SHA-256 (`keyHash`). Whoever shows the key
 * to the server may change or bin that card; the server checks the hash and makes the change as
 * itself (src/routes/w/[id]/api/own-card). The private document that held the draft is erased
 * after publishing (server/sync/drafts.ts), so nothing stored ties the hash to a participant.
 */
export const isKeyHash = (value: unknown): value is string =>
	typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);

export const isCardKey = isKeyHash;

export function newCardKey(): string {
	const bytes = new Uint8Array(32);
	crypto.getRandomValues(bytes);
	return encodeHexLowerCase(bytes);
}

export function hashCardKey(key: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(key)));
}

/** One workshop's keys on this device (localStorage; at most `maxKeys`, the newest kept). */
const maxKeys = 500;
const storageKey = (workshopId: string) => `qw.cardKeys.${workshopId}`;

export function storedCardKeys(workshopId: string): string[] {
	try {
		const parsed: unknown = JSON.parse(localStorage.getItem(storageKey(workshopId)) ?? '[]');
		return Array.isArray(parsed) ? parsed.filter(isCardKey).slice(-maxKeys) : [];
	} catch {
		return [];
	}
}

export function rememberCardKey(workshopId: string, key: string): void {
	const keys = [...storedCardKeys(workshopId), key].slice(-maxKeys);
	try {
		localStorage.setItem(storageKey(workshopId), JSON.stringify(keys));
	} catch {
		// Storage full or off (private browsing): the card goes up anyway, only not editable later.
	}
}
