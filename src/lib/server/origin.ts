/**
 * The site's own origin, and the check that a browser request comes from it. Shared by the app and
 * the sync server, so nothing here imports SvelteKit.
 */

export type OriginEnv = Partial<Record<'ORIGIN' | 'PORT', string | undefined>>;

/**
 * The origin this site is served from: `ORIGIN` if set (normalised, so `https://Example.org/`
 * becomes `https://example.org`), else `http://localhost:$PORT` (3000 without PORT), which is
 * what `npm start` prints and what `server/index.ts` hands to adapter-node. SvelteKit's CSRF check
 * compares a form post's Origin header with exactly this string (adapter-node builds `url` from
 * ORIGIN), so WebSocket upgrades checked against it follow the same rule as form posts.
 */
export function siteOrigin(env: OriginEnv = process.env): string {
	const configured = env.ORIGIN?.trim();
	if (!configured) return `http://localhost:${env.PORT?.trim() || 3000}`;
	let url: URL;
	try {
		url = new URL(configured);
	} catch {
		throw new Error(`ORIGIN ist keine gültige Adresse: ${configured}`);
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:')
		throw new Error(`ORIGIN muss mit http:// oder https:// beginnen: ${configured}`);
	return url.origin;
}

/**
 * Whether a request that carries browser cookies may act on them. A cookie goes along with any
 * request to this host, also from another site's page (a WebSocket upgrade is not covered by
 * SameSite=Lax cookies the way a form post is by the CSRF check), so the browser's Origin header
 * must be this site's, compared exactly as SvelteKit does: browsers send it in canonical form.
 *
 * No Origin header at all is allowed: every browser sends one on a WebSocket handshake (RFC 6455
 * §4.1 makes it mandatory for browser clients, and page scripts cannot remove it), so a request
 * without one is a non-browser client (a test, the benchmark, a command-line tool). Such a client
 * holds the cookie it sends itself and could as well write any Origin it likes; the check exists
 * to stop another site from using a visitor's cookies, not to keep scripts out. The literal
 * `null` origin (sandboxed frames, `file:` pages) is refused.
 */
export function isAllowedOrigin(originHeader: string | undefined, allowed: string): boolean {
	if (originHeader === undefined) return true;
	return originHeader === allowed;
}

/**
 * Whether a browser stores `Secure` cookies for this origin: on https, and on loopback addresses,
 * which Chromium and Firefox treat as secure contexts for cookies even over plain http (older
 * Safari versions do not: there, log in over https). A plain-http address on a local network
 * (http://192.168.…) is not secure: cookies there cannot be `Secure`, so they cannot carry the
 * `__Host-` prefix either.
 */
export function isSecureCookieOrigin(origin: string): boolean {
	const url = new URL(origin);
	if (url.protocol === 'https:') return true;
	if (url.protocol !== 'http:') return false;
	const host = url.hostname;
	return (
		host === 'localhost' ||
		host.endsWith('.localhost') ||
		/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) ||
		host === '[::1]'
	);
}
