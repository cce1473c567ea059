import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';

/**
 * Every random id and token of the app, in the browser and on the server alike: both have Web
 * Crypto (`crypto.getRandomValues`, global in Node 20), so live documents, rows and links draw
 * their randomness the same way. Ids and tokens are lower-case letters and digits, so they pass
 * the `[a-z0-9]` checks of document names, forms and query parameters without escaping.
 */
function randomBytes(length: number): Uint8Array {
	const bytes = new Uint8Array(length);
	crypto.getRandomValues(bytes);
	return bytes;
}

/**
 * 80 random bits in 16 characters: rows, cards, clusters, measures, phases, vote rounds. Unique,
 * not secret. Entries of a live document are created by several people at once without asking
 * the server, so the id must be random rather than counted.
 */
export function newId(): string {
	return encodeBase32LowerCaseNoPadding(randomBytes(10));
}

/** 160 random bits in 32 characters, readable in a URL: sessions, invites, API keys. */
export function newToken(): string {
	return encodeBase32LowerCaseNoPadding(randomBytes(20));
}

/** 256 random bits as 64 hex digits: keys for HMACs, never shown to anyone. */
export function newSecret(): string {
	return encodeHexLowerCase(randomBytes(32));
}
