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

export function invalid(event: RequestEvent, error: FieldError): ApiError {
	return new ApiError(
		400,
		'validation_failed',
		describeFieldError((key, params) => say(event, key, params), error),
		error.field
	);
}

export function valueOf<T>(event: RequestEvent, checked: Checked<T>): T {
	if (!checked.ok) throw invalid(event, checked.error);
	return checked.value;
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
				return json(
					{
						error: {
							code: error.code,
							message: error.message,
							...(error.field ? { field: error.field } : {})
						}
					},
					{
						status: error.status,
						headers: error.status === 401 ? { 'www-authenticate': 'Bearer' } : {}
					}
				);
			throw error;
		}
	};
}
