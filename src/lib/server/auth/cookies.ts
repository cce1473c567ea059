import type { Cookies } from '@sveltejs/kit';

export function setSessionCookie(
	cookies: Cookies,
	name: string,
	token: string,
	expiresAt: number,
	url: URL
): void {
	cookies.set(name, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		// Secure wherever the app runs on https; plain http only happens on a local machine.
		secure: url.protocol === 'https:',
		expires: new Date(expiresAt)
	});
}
