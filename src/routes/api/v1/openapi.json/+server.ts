import { apiJson, methodNotAllowed } from '$lib/server/api/http';
import { openApiDocument } from '$lib/server/api/openapi';
import type { RequestHandler } from './$types';

/** Public: the description holds no data, and clients read it before they have a key. */
export const GET: RequestHandler = () => apiJson(openApiDocument);

export const fallback = methodNotAllowed('GET');
