import * as encoding from 'lib0/encoding';

/**
 * Byte-level building blocks for hostile messages: varuints of any size, hand-made Yjs updates and
 * deeply nested values. Hand-made on purpose: Yjs' own encoder recurses into nested values and
 * would overflow the fuzzer's stack before the server's.
 */

/** Hex of the first `max` bytes, for reports: `00 00 01 05 … (1234 bytes)`. */
export function hex(bytes: Uint8Array, max = 48): string {
	if (!bytes.length) return '(empty)';
	const shown = [...bytes.subarray(0, max)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
	return bytes.length > max ? `${shown} … (${bytes.length} bytes)` : shown;
}

export function concat(...parts: (Uint8Array | number[])[]): Uint8Array {
	const length = parts.reduce((sum, part) => sum + part.length, 0);
	const out = new Uint8Array(length);
	let offset = 0;
	for (const part of parts) {
		out.set(part, offset);
		offset += part.length;
	}
	return out;
}

/** A varuint as lib0 writes it, for any size up to 2^53 (lib0 itself writes these too). */
export function varUint(value: number): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, value);
	return encoding.toUint8Array(encoder);
}

/** A varuint longer than any number: continuation bits on every byte. */
export function endlessVarUint(length: number): Uint8Array {
	return new Uint8Array(length).fill(0xff);
}

/** A y-websocket sync message (type 0) of the given step with a length-prefixed payload. */
export function syncMessage(step: number, payload: Uint8Array): Uint8Array {
	return concat([0], varUint(step), varUint(payload.length), payload);
}

export function awarenessMessage(payload: Uint8Array): Uint8Array {
	return concat([1], varUint(payload.length), payload);
}

/** An awareness update written by hand: any ids, clocks and state strings, valid or not. */
export function awarenessPayload(entries: { id: number; clock: number; state: string }[]) {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, entries.length);
	for (const entry of entries) {
		encoding.writeVarUint(encoder, entry.id);
		encoding.writeVarUint(encoder, entry.clock);
		encoding.writeVarString(encoder, entry.state);
	}
	return encoding.toUint8Array(encoder);
}

/**
 * A Yjs v1 update with no structs and the given delete set: deletes by id, of anything, known to
 * the receiver or not, of any length.
 */
export function deleteSetUpdate(ranges: { client: number; clock: number; length: number }[]) {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, 0);
	const byClient = new Map<number, { clock: number; length: number }[]>();
	for (const { client, ...range } of ranges)
		byClient.set(client, [...(byClient.get(client) ?? []), range]);
	encoding.writeVarUint(encoder, byClient.size);
	for (const [client, list] of byClient) {
		encoding.writeVarUint(encoder, client);
		encoding.writeVarUint(encoder, list.length);
		for (const range of list) {
			encoding.writeVarUint(encoder, range.clock);
			encoding.writeVarUint(encoder, range.length);
		}
	}
	return encoding.toUint8Array(encoder);
}

/**
 * lib0's `writeAny` encoding of a value nested `depth` levels deep, built iteratively: arrays
 * `[[[…]]]` (tag 117) or objects `{"a":{"a":…}}` (tag 118) around a null (tag 126).
 */
export function nestedAny(depth: number, shape: 'array' | 'object'): Uint8Array {
	const level = shape === 'array' ? [117, 1] : [118, 1, 1, 0x61];
	const out = new Uint8Array(depth * level.length + 1);
	for (let i = 0; i < depth; i++) out.set(level, i * level.length);
	out[out.length - 1] = 126;
	return out;
}

/** Replaces the first occurrence of `needle` in `haystack` (which must contain it). */
export function replaceBytes(haystack: Uint8Array, needle: Uint8Array, replacement: Uint8Array) {
	outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
		for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
		return concat(haystack.subarray(0, i), replacement, haystack.subarray(i + needle.length));
	}
	throw new Error('marker not found in update');
}
