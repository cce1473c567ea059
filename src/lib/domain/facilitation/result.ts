/**
 * The one result shape of the facilitation rules: a new value, or a stable error code that the UI
 * translates and the server sends back. Codes are part of the contract; never reword them.
 */
export type Result<T, E extends string> = { ok: true; value: T } | { ok: false; error: E };

export function ok<T>(value: T): { ok: true; value: T } {
	return { ok: true, value };
}

export function fail<E extends string>(error: E): { ok: false; error: E } {
	return { ok: false, error };
}
