import type { Handle, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { dev } from '$app/environment';
import { deleteSessionCookie, readSessionCookie, setSessionCookie } from '$lib/server/auth/cookies';
import { sessionKinds, validateSessionToken } from '$lib/server/auth/session';
import { frameGuard } from '$lib/server/frame-guard';
import { compressResponses } from '$lib/server/compress-responses';
import { apiErrorResponse, isApiPath } from '$lib/server/api/http';
import { isCrossSiteForm } from '$lib/server/cross-site-forms';
import { devServices, servicesOfRequest } from '$lib/server/services';
import { dirOf, loadAllLocales, translate } from '$lib/i18n';
import { localeOfRequest, simpleOfRequest } from '$lib/server/i18n/locale';

/**
 * The store, the live documents and the access signal, as the entry point created them: on the
 * request in production (server/index.ts, through adapter-node's `platform.req`); in `npm run dev`,
 * where there is no platform, from the Vite plugin (vite.config.ts). See src/lib/server/services.ts.
 */
const services: Handle = ({ event, resolve }) => {
	const provided = event.platform ? servicesOfRequest(event.platform.req) : undefined;
	const found = provided ?? (dev ? devServices() : undefined);
	if (!found)
		throw new Error('Keine Dienste: die App startet über server/index.ts oder `npm run dev`.');
	event.locals.services = found;
	return resolve(event);
};

/** German by default; the chosen language from `?lang=`, the cookie set by /lang, or on a first
 * visit the browser's languages (see $lib/server/i18n/locale). Arabic pages are right to left. */
const locale: Handle = ({ event, resolve }) => {
	event.locals.locale = localeOfRequest(event.url, event.cookies, event.request.headers);
	event.locals.simpleLanguage = simpleOfRequest(event.url, event.cookies);
	return resolve(event, {
		transformPageChunk: ({ html }) =>
			html.replace('%lang%', event.locals.locale).replace('%dir%', dirOf(event.locals.locale))
	});
};

/**
 * Staff session first, then the guest session. An invalid or expired cookie is removed; a session
 * renewed by its sliding expiry gets a fresh cookie.
 */
const auth: Handle = async ({ event, resolve }) => {
	event.locals.actor = null;
	event.locals.sessionId = null;
	const { db } = event.locals.services;
	for (const kind of sessionKinds) {
		const token = readSessionCookie(event.cookies, kind);
		if (!token) continue;
		const session = await validateSessionToken(db, token);
		if (!session) {
			deleteSessionCookie(event.cookies, kind);
			continue;
		}
		if (!event.locals.actor) {
			event.locals.actor = session.actor;
			event.locals.sessionId = session.id;
		}
		setSessionCookie(event.cookies, kind, token, session.expiresAt);
	}
	return resolve(event);
};

/**
 * Only the import routes take big files; the process-wide body limit is raised for them (see
 * server/index.ts). Every other route keeps a small limit, checked before any body is read, so
 * a login form cannot be sent 50 MB.
 */
const smallBodyBytes = 1024 * 1024;
const bodySize: Handle = ({ event, resolve }) => {
	if (event.url.pathname.startsWith('/districts/import')) return resolve(event);
	const { headers } = event.request;
	// A chunked body announces no length and would otherwise be read up to the process-wide
	// limit; browsers always send Content-Length for forms and fetch bodies.
	const refuse = (status: number, key: 'error.lengthRequired' | 'error.bodyTooLarge') =>
		// The unread body stays on the socket: the client must not send its next request there.
		isApiPath(event.url.pathname)
			? apiErrorResponse(
					status,
					status === 411 ? 'length_required' : 'body_too_large',
					translate(event.locals.locale, key),
					undefined,
					{ connection: 'close' }
				)
			: new Response(translate(event.locals.locale, key), {
					status,
					headers: { connection: 'close' }
				});
	if (headers.has('transfer-encoding') && !headers.has('content-length'))
		return refuse(411, 'error.lengthRequired');
	if (Number(headers.get('content-length') ?? 0) > smallBodyBytes)
		return refuse(413, 'error.bodyTooLarge');
	return resolve(event);
};

/** SvelteKit's CSRF rule, answered in JSON on API paths (see cross-site-forms.ts). */
const crossSite: Handle = ({ event, resolve }) => {
	if (!isCrossSiteForm(event.request, event.url)) return resolve(event);
	const message = translate(event.locals.locale, 'api.crossSite');
	return isApiPath(event.url.pathname)
		? apiErrorResponse(403, 'cross_site_request', message)
		: new Response(message, { status: 403 });
};

// frameGuard first, so it sees the final response of every other hook, refusals included.
// compressResponses outermost: it compresses the final answer, headers and all.
/** The server answers in every language from its first request (pages, documents, messages). */
export const init: ServerInit = loadAllLocales;

export const handle = sequence(
	compressResponses,
	frameGuard,
	services,
	locale,
	crossSite,
	bodySize,
	auth
);
