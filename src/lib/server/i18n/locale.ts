import type { Cookies } from '@sveltejs/kit';
import { localeFromAcceptLanguage, toLocale, type Locale } from '$lib/i18n';

const extraLocales: readonly Locale[] = ['tr', 'ar', 'uk', 'ru'];

export const localeCookie = 'lang';

/** Remembered for a year; readable by scripts is fine (it holds only a language code). */
export function rememberLocale(cookies: Cookies, locale: Locale, secure: boolean): void {
	cookies.set(localeCookie, locale, {
		path: '/',
		httpOnly: false,
		sameSite: 'lax',
		secure,
		maxAge: 60 * 60 * 24 * 365
	});
}

/**
 * The language of a request: a `?lang=` link first (remembered), then the cookie, then on a first
 * visit without a cookie the browser's Accept-Language (extra languages only), else German. Unknown or malformed codes
 * anywhere give German, never an error.
 */
export function localeOfRequest(url: URL, cookies: Cookies, headers: Headers): Locale {
	const linked = url.searchParams.get('lang');
	if (linked !== null) {
		const locale = toLocale(linked);
		rememberLocale(cookies, locale, url.protocol === 'https:');
		return locale;
	}
	const chosen = cookies.get(localeCookie);
	if (chosen !== undefined) return toLocale(chosen);
	// First visit: a phone set to Turkish, Arabic, Ukrainian or Russian gets that language at once.
	// German and English browsers keep German, the product's default (a German municipality's
	// staff often run English systems; the switch is one tap away).
	const accepted = localeFromAcceptLanguage(headers.get('accept-language'));
	return accepted && extraLocales.includes(accepted) ? accepted : 'de';
}

export const simpleCookie = 'einfach';

/** Einfache Sprache (issue 14 point 2): remembered like the language, for a year. */
export function rememberSimple(cookies: Cookies, simple: boolean, secure: boolean): void {
	cookies.set(simpleCookie, simple ? '1' : '0', {
		path: '/',
		httpOnly: false,
		sameSite: 'lax',
		secure,
		maxAge: 60 * 60 * 24 * 365
	});
}

/**
 * Whether the reader chose Einfache Sprache: a `?einfach=` link first (remembered), then the
 * cookie. Only `1` means on; any other value (`0`, garbage) gives the default, off.
 */
export function simpleOfRequest(url: URL, cookies: Cookies): boolean {
	const linked = url.searchParams.get(simpleCookie);
	if (linked !== null) {
		rememberSimple(cookies, linked === '1', url.protocol === 'https:');
		return linked === '1';
	}
	return cookies.get(simpleCookie) === '1';
}
