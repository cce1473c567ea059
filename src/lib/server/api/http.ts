import { isHttpError, json, type RequestEvent } from '@sveltejs/kit';
import { can } from '../../domain/roles';
import type { Checked, FieldError } from '../../domain/measures';
import { describeFieldError } from '../../domain/field-error';
import { translate, type MessageKey } from '../../i18n';
import { validateApiToken, type ApiScope } from '../api-tokens';
import { jsonBodyErrors, type JsonBodyStatus } from './json-body';

/**
 * The JSON API's edge: who is calling, and errors as `{ error: { code, message, field? } }`.
 * Handlers throw ApiError (or the refusals of `readJsonBody`); `apiRoute` turns it into a response.
 */
export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
		readonly field?: string
	) {
		super(message);
	}
}

export interface ApiCaller {
	userId: string;
	name: string;
	via: 'token' | 'session';
}

type Handler = (event: RequestEvent, caller: ApiCaller) => Promise<Response>;

const say = (event: RequestEvent, key: MessageKey, params?: Record<string, string | number>) =>
	translate(event.locals.locale, key, params);

/**
 * A bearer token wins over a cookie, so a script never acts with someone's browser session by
 * accident. Reading needs the read scope or a staff session with `planning.view`; writing needs
 * the write scope or `planning.manage`.
 */
export async function authenticate(event: RequestEvent, need: ApiScope): Promise<ApiCaller> {
	const header = event.request.headers.get('authorization');
	if (header !== null) {
		const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
		const token = match ? await validateApiToken(event.locals.services.db, match[1]) : null;
		if (!token) throw new ApiError(401, 'unauthorized', say(event, 'api.unauthorized'));
		if (need === 'write' && token.scope !== 'write')
			throw new ApiError(403, 'insufficient_scope', say(event, 'api.readOnlyToken'));
		return { userId: token.actor.userId, name: token.actor.name, via: 'token' };
	}
	const actor = event.locals.actor;
	if (!actor) throw new ApiError(401, 'unauthorized', say(event, 'api.unauthorized'));
	if (actor.kind !== 'staff' || !can(actor, need === 'write' ? 'planning.manage' : 'planning.view'))
		throw new ApiError(403, 'forbidden', say(event, 'error.forbidden'));
	return { userId: actor.userId, name: actor.name, via: 'session' };
}

/**
 * The error's field as a path into the body the caller sent, so a client can point at what it
 * wrote: `target.indicatorKey` for a nested target (`targetIndicatorKey` when it was sent flat),
 * `districts[2]` for the third district. The checks name form fields; forms keep those names.
 * A field the body did not hold (a PATCH fills in stored values) keeps its plain name.
 */
export function bodyPath(error: FieldError, body?: Record<string, unknown>): string {
	const { field } = error;
	if (!body) return field;
	const nested = /^target(IndicatorKey|Value|Year)$/.exec(field);
	if (nested && body.target && typeof body.target === 'object' && !(field in body)) {
		const part = nested[1];
		return `target.${part === 'IndicatorKey' ? 'indicatorKey' : part.toLowerCase()}`;
	}
	const list = body[field];
	const item = error.params?.item;
	if (Array.isArray(list) && item !== undefined) {
		const index = list.findIndex((entry) => listEntryNames(entry).includes(item));
		if (index >= 0) return `${field}[${index}]`;
	}
	return field;
}

/** The ways a check may have named a list entry: as sent, as `level:code`, or cut short. */
function listEntryNames(entry: unknown): string[] {
	const names: string[] = [];
	const shown = typeof entry === 'string' ? entry : (JSON.stringify(entry) ?? String(entry));
	names.push(shown, shown.length > 60 ? `${shown.slice(0, 59)}…` : shown);
	if (entry && typeof entry === 'object') {
		const { level, code } = entry as Record<string, unknown>;
		names.push(`${String(level)}:${String(code)}`);
	}
	return names;
}

export function invalid(
	event: RequestEvent,
	error: FieldError,
	body?: Record<string, unknown>
): ApiError {
	return new ApiError(
		400,
		'validation_failed',
		describeFieldError((key, params) => say(event, key, params), error),
		bodyPath(error, body)
	);
}

/** The checked value, or a 400 naming the field by its path in `body` (see `bodyPath`). */
export function valueOf<T>(
	event: RequestEvent,
	checked: Checked<T>,
	body?: Record<string, unknown>
): T {
	if (!checked.ok) throw invalid(event, checked.error, body);
	return checked.value;
}

/** The API's error body, for refusals made outside a handler too (hooks.server.ts). */
export function apiErrorResponse(
	status: number,
	code: string,
	message: string,
	field?: string,
	headers: Record<string, string> = {}
): Response {
	return json({ error: { code, message, ...(field ? { field } : {}) } }, { status, headers });
}

export const isApiPath = (pathname: string) => pathname === '/api' || pathname.startsWith('/api/');

/**
 * JSON as the API answers it: every `…At` number (milliseconds, as the store keeps times) becomes
 * an ISO 8601 timestamp in UTC (`2026-06-30T08:15:00.000Z`), whatever module made the object.
 * Calendar days (`dueOn`, `reportedOn`) are ISO dates already and stay as they are.
 */
export function apiJson(data: unknown, init?: ResponseInit): Response {
	return json(isoTimestamps(data), init);
}

export function isoTimestamps(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(isoTimestamps);
	if (!value || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype)
		return value;
	return Object.fromEntries(
		Object.entries(value).map(([key, field]) => [
			key,
			/At$/.test(key) && typeof field === 'number' && Number.isFinite(field)
				? new Date(field).toISOString()
				: isoTimestamps(field)
		])
	);
}

/**
 * For `export const fallback` in each API route: a method the route does not take gets a JSON
 * 405 naming the ones it does (SvelteKit's own answer is plain text).
 */
export function methodNotAllowed(...allowed: string[]) {
	return (event: RequestEvent): Response =>
		apiErrorResponse(
			405,
			'method_not_allowed',
			say(event, 'api.methodNotAllowed', { methods: allowed.join(', ') }),
			undefined,
			{ allow: allowed.join(', ') }
		);
}

export function notFound(event: RequestEvent): ApiError {
	return new ApiError(404, 'not_found', say(event, 'api.notFound'));
}

/** The body reader's refusals (`error(status, message)`) in the API's shape, with a stable code. */
function asApiError(error: unknown): unknown {
	if (!isHttpError(error)) return error;
	const code = jsonBodyErrors[error.status as JsonBodyStatus] ?? 'bad_request';
	return new ApiError(error.status, code, error.body.message);
}

export function apiRoute(need: ApiScope, handler: Handler) {
	return async (event: RequestEvent): Promise<Response> => {
		try {
			const caller = await authenticate(event, need);
			return await handler(event, caller);
		} catch (thrown) {
			const error = asApiError(thrown);
			if (error instanceof ApiError)
				return apiErrorResponse(
					error.status,
					error.code,
					error.message,
					error.field,
					error.status === 401 ? { 'www-authenticate': 'Bearer' } : {}
				);
			// Still JSON: a client must not have to parse an HTML error page. The cause goes to the
			// log only; the answer names nothing about the server.
			console.error('[api]', event.request.method, event.url.pathname, error);
			return apiErrorResponse(500, 'internal_error', say(event, 'api.internalError'));
		}
	};
}
