/**
 * The checks every part of a transfer file goes through (transfer.ts, transfer-formats.ts): a
 * refusal names the part and field, so the import page can say where the file is wrong.
 */
export type TransferError =
	| 'empty'
	| 'tooLarge'
	| 'malformed'
	| 'tooDeep'
	| 'otherFormat'
	| 'otherVersion'
	| 'missingPart'
	| 'unknownPart'
	| 'hashMismatch'
	| 'invalidPart'
	| 'invalidDocument'
	| 'workshopExists'
	| 'recentlyDeleted'
	| 'conflict'
	| 'roundTableConflict'
	| 'writeFailed';

export interface DistrictKey {
	level: string;
	code: string;
}

export class Refusal extends Error {
	constructor(
		readonly code: TransferError,
		readonly detail?: string
	) {
		super(code);
	}
}

/** Our own files nest 6 levels deep; anything far deeper is not ours and only costs stack. */
const maxDepth = 32;

/**
 * The deepest nesting of arrays and objects in JSON text, counted without parsing, so a file of a
 * million `[` is refused before `JSON.parse` and our own checks walk it.
 */
export function jsonDepth(text: string, limit = maxDepth): number {
	let depth = 0;
	let deepest = 0;
	let inString = false;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (inString) {
			if (c === 92) i++;
			else if (c === 34) inString = false;
			continue;
		}
		if (c === 34) inString = true;
		else if (c === 91 || c === 123) {
			if (++depth > deepest) deepest = depth;
			if (deepest > limit) return deepest;
		} else if (c === 93 || c === 125) depth--;
	}
	return deepest;
}

export function parseJson(text: string, where: string): unknown {
	if (jsonDepth(text) > maxDepth) throw new Refusal('tooDeep', where);
	try {
		return JSON.parse(text);
	} catch {
		throw new Refusal(where === 'file' ? 'malformed' : 'invalidPart', where);
	}
}

/** Field checks: each throws a refusal that names the field, so the message can say where. */
export const shape = {
	object(value: unknown, path: string): Record<string, unknown> {
		if (typeof value !== 'object' || value === null || Array.isArray(value))
			throw new Refusal('invalidPart', path);
		return value as Record<string, unknown>;
	},
	array(value: unknown, path: string, max = 100_000): unknown[] {
		if (!Array.isArray(value) || value.length > max) throw new Refusal('invalidPart', path);
		return value;
	},
	text(value: unknown, path: string, max = 100_000): string {
		if (typeof value !== 'string' || value.length > max) throw new Refusal('invalidPart', path);
		return value;
	},
	textOrNull(value: unknown, path: string, max = 100_000): string | null {
		return value === null ? null : shape.text(value, path, max);
	},
	id(value: unknown, path: string): string {
		const id = shape.text(value, path, 40);
		if (!/^[a-z0-9]{1,40}$/.test(id)) throw new Refusal('invalidPart', path);
		return id;
	},
	oneOf<T extends string>(value: unknown, allowed: readonly T[], path: string): T {
		if (!allowed.includes(value as T)) throw new Refusal('invalidPart', path);
		return value as T;
	},
	integer(value: unknown, path: string): number {
		if (!Number.isSafeInteger(value)) throw new Refusal('invalidPart', path);
		return value as number;
	},
	integerOrNull(value: unknown, path: string): number | null {
		return value === null ? null : shape.integer(value, path);
	},
	numberOrNull(value: unknown, path: string): number | null {
		if (value === null) return null;
		if (typeof value !== 'number' || !Number.isFinite(value))
			throw new Refusal('invalidPart', path);
		return value;
	},
	districtKeys(value: unknown, path: string): DistrictKey[] {
		return shape.array(value, path).map((item, i) => {
			const d = shape.object(item, `${path}[${i}]`);
			return {
				level: shape.text(d.level, `${path}[${i}].level`, 200),
				code: shape.text(d.code, `${path}[${i}].code`, 200)
			};
		});
	},
	ids(value: unknown, path: string): string[] {
		return shape.array(value, path).map((item, i) => shape.id(item, `${path}[${i}]`));
	}
};

export const keyOf = (d: DistrictKey) => `${d.level}\u0000${d.code}`;

export function dedupe(keys: DistrictKey[]): DistrictKey[] {
	return [...new Map(keys.map((d) => [keyOf(d), d])).values()];
}
