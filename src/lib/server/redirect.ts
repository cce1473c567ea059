/**
 * Where to send someone after login: only a path on this site. Anything else becomes `fallback`.
 *
 * Browsers are lenient where an attacker wants them to be: URL parsers drop tabs and newlines
 * (`/\t/evil.example` is `//evil.example`, protocol-relative, off-site), treat `\` like `/`, and
 * collapse dot segments (`/.//evil.example` is `//evil.example` again). Node refuses control
 * characters and code points above U+00FF in a header, which made `%0a` a 500. So the value is
 * refused when any decoding of it holds whitespace, control characters or backslashes, or starts
 * with `//`; what passes is resolved against a dummy origin and sent in that normalised,
 * percent-encoded form, and the normalised form is checked once more. Strict on purpose: the app
 * only ever sends its own page paths here, and none of them holds encoded whitespace.
 */
const probeOrigin = 'http://localhost';
const maxLength = 2048;
/** Whitespace (ASCII and Unicode), control and format characters, and the backslash. */
const unsafe = /[\s\p{Cc}\p{Cf}\p{Zl}\p{Zp}\\]/u;

export function safeRedirectTarget(value: unknown, fallback = '/'): string {
	if (typeof value !== 'string' || value.length > maxLength) return fallback;
	if (!value.startsWith('/') || !decodingsAreSafe(value)) return fallback;
	let url: URL;
	try {
		url = new URL(value, probeOrigin);
	} catch {
		return fallback;
	}
	if (url.origin !== probeOrigin) return fallback;
	const target = url.pathname + url.search + url.hash;
	if (!target.startsWith('/') || target.startsWith('//') || !decodingsAreSafe(target))
		return fallback;
	return target;
}

/** The value and each percent-decoding of it (a few rounds: double encoding is common). */
function decodingsAreSafe(value: string): boolean {
	let current = value;
	for (let round = 0; round < 4; round++) {
		if (unsafe.test(current) || current.startsWith('//')) return false;
		let decoded: string;
		try {
			decoded = decodeURIComponent(current);
		} catch {
			return false;
		}
		if (decoded === current) return true;
		current = decoded;
	}
	// Still changing after several rounds: nobody links like that by accident.
	return false;
}
