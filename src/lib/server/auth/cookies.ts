import type { Cookies } from '@sveltejs/kit';
import { isSecureCookieOrigin, siteOrigin } from '../origin';
import { sessionCookieName, type SessionKind } from './session';

/**
 * The session cookie's attributes. `Secure` follows the configured origin, not the request:
 * a `__Host-` cookie needs it, and loopback http counts as secure for cookies in browsers.
 * Deleting must repeat them, or the browser refuses to overwrite a `__Host-` cookie.
 */
function sessionCookie(kind: SessionKind) {
	const origin = siteOrigin();
	return {
		name: sessionCookieName(kind, origin),
		options: {
			path: '/',
			httpOnly: true,
			sameSite: 'lax',
			secure: isSecureCookieOrigin(origin)
		} as const
	};
}

export function setSessionCookie(
	cookies: Cookies,
	kind: SessionKind,
	token: string,
	expiresAt: number
): void {
	const { name, options } = sessionCookie(kind);
	cookies.set(name, token, { ...options, expires: new Date(expiresAt) });
}

export function readSessionCookie(cookies: Cookies, kind: SessionKind): string | undefined {
	return cookies.get(sessionCookie(kind).name);
}

export function deleteSessionCookie(cookies: Cookies, kind: SessionKind): void {
	const { name, options } = sessionCookie(kind);
	cookies.delete(name, options);
}
