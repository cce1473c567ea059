import { apiErrorResponse } from '$lib/server/api/http';
import { translate } from '$lib/i18n';
import type { RequestHandler } from './$types';

/**
 * Any other address under /api: a JSON 404 for every method, where SvelteKit would answer with
 * the HTML error page. The API's own routes are more specific and always win over this one.
 */
export const fallback: RequestHandler = ({ locals }) =>
	apiErrorResponse(404, 'not_found', translate(locals.locale, 'api.noSuchPath'));
